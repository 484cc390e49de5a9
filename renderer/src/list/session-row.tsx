// A session's row: its name and actions, its state and time left, and a last
// line that says in full what needs saying (an error, a problem, why it will
// not renew) or the session's facts. Sign in is the primary action only when
// the session needs it; a valid session keeps "Sign in again" in its menu.
import type { CSSProperties } from 'react';
import type { SessionView, SignInPhase } from '../../../app/shared/model';
import { useActions } from '../app/actions-context';
import { IconButton } from '../components/icon-button';
import { Icon } from '../components/icons';
import { MenuButton } from '../components/menu-button';
import { StateBadge } from '../components/state-badge';
import { TimeText } from '../components/time-text';
import {
  needsSignIn,
  renewalWords,
  sessionDetails,
  sessionNotice,
  STATE_WORD,
} from '../session-words';

const PHASE_TEXT: Readonly<Record<SignInPhase, string>> = {
  registering: 'Starting sign-in…',
  'waiting-for-browser': 'Waiting for browser…',
  'waiting-for-user-code': 'Confirm this code in the browser:',
  'exchanging-code': 'Finishing sign-in…',
  'writing-token': 'Saving the sign-in…',
};

interface SessionRowProps {
  readonly session: SessionView;
  readonly shown: number;
  readonly total: number;
  readonly collapsed: boolean;
  readonly muted: boolean;
  readonly id: string;
  readonly active: boolean;
  readonly style: CSSProperties;
  readonly position: number;
  readonly setSize: number;
}

/** What Enter does on this row, for its visible hint. */
export function sessionEnterHint(session: SessionView, collapsed: boolean): string | null {
  if (session.signIn) return null;
  if (needsSignIn(session)) return 'sign in';
  return collapsed ? 'show profiles' : 'hide profiles';
}

function OpenPageAgain({ session }: { session: SessionView }) {
  const actions = useActions();
  if (!session.signIn?.url) return null;
  return (
    <button
      type="button"
      className="link-button"
      tabIndex={-1}
      data-control=""
      onClick={() => void actions.reopenSignInPage(session.name)}
    >
      Open page again
    </button>
  );
}

function Progress({ session }: { session: SessionView }) {
  const actions = useActions();
  const progress = session.signIn!;
  const line = (
    <div className="row-line progress-line" data-testid="sign-in-progress">
      <Icon name="spinner" />
      <span className="progress-text truncate">{PHASE_TEXT[progress.phase]}</span>
      <OpenPageAgain session={session} />
    </div>
  );
  if (!progress.userCode) return line;
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
          tabIndex={-1}
          data-control=""
          onClick={() => void actions.copyText(code, 'the code')}
        >
          <Icon name="copy" /> Copy code
        </button>
      </div>
    </div>
  );
}

export function SessionRow(props: SessionRowProps) {
  const { session, shown, total, collapsed, muted, id, active, style } = props;
  const actions = useActions();
  const title = session.label;
  const signingIn = session.signIn !== null;
  const notice = signingIn ? null : sessionNotice(session);
  const renewal = renewalWords(session);
  const hint = sessionEnterHint(session, collapsed);
  const count = shown === total ? `${total}` : `${shown} of ${total}`;
  const ids = { time: `${id}-time`, notice: `${id}-notice`, hint: `${id}-hint` };

  return (
    <div
      id={id}
      role="listitem"
      // Fixed: the countdown is in the description, so the name never changes under focus.
      aria-label={`Session ${title}, ${STATE_WORD[session.state]}`}
      aria-describedby={[ids.time, notice ? ids.notice : null, hint ? ids.hint : null]
        .filter(Boolean)
        .join(' ')}
      aria-keyshortcuts={hint ? 'Enter' : undefined}
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
          tabIndex={-1}
          data-control=""
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
              className="button"
              tabIndex={-1}
              data-control=""
              onClick={() => void actions.cancelSignIn(session.name)}
              aria-label={`Cancel sign-in to ${title}`}
            >
              Cancel
            </button>
          ) : needsSignIn(session) ? (
            <button
              type="button"
              className="button primary"
              tabIndex={-1}
              data-control=""
              onClick={() => void actions.signIn(session.name)}
              aria-label={`Sign in to ${title}`}
            >
              Sign in
            </button>
          ) : null}
          <IconButton
            icon="discover"
            label={`Discover accounts of ${title}`}
            title="Discover accounts"
            inRow
            onClick={() => actions.discover(session.name)}
          />
          <IconButton
            icon="signOut"
            label={`Sign out of ${title}`}
            title="Sign out"
            inRow
            disabled={session.state === 'signed-out' || signingIn}
            onClick={() => void actions.signOut(session.name)}
          />
          <MenuButton
            label={`More actions for ${title}`}
            inRow
            items={[
              ...(needsSignIn(session) || signingIn
                ? []
                : [{ label: 'Sign in again', run: () => void actions.signIn(session.name) }]),
              {
                label: muted ? 'Turn notifications on' : 'Mute notifications',
                run: () => void actions.toggleMute(session.name),
              },
            ]}
          />
        </span>
      </div>
      {signingIn ? (
        <Progress session={session} />
      ) : (
        <>
          <div className="row-line status">
            <StateBadge state={session.state} />
            <TimeText
              kind="expiry"
              iso={session.expiresAt}
              id={ids.time}
              className="time-left"
              testId="time-left"
            />
            {renewal ? <span className="status-extra truncate">{renewal}</span> : null}
          </div>
          <div className="row-line last-line">
            {notice ? (
              <p
                id={ids.notice}
                className={`notice-text tone-${notice.tone}${notice.tone === 'error' ? ' error-line' : ''}`}
                data-testid="row-notice"
              >
                <Icon name={notice.tone === 'error' ? 'alert' : 'warning'} />
                <span>{notice.text}</span>
              </p>
            ) : (
              <span className="details truncate">{sessionDetails(session, shown, total)}</span>
            )}
            {hint ? (
              <span id={ids.hint} className="enter-hint">
                <kbd>Enter</kbd> {hint}
              </span>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}
