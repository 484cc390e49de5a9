// How botocore and the AWS CLI v2 read ~/.aws/config: Python's
// configparser.RawConfigParser (strict, `=` and `:` delimiters, full-line
// comments only, indented continuation lines, lower-cased keys, [DEFAULT]
// copied into every section) followed by botocore's raw_config_parse
// (nested `s3 =` blocks) and build_profile_map (shlex-split section names).
// Reproduced line by line so we can show where the AWS CLI and the JS SDK
// disagree (docs/protocol.md, "Config files"). Verified against the real
// botocore in test/unit/config/readers-oracle.test.ts.

import type { ConfigReading, KeyReading, ReadingError, SectionReading } from './reading';

/** Python's str.isspace() (differs from JS: includes \x1c-\x1f and \x85, excludes \ufeff). */
function isPySpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function isPySpace(ch: string): boolean {
  return ch.length === 1 && isPySpaceCode(ch.charCodeAt(0));
}

/** Index of the first character that is not Python whitespace. */
function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && isPySpaceCode(text.charCodeAt(i))) i++;
  return i;
}

function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPySpaceCode(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

export function pyStrip(text: string): string {
  const start = indentOf(text);
  let end = text.length;
  while (end > start && isPySpaceCode(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Python reads text files with universal newlines: \r\n, \r and \n all end a line. */
export function splitUniversalLines(text: string): string[] {
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
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
    const firstNonSpace = indentOf(raw);
    if (current && option && firstNonSpace > indentLevel) {
      option.lines?.push(value);
      continue;
    }
    indentLevel = firstNonSpace;
    const header = value[0] === '[' ? SECTION_HEADER.exec(value) : null;
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
    // configparser tracks (section, key) pairs added by this read; sections never
    // repeat (that is an error above) except [DEFAULT], whose keys accumulate too.
    if (current.options.has(key)) {
      errors.push({ message: `duplicate key "${key}" in [${currentName}]`, line: lineNo });
      break;
    }
    option = { lines: [pyStrip(match[3]!)], line: lineNo };
    current.options.set(key, option);
  }

  const parsed = new Map<string, SectionReading>();
  for (const [name, section] of sections) {
    const keys = new Map<string, KeyReading>();
    const merged = defaults.options.size
      ? new Map([...defaults.options, ...section.options])
      : section.options;
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
