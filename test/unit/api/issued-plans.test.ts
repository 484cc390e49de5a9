// The plans main made, remembered by content: the same plan after IPC, JSON
// and zod (keys reordered, undefined dropped) is recognised; any change is not.
import { describe, expect, it } from 'vitest';
import type { ProfilePlan } from '../../../app/shared/api';
import { IssuedPlans, planDigest } from '../../../app/core/api/issued-plans';

const plan: ProfilePlan = {
  session: 'my-sso',
  configFile: '/home/u/.aws/config',
  additions: [
    {
      name: 'dev-readonly',
      accountId: '111111111111',
      accountName: 'Dev',
      roleName: 'ReadOnly',
      region: null,
      output: undefined,
    },
  ],
  removals: [],
  diff: '+[profile dev-readonly]\n',
  baseHash: 'abc',
};

describe('IssuedPlans', () => {
  it('recognises the same plan with its keys reordered and undefined fields dropped', () => {
    const issued = new IssuedPlans();
    issued.remember(plan);
    const [addition] = plan.additions;
    const echoed = JSON.parse(
      JSON.stringify({
        baseHash: plan.baseHash,
        diff: plan.diff,
        removals: [],
        additions: [
          {
            region: null,
            roleName: addition!.roleName,
            accountName: addition!.accountName,
            accountId: addition!.accountId,
            name: addition!.name,
          },
        ],
        configFile: plan.configFile,
        session: plan.session,
      }),
    ) as ProfilePlan;
    expect(planDigest(echoed)).toBe(planDigest(plan));
    expect(issued.has(echoed)).toBe(true);
  });

  it('refuses any change, and a plan once forgotten', () => {
    const issued = new IssuedPlans();
    issued.remember(plan);
    expect(issued.has({ ...plan, removals: ['prod'] })).toBe(false);
    expect(issued.has({ ...plan, additions: [{ ...plan.additions[0]!, roleName: 'Admin' }] })).toBe(
      false,
    );
    issued.forget(plan);
    expect(issued.has(plan)).toBe(false);
  });

  it('keeps the last eight plans', () => {
    const issued = new IssuedPlans();
    const plans = Array.from({ length: 9 }, (_, i) => ({ ...plan, baseHash: `h${i}` }));
    for (const p of plans) issued.remember(p);
    expect(issued.has(plans[0]!)).toBe(false);
    expect(plans.slice(1).every((p) => issued.has(p))).toBe(true);
  });
});
