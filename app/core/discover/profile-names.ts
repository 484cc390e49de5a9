// Profile names for discovered roles: a template filled in per role, turned
// into a name both botocore and the JS SDK read the same way, with collisions
// resolved the same way on every run.

import { isWritableProfileName } from '../config/edit/profile-section';

export const DEFAULT_TEMPLATE = '{account_name}-{role_name}';
export const TEMPLATE_PLACEHOLDERS = [
  'account_id',
  'account_name',
  'role_name',
  'session',
] as const;
type Placeholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

export interface NameFields {
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
  readonly session: string;
}

const MAX_NAME_LENGTH = 100;

/** Why a template cannot be used, or null. */
export function templateProblem(template: string): string | null {
  const placeholders = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const unknown = placeholders.filter((p) => !TEMPLATE_PLACEHOLDERS.includes(p as Placeholder));
  if (unknown.length > 0) {
    return `unknown placeholder {${unknown[0]}} in "${template}"; use ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`;
  }
  if (placeholders.length === 0) {
    return `"${template}" has no placeholder, so every profile would get the same name`;
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) {
    return `"${template}" has an unmatched brace`;
  }
  return null;
}

/**
 * Lower-case ASCII letters, digits, `.`, `_` and `-`: accents are dropped
 * (`Dégustation` -> `degustation`), any other run of characters becomes one `-`,
 * separators are trimmed from both ends.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/^[-._]+|[-._]+$/g, '');
  return slug;
}

export function renderTemplate(template: string, fields: NameFields): string {
  const values: Record<Placeholder, string> = {
    account_id: fields.accountId,
    account_name: fields.accountName,
    role_name: fields.roleName,
    session: fields.session,
  };
  return template.replace(/\{([a-z_]+)\}/g, (whole, key: string) =>
    key in values ? values[key as Placeholder] : whole,
  );
}

/** The name a role would get before collisions; never empty. */
export function baseProfileName(template: string, fields: NameFields): string {
  const slug = slugify(renderTemplate(template, fields));
  // An account name of only non-Latin characters can leave nothing: fall back to ids.
  return slug !== '' ? slug : slugify(`${fields.accountId}-${fields.roleName}`) || fields.accountId;
}

/**
 * Assigns a unique name to each role, in the order given (callers sort it).
 * A base name stays as is when only one role wants it and no existing profile
 * has it (compared case-insensitively: a profile differing only in case is
 * confusing). Otherwise the first free of: the base plus the role name (when
 * the base does not already say it), plus the account id (likewise), plus both,
 * then -2, -3, ...
 */
export function assignProfileNames(
  template: string,
  roles: readonly NameFields[],
  taken: ReadonlySet<string>,
): string[] {
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  const bases = roles.map((role) => baseProfileName(template, role));
  const wanted = new Map<string, number>();
  for (const base of bases) wanted.set(base, (wanted.get(base) ?? 0) + 1);
  const free = (name: string) => isWritableProfileName(name) && !used.has(name);
  return roles.map((role, index) => {
    const base = bases[index]!;
    const roleSlug = slugify(role.roleName);
    const withRole = roleSlug && !base.includes(roleSlug) ? `${base}-${roleSlug}` : null;
    const withAccount = base.includes(role.accountId) ? null : `${base}-${role.accountId}`;
    const candidates = [
      wanted.get(base) === 1 ? base : null,
      withRole,
      withAccount,
      withRole && withAccount ? `${withRole}-${role.accountId}` : null,
    ].filter((name): name is string => name !== null);
    let name = candidates.find(free);
    for (let n = 2; name === undefined; n++) {
      if (free(`${base}-${n}`)) name = `${base}-${n}`;
    }
    used.add(name);
    return name;
  });
}
