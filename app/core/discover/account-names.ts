// Account names, from the one place that learns them: a discovery in this run
// (ListAccounts). Not secrets, not stored. Profiles show them from then on.

export class AccountNames {
  private readonly names = new Map<string, string>();
  /** Increases whenever a name is learnt or changes, so views rebuild only then. */
  version = 0;

  get(accountId: string): string | null {
    return this.names.get(accountId) ?? null;
  }

  /** Returns whether anything changed. */
  remember(accounts: Iterable<{ accountId: string; accountName: string }>): boolean {
    let changed = false;
    for (const { accountId, accountName } of accounts) {
      if (!accountName || this.names.get(accountId) === accountName) continue;
      this.names.set(accountId, accountName);
      changed = true;
    }
    if (changed) this.version++;
    return changed;
  }
}
