// Colour in a terminal only: NO_COLOR turns it off, FORCE_COLOR on (even in a
// pipe) or off (0/false), TERM=dumb gets none; tables stay aligned with it.
// Status and doctor through runCli with a terminal and without.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../app/cli/main';
import { colourWanted, visibleText } from '../../../app/cli/colour';
import { formatTable } from '../../../app/cli/table';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

describe('colourWanted', () => {
  it('a terminal gets colour, a pipe none', () => {
    expect(colourWanted({}, true)).toBe(true);
    expect(colourWanted({}, false)).toBe(false);
    expect(colourWanted({ TERM: 'dumb' }, true)).toBe(false);
  });

  it('NO_COLOR (any non-empty value) turns it off; FORCE_COLOR turns it on, or off with 0/false', () => {
    expect(colourWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colourWanted({ NO_COLOR: '' }, true)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colourWanted({ FORCE_COLOR: 'false' }, true)).toBe(false);
    // As in Node: FORCE_COLOR wins over NO_COLOR.
    expect(colourWanted({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
  });
});

describe('formatTable', () => {
  it('pads by what the terminal shows, so coloured cells keep the columns aligned', () => {
    const red = '\x1b[31mexpired\x1b[39m';
    const table = formatTable(
      ['STATE', 'NAME'],
      [
        [red, 'a'],
        ['valid', 'b'],
      ],
    );
    expect(visibleText(table)).toBe('STATE    NAME\nexpired  a\nvalid    b\n');
  });
});

let home: TempHome;
afterEach(() => home?.cleanup());

async function run(args: string[], env: Record<string, string>, isTty: boolean) {
  let stdout = '';
  const code = await runCli(args, {
    env: { ...home.env, ...env },
    cwd: home.home,
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    isTty,
  });
  return { code, stdout };
}

describe('status and doctor in a terminal', () => {
  it('colour the states and headings in a terminal; nothing with NO_COLOR or in a pipe', async () => {
    home = createTempHome({ config: SEED_CONFIG });
    home.writeToken('my-sso', cliToken({ expiresAt: '2000-01-01T00:00:00Z' }));
    const tty = await run(['status'], {}, true);
    expect(tty.stdout).toContain('\x1b[1mSESSION\x1b[22m');
    expect(tty.stdout).toContain('\x1b[31mexpired\x1b[39m');
    expect(tty.stdout).toContain('\x1b[36msso-tray login my-sso\x1b[39m');
    // The same text once the colour is taken away.
    const plain = await run(['status'], {}, false);
    expect(plain.stdout).not.toContain('\x1b[');
    expect(visibleText(tty.stdout)).toBe(plain.stdout);
    expect((await run(['status'], { NO_COLOR: '1' }, true)).stdout).toBe(plain.stdout);
    expect((await run(['status'], { FORCE_COLOR: '1' }, false)).stdout).toBe(tty.stdout);

    const doctor = await run(['doctor'], { SHELL: '/bin/bash' }, true);
    expect(doctor.stdout).toContain('\x1b[33mwarning\x1b[39m');
    expect(visibleText(doctor.stdout)).toBe(
      (await run(['doctor'], { SHELL: '/bin/bash' }, false)).stdout,
    );
  });
});
