// Wide windows: everything about the selected session or profile, in full,
// with its actions, next to the list.
import type { ReactNode } from 'react';
import type { ProfileView, SessionView } from '../../../app/shared/model';
import { useActions } from '../app/actions-context';
import type { ListRow } from '../list/rows';
import {
  chainedConsoleTitle,
  needsSignIn,
  profileDetails,
  profileNotice,
  renewalWords,
  sessionNotice,
  STATE_WORD,
} from '../session-words';
import { StateBadge } from './state-badge';
import { TimeText } from './time-text';
import { Icon } from './icons';

const RENEWAL_TITLE = {
  automatic: 'Renews automatically',
  off: 'Off (Preferences)',
  failing: 'Failing',
  'not-possible': 'Not possible',
} as const;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function SessionDetails({ session, profiles }: { session: SessionView; profiles: number }) {
  const actions = useActions();
  const notice = sessionNotice(session);
  const renewal = renewalWords(session);
  const signingIn = session.signIn !== null;
  return (
    <>
      <h2 id="details-title">{session.label}</h2>
      <p className="details-state">
        <StateBadge state={session.state} />
        <TimeText kind="expiry" iso={session.expiresAt} />
      </p>
      {notice ? (
        <p className={`notice-text tone-${notice.tone}`}>
          <Icon name={notice.tone === 'error' ? 'alert' : 'warning'} />
          <span>{notice.text}</span>
        </p>
      ) : null}
      <div className="details-actions">
        {signingIn ? (
          <button
            type="button"
            className="button"
            onClick={() => void actions.cancelSignIn(session.name)}
          >
            Cancel sign-in
          </button>
        ) : (
          <button
            type="button"
            className={`button${needsSignIn(session) ? ' primary' : ''}`}
            onClick={() => void actions.signIn(session.name)}
          >
            {needsSignIn(session) ? 'Sign in' : 'Sign in again'}
          </button>
        )}
        <button type="button" className="button" onClick={() => actions.discover(session.name)}>
          Discover accounts
        </button>
        <button
          type="button"
          className="button"
          disabled={session.state === 'signed-out' || signingIn}
          onClick={() => void actions.signOut(session.name)}
        >
          Sign out
        </button>
      </div>
      <dl className="facts">
        <Fact term="State">{STATE_WORD[session.state]}</Fact>
        <Fact term="Renewal">
          {renewal ? RENEWAL_TITLE[session.renewal.mode] : 'Sign in first'}
          {session.renewal.reason ? (
            <span className="fact-note">{session.renewal.reason}</span>
          ) : null}
        </Fact>
        <Fact term="Token updated">
          <TimeText kind="ago" iso={session.lastSignIn} />
          {session.lastSignIn ? null : 'never'}
        </Fact>
        <Fact term="Start URL">{session.startUrl ?? '—'}</Fact>
        <Fact term="Region">{session.region ?? '—'}</Fact>
        <Fact term="Profiles">{profiles}</Fact>
        <Fact term="Token file">
          <code className="path">{session.tokenFile}</code>
        </Fact>
      </dl>
    </>
  );
}

function ProfileDetails(props: {
  profile: ProfileView;
  session: SessionView | null;
  accountName: string | null;
  copyDescription: string;
}) {
  const { profile, session, accountName } = props;
  const actions = useActions();
  const notice = profileNotice(profile);
  return (
    <>
      <h2 id="details-title">{profile.name}</h2>
      <p className="details-state">
        {session ? (
          <>
            <StateBadge state={session.state} />
            <span>{session.label}</span>
          </>
        ) : (
          <span>Not an SSO profile</span>
        )}
      </p>
      {notice ? (
        <p className={`notice-text tone-${notice.tone}`}>
          <Icon name="warning" />
          <span>{notice.text}</span>
        </p>
      ) : null}
      <div className="details-actions">
        {session && needsSignIn(session) && !session.signIn ? (
          <button
            type="button"
            className="button primary"
            onClick={() => void actions.signIn(session.name)}
          >
            Sign in to {session.label}
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          onClick={() => void actions.quickCopy(profile.name)}
        >
          Copy export ({props.copyDescription})
        </button>
        <button type="button" className="button" onClick={() => actions.openExport(profile.name)}>
          Export options…
        </button>
        <button
          type="button"
          className="button"
          disabled={profile.kind !== 'sso'}
          title={profile.kind === 'chained' ? chainedConsoleTitle(profile.name) : undefined}
          onClick={() => void actions.openConsole(profile.name)}
        >
          Open console
        </button>
        <button type="button" className="button" onClick={() => actions.diagnose(profile.name)}>
          Diagnostics
        </button>
      </div>
      <dl className="facts">
        <Fact term="Details">{profileDetails(profile, accountName) || '—'}</Fact>
        <Fact term="Account">
          {profile.accountId ? `${accountName ? `${accountName} ` : ''}${profile.accountId}` : '—'}
        </Fact>
        <Fact term="Role">{profile.roleArn ?? profile.roleName ?? '—'}</Fact>
        {profile.sourceProfile ? <Fact term="Source profile">{profile.sourceProfile}</Fact> : null}
        <Fact term="Region">{profile.region ?? '—'}</Fact>
      </dl>
    </>
  );
}

export function DetailsPane({
  row,
  profileCount,
  copyDescription,
}: {
  row: ListRow | null;
  profileCount: (session: string) => number;
  copyDescription: string;
}) {
  return (
    <aside className="details-pane" aria-labelledby="details-title" data-testid="details-pane">
      {row?.kind === 'session' ? (
        <SessionDetails session={row.session} profiles={profileCount(row.session.name)} />
      ) : row?.kind === 'profile' ? (
        <ProfileDetails
          profile={row.profile}
          session={row.session}
          accountName={row.accountName}
          copyDescription={copyDescription}
        />
      ) : (
        <h2 id="details-title" className="hint">
          Nothing selected
        </h2>
      )}
    </aside>
  );
}
