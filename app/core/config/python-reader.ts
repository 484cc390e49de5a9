// How botocore and the AWS CLI v2 read ~/.aws/config: Python's
// configparser.RawConfigParser (strict, `=` and `:` delimiters, full-line
// comments only, indented continuation lines, lower-cased keys, [DEFAULT]
// copied into every section) followed by botocore's raw_config_parse
// (nested `s3 =` blocks) and build_profile_map (shlex-split section names).
// Reproduced line by line so we can show where the AWS CLI and the JS SDK
// disagree (aws-sso-protocol.md section 7). Verified against the real
// botocore in test/unit/config/readers-oracle.test.ts.

import type { ConfigReading, KeyReading, ReadingError, SectionReading } from './reading';

// Characters Python's str.isspace() accepts (differs from JS: includes
// \x1c-\x1f and \x85, excludes \ufeff).
const PY_SPACE = new Set(
  '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000',
);

export function isPySpace(ch: string): boolean {
  return PY_SPACE.has(ch);
}

export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PY_SPACE.has(text[start]!)) start++;
  while (end > start && PY_SPACE.has(text[end - 1]!)) end--;
  return text.slice(start, end);
}

function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && PY_SPACE.has(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** Python reads text files with universal newlines: \r\n, \r and \n all end a line. */
export function splitUniversalLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Python's shlex.split(s) (posix, no comments); null where Python raises ValueError. */
export function shlexSplit(input: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  const isWs = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  while (i < input.length) {
    const c = input[i]!;
    if (isWs(c)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= input.length) return null;
      word = (word ?? '') + input[i + 1];
      i += 2;
    } else if (c === "'" || c === '"') {
      word = word ?? '';
      i++;
      let closed = false;
      while (i < input.length) {
        const q = input[i]!;
        if (q === c) {
          closed = true;
          i++;
          break;
        }
        if (c === '"' && q === '\\' && i + 1 < input.length) {
          const next = input[i + 1]!;
          if (next === '"' || next === '\\') {
            word += next;
            i += 2;
            continue;
          }
        }
        word += q;
        i++;
      }
      if (!closed) return null;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

interface RawOption {
  lines: string[] | null;
  line: number;
}

interface RawSection {
  line: number;
  options: Map<string, RawOption>;
}

const SECTION_HEADER = /^\[(.+)\]/s;
const OPTION_LINE = /^(.*?)\s*(=|:)\s*(.*)$/s;

export interface RawIniReading {
  readonly sections: ReadonlyMap<string, SectionReading>;
  readonly errors: readonly ReadingError[];
}

/** botocore's reading of ~/.aws/config: raw_config_parse + build_profile_map. */
export function readAsBotocore(text: string): ConfigReading {
  const raw = parseIniAsBotocore(text);
  return buildProfileMap(raw.sections, raw.errors);
}

/** RawConfigParser.read_string + raw_config_parse: section header -> keys (also used for ~/.aws/credentials). */
export function parseIniAsBotocore(text: string): RawIniReading {
  const errors: ReadingError[] = [];
  const sections = new Map<string, RawSection>();
  const defaults: RawSection = { line: 0, options: new Map() };
  const added = new Set<string>();
  let current: RawSection | null = null;
  let currentName: string | null = null;
  let option: RawOption | null = null;
  let indentLevel = 0;

  const lines = splitUniversalLines(text);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const lineNo = index + 1;
    const stripped = pyStrip(raw);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = isComment ? '' : stripped;
    if (!value) {
      // Blank lines belong to a running multi-line value; comment lines do not.
      if (!isComment && current && option && option.lines) option.lines.push('');
      continue;
    }
    let firstNonSpace = 0;
    while (firstNonSpace < raw.length && PY_SPACE.has(raw[firstNonSpace]!)) firstNonSpace++;
    if (current && option && firstNonSpace > indentLevel) {
      option.lines?.push(value);
      continue;
    }
    indentLevel = firstNonSpace;
    const header = SECTION_HEADER.exec(value);
    if (header) {
      const name = header[1]!;
      if (sections.has(name)) {
        if (added.has(name)) {
          errors.push({ message: `duplicate section [${name}]`, line: lineNo });
          break;
        }
        current = sections.get(name)!;
      } else if (name === 'DEFAULT') {
        current = defaults;
      } else {
        current = { line: lineNo, options: new Map() };
        sections.set(name, current);
        added.add(name);
      }
      currentName = name;
      option = null;
      continue;
    }
    if (!current) {
      errors.push({ message: 'text before the first [section] header', line: lineNo });
      break;
    }
    const match = OPTION_LINE.exec(value);
    if (!match) {
      errors.push({
        message: `line is neither a section, a key = value, nor a comment`,
        line: lineNo,
      });
      option = null;
      continue;
    }
    const rawKey = match[1]!;
    if (!rawKey) errors.push({ message: 'key is empty', line: lineNo });
    const key = pyRstrip(rawKey).toLowerCase();
    const addedKey = `${currentName}\u0000${key}`;
    if (added.has(addedKey)) {
      errors.push({ message: `duplicate key "${key}" in [${currentName}]`, line: lineNo });
      break;
    }
    added.add(addedKey);
    option = { lines: [pyStrip(match[3]!)], line: lineNo };
    current.options.set(key, option);
  }

  const parsed = new Map<string, SectionReading>();
  for (const [name, section] of sections) {
    const keys = new Map<string, KeyReading>();
    const merged = new Map([...defaults.options, ...section.options]);
    for (const [key, opt] of merged) {
      const joined = pyRstrip((opt.lines ?? []).join('\n'));
      if (joined.startsWith('\n')) {
        const nested = parseNested(joined);
        if (nested === null) {
          errors.push({ message: `nested block "${key}" has a line without "="`, line: opt.line });
          continue;
        }
        keys.set(key, { value: nested, line: opt.line });
      } else {
        keys.set(key, { value: joined, line: opt.line });
      }
    }
    parsed.set(name, { line: section.line, keys });
  }
  return { sections: parsed, errors };
}

function parseNested(value: string): Record<string, string> | null {
  const entries: [string, string][] = [];
  for (const rawLine of value.split('\n')) {
    const line = pyStrip(rawLine);
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq < 0) return null;
    entries.push([pyStrip(line.slice(0, eq)), pyStrip(line.slice(eq + 1))]);
  }
  // fromEntries defines own properties, so a key named __proto__ stays a key.
  return Object.fromEntries(entries);
}

function buildProfileMap(
  sections: ReadonlyMap<string, SectionReading>,
  errors: readonly ReadingError[],
): ConfigReading {
  const profiles = new Map<string, SectionReading>();
  const ssoSessions = new Map<string, SectionReading>();
  for (const [header, section] of sections) {
    if (header.startsWith('profile')) {
      const name = sectionName(header);
      if (name !== null) profiles.set(name, section);
    } else if (header.startsWith('sso-session')) {
      const name = sectionName(header);
      if (name !== null) ssoSessions.set(name, section);
    } else if (header === 'default') {
      profiles.set('default', section);
    }
  }
  return { accepted: errors.length === 0, errors, profiles, ssoSessions };
}

/** botocore's _parse_section: `profile NAME` -> NAME when shlex gives exactly two words. */
function sectionName(header: string): string | null {
  const parts = shlexSplit(header);
  return parts && parts.length === 2 ? parts[1]! : null;
}
