// A machine with no IAM Identity Center configuration: what to paste where.
// The core watches the config file, so the list replaces this on save.
import { useActions } from '../app/actions-context';

export const SAMPLE_CONFIG_LINES = `[sso-session my-sso]
sso_start_url = https://my-company.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = ReadOnlyAccess
region = us-east-1
`;

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
