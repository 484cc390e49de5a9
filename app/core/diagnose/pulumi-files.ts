// The Pulumi files the doctor looks at: the project file (Pulumi.yaml, found
// in the directory or a parent, as the Pulumi CLI finds it) and each stack's
// settings file (Pulumi.<stack>.yaml next to it, or in `stackConfigDir`).
// Only the top-level scalar entries of `config:` matter here, so a small
// line reader is enough; anything it does not understand is skipped, never
// guessed.

import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface ConfigEntry {
  /** The scalar value, or null for a nested value (`secure:`, objects, lists). */
  readonly value: string | null;
  /** 1-based line. */
  readonly line: number;
}

export interface PulumiStackFile {
  readonly stack: string;
  readonly file: string;
  readonly config: ReadonlyMap<string, ConfigEntry>;
}

export interface PulumiProject {
  readonly projectFile: string;
  readonly stacks: readonly PulumiStackFile[];
}

function unquote(raw: string): string | null {
  if (raw.startsWith("'")) {
    return raw.endsWith("'") && raw.length >= 2 ? raw.slice(1, -1).replaceAll("''", "'") : null;
  }
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return null;
    }
  }
  return raw;
}

/** A plain scalar ends at " #"; quoted ones at their closing quote. */
function scalar(rest: string): string | null {
  const text = rest.trim();
  if (text === '' || /^[|>&*!{[]/.test(text)) return null;
  if (text.startsWith('"') || text.startsWith("'")) {
    const quote = text[0]!;
    let end = 1;
    while (end < text.length) {
      if (quote === '"' && text[end] === '\\') end += 2;
      else if (text[end] === quote && quote === "'" && text[end + 1] === "'") end += 2;
      else if (text[end] === quote) break;
      else end += 1;
    }
    return unquote(text.slice(0, end + 1));
  }
  return text.replace(/\s+#.*$/, '');
}

/** `key: value` where the key may be quoted and may itself contain ':' (aws:profile). */
function keyValue(line: string): { key: string; rest: string } | null {
  const trimmed = line.trim();
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s|$)(.*)$/.exec(trimmed);
  if (quoted) {
    const key = unquote(quoted[1]!);
    return key === null ? null : { key, rest: quoted[2] ?? '' };
  }
  const plain = /^([^#\s][^]*?):(?:\s+(.*)|)$/.exec(trimmed);
  return plain ? { key: plain[1]!, rest: plain[2] ?? '' } : null;
}

/** Top-level scalar entries of a mapping (the file itself, or one nested under `section`). */
export function readYamlMapping(text: string, section: string | null): Map<string, ConfigEntry> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries = new Map<string, ConfigEntry>();
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const content = (l: string) => l.trim() !== '' && !l.trim().startsWith('#');
  let start = 0;
  let childIndent = 0;
  if (section !== null) {
    const header = lines.findIndex((l) => indentOf(l) === 0 && keyValue(l)?.key === section);
    if (header < 0) return entries;
    start = header + 1;
    const first = lines.slice(start).find(content);
    if (!first || indentOf(first) === 0) return entries;
    childIndent = indentOf(first);
  }
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (!content(line)) continue;
    const indent = indentOf(line);
    if (indent < childIndent || (section !== null && indent === 0)) break;
    if (indent !== childIndent) continue;
    const kv = keyValue(line);
    if (kv && !entries.has(kv.key)) entries.set(kv.key, { value: scalar(kv.rest), line: i + 1 });
  }
  return entries;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

async function findProjectFile(cwd: string): Promise<string | null> {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of ['Pulumi.yaml', 'Pulumi.yml']) {
      const candidate = path.join(dir, name);
      if ((await readText(candidate)) !== null) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The Pulumi project around `cwd` and its stack settings files, or null when there is none. */
export async function readPulumiProject(cwd: string): Promise<PulumiProject | null> {
  const projectFile = await findProjectFile(cwd);
  if (!projectFile) return null;
  const projectText = (await readText(projectFile)) ?? '';
  const configDir = readYamlMapping(projectText, null).get('stackConfigDir')?.value;
  const dir = path.resolve(path.dirname(projectFile), configDir ?? '.');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const stacks: PulumiStackFile[] = [];
  for (const name of names.sort()) {
    const match = /^Pulumi\.(.+)\.ya?ml$/.exec(name);
    if (!match) continue;
    const file = path.join(dir, name);
    const text = await readText(file);
    if (text === null) continue;
    stacks.push({ stack: match[1]!, file, config: readYamlMapping(text, 'config') });
  }
  return { projectFile, stacks };
}
