// A fast, conservative check that a config file uses only constructs botocore
// and the JS SDK read identically: plain ASCII `key = value` lines with
// lower-case keys, simple section names, no inline comments, no indentation,
// no duplicates, no empty values or empty sections. For such files (almost
// every real one) one reading is enough and there is nothing to report, which
// halves the cost of loading a large config. Anything else takes the slow
// path that runs both readers and compares them. "Plain implies both readers
// agree" is checked by a property test (test/unit/config/plain-config.test.ts).

const PROFILE_LIKE = /^(?:profile|sso-session|services) ([A-Za-z0-9_\-@+.%:/]+)$/;
const OTHER_SECTION = /^[A-Za-z0-9_-]+$/;
const KEY_VALUE = /^([a-z0-9_]+)[ \t]*=[ \t]*(\S.*)$/;
const ASCII_LINE = /^[\t\x20-\x7e]*$/;
const INLINE_COMMENT = /\s[#;]/;
const LONE_CR = /\r(?!\n)/;

export function isPlainConfig(text: string): boolean {
  if (LONE_CR.test(text)) return false;
  const sectionsSeen = new Set<string>();
  let keys: Set<string> | null = null;
  let sectionNeedsKeys = false;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (!ASCII_LINE.test(line)) return false;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed[0] === '#' || trimmed[0] === ';') continue;
    if (line[0] === ' ' || line[0] === '\t') return false;
    if (trimmed[0] === '[') {
      if (sectionNeedsKeys && keys?.size === 0) return false;
      if (!trimmed.endsWith(']')) return false;
      const name = trimmed.slice(1, -1);
      const profileLike = PROFILE_LIKE.exec(name);
      if (profileLike) {
        if (profileLike[1] === '__proto__') return false;
      } else if (
        !OTHER_SECTION.test(name) ||
        name === 'DEFAULT' ||
        /^(profile|sso-session|services)/.test(name)
      ) {
        return false;
      }
      const canonical = name === 'default' ? 'profile default' : name;
      if (sectionsSeen.has(canonical)) return false;
      sectionsSeen.add(canonical);
      keys = new Set();
      sectionNeedsKeys =
        name === 'default' || name.startsWith('profile ') || name.startsWith('sso-session ');
      continue;
    }
    const match = KEY_VALUE.exec(trimmed);
    if (!match || keys === null || INLINE_COMMENT.test(trimmed)) return false;
    // The JS SDK stores keys in a plain object, where __proto__ is not a key.
    if (match[1] === '__proto__') return false;
    if (keys.has(match[1]!)) return false;
    keys.add(match[1]!);
  }
  return !(sectionNeedsKeys && keys?.size === 0);
}
