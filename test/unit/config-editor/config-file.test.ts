// Writing the config file: backup first, atomic replace with the mode kept,
// through a symlink, and nothing at all when the file changed since the plan.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigWriteError,
  prepareConfigEdit,
  readConfigFile,
  writeConfigEdit,
} from '../../../app/core/config/config-editor';
import type { ProfileSectionSpec } from '../../../app/core/config/edit/profile-section';

const ORIGINAL =
  '# mine\r\n[sso-session my-sso]\r\nsso_start_url = https://x.awsapps.com/start\r\nsso_region = us-east-1\r\n';
const NOW = new Date('2026-03-04T05:06:07.890Z');
const spec = (name: string, session = 'my-sso'): ProfileSectionSpec => ({
  name,
  session,
  accountId: '123456789012',
  roleName: 'Admin',
  region: 'us-east-1',
  output: null,
});

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-cfg-'));
  file = path.join(dir, 'config');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function write(request = { add: [spec('x')], remove: [] as string[] }) {
  const { hash } = await readConfigFile(file);
  return writeConfigEdit(file, hash, request, NOW);
}

describe('writing ~/.aws/config', () => {
  it('keeps a byte-exact backup with the same mode, then writes the edit with the mode kept', async () => {
    writeFileSync(file, ORIGINAL);
    chmodSync(file, 0o640);
    const { backupFile } = await write();
    expect(backupFile).toBe(`${file}.sso-tray-backup-20260304T050607Z`);
    expect(readFileSync(backupFile!, 'utf8')).toBe(ORIGINAL);
    expect(statSync(backupFile!).mode & 0o777).toBe(0o640);
    const written = readFileSync(file, 'utf8');
    expect(written.startsWith(ORIGINAL)).toBe(true);
    expect(written).toContain('[profile x]\r\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    // Only the config, its backup: no temp file left behind.
    expect(readdirSync(dir).sort()).toEqual(['config', path.basename(backupFile!)]);
  });

  it('never overwrites an earlier backup made in the same second', async () => {
    writeFileSync(file, ORIGINAL);
    const first = await write({ add: [spec('x')], remove: [] });
    const second = await write({ add: [spec('y')], remove: [] });
    expect(second.backupFile).toBe(`${first.backupFile}-2`);
    expect(readFileSync(first.backupFile!, 'utf8')).toBe(ORIGINAL);
    expect(readFileSync(second.backupFile!, 'utf8')).toContain('[profile x]');
  });

  it('refuses, writing nothing, when the file changed since the plan', async () => {
    writeFileSync(file, ORIGINAL);
    const { hash } = await readConfigFile(file);
    writeFileSync(file, `${ORIGINAL}# edited meanwhile\r\n`);
    await expect(
      writeConfigEdit(file, hash, { add: [spec('x')], remove: [] }, NOW),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'config-changed',
        message: expect.stringContaining('changed since'),
      }),
    );
    expect(readFileSync(file, 'utf8')).toBe(`${ORIGINAL}# edited meanwhile\r\n`);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('writes through a symlinked config, so the link (dotfiles) survives', async () => {
    mkdirSync(path.join(dir, 'dotfiles'));
    const target = path.join(dir, 'dotfiles', 'aws-config');
    writeFileSync(target, ORIGINAL);
    symlinkSync(target, file);
    const { backupFile } = await write();
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readlinkSync(file)).toBe(target);
    expect(readFileSync(target, 'utf8')).toContain('[profile x]');
    expect(path.dirname(backupFile!)).toBe(path.join(dir, 'dotfiles'));
  });

  it('refuses to create a missing file: profiles there would have no sso-session', async () => {
    const state = await readConfigFile(file);
    expect(state.hash).toBe('absent');
    await expect(
      writeConfigEdit(file, state.hash, { add: [spec('x')], remove: [] }, NOW),
    ).rejects.toThrow(expect.objectContaining({ code: 'edit-unverified' }));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an edit one of the readers would not read as intended, writing nothing', async () => {
    // The JS SDK only reads sso-session names made of [\w\-@+.%:/]: no profile of café works there.
    writeFileSync(
      file,
      '[sso-session café]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n',
    );
    const before = readFileSync(file);
    const error = await write({ add: [spec('x', 'café')], remove: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigWriteError);
    expect(error).toMatchObject({ code: 'edit-unverified' });
    expect((error as Error).message).toContain('the JS SDK cannot find [sso-session café]');
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('says clearly when the config path is not a file', async () => {
    mkdirSync(file);
    await expect(readConfigFile(file)).rejects.toThrow(
      expect.objectContaining({
        code: 'config-unreadable',
        message: `${file} is not a regular file.`,
      }),
    );
  });

  it('prepares the same diff it would write', async () => {
    writeFileSync(file, ORIGINAL);
    const prepared = prepareConfigEdit(await readConfigFile(file), {
      add: [spec('x')],
      remove: [],
    });
    expect(prepared.diff).toContain('+[profile x]\r');
    await write();
    expect(Buffer.from(prepared.edited.bytes)).toEqual(readFileSync(file));
  });
});
