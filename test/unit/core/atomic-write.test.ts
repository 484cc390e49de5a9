import { spawn } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STALE_TEMP_MS, writeFileAtomic } from '../../../app/core/fs/atomic-write';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'sso-tray-atomic-'));
  dirs.push(d);
  return d;
}

describe('writeFileAtomic', () => {
  it('writes the whole content with mode 0600 and leaves no temp file', async () => {
    const d = dir();
    const file = path.join(d, 'token.json');
    await writeFileAtomic(file, '{"a": 1}');
    expect(readFileSync(file, 'utf8')).toBe('{"a": 1}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['token.json']);
  });

  it('removes temp files a killed writer left long ago, and nothing else', async () => {
    const d = dir();
    const file = path.join(d, 'token.json');
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    // Written by processes that still run (this one, its parent): only age makes them stale.
    const stale = `.token.json.${process.ppid}.0123456789ab.tmp`;
    const fresh = `.token.json.${process.pid}.0123456789ac.tmp`;
    const unrelated = '.other.json.4242.0123456789ab.tmp';
    const foreign = '.token.json.backup';
    for (const name of [stale, fresh, unrelated, foreign]) writeFileSync(path.join(d, name), 'x');
    for (const name of [stale, unrelated, foreign]) utimesSync(path.join(d, name), old, old);
    await writeFileAtomic(file, 'new');
    expect(readdirSync(d).sort()).toEqual([unrelated, foreign, fresh, 'token.json'].sort());
  });

  it('removes a fresh temp file at once when the process that wrote it is gone (killed mid-write)', async () => {
    const d = dir();
    const file = path.join(d, 'token.json');
    const dead = await exitedPid();
    const orphan = `.token.json.${dead}.0123456789ab.tmp`;
    const ours = `.token.json.${process.pid}.0123456789ac.tmp`;
    const otherTarget = `.other.json.${dead}.0123456789ab.tmp`;
    for (const name of [orphan, ours, otherTarget]) writeFileSync(path.join(d, name), 'x');
    await writeFileAtomic(file, 'new');
    expect(readdirSync(d).sort()).toEqual([otherTarget, ours, 'token.json'].sort());
  });
});

/** The pid of a process that has exited. */
function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', () => resolve(child.pid!)));
}
