// A machine with no IAM Identity Center configuration: what to paste where.
// The core watches the config file, so the list replaces this on save.
import { SAMPLE_CONFIG_LINES } from '../../../app/shared/sample-config';
import { useActions } from '../app/actions-context';

export function EmptyState({ configFile }: { configFile: string }) {
  const actions = useActions();
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No IAM Identity Center sessions yet</h2>
      <p>
        SSO Tray reads <code>{configFile}</code>. Add an <code>[sso-session]</code> and a profile
        that uses it, with your start URL, region, account and role (or run{' '}
        <code>aws configure sso</code>):
      </p>
      <pre className="code-block" tabIndex={0} aria-label="Lines to add to the AWS config file">
        {SAMPLE_CONFIG_LINES}
      </pre>
      <button
        type="button"
        className="button"
        onClick={() => void actions.copyText(SAMPLE_CONFIG_LINES, 'the sample lines')}
      >
        Copy these lines
      </button>
      <p className="hint" role="note">
        Watching <code>{configFile}</code>: your sessions appear here as soon as you save it.
      </p>
    </section>
  );
}
