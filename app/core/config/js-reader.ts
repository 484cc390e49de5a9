// How the AWS SDK for JavaScript v3 reads ~/.aws/config (@smithy/core's
// parseIni + getConfigData + getSsoSessionData): inline comments stripped
// from ` #`/` ;`, `=` only, case-sensitive keys, later keys and repeated
// sections merge, section names limited to [\w-@+.%:/], `[profile default]`
// beats `[default]`. Reproduced so we can report where it disagrees with the
// AWS CLI; verified against the real loader in readers-oracle.test.ts.

import type { ConfigReading, KeyReading, SectionReading } from './reading';

const PREFIXED_SECTION = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/;
const COMMENT_START = /(^|\s)[;#]/;
const SECTION_TYPES = new Set(['profile', 'sso-session', 'services']);
const BLOCKED_SECTIONS = new Set(['__proto__', 'profile __proto__']);

interface MutableSection {
  line: number;
  keys: Map<string, KeyReading>;
}

/** parseIni: section key (`profile.dev`, `sso-session.x`, `default`) -> keys. */
export function parseIniAsJsSdk(text: string): {
  sections: Map<string, MutableSection>;
  error: { message: string; line: number } | null;
} {
  const sections = new Map<string, MutableSection>();
  let current: string | undefined;
  let currentHeaderLine = 0;
  let subSection: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const rawLine = lines[index]!;
    // Same as the SDK's `rawLine.split(/(^|\s)[;#]/)[0]`, without building an array.
    const comment = COMMENT_START.exec(rawLine);
    const line = (comment ? rawLine.slice(0, comment.index) : rawLine).trim();
    if (line[0] === '[' && line[line.length - 1] === ']') {
      current = undefined;
      subSection = undefined;
      currentHeaderLine = index + 1;
      const name = line.substring(1, line.length - 1);
      const match = PREFIXED_SECTION.exec(name);
      if (match) {
        if (SECTION_TYPES.has(match[1]!)) current = `${match[1]}.${match[3]}`;
      } else {
        current = name;
      }
      if (BLOCKED_SECTIONS.has(name)) {
        // The SDK throws here and its loader swallows the error: the whole file reads as empty.
        return {
          sections: new Map(),
          error: {
            message: `section [${name}] makes the JS SDK ignore the whole file`,
            line: index + 1,
          },
        };
      }
      continue;
    }
    if (!current) continue;
    const eq = line.indexOf('=');
    if (eq === 0 || eq === -1) continue;
    const key = line.substring(0, eq).trim();
    const value = line.substring(eq + 1).trim();
    if (value === '') {
      subSection = key;
      continue;
    }
    if (subSection && rawLine.trimStart() === rawLine) subSection = undefined;
    const fullKey = subSection ? `${subSection}.${key}` : key;
    let section = sections.get(current);
    if (!section) {
      // The SDK only creates a section when it gets its first key.
      section = { line: currentHeaderLine, keys: new Map() };
      sections.set(current, section);
    }
    // The SDK assigns into a plain object, where `__proto__ = x` is a no-op.
    if (fullKey !== '__proto__') section.keys.set(fullKey, { value, line: index + 1 });
  }
  return { sections, error: null };
}

export function readAsJsSdk(text: string): ConfigReading {
  const { sections, error } = parseIniAsJsSdk(text);
  const profiles = new Map<string, SectionReading>();
  const ssoSessions = new Map<string, SectionReading>();
  const defaultSection = sections.get('default');
  if (defaultSection) profiles.set('default', defaultSection);
  for (const [key, section] of sections) {
    const dot = key.indexOf('.');
    if (dot < 0) continue;
    const prefix = key.substring(0, dot);
    const name = key.substring(dot + 1);
    if (prefix === 'profile') profiles.set(name, section);
    else if (prefix === 'sso-session') ssoSessions.set(name, section);
  }
  return {
    accepted: error === null,
    errors: error ? [error] : [],
    profiles,
    ssoSessions,
  };
}
