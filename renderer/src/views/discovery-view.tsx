// Discover accounts of one session: every account and role the user can reach,
// which already have a profile, a preview of the profiles to add (as a diff of
// the config file), and Apply.
import { useId, useState } from 'react';
import type {
  ApiError,
  ApiResult,
  ApplyPlanResult,
  ProfilePlan,
  SsoTrayApi,
} from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import { answered } from '../answers';
import { useActions } from '../app/actions-context';
import { ViewHeader } from '../components/view-header';
import { useBridgeResult } from '../hooks/use-bridge-result';

interface DiscoveryViewProps {
  readonly api: SsoTrayApi;
  readonly session: string;
  readonly snapshot: Snapshot | null;
  readonly onBack: () => void;
  readonly onAccountNames: (names: ReadonlyMap<string, string>) => void;
}

const DEFAULT_TEMPLATE = '{account_name}-{role_name}';

function ErrorNotice({ error }: { error: ApiError }) {
  const actions = useActions();
  return (
    <div className="notice" role="note">
      <span>{error.message}</span>
      {error.action?.kind === 'sign-in' ? (
        <button
          type="button"
          className="button primary"
          onClick={() => void actions.signIn(error.action!.session)}
        >
          Sign in
        </button>
      ) : null}
    </div>
  );
}

export function DiscoveryView({
  api,
  session,
  snapshot,
  onBack,
  onAccountNames,
}: DiscoveryViewProps) {
  const actions = useActions();
  const id = useId();
  const view = snapshot?.sessions.find((s) => s.name === session) ?? null;
  const title = view ? view.label : session;
  // Asked again once the session's state changes (a sign-in from the notice below).
  const discovery = useBridgeResult(`${session}\n${view?.state ?? ''}`, async () => {
    const result = await api.discover(session);
    if (result.ok) {
      onAccountNames(new Map(result.value.accounts.map((a) => [a.accountId, a.accountName])));
    }
    return result;
  });
  const [template, setTemplate] = useState(DEFAULT_TEMPLATE);
  const [region, setRegion] = useState('');
  const [prune, setPrune] = useState(false);
  const [plan, setPlan] = useState<ApiResult<ProfilePlan> | null>(null);
  const [applied, setApplied] = useState<ApiResult<ApplyPlanResult> | null>(null);
  const [busy, setBusy] = useState(false);

  const { loading, result } = discovery;

  const preview = async () => {
    setBusy(true);
    setApplied(null);
    const planned = await answered(
      api.planProfiles({
        session,
        ...(template.trim() && template.trim() !== DEFAULT_TEMPLATE
          ? { template: template.trim() }
          : {}),
        ...(region.trim() ? { region: region.trim() } : {}),
        ...(prune ? { prune: true } : {}),
      }),
    );
    setPlan(planned);
    setBusy(false);
  };

  const apply = async (toApply: ProfilePlan) => {
    setBusy(true);
    const outcome = await actions.applyProfilePlan(toApply);
    setApplied(outcome);
    setBusy(false);
    if (outcome.ok) {
      setPlan(null);
      discovery.reload();
    }
  };

  const accounts = result?.ok ? result.value.accounts : [];
  const roleCount = accounts.reduce((sum, a) => sum + a.roles.length, 0);
  const missing = accounts.reduce(
    (sum, a) => sum + a.roles.filter((r) => r.profiles.length === 0).length,
    0,
  );

  return (
    <section className="view discovery-view" aria-labelledby={`${id}-title`}>
      <ViewHeader titleId={`${id}-title`} title={<>Accounts of {title}</>} onBack={onBack}>
        <button type="button" className="button" disabled={loading} onClick={discovery.reload}>
          {loading ? 'Loading…' : 'Refresh'}
        </button>
      </ViewHeader>
      <div className="view-body" aria-busy={loading || busy}>
        {result === null ? (
          <p className="hint">Asking IAM Identity Center for your accounts and roles…</p>
        ) : !result.ok ? (
          <ErrorNotice error={result.error} />
        ) : (
          <>
            <p className="hint">
              {accounts.length} accounts, {roleCount} roles; {missing} without a profile.
            </p>
            <table className="accounts-table">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Role</th>
                  <th scope="col">Profile</th>
                </tr>
              </thead>
              <tbody>
                {accounts.flatMap((account) =>
                  account.roles.map((role, index) => (
                    <tr key={`${account.accountId}/${role.roleName}`}>
                      {index === 0 ? (
                        <th scope="row" rowSpan={account.roles.length}>
                          {account.accountName}
                          <div className="hint">{account.accountId}</div>
                        </th>
                      ) : null}
                      <td>{role.roleName}</td>
                      <td>
                        {role.profiles.length > 0 ? (
                          role.profiles.join(', ')
                        ) : (
                          <span className="missing">missing</span>
                        )}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
            <h3>Add the missing profiles</h3>
            <div className="field">
              <label htmlFor={`${id}-template`}>Profile names</label>
              <input
                id={`${id}-template`}
                type="text"
                value={template}
                spellCheck={false}
                onChange={(event) => setTemplate(event.target.value)}
              />
              <p className="hint">
                Placeholders: <code>{'{account_name}'}</code> <code>{'{account_id}'}</code>{' '}
                <code>{'{role_name}'}</code> <code>{'{session}'}</code>
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-region`}>Region</label>
              <input
                id={`${id}-region`}
                type="text"
                value={region}
                placeholder={view?.region ?? 'the session’s region'}
                spellCheck={false}
                onChange={(event) => setRegion(event.target.value)}
              />
            </div>
            <label className="checkbox field">
              <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} />
              Remove profiles SSO Tray added whose role is gone
            </label>
            <div className="dialog-actions">
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void preview()}
              >
                Preview changes
              </button>
            </div>
            {plan && !plan.ok ? <ErrorNotice error={plan.error} /> : null}
            {plan?.ok ? (
              <div className="plan">
                <p>
                  {plan.value.additions.length} profiles to add, {plan.value.removals.length} to
                  remove in <code>{plan.value.configFile}</code>.
                </p>
                <pre
                  className="code-block diff"
                  tabIndex={0}
                  aria-label="Changes to the config file"
                >
                  {plan.value.diff || 'No changes.'}
                </pre>
                <div className="dialog-actions">
                  <button
                    type="button"
                    className="button primary"
                    disabled={
                      busy || plan.value.additions.length + plan.value.removals.length === 0
                    }
                    onClick={() => void apply(plan.value)}
                  >
                    Apply
                  </button>
                </div>
              </div>
            ) : null}
            {applied && !applied.ok ? <ErrorNotice error={applied.error} /> : null}
          </>
        )}
      </div>
    </section>
  );
}
