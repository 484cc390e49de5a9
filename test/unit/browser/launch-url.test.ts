// The one URL launcher: a command is split like a shell would, but run without
// one, so nothing in a URL can become shell syntax; $BROWSER is read one way;
// the URL policy stands in front. Real processes.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { headlessOpener, type SignInPrompt } from '../../../app/core/auth/browser-opener';
import {
  browserCommandArgv,
  browserFromEnv,
  commandLineLauncher,
  policyChecked,
  splitCommandLine,
  systemLauncher,
  terminalLauncher,
  wslLauncher,
  WSL_RUNDLL32,
  type SpawnFunction,
} from '../../../app/core/browser/launch-url';
import { waitForFile } from '../../support/wait-for-file';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const prompt = (url: string): SignInPrompt => ({ session: 'my-sso', flow: 'pkce', url });

/** A "browser" that records its argv in a file, and a promise for that file. */
function recordingBrowser() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-browser-'));
  dirs.push(dir);
  const out = path.join(dir, 'argv.json');
  const script = path.join(dir, 'browser.mjs');
  writeFileSync(
    script,
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(out)}, JSON.stringify(process.argv.slice(2)));\n`,
  );
  const argv = async (): Promise<string[]> => JSON.parse(await waitForFile(out)) as string[];
  return { dir, script, out, argv };
}

/** A spawn that records each command line and reports the child started. */
function recordingSpawn(): { spawn: SpawnFunction; calls: string[][] } {
  const calls: string[][] = [];
  const spawn: SpawnFunction = (file, args) => {
    calls.push([file, ...args]);
    return {
      once(event: string, listener: () => void) {
        if (event === 'spawn') setImmediate(listener);
        return this;
      },
      unref() {},
    } as ReturnType<SpawnFunction>;
  };
  return { spawn, calls };
}

describe('splitCommandLine', () => {
  it.each([
    ['firefox -P work {url}', ['firefox', '-P', 'work', '{url}']],
    [
      '"/Applications/Google Chrome.app/x" --profile-directory="Profile 2"',
      ['/Applications/Google Chrome.app/x', '--profile-directory=Profile 2'],
    ],
    ["open -a 'Firefox Developer Edition'", ['open', '-a', 'Firefox Developer Edition']],
    ['a\\ b  "c\\"d"  \'\'', ['a b', 'c"d', '']],
  ])('%s', (line, argv) => {
    expect(splitCommandLine(line)).toEqual(argv);
  });

  it('refuses an unbalanced quote', () => {
    expect(() => splitCommandLine('firefox "oops')).toThrow(/unbalanced quote/);
  });
});

describe('browserCommandArgv', () => {
  it('replaces {url} anywhere, or appends the URL', () => {
    expect(browserCommandArgv(['chromium', '--app={url}'], 'https://x/?a=1&b=2')).toEqual([
      'chromium',
      '--app=https://x/?a=1&b=2',
    ]);
    expect(browserCommandArgv(['firefox', '-P', 'work'], 'https://x')).toEqual([
      'firefox',
      '-P',
      'work',
      'https://x',
    ]);
    expect(() => browserCommandArgv([], 'https://x')).toThrow(/empty command/);
  });
});

describe('launchers', () => {
  it('runs the command with the URL as one argument, with no shell in between', async () => {
    const browser = recordingBrowser();
    const hostile = 'https://x/authorize?a=1&b=$(touch pwned);echo `id` "q" \'s\' | cat';
    await commandLineLauncher(`"${process.execPath}" ${browser.script} --new-tab {url}`)(hostile);
    expect(await browser.argv()).toEqual(['--new-tab', hostile]);
    expect(() => readFileSync(path.join(browser.dir, 'pwned'))).toThrow();
  });

  it('fails with browser-failed when the command cannot start', async () => {
    await expect(
      commandLineLauncher('/nonexistent/firefox {url}')('https://x'),
    ).rejects.toMatchObject({
      code: 'browser-failed',
      message: 'Could not start the browser "/nonexistent/firefox" (ENOENT).',
    });
    await expect(commandLineLauncher('firefox "oops')('https://x')).rejects.toMatchObject({
      code: 'browser-failed',
    });
  });

  it('the system opener uses the platform command', async () => {
    const { spawn, calls } = recordingSpawn();
    await systemLauncher('linux', spawn)('https://a');
    await systemLauncher('darwin', spawn)('https://b');
    await systemLauncher('win32', spawn)('https://c/?x=1&y=2');
    expect(calls).toEqual([
      ['xdg-open', 'https://a'],
      ['open', 'https://b'],
      ['rundll32', 'url.dll,FileProtocolHandler', 'https://c/?x=1&y=2'],
    ]);
  });

  it('under WSL opens the Windows browser: wslview when installed (a real program on PATH)', async () => {
    const browser = recordingBrowser();
    const wslview = path.join(browser.dir, 'wslview');
    writeFileSync(wslview, `#!${process.execPath}\n${readFileSync(browser.script, 'utf8')}`, {
      mode: 0o755,
    });
    const url = 'https://d-abc123.awsapps.com/start/#/device?user_code=ABCD-EFGH&x=1';
    await terminalLauncher({ PATH: `relative:${browser.dir}` }, 'linux', undefined, true)(url);
    expect(await browser.argv()).toEqual([url]);
  });

  it('under WSL without wslview: Windows’ rundll32 with the URL as one argument, never cmd.exe', async () => {
    const { spawn, calls } = recordingSpawn();
    const url = 'https://c/?x=1&y=2';
    await wslLauncher({ PATH: '/nowhere' }, spawn, async () => null)(url);
    // /mnt/c is where WSL mounts Windows by default; elsewhere Windows' PATH finds it.
    const rundll32 = existsSync(WSL_RUNDLL32) ? WSL_RUNDLL32 : 'rundll32.exe';
    expect(calls).toEqual([[rundll32, 'url.dll,FileProtocolHandler', url]]);
    expect(calls.flat().join(' ')).not.toMatch(/cmd\.exe|powershell/i);
    // $BROWSER still wins under WSL.
    calls.length = 0;
    await terminalLauncher({ BROWSER: 'mybrowser %s' }, 'linux', spawn, true)(url);
    expect(calls).toEqual([['mybrowser', url]]);
  });

  it('reads $BROWSER one way: the first of the list, %s for the URL', async () => {
    expect(browserFromEnv({ BROWSER: 'w3m %s:lynx' }, 'linux')).toBe('w3m {url}');
    expect(browserFromEnv({ BROWSER: 'C:\\Tools\\b.exe %s;other' }, 'win32')).toBe(
      'C:\\Tools\\b.exe {url}',
    );
    expect(browserFromEnv({ BROWSER: ' ' }, 'linux')).toBeNull();
    expect(browserFromEnv({}, 'linux')).toBeNull();
    const browser = recordingBrowser();
    await terminalLauncher(
      { BROWSER: `${process.execPath} ${browser.script} %s` },
      'linux',
    )('https://x/?a=1');
    expect(await browser.argv()).toEqual(['https://x/?a=1']);
  });

  it('the policy hands only allowed sign-in URLs to the browser', async () => {
    const opened: string[] = [];
    const context = () => ({
      startUrls: ['https://d-abc123.awsapps.com/start'],
      endpointOverrides: [],
    });
    const launch = policyChecked(async (url) => void opened.push(url), context);
    const opener = (p: SignInPrompt) => launch(p.url);
    await opener(prompt('https://oidc.us-east-1.amazonaws.com/authorize?client_id=x'));
    await opener(prompt('https://d-abc123.awsapps.com/start/#/device?user_code=ABCD-EFGH'));
    for (const bad of [
      'https://evil.example/phish',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://d-abc123.awsapps.com/start',
    ]) {
      await expect(opener(prompt(bad))).rejects.toMatchObject({ code: 'url-refused' });
    }
    expect(opened).toEqual([
      'https://oidc.us-east-1.amazonaws.com/authorize?client_id=x',
      'https://d-abc123.awsapps.com/start/#/device?user_code=ABCD-EFGH',
    ]);
  });

  it('headless only reports', async () => {
    const seen: SignInPrompt[] = [];
    await headlessOpener((p) => seen.push(p))(prompt('https://x'));
    expect(seen).toEqual([prompt('https://x')]);
  });
});
