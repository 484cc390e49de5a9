// One session's own way of signing in, in Preferences: its flow (or the
// default: the config's sso_use_device_code, else the setting above) and the
// browser its sign-in pages and consoles open in, chosen in main's picker.
import { useCallback, useId, useState } from 'react';
import type { ApiResult, BrowserSummary } from '../../../app/shared/api';
import type { SessionView, SignInFlow } from '../../../app/shared/model';
import { answered } from '../answers';
import type { SettingsState } from '../hooks/use-settings';
import { useBridgeResult } from '../hooks/use-bridge-result';

const FLOW_CHOICES: readonly (readonly [SignInFlow | '', string])[] = [
  ['', 'Default'],
  ['pkce', 'Browser (authorization code)'],
  ['device-code', 'Device code'],
];

export function SessionSignInRow(props: {
  readonly session: Pick<SessionView, 'name' | 'label' | 'kind'>;
  readonly settings: SettingsState;
}) {
  const { session, settings } = props;
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    (): Promise<ApiResult<BrowserSummary>> =>
      answered(
        settings.sessionBrowser(session.name).then((value) => ({ ok: true as const, value })),
      ),
    [settings, session.name],
  );
  const browser = useBridgeResult(session.name, load);
  const own = settings.settings.sessionSignIn[session.name]?.flow ?? '';
  const legacy = session.kind === 'legacy';

  const setFlow = async (flow: SignInFlow | '') => {
    const { [session.name]: _old, ...others } = settings.settings.sessionSignIn;
    const result = await settings.update({
      sessionSignIn: flow === '' ? others : { ...others, [session.name]: { flow } },
    });
    setError(result.ok ? null : result.error.message);
  };
  const choose = async () => {
    const result = await settings.chooseBrowser(session.name);
    setError(result.ok ? null : result.error.message);
    if (result.ok && result.value) browser.reload();
  };

  const summary = browser.result?.ok ? browser.result.value : null;
  return (
    <fieldset className="field session-sign-in" aria-describedby={`${id}-error`}>
      <legend className="truncate">{session.label}</legend>
      <div className="session-sign-in-row">
        <select
          aria-label={`Sign-in method for ${session.label}`}
          value={legacy ? 'device-code' : own}
          disabled={legacy}
          title={
            legacy ? 'Profiles with sso_start_url always sign in with a device code.' : undefined
          }
          onChange={(event) => void setFlow(event.target.value as SignInFlow | '')}
        >
          {FLOW_CHOICES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <output aria-label={`Browser for ${session.label}`} className="truncate">
          {summary ? (summary.usesDefault ? `Default (${summary.label})` : summary.label) : '…'}
        </output>
        <button
          type="button"
          className="button"
          aria-label={`Choose the browser for ${session.label}`}
          onClick={() => void choose()}
        >
          Choose…
        </button>
      </div>
      <p id={`${id}-error`} className="field-error" role={error ? 'alert' : undefined}>
        {error ?? ''}
      </p>
    </fieldset>
  );
}
