// One profile: name, account (and its name once discovered), role, region, its
// actions, and its problem in full when it has one. Enter copies the export in
// the remembered shell and mode (the row says so while it has focus).
import type { CSSProperties } from 'react';
import type { ProfileView, SessionView } from '../../../app/shared/model';
import { useActions } from '../app/actions-context';
import { CopyButton, IconButton } from '../components/icon-button';
import { Icon } from '../components/icons';
import { StateBadge } from '../components/state-badge';
import { chainedConsoleTitle, profileDetails, profileNotice } from '../session-words';

interface ProfileRowProps {
  readonly profile: ProfileView;
  readonly session: SessionView | null;
  readonly favourite: boolean;
  readonly pinned: boolean;
  readonly accountName: string | null;
  readonly id: string;
  readonly active: boolean;
  readonly style: CSSProperties;
  readonly position: number;
  readonly setSize: number;
  /** e.g. "bash, profile": what the copy button and Enter copy. */
  readonly copyDescription: string;
}

export function ProfileRow(props: ProfileRowProps) {
  const { profile, session, favourite, pinned, accountName, id, active, style } = props;
  const actions = useActions();
  const details = profileDetails(profile, accountName);
  const notice = profileNotice(profile);
  const name = profile.name;
  const ids = { notice: `${id}-notice`, hint: `${id}-hint` };

  return (
    <div
      id={id}
      role="listitem"
      aria-label={`Profile ${name}${details ? `, ${details}` : ''}`}
      aria-describedby={[notice ? ids.notice : null, ids.hint].filter(Boolean).join(' ')}
      aria-keyshortcuts="Enter"
      aria-posinset={props.position}
      aria-setsize={props.setSize}
      tabIndex={active ? 0 : -1}
      className={`row profile-row${pinned ? ' pinned' : ''}${active ? ' active' : ''}`}
      data-row="profile"
      data-profile={name}
      data-pinned={pinned ? 'true' : 'false'}
      style={style}
    >
      <button
        type="button"
        className={`icon-button favourite${favourite ? ' on' : ''}`}
        aria-pressed={favourite}
        aria-label={`Favourite ${name}`}
        title={favourite ? 'Unpin from favourites' : 'Pin to favourites'}
        tabIndex={-1}
        data-control=""
        onClick={() => void actions.toggleFavourite(name)}
      >
        <Icon name="star" filled={favourite} />
      </button>
      <div className="row-line profile-head">
        <span className="profile-name truncate" title={name}>
          {name}
        </span>
        {pinned && session ? (
          <span className="pinned-session truncate">
            <StateBadge state={session.state} compact />
            {session.label}
          </span>
        ) : null}
      </div>
      <span className="row-actions">
        <CopyButton
          label={`Copy export for ${name} (${props.copyDescription})`}
          title={`Copy export (${props.copyDescription})`}
          inRow
          onCopy={() => actions.quickCopy(name)}
        />
        <IconButton
          icon="sliders"
          label={`Export options for ${name}`}
          title="Export options"
          inRow
          onClick={() => actions.openExport(name)}
        />
        <IconButton
          icon="external"
          label={`Open the AWS console for ${name}`}
          title={profile.kind === 'chained' ? chainedConsoleTitle(name) : 'Open console'}
          inRow
          disabled={profile.kind !== 'sso'}
          onClick={() => void actions.openConsole(name)}
        />
        <IconButton
          icon="stethoscope"
          label={`Run diagnostics for ${name}`}
          title="Run diagnostics"
          inRow
          onClick={() => actions.diagnose(name)}
        />
      </span>
      <div className="row-line last-line profile-details">
        {notice ? (
          <p id={ids.notice} className={`notice-text tone-${notice.tone}`} data-testid="row-notice">
            <Icon name="warning" />
            <span>{notice.text}</span>
          </p>
        ) : (
          <span className="details truncate">
            {details || (profile.kind === 'other' ? 'not an SSO profile' : '')}
          </span>
        )}
        <span id={ids.hint} className="enter-hint">
          <kbd>Enter</kbd> copy ({props.copyDescription})
        </span>
      </div>
    </div>
  );
}
