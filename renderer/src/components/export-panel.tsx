// Export options for one profile: shell (remembered), profile or credentials
// mode, a preview with secrets masked, and Copy. The full text goes to the
// clipboard in the app; the window only ever holds the masked preview.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  EXPORT_SHELLS,
  EXPORT_TARGET_LABELS,
  EXPORT_TOOLS,
  type ApiResult,
  type ExportMode,
  type ExportPreview,
  type ExportRequest,
  type ExportShell,
  type ExportTarget,
  type SsoTrayApi,
} from '../../../app/shared/api';
import type { SettingsState } from '../hooks/use-settings';
import { useReporter } from './status-bar';

const MODE_LABEL: Readonly<Record<ExportMode, string>> = {
  profile: 'Profile',
  credentials: 'Credentials',
};

const isShell = (target: ExportTarget): target is ExportShell =>
  (EXPORT_SHELLS as readonly string[]).includes(target);

interface ExportPanelProps {
  readonly api: SsoTrayApi;
  readonly profile: string;
  readonly settings: SettingsState;
  readonly onClose: () => void;
}

/** Tab and Shift+Tab cycle inside the dialog instead of reaching the list behind it. */
function keepFocusInside(event: KeyboardEvent<HTMLDivElement>) {
  const focusable = [
    ...event.currentTarget.querySelectorAll<HTMLElement>('button, input, select, [tabindex="0"]'),
  ].filter((el) => !el.hasAttribute('disabled'));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

export function ExportPanel({ api, profile, settings, onClose }: ExportPanelProps) {
  const reporter = useReporter();
  const titleId = useId();
  const first = useRef<HTMLSelectElement>(null);
  const [target, setTarget] = useState<ExportTarget>(settings.settings.defaultShell);
  const [mode, setMode] = useState<ExportMode>(settings.settings.defaultExportMode);
  const [includeRegion, setIncludeRegion] = useState(settings.settings.includeRegion);
  const request: ExportRequest = { profile, target, mode, includeRegion };
  const requestKey = JSON.stringify(request);
  const [preview, setPreview] = useState<{
    key: string;
    result: ApiResult<ExportPreview>;
  } | null>(null);
  const [copying, setCopying] = useState(false);

  useEffect(() => {
    const restore = document.activeElement as HTMLElement | null;
    first.current?.focus();
    return () => restore?.focus?.();
  }, []);

  useEffect(() => {
    let current = true;
    const parsed = JSON.parse(requestKey) as ExportRequest;
    api.previewExport(parsed).then(
      (result) => current && setPreview({ key: requestKey, result }),
      () =>
        current &&
        setPreview({
          key: requestKey,
          result: { ok: false, error: { code: 'unexpected', message: 'The app did not answer.' } },
        }),
    );
    return () => {
      current = false;
    };
  }, [api, requestKey]);

  const chooseTarget = (next: ExportTarget) => {
    setTarget(next);
    // Remember the last shell chosen (tools are one-offs, not a shell preference).
    if (isShell(next) && next !== settings.settings.defaultShell) {
      void settings.update({ defaultShell: next });
    }
  };

  const copy = async () => {
    setCopying(true);
    const result = await api.copyExport(request);
    setCopying(false);
    if (result.ok) {
      reporter.report({
        tone: 'success',
        text: `Copied the ${MODE_LABEL[mode].toLowerCase()} export for ${profile} (${EXPORT_TARGET_LABELS[target]}).`,
      });
      onClose();
    } else reporter.reportError(result.error);
  };

  const loading = preview === null || preview.key !== requestKey;
  const shown = loading ? null : preview.result;

  return (
    <div className="overlay" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="dialog export-panel"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          } else if (event.key === 'Tab') keepFocusInside(event);
        }}
      >
        <h2 id={titleId}>Export {profile}</h2>
        <div className="form-row">
          <label htmlFor={`${titleId}-target`}>Shell</label>
          <select
            id={`${titleId}-target`}
            ref={first}
            value={target}
            onChange={(event) => chooseTarget(event.target.value as ExportTarget)}
          >
            <optgroup label="Shells">
              {EXPORT_SHELLS.map((shell) => (
                <option key={shell} value={shell}>
                  {EXPORT_TARGET_LABELS[shell]}
                </option>
              ))}
            </optgroup>
            <optgroup label="Tools">
              {EXPORT_TOOLS.map((tool) => (
                <option key={tool} value={tool}>
                  {EXPORT_TARGET_LABELS[tool]}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <fieldset className="form-row segmented">
          <legend>Mode</legend>
          {(['profile', 'credentials'] as const).map((value) => (
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
        <label className="form-row checkbox">
          <input
            type="checkbox"
            checked={includeRegion}
            onChange={(event) => setIncludeRegion(event.target.checked)}
          />
          Include the region
        </label>
        <p className="hint">
          {mode === 'profile'
            ? 'Selects the profile and clears static keys that would override it.'
            : 'The role’s temporary keys. Copied in full; shown here masked.'}
        </p>
        <pre
          className="code-block preview"
          aria-label="Preview"
          aria-busy={loading}
          data-testid="export-preview"
        >
          {shown === null
            ? 'Loading preview…'
            : shown.ok
              ? shown.value.maskedText
              : shown.error.message}
        </pre>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="button primary"
            disabled={copying}
            onClick={() => void copy()}
          >
            Copy
          </button>
        </div>
      </div>
    </div>
  );
}
