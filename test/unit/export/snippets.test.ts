// Snippet text for the shells that cannot run on this machine (PowerShell,
// cmd.exe and Nushell are not installed here: their quoting is checked against
// the rules of each language), the masked preview, and the export service.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoleCredentials } from '../../../app/core/credentials/role-credentials';
import { CredentialsError } from '../../../app/core/credentials/credentials-error';
import type { ConfigModel } from '../../../app/core/config/config-model';
import { detectShell } from '../../../app/core/export/detect-shell';
import { prepareExport } from '../../../app/core/export/export-service';
import { maskSecrets, previewSnippet, SECRET_MASK } from '../../../app/core/export/mask';
import { buildSnippet } from '../../../app/core/export/snippets';
import { EXPORT_SHELLS, EXPORT_TOOLS, type ExportTarget } from '../../../app/shared/api';

const CREDS: RoleCredentials = {
  accessKeyId: 'ASIAEXAMPLE123456789',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVz==',
  expiration: Date.UTC(2026, 0, 1, 12, 0, 0),
};

const profileLine = (target: ExportTarget, profile: string) =>
  buildSnippet({ target, mode: 'profile', profile, region: null })
    .text.trimEnd()
    .split('\n')
    .at(-1);

describe('PowerShell', () => {
  it('clears the overriding variables, then sets AWS_PROFILE', () => {
    expect(
      buildSnippet({ target: 'powershell', mode: 'profile', profile: 'dev', region: 'eu-west-1' })
        .text,
    ).toBe(
      'Remove-Item -ErrorAction SilentlyContinue Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_SESSION_TOKEN, Env:AWS_CREDENTIAL_EXPIRATION, Env:AWS_DEFAULT_PROFILE\n' +
        '$Env:AWS_PROFILE="dev"\n$Env:AWS_REGION="eu-west-1"\n$Env:AWS_DEFAULT_REGION="eu-west-1"\n',
    );
  });

  it('uses a verbatim single-quoted string when double quotes would expand, doubling every quote character', () => {
    expect(profileLine('powershell', "it's")).toBe(`$Env:AWS_PROFILE="it's"`);
    expect(profileLine('powershell', 'a$(Remove-Item x)')).toBe(
      `$Env:AWS_PROFILE='a$(Remove-Item x)'`,
    );
    expect(profileLine('powershell', "it's $HOME")).toBe(`$Env:AWS_PROFILE='it''s $HOME'`);
    // PowerShell also ends strings at typographic quotes.
    expect(profileLine('powershell', 'it\u2019s `$x`')).toBe(
      `$Env:AWS_PROFILE='it\u2019\u2019s \`$x\`'`,
    );
    expect(profileLine('powershell', 'say \u201chi\u201d')).toBe(
      `$Env:AWS_PROFILE='say \u201chi\u201d'`,
    );
  });
});

describe('cmd.exe', () => {
  it('removes variables with `set NAME=` and quotes the whole assignment when needed', () => {
    const text = buildSnippet({
      target: 'cmd',
      mode: 'profile',
      profile: 'a & calc | b',
      region: null,
    }).text;
    expect(text).toBe(
      'set AWS_ACCESS_KEY_ID=\nset AWS_SECRET_ACCESS_KEY=\nset AWS_SESSION_TOKEN=\nset AWS_CREDENTIAL_EXPIRATION=\nset AWS_DEFAULT_PROFILE=\n' +
        'set "AWS_PROFILE=a & calc | b"\n',
    );
  });

  it('refuses what cmd cannot quote (" % ! and line breaks) instead of writing something unsafe', () => {
    for (const name of ['a"b', '%PATH%', 'a!b!', 'a\r\nb']) {
      expect(() =>
        buildSnippet({ target: 'cmd', mode: 'profile', profile: name, region: null }),
      ).toThrow(/cmd\.exe cannot set AWS_PROFILE/);
    }
  });
});

describe('Nushell', () => {
  it('hides the overriding variables and assigns $env with a verbatim string', () => {
    expect(
      buildSnippet({ target: 'nushell', mode: 'profile', profile: 'dev', region: null }).text,
    ).toBe(
      'hide-env --ignore-errors AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_DEFAULT_PROFILE\n' +
        "$env.AWS_PROFILE = 'dev'\n",
    );
    expect(profileLine('nushell', 'a $(x) "q"')).toBe(`$env.AWS_PROFILE = 'a $(x) "q"'`);
  });

  it('switches to an escaped double-quoted string when the value holds a single quote', () => {
    expect(profileLine('nushell', `it's "x" \\ \n`)).toBe(
      `$env.AWS_PROFILE = "it's \\"x\\" \\\\ \\n"`,
    );
  });

  it('exports credentials with $env assignments and hides AWS_PROFILE', () => {
    const text = buildSnippet({
      target: 'nushell',
      mode: 'credentials',
      profile: 'dev',
      region: null,
      credentials: CREDS,
    }).text;
    expect(text).toBe(
      `$env.AWS_ACCESS_KEY_ID = '${CREDS.accessKeyId}'\n` +
        `$env.AWS_SECRET_ACCESS_KEY = '${CREDS.secretAccessKey}'\n` +
        `$env.AWS_SESSION_TOKEN = '${CREDS.sessionToken}'\n` +
        `$env.AWS_CREDENTIAL_EXPIRATION = '2026-01-01T12:00:00+00:00'\n` +
        'hide-env --ignore-errors AWS_PROFILE AWS_DEFAULT_PROFILE\n',
    );
  });
});

describe('credentials snippets', () => {
  it('start with the AWS CLI lines for the shell, byte for byte', () => {
    const bash = buildSnippet({
      target: 'bash',
      mode: 'credentials',
      profile: 'dev',
      region: 'eu-west-1',
      credentials: CREDS,
    });
    expect(
      bash.text.startsWith(
        `export AWS_ACCESS_KEY_ID=${CREDS.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=`,
      ),
    ).toBe(true);
    expect(bash.text).toContain(
      'unset AWS_PROFILE AWS_DEFAULT_PROFILE\nexport AWS_REGION=eu-west-1\n',
    );
    expect(bash.secrets).toEqual([CREDS.accessKeyId, CREDS.secretAccessKey, CREDS.sessionToken]);
    expect(bash.expiresAt).toBe('2026-01-01T12:00:00.000Z');
  });

  it('need the credentials', () => {
    expect(() =>
      buildSnippet({ target: 'bash', mode: 'credentials', profile: 'dev', region: null }),
    ).toThrow(/needs the role credentials/);
  });

  it('a .env never empties AWS_PROFILE (botocore would look for a profile named "")', () => {
    const text = buildSnippet({
      target: 'dotenv',
      mode: 'credentials',
      profile: 'dev',
      region: null,
      credentials: CREDS,
    }).text;
    expect(text).not.toMatch(/AWS_(DEFAULT_)?PROFILE/);
    const profile = buildSnippet({
      target: 'dotenv',
      mode: 'profile',
      profile: 'dev',
      region: null,
    }).text;
    expect(profile).toContain('AWS_PROFILE=dev\nAWS_DEFAULT_PROFILE=dev\n');
  });
});

describe('masked previews', () => {
  const secretText = fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_'),
    minLength: 1,
    maxLength: 60,
  });

  it('never contain a secret, whatever the credentials and target, and keep the line structure', () => {
    fc.assert(
      fc.property(
        secretText,
        secretText,
        fc.option(secretText, { nil: null }),
        fc.constantFrom(...EXPORT_SHELLS, ...EXPORT_TOOLS),
        (accessKeyId, secretAccessKey, sessionToken, target) => {
          const credentials = {
            accessKeyId,
            secretAccessKey,
            sessionToken,
            expiration: CREDS.expiration,
          };
          const input = {
            target,
            mode: 'credentials' as const,
            profile: 'dev',
            region: 'eu-west-1',
            credentials,
          };
          const real = buildSnippet(input);
          const preview = previewSnippet(input);
          for (const secret of [accessKeyId, secretAccessKey, sessionToken]) {
            if (secret) expect(preview.maskedText).not.toContain(secret);
          }
          expect(preview.maskedText.split('\n').length).toBe(real.text.split('\n').length);
          expect(preview.expiresAt).toBe(real.expiresAt);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('show the mask where each value was', () => {
    const { maskedText } = previewSnippet({
      target: 'fish',
      mode: 'credentials',
      profile: 'dev',
      region: null,
      credentials: CREDS,
    });
    expect(maskedText).toBe(
      `set -gx AWS_ACCESS_KEY_ID "${SECRET_MASK}"\nset -gx AWS_SECRET_ACCESS_KEY "${SECRET_MASK}"\n` +
        `set -gx AWS_SESSION_TOKEN "${SECRET_MASK}"\nset -gx AWS_CREDENTIAL_EXPIRATION "2026-01-01T12:00:00+00:00"\n` +
        'set -e AWS_PROFILE AWS_DEFAULT_PROFILE\n',
    );
  });

  it('maskSecrets replaces every occurrence, longest secret first', () => {
    expect(maskSecrets('abc abcd abc', ['abc', 'abcd'])).toBe(
      `${SECRET_MASK} ${SECRET_MASK} ${SECRET_MASK}`,
    );
  });
});

describe('prepareExport', () => {
  const config = {
    sessions: [],
    profiles: [
      {
        name: 'dev',
        kind: 'sso',
        session: 'my-sso',
        accountId: '1',
        roleName: 'R',
        region: 'eu-west-1',
        output: null,
        roleArn: null,
        sourceProfile: null,
        line: 1,
      },
    ],
    staticKeyProfiles: new Set(['ci']),
    problems: [],
  } as unknown as ConfigModel;
  const calls: string[] = [];
  const credentials = async (profile: string): Promise<RoleCredentials> => {
    calls.push(profile);
    return CREDS;
  };

  it('asks for credentials only for a credentials snippet in a shell', async () => {
    calls.length = 0;
    await prepareExport(
      { config, credentials },
      { profile: 'dev', target: 'bash', mode: 'profile', includeRegion: false },
    );
    await prepareExport(
      { config, credentials },
      { profile: 'dev', target: 'pulumi', mode: 'credentials', includeRegion: false },
    );
    expect(calls).toEqual([]);
    const { snippet, preview } = await prepareExport(
      { config, credentials },
      { profile: 'dev', target: 'zsh', mode: 'credentials', includeRegion: true },
    );
    expect(calls).toEqual(['dev']);
    expect(snippet.text).toContain(CREDS.secretAccessKey);
    expect(snippet.text).toContain('export AWS_REGION=eu-west-1\n');
    expect(preview.maskedText).not.toContain(CREDS.secretAccessKey);
  });

  it('writes the region into tool helpers whenever the profile has one', async () => {
    const { snippet } = await prepareExport(
      { config, credentials },
      { profile: 'dev', target: 'pulumi', mode: 'profile', includeRegion: false },
    );
    expect(snippet.text).toBe(
      'pulumi config set aws:profile dev\npulumi config set aws:region eu-west-1\n',
    );
  });

  it('knows profiles from the credentials file, and refuses unknown ones', async () => {
    const { snippet } = await prepareExport(
      { config, credentials },
      { profile: 'ci', target: 'bash', mode: 'profile', includeRegion: true },
    );
    expect(snippet.text).toContain('export AWS_PROFILE=ci\n');
    await expect(
      prepareExport(
        { config, credentials },
        { profile: 'nope', target: 'bash', mode: 'profile', includeRegion: false },
      ),
    ).rejects.toBeInstanceOf(CredentialsError);
  });
});

describe('detectShell', () => {
  it('follows $SHELL, and PowerShell on Windows without it', () => {
    expect(detectShell({ SHELL: '/usr/bin/fish' }, 'linux')).toBe('fish');
    expect(detectShell({ SHELL: '/bin/zsh' }, 'darwin')).toBe('zsh');
    expect(detectShell({ SHELL: '/usr/local/bin/nu' }, 'linux')).toBe('nushell');
    expect(detectShell({}, 'linux')).toBe('bash');
    expect(detectShell({}, 'win32')).toBe('powershell');
  });
});
