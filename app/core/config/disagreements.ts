// Where the AWS CLI (botocore) and the JS SDK read the same config file
// differently, one problem per line that says what each tool sees and why.

import type { Problem } from '../../shared/model';
import { splitUniversalLines } from './python-reader';
import type { ConfigReading, SectionReading } from './reading';

/** Values of these keys are secrets and never appear in a message. */
const SECRET_KEYS = /secret|token|password/i;
const MAX_REPORTED = 50;

type Tool = 'botocore' | 'js';

interface Difference {
  owner: { profile: string } | { session: string };
  line: number;
  key: string;
  botocore: string | undefined;
  js: string | undefined;
}

export function describeDisagreements(
  text: string,
  botocore: ConfigReading,
  jsSdk: ConfigReading,
  file: string,
): Problem[] {
  const lines = splitUniversalLines(text);
  const problems: Problem[] = [];
  const differences: Difference[] = [];
  for (const [label, ofBotocore, ofJs] of [
    ['profile', botocore.profiles, jsSdk.profiles],
    ['sso-session', botocore.ssoSessions, jsSdk.ssoSessions],
  ] as const) {
    for (const name of new Set([...ofBotocore.keys(), ...ofJs.keys()])) {
      const b = ofBotocore.get(name);
      const j = ofJs.get(name);
      if (!b || !j) {
        const only: Tool = b ? 'botocore' : 'js';
        const section = (b ?? j)!;
        problems.push(sectionSeenByOneTool(label, name, section, only, lines, file));
        continue;
      }
      if (b.line !== j.line && label === 'profile' && name === 'default') {
        problems.push({
          code: 'config-default-profile-twice',
          severity: 'warning',
          message: `Both [default] and [profile default] exist: the AWS CLI uses the later one (line ${b.line}), the JS SDK always uses [profile default] (line ${j.line}). Keep only one.`,
          file,
          line: Math.max(b.line, j.line),
          profile: 'default',
        });
        continue;
      }
      const owner = label === 'profile' ? { profile: name } : { session: name };
      differences.push(...compareKeys(b, j).map((d) => ({ ...d, owner })));
    }
  }
  const byLine = new Map<number, Difference[]>();
  for (const d of differences) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
  for (const [line, diffs] of [...byLine].sort((a, b) => a[0] - b[0])) {
    problems.push({
      code: 'config-ambiguous',
      severity: 'warning',
      message: explainLine(lines, line, diffs),
      file,
      line,
      ...diffs[0]!.owner,
    });
  }
  if (problems.length > MAX_REPORTED) {
    const hidden = problems.length - MAX_REPORTED;
    return [
      ...problems.slice(0, MAX_REPORTED),
      {
        code: 'config-ambiguous-more',
        severity: 'warning',
        message: `${hidden} more lines are read differently by the AWS CLI and the JS SDK.`,
        file,
        line: null,
      },
    ];
  }
  return problems;
}

function flatten(section: SectionReading): Map<string, { value: string; line: number }> {
  const flat = new Map<string, { value: string; line: number }>();
  for (const [key, reading] of section.keys) {
    if (typeof reading.value === 'string') {
      flat.set(key, { value: reading.value, line: reading.line });
    } else {
      for (const [sub, v] of Object.entries(reading.value)) {
        flat.set(`${key}.${sub}`, { value: v, line: reading.line });
      }
    }
  }
  return flat;
}

function compareKeys(b: SectionReading, j: SectionReading): Omit<Difference, 'owner'>[] {
  const fb = flatten(b);
  const fj = flatten(j);
  const out: Omit<Difference, 'owner'>[] = [];
  for (const key of new Set([...fb.keys(), ...fj.keys()])) {
    const vb = fb.get(key);
    const vj = fj.get(key);
    if (vb?.value === vj?.value) continue;
    out.push({ line: (vb ?? vj)!.line, key, botocore: vb?.value, js: vj?.value });
  }
  return out;
}

function shown(key: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (SECRET_KEYS.test(key)) return '(a secret value)';
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

function explainLine(lines: readonly string[], line: number, diffs: readonly Difference[]): string {
  const seen = [
    ...new Set(
      diffs.map(
        (d) => `${d.key}: AWS CLI ${shown(d.key, d.botocore)}, JS SDK ${shown(d.key, d.js)}`,
      ),
    ),
  ].join('; ');
  return `The AWS CLI and the JS SDK read this line differently (${seen}). ${whyLine(lines, line, diffs)}`;
}

/** The header of the section that line `line` belongs to. */
function enclosingHeader(lines: readonly string[], line: number): string {
  for (let i = line - 1; i >= 0; i--) {
    const text = (lines[i] ?? '').trim();
    if (text.startsWith('[')) return text;
  }
  return '';
}

/** The most likely reason a line reads differently, with the fix. */
function whyLine(lines: readonly string[], line: number, diffs: readonly Difference[]): string {
  const raw = lines[line - 1] ?? '';
  const trimmed = raw.trim();
  const eq = trimmed.indexOf('=');
  const key = eq > 0 ? trimmed.slice(0, eq).trim() : trimmed;
  if (enclosingHeader(lines, line) === '[DEFAULT]') {
    return 'The AWS CLI copies [DEFAULT] keys into every profile; the JS SDK ignores them. Move the keys into the profiles.';
  }
  if (/^\s/.test(raw) || diffs.some((d) => d.botocore?.includes('\n'))) {
    return 'Indented lines continue the previous value for the AWS CLI but are separate keys for the JS SDK. Remove the indentation.';
  }
  if (eq < 0 && trimmed.includes(':'))
    return 'Only the AWS CLI accepts ":" as a separator. Use "=".';
  if (eq >= 0 && /\s[#;]/.test(trimmed.slice(eq + 1))) {
    return 'The AWS CLI keeps an inline comment as part of the value; the JS SDK strips it. Put the comment on its own line.';
  }
  if (key !== key.toLowerCase()) {
    return 'The AWS CLI lower-cases key names; the JS SDK does not. Write the key in lower case.';
  }
  if (eq >= 0 && trimmed.slice(eq + 1).trim() === '') {
    return 'An empty value starts a nested block for the JS SDK; the AWS CLI reads an empty string. Remove the line or give it a value.';
  }
  return 'Rewrite it as a plain "key = value" line in lower case.';
}

function sectionSeenByOneTool(
  label: string,
  name: string,
  section: SectionReading,
  only: Tool,
  lines: readonly string[],
  file: string,
): Problem {
  const header = (lines[section.line - 1] ?? '').trim();
  const reader = only === 'botocore' ? 'the AWS CLI' : 'the JS SDK';
  const other = only === 'botocore' ? 'the JS SDK' : 'the AWS CLI';
  let why = `Use a simple name: [${label} ${simpleName(name)}].`;
  if (section.keys.size === 0)
    why = 'The JS SDK drops sections without keys. Add its keys or remove it.';
  else if (/\s{2,}/.test(header)) why = `Use exactly one space: [${label} ${name}].`;
  else if (!/^[\w\-@+.%:/]+$/.test(name)) {
    why = `The JS SDK only accepts letters, digits and - _ @ + . % : / in names. Rename it, e.g. [${label} ${simpleName(name)}].`;
  }
  return {
    code: 'config-section-one-tool',
    severity: 'warning',
    message: `${header || `[${label} ${name}]`} is ${label} "${name}" for ${reader}, but ${other} does not see it. ${why}`,
    file,
    line: section.line,
    ...(label === 'profile' ? { profile: name } : { session: name }),
  };
}

function simpleName(name: string): string {
  return name.replace(/[^\w\-.]+/g, '-').replace(/^-+|-+$/g, '') || 'name';
}
