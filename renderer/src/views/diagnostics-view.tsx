// The doctor's findings (optionally for one profile) with the exact lines that
// fix each, plus every problem the core found reading the files.
import { useEffect, useState } from 'react';
import type {
  ApiResult,
  DiagnosisReport,
  FindingSeverity,
  SsoTrayApi,
} from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import { Icon } from '../components/icons';
import { useReporter } from '../components/status-bar';
import { ViewHeader } from '../components/view-header';

const SEVERITY_WORD: Readonly<Record<FindingSeverity, string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Note',
};

const SEVERITY_ICON = { error: 'alert', warning: 'warning', info: 'circle' } as const;

interface DiagnosticsViewProps {
  readonly api: SsoTrayApi;
  readonly profile: string | null;
  readonly snapshot: Snapshot | null;
  readonly onBack: () => void;
}

function Severity({ severity }: { severity: FindingSeverity }) {
  return (
    <span className={`severity severity-${severity}`}>
      <Icon name={SEVERITY_ICON[severity]} />
      {SEVERITY_WORD[severity]}
    </span>
  );
}

export function DiagnosticsView({ api, profile, snapshot, onBack }: DiagnosticsViewProps) {
  const reporter = useReporter();
  const [run, setRun] = useState(0);
  const runKey = `${profile ?? ''}\n${run}`;
  const [report, setReport] = useState<{
    key: string;
    result: ApiResult<DiagnosisReport>;
  } | null>(null);

  useEffect(() => {
    let current = true;
    const call = profile ? api.diagnose(profile) : api.diagnose();
    call.then(
      (result) => current && setReport({ key: runKey, result }),
      () =>
        current &&
        setReport({
          key: runKey,
          result: { ok: false, error: { code: 'unexpected', message: 'The app did not answer.' } },
        }),
    );
    return () => {
      current = false;
    };
  }, [api, profile, runKey]);

  const running = report === null || report.key !== runKey;
  const result = running ? null : report.result;
  const problems = snapshot?.problems ?? [];

  const copyFix = async (lines: readonly string[]) => {
    const copied = await api.copyText(lines.join('\n'));
    if (copied.ok) reporter.report({ tone: 'success', text: 'Copied the fix.' });
    else reporter.reportError(copied.error);
  };

  return (
    <section className="view diagnostics-view" aria-labelledby="diagnostics-title">
      <ViewHeader
        titleId="diagnostics-title"
        title={`Diagnostics${profile ? ` for ${profile}` : ''}`}
        onBack={onBack}
      >
        <button
          type="button"
          className="button"
          disabled={running}
          onClick={() => setRun((n) => n + 1)}
        >
          {running ? 'Checking…' : 'Run again'}
        </button>
      </ViewHeader>
      <div className="view-body" aria-busy={running}>
        {result === null ? (
          <p className="hint">Checking your configuration and environment…</p>
        ) : !result.ok ? (
          <p className="notice" role="note">
            {result.error.message}
          </p>
        ) : result.value.findings.length === 0 ? (
          <p className="notice success">
            <Icon name="check" /> No problems found{profile ? ` for ${profile}` : ''}.
          </p>
        ) : (
          <ul className="findings" aria-label="Findings">
            {result.value.findings.map((finding, index) => (
              <li key={`${finding.id}:${index}`} className="finding" data-finding={finding.id}>
                <div className="finding-head">
                  <Severity severity={finding.severity} />
                  <strong>{finding.title}</strong>
                </div>
                <p>{finding.explanation}</p>
                {finding.file ? (
                  <p className="hint">
                    {finding.file}
                    {finding.line ? `:${finding.line}` : ''}
                  </p>
                ) : null}
                {finding.fix.length > 0 ? (
                  <div className="fix">
                    <pre className="code-block" aria-label={`Fix for ${finding.title}`}>
                      {finding.fix.join('\n')}
                    </pre>
                    <button
                      type="button"
                      className="button"
                      aria-label={`Copy the fix for ${finding.title}`}
                      onClick={() => void copyFix(finding.fix)}
                    >
                      <Icon name="copy" /> Copy
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <h3>Files</h3>
        {problems.length === 0 ? (
          <p className="hint">The config file and the token cache read cleanly.</p>
        ) : (
          <ul className="findings" aria-label="Problems reading the files">
            {problems.map((problem, index) => (
              <li key={`${problem.code}:${index}`} className="finding" data-problem={problem.code}>
                <div className="finding-head">
                  <Severity severity={problem.severity} />
                  <strong>{problem.profile ?? problem.session ?? problem.code}</strong>
                </div>
                <p>{problem.message}</p>
                {problem.file ? (
                  <p className="hint">
                    {problem.file}
                    {problem.line ? `:${problem.line}` : ''}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
