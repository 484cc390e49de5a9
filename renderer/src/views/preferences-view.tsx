// Every setting the app stores, each saved as soon as it changes; a rejected
// value shows its message next to the field and the stored value comes back.
import { useId, useState, type ReactNode } from 'react';
import {
  EXPORT_SHELLS,
  EXPORT_TARGET_LABELS,
  type Settings,
  type SettingsPatch,
} from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import type { SettingsState } from '../hooks/use-settings';
import { ViewHeader } from '../components/view-header';
import { SessionSignInRow } from './session-sign-in-row';
import { parseMinutesList, parseWholeNumber, SETTINGS_LIMITS } from './settings-form';

type FieldErrors = Partial<Record<keyof Settings | 'browser', string>>;

interface PreferencesViewProps {
  readonly settings: SettingsState;
  readonly snapshot: Snapshot | null;
  readonly onBack: () => void;
}

/** A text field saved on Enter or when focus leaves it. */
function DraftInput(props: {
  id: string;
  value: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'text';
  describedBy?: string;
  onCommit: (text: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const commit = () => {
    if (draft !== props.value) props.onCommit(draft);
  };
  return (
    <input
      id={props.id}
      type="text"
      inputMode={props.inputMode}
      value={draft}
      placeholder={props.placeholder}
      aria-describedby={props.describedBy}
      spellCheck={false}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}

function Field(props: {
  label: string;
  htmlFor?: string;
  error?: string;
  hint?: ReactNode;
  errorId: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      {props.htmlFor ? <label htmlFor={props.htmlFor}>{props.label}</label> : null}
      {props.children}
      {props.hint ? <p className="hint">{props.hint}</p> : null}
      <p id={props.errorId} className="field-error" role={props.error ? 'alert' : undefined}>
        {props.error ?? ''}
      </p>
    </div>
  );
}

export function PreferencesView({ settings, snapshot, onBack }: PreferencesViewProps) {
  const id = useId();
  const current = settings.settings;
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = async (field: keyof Settings, patch: SettingsPatch) => {
    const result = await settings.update(patch);
    setErrors((old) => ({ ...old, [field]: result.ok ? undefined : result.error.message }));
  };
  const reject = (field: keyof Settings, message: string) =>
    setErrors((old) => ({ ...old, [field]: message }));
  const errorId = (field: keyof FieldErrors) => `${id}-${field}-error`;
  const chooseBrowser = async () => {
    const result = await settings.chooseBrowser();
    setErrors((old) => ({ ...old, browser: result.ok ? undefined : result.error.message }));
  };

  const sessions = snapshot?.sessions ?? [];
  const mutedUnknown = current.mutedSessions.filter((n) => !sessions.some((s) => s.name === n));

  return (
    <section className="view preferences-view" aria-labelledby={`${id}-title`}>
      <ViewHeader titleId={`${id}-title`} title="Preferences" onBack={onBack} />
      <div className="view-body">
        <h3>Notifications</h3>
        <Field
          label="Warn before a session ends (minutes)"
          htmlFor={`${id}-lead`}
          error={errors.notificationLeadMinutes}
          errorId={errorId('notificationLeadMinutes')}
          hint={`Up to ${SETTINGS_LIMITS.notificationLeadMinutes.maxItems} times, separated by commas, e.g. 15, 5.`}
        >
          <DraftInput
            key={current.notificationLeadMinutes.join(', ')}
            id={`${id}-lead`}
            value={current.notificationLeadMinutes.join(', ')}
            describedBy={errorId('notificationLeadMinutes')}
            onCommit={(text) => {
              const minutes = parseMinutesList(text);
              if (!minutes.ok) reject('notificationLeadMinutes', minutes.message);
              else void save('notificationLeadMinutes', { notificationLeadMinutes: minutes.value });
            }}
          />
        </Field>
        <fieldset className="field">
          <legend>Mute notifications for</legend>
          {sessions.length === 0 && mutedUnknown.length === 0 ? (
            <p className="hint">No sessions configured.</p>
          ) : null}
          {[
            ...sessions.map((s) => ({ name: s.name, label: s.label })),
            ...mutedUnknown.map((n) => ({ name: n, label: n })),
          ].map(({ name, label }) => (
            <label key={name} className="checkbox">
              <input
                type="checkbox"
                checked={current.mutedSessions.includes(name)}
                onChange={(event) =>
                  void save('mutedSessions', {
                    mutedSessions: event.target.checked
                      ? [...current.mutedSessions, name]
                      : current.mutedSessions.filter((n) => n !== name),
                  })
                }
              />
              {label}
            </label>
          ))}
          <p className="field-error">{errors.mutedSessions ?? ''}</p>
        </fieldset>

        <h3>Export</h3>
        <Field
          label="Default shell"
          htmlFor={`${id}-shell`}
          error={errors.defaultShell}
          errorId={errorId('defaultShell')}
        >
          <select
            id={`${id}-shell`}
            value={current.defaultShell}
            onChange={(event) =>
              void save('defaultShell', {
                defaultShell: event.target.value as Settings['defaultShell'],
              })
            }
          >
            {EXPORT_SHELLS.map((shell) => (
              <option key={shell} value={shell}>
                {EXPORT_TARGET_LABELS[shell]}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="field segmented">
          <legend>Default export mode</legend>
          {(
            [
              ['profile', 'Profile (AWS_PROFILE)'],
              ['credentials', 'Credentials (temporary keys)'],
            ] as const
          ).map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name={`${id}-mode`}
                checked={current.defaultExportMode === value}
                onChange={() => void save('defaultExportMode', { defaultExportMode: value })}
              />
              {label}
            </label>
          ))}
          <p className="field-error">{errors.defaultExportMode ?? ''}</p>
        </fieldset>
        <label className="checkbox field">
          <input
            type="checkbox"
            checked={current.includeRegion}
            onChange={(event) =>
              void save('includeRegion', { includeRegion: event.target.checked })
            }
          />
          Include AWS_REGION from the profile
        </label>

        <h3>Sign-in</h3>
        <fieldset className="field segmented">
          <legend>Sign-in method</legend>
          {(
            [
              ['pkce', 'Browser (authorization code)'],
              ['device-code', 'Device code'],
            ] as const
          ).map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name={`${id}-flow`}
                checked={current.signInFlow === value}
                onChange={() => void save('signInFlow', { signInFlow: value })}
              />
              {label}
            </label>
          ))}
          <p className="field-error">{errors.signInFlow ?? ''}</p>
        </fieldset>
        <Field
          label="Browser for sign-in pages"
          htmlFor={`${id}-browser`}
          error={errors.browser}
          errorId={errorId('browser')}
          hint="SSO Tray asks in its own dialog, listing the browsers and profiles it finds on this computer."
        >
          <div className="browser-choice">
            <output id={`${id}-browser`} aria-describedby={errorId('browser')} className="truncate">
              {settings.browser?.label ?? '…'}
            </output>
            <button type="button" className="button" onClick={() => void chooseBrowser()}>
              Choose…
            </button>
          </div>
        </Field>

        {sessions.length > 0 ? (
          <>
            <h4>Each session</h4>
            <p className="hint">
              A session may sign in its own way and open its pages in its own browser profile (the
              one signed in to its identity provider). Default: device code when the session’s
              config says sso_use_device_code = true, else the method above.
            </p>
            {sessions.map((session) => (
              <SessionSignInRow key={session.name} session={session} settings={settings} />
            ))}
          </>
        ) : null}

        <h3>Renewal</h3>
        <label className="checkbox field">
          <input
            type="checkbox"
            checked={current.renewal.enabled}
            onChange={(event) =>
              void save('renewal', {
                renewal: { ...current.renewal, enabled: event.target.checked },
              })
            }
          />
          Renew refreshable sessions automatically
        </label>
        <Field
          label="Renew this many minutes before expiry"
          htmlFor={`${id}-renew`}
          error={errors.renewal}
          errorId={errorId('renewal')}
        >
          <DraftInput
            key={String(current.renewal.leadMinutes)}
            id={`${id}-renew`}
            inputMode="numeric"
            value={String(current.renewal.leadMinutes)}
            describedBy={errorId('renewal')}
            onCommit={(text) => {
              const minutes = parseWholeNumber(text, SETTINGS_LIMITS.renewalLeadMinutes, 'minutes');
              if (!minutes.ok) reject('renewal', minutes.message);
              else {
                void save('renewal', {
                  renewal: { ...current.renewal, leadMinutes: minutes.value },
                });
              }
            }}
          />
        </Field>

        <h3>Clipboard</h3>
        <Field
          label="Clear copied credentials after (seconds)"
          htmlFor={`${id}-clear`}
          error={errors.clipboardClearSeconds}
          errorId={errorId('clipboardClearSeconds')}
          hint="0 keeps them. Only cleared if the clipboard still holds what SSO Tray put there."
        >
          <DraftInput
            key={String(current.clipboardClearSeconds)}
            id={`${id}-clear`}
            inputMode="numeric"
            value={String(current.clipboardClearSeconds)}
            describedBy={errorId('clipboardClearSeconds')}
            onCommit={(text) => {
              const seconds = parseWholeNumber(
                text,
                SETTINGS_LIMITS.clipboardClearSeconds,
                'seconds',
              );
              if (!seconds.ok) reject('clipboardClearSeconds', seconds.message);
              else void save('clipboardClearSeconds', { clipboardClearSeconds: seconds.value });
            }}
          />
        </Field>

        <h3>Startup</h3>
        <label className="checkbox field">
          <input
            type="checkbox"
            checked={current.launchAtLogin}
            onChange={(event) =>
              void save('launchAtLogin', { launchAtLogin: event.target.checked })
            }
          />
          Launch SSO Tray at login
        </label>
        <p className="field-error">{errors.launchAtLogin ?? ''}</p>

        <h3>Favourites</h3>
        {current.favourites.length === 0 ? (
          <p className="hint">Pin profiles with the star in the list; they are shown first.</p>
        ) : (
          <ul className="favourites-list" aria-label="Favourite profiles">
            {current.favourites.map((name) => (
              <li key={name}>
                <span className="truncate">{name}</span>
                <button
                  type="button"
                  className="button"
                  aria-label={`Remove ${name} from favourites`}
                  onClick={() =>
                    void save('favourites', {
                      favourites: current.favourites.filter((n) => n !== name),
                    })
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <p className="field-error">{errors.favourites ?? ''}</p>
      </div>
    </section>
  );
}
