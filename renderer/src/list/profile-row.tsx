// One profile: name, account (and its name once discovered), role, region,
// and its actions. Enter on the row copies the export in the remembered shell.
import type { CSSProperties } from 'react';
import type { ProfileView, SessionView } from '../../../app/shared/model';
import { Icon } from '../components/icons';
import { StateBadge } from '../components/state-badge';
import { useListActions } from './list-actions';
import { IconButton } from '../components/icon-button';

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

export function profileDetails(profile: ProfileView, accountName: string | null): string {
  const account = profile.accountId
    ? accountName
      ? `${accountName} (${profile.accountId})`
      : profile.accountId
    : null;
  if (profile.kind === 'chained') {
    return [
      profile.sourceProfile ? `via ${profile.sourceProfile}` : null,
      profile.roleArn,
      profile.region,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  return [account, profile.roleName, profile.region].filter(Boolean).join(' · ');
}

export function ProfileRow(props: ProfileRowProps) {
  const { profile, session, favourite, pinned, accountName, id, active, style } = props;
  const actions = useListActions();
  const details = profileDetails(profile, accountName);
  const problem = profile.problems[0];
  const name = profile.name;

  return (
    <div
      id={id}
      role="listitem"
      aria-label={`Profile ${name}${details ? `, ${details}` : ''}`}
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
        onClick={() => actions.toggleFavourite(name)}
      >
        <Icon name="star" filled={favourite} />
      </button>
      <div className="row-line profile-head">
        <span className="profile-name truncate" title={name}>
          {name}
        </span>
        {pinned && session ? (
          <span className="pinned-session truncate" title={session.name}>
            <StateBadge state={session.state} compact />
            {session.label}
          </span>
        ) : null}
        {problem ? (
          <span className={`profile-problem severity-${problem.severity}`} title={problem.message}>
            <Icon name="warning" />
            <span className="visually-hidden">{problem.message}</span>
          </span>
        ) : null}
      </div>
      <span className="row-actions">
        <IconButton
          icon="copy"
          label={`Copy export for ${name} (${props.copyDescription})`}
          title={`Copy export (${props.copyDescription})`}
          onClick={() => actions.quickCopy(name)}
        />
        <IconButton
          icon="sliders"
          label={`Export options for ${name}`}
          title="Export options"
          onClick={() => actions.openExport(name)}
        />
        <IconButton
          icon="external"
          label={`Open the AWS console for ${name}`}
          title="Open console"
          disabled={profile.kind === 'other'}
          onClick={() => actions.openConsole(name)}
        />
        <IconButton
          icon="stethoscope"
          label={`Run diagnostics for ${name}`}
          title="Run diagnostics"
          onClick={() => actions.diagnose(name)}
        />
      </span>
      <div className="row-line details profile-details" title={details}>
        <span className="truncate">
          {details || (profile.kind === 'other' ? 'not an SSO profile' : '')}
        </span>
      </div>
    </div>
  );
}
