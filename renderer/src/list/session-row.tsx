// A session's header row: state, time left, renewal, last sign-in, progress or
// error, and its actions. Fixed height: nothing moves when the state changes.
import type { CSSProperties } from 'react';
import type { RenewalMode, SessionView, SignInPhase } from '../../../app/shared/model';
import { Icon } from '../components/icons';
import { StateBadge, STATE_WORD } from '../components/state-badge';
import { agoText, timeLeftText } from '../time-text';
import { useListActions } from './list-actions';
import { hostOf } from './rows';
import { IconButton } from '../components/icon-button';

const PHASE_TEXT: Readonly<Record<SignInPhase, string>> = {
  registering: 'Starting sign-in…',
  'waiting-for-browser': 'Waiting for browser…',
  'waiting-for-user-code': 'Confirm this code in the browser:',
  'exchanging-code': 'Finishing sign-in…',
  'writing-token': 'Saving the sign-in…',
};

export function needsSignIn(session: SessionView): boolean {
  return session.state !== 'valid';
}

/** Whether it renews by itself, as the core says (never "renews" for a session that will lapse). */
const RENEWAL_TEXT: Readonly<Record<RenewalMode, string | null>> = {
  automatic: 'renews automatically',
  off: 'renewal off',
  failing: 'renewal failing',
  'not-possible': null,
};

interface SessionRowProps {
  readonly session: SessionView;
  readonly shown: number;
  readonly total: number;
  readonly collapsed: boolean;
  readonly id: string;
  readonly active: boolean;
  readonly now: number;
  readonly style: CSSProperties;
  readonly position: number;
  readonly setSize: number;
}

function OpenPageAgain({ session }: { session: SessionView }) {
  const actions = useListActions();
  if (!session.signIn?.url) return null;
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => actions.reopenSignInPage(session.name)}
    >
      Open page again
    </button>
  );
}

/** The third line: an error, a problem, or the session's facts. */
function NoticeLine({ session, details }: { session: SessionView; details: string }) {
  if (session.lastError) {
    return (
      <div className="row-line error-line" title={session.lastError.message}>
        <Icon name="alert" />
        <span className="truncate">{session.lastError.message}</span>
      </div>
    );
  }
  const problem = session.problems[0];
  if (problem) {
    return (
      <div className={`row-line problem-line severity-${problem.severity}`} title={problem.message}>
        <Icon name="warning" />
        <span className="truncate">{problem.message}</span>
      </div>
    );
  }
  return (
    <div className="row-line details" title={details}>
      <span className="truncate">{details}</span>
    </div>
  );
}

/** Lines two and three: state and time, then progress or a notice; a device code takes both. */
function SessionLines(props: { session: SessionView; now: number; details: string }) {
  const { session, now, details } = props;
  const actions = useListActions();
  const progress = session.signIn;
  if (progress?.userCode) {
    const code = progress.userCode;
    return (
      <div className="sign-in-block" data-testid="sign-in-progress">
        <div className="row-line progress-line">
          <Icon name="spinner" />
          <span className="progress-text truncate">{PHASE_TEXT[progress.phase]}</span>
          <OpenPageAgain session={session} />
        </div>
        <div className="row-line code-line">
          <code className="user-code" aria-label="Device user code">
            {code}
          </code>
          <button
            type="button"
            className="button"
            aria-label={`Copy code ${code}`}
            onClick={() => actions.copyText(code, 'the code')}
          >
            <Icon name="copy" /> Copy code
          </button>
        </div>
      </div>
    );
  }
  const lastSignIn = agoText(session.lastSignIn, now);
  const extra = [RENEWAL_TEXT[session.renewal.mode], lastSignIn ? `signed in ${lastSignIn}` : null]
    .filter(Boolean)
    .join(' · ');
  const time = timeLeftText(session, now);
  return (
    <>
      <div className="row-line status">
        <StateBadge state={session.state} />
        <span className="time-left" data-testid="time-left">
          {time}
        </span>
        {extra ? (
          <span className="status-extra truncate">
            {time ? '· ' : ''}
            {extra}
          </span>
        ) : null}
      </div>
      {progress ? (
        <div className="row-line progress-line" data-testid="sign-in-progress">
          <Icon name="spinner" />
          <span className="progress-text truncate">{PHASE_TEXT[progress.phase]}</span>
          <OpenPageAgain session={session} />
        </div>
      ) : (
        <NoticeLine session={session} details={details} />
      )}
    </>
  );
}

export function SessionRow(props: SessionRowProps) {
  const { session, shown, total, collapsed, id, active, now, style } = props;
  const actions = useListActions();
  const title = session.label;
  const host = hostOf(session.startUrl);
  const signingIn = session.signIn !== null;
  const count = shown === total ? `${total}` : `${shown} of ${total}`;
  const details = [host, session.region, `${count} ${total === 1 ? 'profile' : 'profiles'}`]
    .filter(Boolean)
    .join(' · ');

  return (
    <div
      id={id}
      role="listitem"
      aria-label={[`Session ${title}`, STATE_WORD[session.state], timeLeftText(session, now)]
        .filter(Boolean)
        .join(', ')}
      aria-posinset={props.position}
      aria-setsize={props.setSize}
      tabIndex={active ? 0 : -1}
      className={`row session-row state-${session.state}${active ? ' active' : ''}`}
      data-row="session"
      data-session={session.name}
      data-state={session.state}
      style={style}
    >
      <div className="row-line head">
        <button
          type="button"
          className="icon-button chevron"
          aria-label={`${collapsed ? 'Show' : 'Hide'} the ${count} profiles of ${title}`}
          aria-expanded={!collapsed}
          onClick={() => actions.toggleCollapsed(session.name)}
        >
          <Icon name="chevron" />
        </button>
        <span className="session-name truncate" title={session.name}>
          {title}
        </span>
        <span className="row-actions">
          {signingIn ? (
            <button
              type="button"
              className="button slot-primary"
              onClick={() => actions.cancelSignIn(session.name)}
              aria-label={`Cancel sign-in to ${title}`}
            >
              Cancel
            </button>
          ) : (
            <button
              type="button"
              className={`button slot-primary${needsSignIn(session) ? ' primary' : ''}`}
              onClick={() => actions.signIn(session.name)}
              aria-label={`Sign in to ${title}`}
            >
              Sign in
            </button>
          )}
          <IconButton
            icon="signOut"
            label={`Sign out of ${title}`}
            title="Sign out"
            disabled={session.state === 'signed-out' || signingIn}
            onClick={() => actions.signOut(session.name)}
          />
          <IconButton
            icon="discover"
            label={`Discover accounts of ${title}`}
            title="Discover accounts"
            onClick={() => actions.discover(session.name)}
          />
        </span>
      </div>
      <SessionLines session={session} now={now} details={details} />
    </div>
  );
}
