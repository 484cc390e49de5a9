// The fast path for reading ~/.aws/config. Almost every real config uses only
// constructs botocore and the JS SDK read identically: plain ASCII `key = value`
// lines with lower-case keys, simple section names, no inline comments, no
// indentation, no duplicates, no empty values or empty sections. For such a
// file one reading is enough and there is nothing to report, so this reads it
// in one pass without allocating a line array, and gives up (null) at the
// first construct outside that subset; the caller then runs both full readers
// and compares them. "Plain implies both readers agree, line numbers included"
// is checked by a property test (test/unit/config/plain-config.test.ts).

import type { ConfigReading, KeyReading, SectionReading } from './reading';

const PROFILE_LIKE = /^(profile|sso-session|services) ([A-Za-z0-9_\-@+.%:/]+)$/;
const OTHER_SECTION = /^[A-Za-z0-9_-]+$/;
const LONE_CR = /\r(?!\n)/;

const TAB = 9;
const SPACE = 32;
const HASH = 35;
const SEMICOLON = 59;
const EQUALS = 61;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

const isBlank = (c: number) => c === SPACE || c === TAB;
/** Key characters both readers keep as they are: lower-case letters, digits, `_`. */
const isKeyChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;

interface OpenSection {
  readonly keys: Map<string, KeyReading>;
  /** profile, default and sso-session sections without keys read differently. */
  readonly needsKeys: boolean;
}

export function readPlainConfig(text: string): ConfigReading | null {
  if (LONE_CR.test(text)) return null;
  const profiles = new Map<string, SectionReading>();
  const ssoSessions = new Map<string, SectionReading>();
  const seen = new Set<string>();
  let section: OpenSection | null = null;
  let lineNo = 0;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const next = end + 1;
    lineNo++;

    const lineStart = start;
    start = next;

    let first = lineStart;
    while (first < lineEnd && isBlank(text.charCodeAt(first))) first++;
    if (first === lineEnd) continue;
    const lead = text.charCodeAt(first);
    // Both tools skip a whole-line comment, whatever it contains.
    if (lead === HASH || lead === SEMICOLON) continue;
    // Indented lines continue a value for botocore but not for the JS SDK.
    if (first > lineStart) return null;

    // One scan: printable ASCII only, last non-blank, first `=`, inline comment.
    let last = first;
    let equals = -1;
    let inlineComment = false;
    for (let i = first; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c !== TAB && (c < SPACE || c > 126)) return null;
      if (isBlank(c)) continue;
      last = i;
      if (c === EQUALS && equals < 0) equals = i;
      if ((c === HASH || c === SEMICOLON) && isBlank(text.charCodeAt(i - 1))) inlineComment = true;
    }
    if (inlineComment) return null;

    if (lead === OPEN_BRACKET) {
      if (text.charCodeAt(last) !== CLOSE_BRACKET) return null;
      if (section?.needsKeys && section.keys.size === 0) return null;
      const header = text.slice(first + 1, last);
      const opened = openSection(header, lineNo, profiles, ssoSessions, seen);
      if (!opened) return null;
      section = opened;
      continue;
    }
    if (!section || equals <= first) return null;
    let keyEnd = equals;
    while (isBlank(text.charCodeAt(keyEnd - 1))) keyEnd--;
    for (let i = first; i < keyEnd; i++) if (!isKeyChar(text.charCodeAt(i))) return null;
    let valueStart = equals + 1;
    while (valueStart <= last && isBlank(text.charCodeAt(valueStart))) valueStart++;
    if (valueStart > last) return null; // an empty value starts a nested block in the JS SDK
    const key = text.slice(first, keyEnd);
    // The JS SDK stores keys in a plain object, where __proto__ is not a key.
    if (key === '__proto__' || section.keys.has(key)) return null;
    section.keys.set(key, { value: text.slice(valueStart, last + 1), line: lineNo });
  }
  if (section?.needsKeys && section.keys.size === 0) return null;
  return { accepted: true, errors: [], profiles, ssoSessions };
}

function openSection(
  header: string,
  line: number,
  profiles: Map<string, SectionReading>,
  ssoSessions: Map<string, SectionReading>,
  seen: Set<string>,
): OpenSection | null {
  const keys = new Map<string, KeyReading>();
  const prefixed = PROFILE_LIKE.exec(header);
  let canonical = header;
  if (prefixed) {
    const [, kind, name] = prefixed;
    if (name === '__proto__') return null;
    if (kind === 'profile') profiles.set(name!, { line, keys });
    else if (kind === 'sso-session') ssoSessions.set(name!, { line, keys });
  } else if (header === 'default') {
    canonical = 'profile default';
    profiles.set('default', { line, keys });
  } else if (
    !OTHER_SECTION.test(header) ||
    header === 'DEFAULT' ||
    /^(profile|sso-session|services)/.test(header)
  ) {
    return null;
  }
  if (seen.has(canonical)) return null;
  seen.add(canonical);
  const needsKeys =
    header === 'default' || prefixed?.[1] === 'profile' || prefixed?.[1] === 'sso-session';
  return { keys, needsKeys };
}
