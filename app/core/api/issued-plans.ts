// The profile plans main handed to the window, remembered by content, so that
// applyProfilePlan writes only a plan main itself made. A plan comes back from
// the window; without this, a compromised window could add any profile (a role
// it was never shown, a name of its choosing) that passes the config checks.

import { createHash } from 'node:crypto';
import type { ProfilePlan } from '../../shared/api';

/** Plans kept: the user may preview a few variants before applying one. */
const KEEP = 8;

/** Sorted keys, undefined dropped: the same plan hashes alike after IPC, JSON and zod. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function planDigest(plan: ProfilePlan): string {
  return createHash('sha256').update(canonicalJson(plan)).digest('hex');
}

export class IssuedPlans {
  private readonly digests: string[] = [];

  /** Records a plan on its way to the window; returns it unchanged. */
  remember(plan: ProfilePlan): ProfilePlan {
    const digest = planDigest(plan);
    if (!this.digests.includes(digest)) this.digests.push(digest);
    if (this.digests.length > KEEP) this.digests.shift();
    return plan;
  }

  /** True only for a plan identical to one main made. */
  has(plan: ProfilePlan): boolean {
    return this.digests.includes(planDigest(plan));
  }

  /** An applied plan is spent. */
  forget(plan: ProfilePlan): void {
    const at = this.digests.indexOf(planDigest(plan));
    if (at >= 0) this.digests.splice(at, 1);
  }
}
