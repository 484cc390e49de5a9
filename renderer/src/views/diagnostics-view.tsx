// The doctor's findings (for everything, or for one profile): each says what
// is wrong and offers the fix where the user is: Sign in for a sign-in, or
// the exact lines to copy. The header badge counts the problems listed here.
// For everything, the credentials broker follows (it serves every profile).
import type {
  DiagnosisReport,
  Finding,
  FindingSeverity,
  SsoTrayApi,
} from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import { useActions } from '../app/actions-context';
import { BrokerSection } from '../components/broker-section';
import { Icon } from '../components/icons';
import { ViewHeader } from '../components/view-header';
import { useBridgeResult, type BridgeResult } from '../hooks/use-bridge-result';
import { countsText, diagnosisKey, signInFixes } from './diagnosis';

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
  /** The report for everything, shared with the header badge. */
  readonly overall: BridgeResult<DiagnosisReport>;
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

function FindingItem({ finding, snapshot }: { finding: Finding; snapshot: Snapshot | null }) {
  const actions = useActions();
  const session = signInFixes(finding, snapshot);
  const signingIn = session?.signIn != null;
  return (
    <li className="finding" data-finding={finding.id} data-severity={finding.severity}>
      <div className="finding-head">
        <Severity severity={finding.severity} />
        <strong>{finding.title}</strong>
      </div>
      <p>{finding.explanation}</p>
      {finding.file ? (
        <p className="path hint">
          {finding.file}
          {finding.line ? `:${finding.line}` : ''}
        </p>
      ) : session?.state === 'invalid' ? (
        <p className="path hint">{session.tokenFile}</p>
      ) : null}
      {session ? (
        <div className="fix">
          <button
            type="button"
            className="button primary"
            disabled={signingIn}
            onClick={() => void actions.signIn(session.name)}
          >
            {signingIn ? 'Signing in…' : `Sign in to ${session.label}`}
          </button>
        </div>
      ) : finding.fix.length > 0 ? (
        <div className="fix">
          <pre className="code-block" tabIndex={0} aria-label={`Fix for ${finding.title}`}>
            {finding.fix.join('\n')}
          </pre>
          <button
            type="button"
            className="button"
            aria-label={`Copy the fix for ${finding.title}`}
            onClick={() => void actions.copyText(finding.fix.join('\n'), 'the fix')}
          >
            <Icon name="copy" /> Copy
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function DiagnosticsView({ api, profile, snapshot, overall, onBack }: DiagnosticsViewProps) {
  // One profile: its own report, asked again when what the doctor reads changes.
  const focusedKey = profile === null ? null : `${profile}\n${diagnosisKey(snapshot) ?? ''}`;
  const focused = useBridgeResult(focusedKey, () => api.diagnose(profile ?? undefined));
  const shown = profile === null ? overall : focused;
  const result = shown.result;

  return (
    <section className="view diagnostics-view" aria-labelledby="diagnostics-title">
      <ViewHeader
        titleId="diagnostics-title"
        title={`Diagnostics${profile ? ` for ${profile}` : ''}`}
        onBack={onBack}
      >
        <button type="button" className="button" disabled={shown.loading} onClick={shown.reload}>
          {shown.loading ? 'Checking…' : 'Run again'}
        </button>
      </ViewHeader>
      <div className="view-body" aria-busy={shown.loading}>
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
          <>
            <p className="hint" data-testid="finding-counts">
              {countsText(result.value.findings)}
            </p>
            <ul className="findings" aria-label="Findings">
              {result.value.findings.map((finding, index) => (
                <FindingItem key={`${finding.id}:${index}`} finding={finding} snapshot={snapshot} />
              ))}
            </ul>
          </>
        )}
        {profile === null ? <BrokerSection api={api} snapshot={snapshot} /> : null}
      </div>
    </section>
  );
}
