// Profile names from a template: readable, identical in both AWS readers,
// unique, and the same on every run whatever order the roles arrive in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAsJsSdk } from '../../../app/core/config/js-reader';
import { readAsBotocore } from '../../../app/core/config/python-reader';
import {
  assignProfileNames,
  baseProfileName,
  slugify,
  templateProblem,
  type NameFields,
} from '../../../app/core/discover/profile-names';

const role = (accountId: string, accountName: string, roleName: string): NameFields => ({
  accountId,
  accountName,
  roleName,
  session: 'My SSO',
});

describe('names from a template', () => {
  it('fills every placeholder and slugs the result', () => {
    const fields = role('123456789012', 'Payments Prod (EU)', 'AdministratorAccess');
    expect(baseProfileName('{account_name}-{role_name}', fields)).toBe(
      'payments-prod-eu-administratoraccess',
    );
    expect(baseProfileName('{session}/{account_id}:{role_name}', fields)).toBe(
      'my-sso-123456789012-administratoraccess',
    );
  });

  it.each([
    ['Dégustation Crème', 'degustation-creme'],
    ['  --Lead & Trail__ ', 'lead-trail'],
    ['a.b_c-d', 'a.b_c-d'],
    ['ＦＵＬＬ width', 'full-width'],
    ['"quoted" [x] #c ;d', 'quoted-x-c-d'],
  ])('slugs %j to %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('falls back to the account id when the name leaves nothing', () => {
    expect(baseProfileName('{account_name}', role('123456789012', '本番', 'Admin'))).toBe(
      '123456789012-admin',
    );
  });

  it.each([
    ['{account}-{role_name}', 'unknown placeholder {account}'],
    ['static-name', 'has no placeholder'],
    ['{account_name}-{role_name', 'unmatched brace'],
  ])('rejects the template %j', (template, message) => {
    expect(templateProblem(template)).toContain(message);
  });

  it('accepts every documented placeholder', () => {
    expect(templateProblem('{account_id}{account_name}{role_name}{session}')).toBeNull();
  });
});

describe('collisions', () => {
  it('suffixes the account id when two accounts share a name, leaving unique names alone', () => {
    const roles = [
      role('111111111111', 'Sandbox', 'Admin'),
      role('222222222222', 'Sandbox', 'Admin'),
      role('333333333333', 'Prod', 'Admin'),
    ];
    expect(assignProfileNames('{account_name}-{role_name}', roles, new Set())).toEqual([
      'sandbox-admin-111111111111',
      'sandbox-admin-222222222222',
      'prod-admin',
    ]);
  });

  it('adds the role when the template leaves it out', () => {
    const roles = [role('111111111111', 'Dev', 'Admin'), role('111111111111', 'Dev', 'ReadOnly')];
    expect(assignProfileNames('{account_name}', roles, new Set())).toEqual([
      'dev-admin',
      'dev-readonly',
    ]);
  });

  it('avoids existing profiles case-insensitively, and names unsafe in a reader', () => {
    const roles = [role('111111111111', 'Dev', 'Admin'), role('222222222222', 'Default', 'x')];
    expect(assignProfileNames('{account_name}-{role_name}', roles, new Set(['Dev-Admin']))).toEqual(
      ['dev-admin-111111111111', 'default-x'],
    );
    expect(assignProfileNames('{account_name}', [roles[1]!], new Set())).toEqual(['default-x']);
  });

  it('numbers names when nothing else separates them', () => {
    const roles = [role('111111111111', 'A', 'r'), role('111111111111', 'A', 'R2')];
    expect(assignProfileNames('{account_id}', roles, new Set())).toEqual([
      '111111111111-r',
      '111111111111-r2',
    ]);
    expect(
      assignProfileNames('{account_id}', roles, new Set(['111111111111-r', '111111111111-r2'])),
    ).toEqual(['111111111111-2', '111111111111-3']);
  });

  it('gives unique names that both readers see as exactly that profile, for any input', () => {
    const fields = fc.record({
      accountId: fc.stringMatching(/^\d{12}$/),
      accountName: fc.string({ maxLength: 30 }),
      roleName: fc.stringMatching(/^[\w+=,.@-]{1,30}$/),
      session: fc.string({ maxLength: 10 }),
    });
    fc.assert(
      fc.property(
        fc.array(fields, { maxLength: 12 }),
        fc.constantFrom('{account_name}-{role_name}', '{account_name}', '{session}.{role_name}'),
        fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { maxLength: 5 }),
        (roles, template, taken) => {
          const names = assignProfileNames(template, roles, new Set(taken));
          expect(new Set(names).size).toBe(names.length);
          for (const name of names) expect(taken).not.toContain(name);
          const text = names.map((n) => `[profile ${n}]\nregion = r\n`).join('');
          for (const reading of [readAsBotocore(text), readAsJsSdk(text)]) {
            expect([...reading.profiles.keys()]).toEqual(names);
          }
          // Same names whatever happened before: a pure function of its input.
          expect(assignProfileNames(template, roles, new Set(taken))).toEqual(names);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
