// Export options for one profile, in a sheet: a shell (remembered) or a tool,
// profile, credentials or container-endpoint mode, a preview with secrets
// masked, and Copy. The full text goes to the clipboard in the app; the window
// only holds the masked preview. A session that needs a sign-in gets the Sign
// in button right here.
import { useId, useState, type ReactNode } from 'react';
import {
  EXPORT_MODES,
  EXPORT_SHELLS,
  EXPORT_TARGET_LABELS,
  EXPORT_TOOLS,
  type ExportMode,
  type ExportRequest,
  type ExportShell,
  type ExportTarget,
  type SsoTrayApi,
} from '../../../app/shared/api';
import type { SessionView } from '../../../app/shared/model';
import { useActions } from '../app/actions-context';
import { useBridgeResult } from '../hooks/use-bridge-result';
import type { SettingsState } from '../hooks/use-settings';
import { NOT_WORKING } from '../session-words';
import { Dialog } from './dialog';

const MODE_LABEL: Readonly<Record<ExportMode, string>> = {
  profile: 'Profile',
  credentials: 'Credentials',
  container: 'Container',
};

const MODE_HINT: Readonly<Record<ExportMode, ReactNode>> = {
  profile: 'Selects the profile and clears static keys that would override it.',
  credentials: 'The role’s temporary keys. Copied in full; shown here masked.',
  container: (
    <>
      The broker’s container endpoint, for tools in a container or any SDK that reads{' '}
      <code>AWS_CONTAINER_CREDENTIALS_FULL_URI</code>; needs the broker running. Its token is shown
      here masked.
    </>
  ),
};

interface ExportPanelProps {
  readonly api: SsoTrayApi;
  readonly profile: string;
  /** The profile's session, as the latest snapshot has it. */
  readonly session: SessionView | null;
  readonly settings: SettingsState;
  readonly onClose: () => void;
}

function SignInNotice({ session, text }: { session: SessionView; text: string }) {
  const actions = useActions();
  const signingIn = session.signIn !== null;
  return (
    <div className="notice sign-in-notice" role="note">
      <span>{text}</span>
      <button
        type="button"
        className="button primary"
        disabled={signingIn}
        onClick={() => void actions.signIn(session.name)}
      >
        {signingIn ? 'Signing in…' : `Sign in to ${session.label}`}
      </button>
    </div>
  );
}

export function ExportPanel({ api, profile, session, settings, onClose }: ExportPanelProps) {
  const actions = useActions();
  const titleId = useId();
  const [shell, setShell] = useState<ExportShell>(settings.settings.defaultShell);
  const [tool, setTool] = useState<ExportTarget | null>(null);
  const [mode, setMode] = useState<ExportMode>(settings.settings.defaultExportMode);
  const [includeRegion, setIncludeRegion] = useState(settings.settings.includeRegion);
  const [copying, setCopying] = useState(false);
  // The container lines are set in a shell: the tools have no such mode.
  const forShell = mode === 'container';
  const target = forShell ? shell : (tool ?? shell);
  const request: ExportRequest = { profile, target, mode, includeRegion };
  // Asked again when the session's state changes: a sign-in here refreshes the preview.
  const preview = useBridgeResult(
    [profile, target, mode, includeRegion, session?.state ?? ''].join('\n'),
    () => api.previewExport(request),
  );

  const chooseShell = (next: ExportShell) => {
    setShell(next);
    setTool(null);
    // Remember the last shell chosen (tools are one-offs, not a shell preference).
    if (next !== settings.settings.defaultShell) void settings.update({ defaultShell: next });
  };

  const copy = async () => {
    setCopying(true);
    const copied = await actions.copyExport(request);
    setCopying(false);
    if (copied) onClose();
  };

  const shown = preview.result;
  const signInError =
    shown && !shown.ok && shown.error.action?.kind === 'sign-in' && session ? shown.error : null;
  const notWorking = session ? NOT_WORKING[session.state] : undefined;

  return (
    <Dialog labelledBy={titleId} className="export-panel" onClose={onClose}>
      <h2 id={titleId}>Export {profile}</h2>
      <div className="form-row">
        <label htmlFor={`${titleId}-shell`}>Shell</label>
        <select
          id={`${titleId}-shell`}
          value={shell}
          onChange={(event) => chooseShell(event.target.value as ExportShell)}
        >
          {EXPORT_SHELLS.map((value) => (
            <option key={value} value={value}>
              {EXPORT_TARGET_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row tools" role="group" aria-labelledby={`${titleId}-tools`}>
        <span id={`${titleId}-tools`}>Or for a tool</span>
        {EXPORT_TOOLS.map((value) => (
          <button
            key={value}
            type="button"
            className="button toggle"
            aria-pressed={!forShell && tool === value}
            disabled={forShell}
            onClick={() => setTool(tool === value ? null : value)}
          >
            {EXPORT_TARGET_LABELS[value]}
          </button>
        ))}
      </div>
      <fieldset className="form-row segmented">
        <legend>Mode</legend>
        {EXPORT_MODES.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name={`${titleId}-mode`}
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
            />
            {MODE_LABEL[value]}
          </label>
        ))}
      </fieldset>
      {forShell ? null : (
        <label className="form-row checkbox">
          <input
            type="checkbox"
            checked={includeRegion}
            onChange={(event) => setIncludeRegion(event.target.checked)}
          />
          Include the region
        </label>
      )}
      <p className="hint">{MODE_HINT[mode]}</p>
      {signInError ? (
        <SignInNotice session={session!} text={signInError.message} />
      ) : notWorking && session ? (
        <SignInNotice
          session={session}
          text={`${session.label} ${notWorking}. This profile works once you sign in.`}
        />
      ) : null}
      {signInError ? null : (
        <pre
          className="code-block preview"
          aria-label="Preview"
          aria-busy={preview.loading}
          tabIndex={0}
          data-testid="export-preview"
        >
          {shown === null
            ? 'Loading preview…'
            : shown.ok
              ? shown.value.maskedText
              : shown.error.message}
        </pre>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
        <button
          type="button"
          className="button primary"
          disabled={copying || signInError !== null}
          onClick={() => void copy()}
        >
          Copy
        </button>
      </div>
    </Dialog>
  );
}
