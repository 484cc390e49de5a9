// The preview diff is the real thing: GNU patch turns the original into
// exactly the bytes the editor writes, and for appends GNU diff -u prints
// the same hunks.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  diffEdit,
  editConfig,
  type ConfigEditRequest,
} from '../../../app/core/config/edit/edit-config';
import { formatUnifiedDiff } from '../../../app/core/config/edit/unified-diff';
import type { ProfileSectionSpec } from '../../../app/core/config/edit/profile-section';

const dirs = ['../../fixtures/config', '../../fixtures/config-edit'].map((d) =>
  path.resolve(__dirname, d),
);
const corpus = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ini'))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join(dir, f))) })),
);
const utf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const spec = (name: string, roleName = 'Admin'): ProfileSectionSpec => ({
  name,
  session: 'my-sso',
  accountId: '123456789012',
  roleName,
  region: 'us-east-1',
  output: null,
});

const work = mkdtempSync(path.join(tmpdir(), 'sso-tray-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function patched(original: Uint8Array, diff: string): Buffer {
  const before = path.join(work, 'before');
  const patch = path.join(work, 'change.diff');
  const out = path.join(work, 'after');
  writeFileSync(before, original);
  writeFileSync(patch, diff);
  rmSync(out, { force: true });
  const result = spawnSync('patch', ['--quiet', '--binary', '-o', out, before, patch], {
    encoding: 'utf8',
  });
  expect(result.stderr + result.stdout).toBe('');
  expect(result.status).toBe(0);
  return readFileSync(out);
}

describe('unified diff of a config edit', () => {
  const cases: { name: string; bytes: Uint8Array; request: ConfigEditRequest }[] = [
    ...corpus
      .filter((c) => utf8(c.bytes))
      .map((c) => ({
        ...c,
        request: { add: [spec('x-admin'), spec('y-readonly', 'ReadOnly')], remove: [] },
      })),
    ...corpus
      .filter((c) => c.name === 'generated-existing.ini')
      .flatMap((c) => [
        { ...c, name: `${c.name} (prune one)`, request: { add: [], remove: ['gone-admin'] } },
        {
          ...c,
          name: `${c.name} (prune and add)`,
          request: { add: [spec('x-admin')], remove: ['gone-admin', 'dev-readonly', 'gone-last'] },
        },
      ]),
  ];

  it.each(cases.map((c) => [c.name, c] as const))('patch reproduces the edit of %s', (_, c) => {
    const edited = editConfig(c.bytes, c.request);
    expect(patched(c.bytes, diffEdit(edited, 'config'))).toEqual(Buffer.from(edited.bytes));
  });

  it.each(
    cases
      .filter((c) => c.request.remove.length === 0 && !c.name.startsWith('lone-cr'))
      .map((c) => [c.name, c] as const),
  )('GNU diff -u prints the same hunks for the append to %s', (_, c) => {
    const edited = editConfig(c.bytes, c.request);
    writeFileSync(path.join(work, 'a'), c.bytes);
    writeFileSync(path.join(work, 'b'), edited.bytes);
    const gnu = spawnSync('diff', ['-u', 'a', 'b'], { cwd: work, encoding: 'utf8' }).stdout;
    const hunks = (text: string) => text.split('\n').slice(2).join('\n');
    expect(hunks(diffEdit(edited, 'config'))).toBe(hunks(gnu));
  });

  it('is empty when nothing changes, and labels both sides with the file', () => {
    const lines = ['a\n'];
    expect(formatUnifiedDiff(lines, [], { old: 'f', new: 'f' })).toBe('');
    const diff = formatUnifiedDiff(lines, [{ oldStart: 1, oldCount: 0, newLines: ['b\n'] }], {
      old: '/home/u/.aws/config',
      new: '/home/u/.aws/config',
    });
    expect(diff).toBe('--- /home/u/.aws/config\n+++ /home/u/.aws/config\n@@ -1 +1,2 @@\n a\n+b\n');
  });

  it('keeps distant changes in separate hunks with three lines of context', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `l${i}\n`);
    const diff = formatUnifiedDiff(
      lines,
      [
        { oldStart: 2, oldCount: 1, newLines: [] },
        { oldStart: 15, oldCount: 1, newLines: ['x\n'] },
      ],
      { old: 'a', new: 'b' },
    );
    const gnuA = path.join(work, 'ga');
    const gnuB = path.join(work, 'gb');
    writeFileSync(gnuA, lines.join(''));
    writeFileSync(
      gnuB,
      lines
        .filter((_, i) => i !== 2)
        .map((l) => (l === 'l15\n' ? 'x\n' : l))
        .join(''),
    );
    const gnu = spawnSync('diff', ['-u', gnuA, gnuB], { encoding: 'utf8' }).stdout;
    expect(diff.split('\n').slice(2)).toEqual(gnu.split('\n').slice(2));
    expect(diff.match(/^@@/gm)).toHaveLength(2);
  });
});

// GNU diff is a real peer; make sure it is the one on this machine.
execFileSync('diff', ['--version']);
