// Finds section headers and the sections SSO Tray generated in raw config
// lines. Deliberately conservative: a section only counts as ours when it still
// looks exactly like what we write, so pruning never removes a user's edits.

import { UTF8_BOM, binaryToDisplay, isBlankLine, isCommentLine, lineBody } from './config-lines';
import {
  GENERATED_KEYS,
  PROFILE_NAME,
  isGeneratedMarker,
  type GeneratedKey,
} from './profile-section';

export interface RawSectionHeader {
  /** The text between `[` and `]`, decoded for display and comparison. */
  readonly header: string;
  /** 0-based index of the header line. */
  readonly line: number;
  /** 0-based index of the line after the section (the next header, or the line count). */
  readonly end: number;
}

/** The body of line `index`, without the UTF-8 BOM on the first line. */
function bodyAt(lines: readonly string[], index: number): string {
  const body = lineBody(lines[index]!);
  return index === 0 && body.startsWith(UTF8_BOM) ? body.slice(UTF8_BOM.length) : body;
}

// Any line whose first non-space character is `[` ends a section for our
// purposes: ending early only ever makes us remove less.
const HEADER_LIKE = /^[ \t]*\[/;
const HEADER = /^[ \t]*\[(.*)\][ \t]*$/;

export function scanSectionHeaders(lines: readonly string[]): RawSectionHeader[] {
  const starts: { header: string; line: number }[] = [];
  for (let index = 0; index < lines.length; index++) {
    const body = bodyAt(lines, index);
    if (!HEADER_LIKE.test(body)) continue;
    const match = HEADER.exec(body);
    starts.push({ header: binaryToDisplay(match ? match[1]! : body.trim()), line: index });
  }
  return starts.map((start, i) => ({ ...start, end: starts[i + 1]?.line ?? lines.length }));
}

export interface GeneratedSection {
  readonly name: string;
  readonly keys: Readonly<Partial<Record<GeneratedKey, string>>>;
  /** 0-based line range [start, end) to delete when pruning it. */
  readonly start: number;
  readonly end: number;
}

const KEY_LINE = /^([a-z_]+)[ \t]*=[ \t]*(\S+)$/;

/**
 * Sections that are exactly as SSO Tray writes them: `[profile NAME]`, the
 * marker comment on the next line, then only our keys (each once, at column 0),
 * blank lines and comments. The deletion range runs from the header to the last
 * key line; comments after it stay, since they usually introduce the next section.
 */
export function findGeneratedSections(lines: readonly string[]): GeneratedSection[] {
  const found: GeneratedSection[] = [];
  for (const section of scanSectionHeaders(lines)) {
    const name = /^profile ([^\s]+)$/.exec(section.header)?.[1];
    if (!name || !PROFILE_NAME.test(name)) continue;
    const markerIndex = section.line + 1;
    if (markerIndex >= section.end || !isGeneratedMarker(bodyAt(lines, markerIndex))) continue;
    const keys: Partial<Record<GeneratedKey, string>> = {};
    let lastContent = markerIndex;
    let ours = true;
    for (let index = markerIndex + 1; index < section.end && ours; index++) {
      const line = lines[index]!;
      if (isBlankLine(line) || isCommentLine(line)) continue;
      const match = KEY_LINE.exec(binaryToDisplay(lineBody(line)));
      const key = match?.[1] as GeneratedKey | undefined;
      if (!match || !key || !GENERATED_KEYS.includes(key) || keys[key] !== undefined) {
        ours = false;
        break;
      }
      keys[key] = match[2]!;
      lastContent = index;
    }
    if (!ours) continue;
    // Between blank lines (as we write sections), also drop the blank line after,
    // so add/prune cycles do not pile up blank lines. Never the one before: at the
    // end of the file that one may be the user's.
    const start = section.line;
    let end = lastContent + 1;
    const blankBefore = start === 0 || isBlankLine(lines[start - 1]!);
    if (blankBefore && end < section.end && isBlankLine(lines[end]!)) end++;
    found.push({ name, keys, start, end });
  }
  return found;
}

/** Every profile name a raw `[profile ...]` or `[default]` header could mean, lower-cased. */
export function rawProfileNames(lines: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const { header } of scanSectionHeaders(lines)) {
    const trimmed = header.trim();
    if (trimmed === 'default') names.add('default');
    const match = /^profile\s+["']?(.*?)["']?$/.exec(trimmed);
    if (match?.[1]) names.add(match[1].toLowerCase());
  }
  return names;
}
