// The lines `sso-tray export P --tool container` prints, per shell. The shells
// that run here (bash, zsh, fish) are also sourced for real, with the AWS CLI
// and botocore reading the result, in test/integration/broker/container-interop.test.ts.
import { describe, expect, it } from 'vitest';
import { containerCredentialsUrl } from '../../../app/core/broker/container-endpoint';
import { buildContainerSnippet } from '../../../app/core/broker/container-snippet';
import { EXPORT_SHELLS } from '../../../app/shared/api';

const TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';
const TOKEN_FILE = '/run/user/1000/sso-tray/container-token';
const URL = containerCredentialsUrl('http://127.0.0.1:41234', 'dev');

const text = (shell: (typeof EXPORT_SHELLS)[number], url = URL, tokenFile = TOKEN_FILE) =>
  buildContainerSnippet({ shell, url, token: TOKEN, tokenFile }).text;

describe('buildContainerSnippet', () => {
  it('bash: unsets what would win over the endpoint, then exports the three variables', () => {
    expect(text('bash')).toBe(
      'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CONTAINER_CREDENTIALS_RELATIVE_URI\n' +
        'export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:41234/v1/credentials/dev\n' +
        `export AWS_CONTAINER_AUTHORIZATION_TOKEN=${TOKEN}\n` +
        `export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=${TOKEN_FILE}\n`,
    );
    expect(text('zsh')).toBe(text('bash'));
  });

  it('fish, PowerShell, cmd.exe and Nushell use their own syntax', () => {
    expect(text('fish').split('\n')[0]).toBe(
      'set -e AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    );
    expect(text('fish')).toContain(`set -gx AWS_CONTAINER_AUTHORIZATION_TOKEN "${TOKEN}"\n`);
    expect(text('powershell')).toContain(
      'Remove-Item -ErrorAction SilentlyContinue Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_SESSION_TOKEN, Env:AWS_CREDENTIAL_EXPIRATION, Env:AWS_PROFILE, Env:AWS_DEFAULT_PROFILE, Env:AWS_CONTAINER_CREDENTIALS_RELATIVE_URI\n',
    );
    expect(text('powershell')).toContain(
      '$Env:AWS_CONTAINER_CREDENTIALS_FULL_URI="http://127.0.0.1:41234/v1/credentials/dev"\n',
    );
    expect(text('cmd')).toContain('set AWS_PROFILE=\n');
    expect(text('cmd')).toContain(`set AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=${TOKEN_FILE}\n`);
    expect(text('nushell')).toContain(
      'hide-env --ignore-errors AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CONTAINER_CREDENTIALS_RELATIVE_URI\n',
    );
    expect(text('nushell')).toContain(`$env.AWS_CONTAINER_AUTHORIZATION_TOKEN = '${TOKEN}'\n`);
  });

  it('.env: empties the static keys and leaves AWS_PROFILE and the relative URI alone (empty ones would be used)', () => {
    const lines = text('dotenv').trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^# AWS_PROFILE, AWS_DEFAULT_PROFILE and AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must not be set/,
    );
    expect(lines.slice(1)).toEqual([
      'AWS_ACCESS_KEY_ID=',
      'AWS_SECRET_ACCESS_KEY=',
      'AWS_SESSION_TOKEN=',
      'AWS_CREDENTIAL_EXPIRATION=',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:41234/v1/credentials/dev',
      `AWS_CONTAINER_AUTHORIZATION_TOKEN=${TOKEN}`,
      `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=${TOKEN_FILE}`,
    ]);
  });

  it('quotes a token file path with spaces and quotes for each shell', () => {
    const odd = "/home/o'brien/my files/container-token";
    expect(text('bash', URL, odd)).toContain(
      `export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE='/home/o'\\''brien/my files/container-token'\n`,
    );
    expect(text('powershell', URL, odd)).toContain(
      `$Env:AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="${odd}"\n`,
    );
    expect(text('dotenv', URL, odd)).toContain(`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="${odd}"\n`);
  });

  it('percent-encodes the profile so the URL needs no shell quoting but cmd.exe refuses the %', () => {
    const url = containerCredentialsUrl('http://127.0.0.1:41234', "team's dev (eu)");
    expect(url).toBe('http://127.0.0.1:41234/v1/credentials/team%27s%20dev%20%28eu%29');
    expect(text('bash', url)).toContain(`export AWS_CONTAINER_CREDENTIALS_FULL_URI=${url}\n`);
    expect(() => text('cmd', url)).toThrow(/Use PowerShell/);
  });

  it('lists the token as the one secret, for the masked preview', () => {
    for (const shell of EXPORT_SHELLS) {
      const snippet = buildContainerSnippet({
        shell,
        url: URL,
        token: TOKEN,
        tokenFile: TOKEN_FILE,
      });
      expect(snippet.secrets).toEqual([TOKEN]);
      expect(snippet.text).toContain(TOKEN);
      expect(snippet.expiresAt).toBeNull();
    }
  });
});
