// The AWS CLI's export-credentials formats, checked against the formulas in
// awscli/customizations/configure/exportcreds.py (CLI v2; fish from 2.33.8).
// Byte identity with the real 2.9.19 binary is in test/integration/credentials.
import { describe, expect, it } from 'vitest';
import {
  AWS_CLI_FORMATS,
  formatAwsCliCredentials,
  formatCliExpiration,
} from '../../../app/core/export/aws-cli-format';
import type { RoleCredentials } from '../../../app/core/credentials/role-credentials';

const CREDS: RoleCredentials = {
  accessKeyId: 'ASIAEXAMPLE123456789',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVz==',
  expiration: Date.UTC(2026, 0, 1, 12, 0, 0, 999),
};

describe('formatCliExpiration', () => {
  it('keeps whole seconds and writes +00:00, as botocore then isoformat() do', () => {
    expect(formatCliExpiration(Date.UTC(2026, 0, 1, 12, 0, 0, 999))).toBe(
      '2026-01-01T12:00:00+00:00',
    );
    expect(formatCliExpiration(Date.UTC(1999, 11, 31, 23, 59, 59))).toBe(
      '1999-12-31T23:59:59+00:00',
    );
  });
});

describe('formatAwsCliCredentials', () => {
  const e = '2026-01-01T12:00:00+00:00';
  it.each([
    ['env', 'export '],
    ['env-no-export', ''],
    ['windows-cmd', 'set '],
  ] as const)('%s: "<prefix>K=V" lines, values bare', (format, prefix) => {
    expect(formatAwsCliCredentials(CREDS, format)).toBe(
      `${prefix}AWS_ACCESS_KEY_ID=${CREDS.accessKeyId}\n` +
        `${prefix}AWS_SECRET_ACCESS_KEY=${CREDS.secretAccessKey}\n` +
        `${prefix}AWS_SESSION_TOKEN=${CREDS.sessionToken}\n` +
        `${prefix}AWS_CREDENTIAL_EXPIRATION=${e}\n`,
    );
  });

  it('powershell: $Env:K="V"', () => {
    expect(formatAwsCliCredentials(CREDS, 'powershell')).toBe(
      `$Env:AWS_ACCESS_KEY_ID="${CREDS.accessKeyId}"\n` +
        `$Env:AWS_SECRET_ACCESS_KEY="${CREDS.secretAccessKey}"\n` +
        `$Env:AWS_SESSION_TOKEN="${CREDS.sessionToken}"\n` +
        `$Env:AWS_CREDENTIAL_EXPIRATION="${e}"\n`,
    );
  });

  it('fish: set -gx K "V" (CLI 2.33.8+)', () => {
    expect(formatAwsCliCredentials(CREDS, 'fish')).toBe(
      `set -gx AWS_ACCESS_KEY_ID "${CREDS.accessKeyId}"\n` +
        `set -gx AWS_SECRET_ACCESS_KEY "${CREDS.secretAccessKey}"\n` +
        `set -gx AWS_SESSION_TOKEN "${CREDS.sessionToken}"\n` +
        `set -gx AWS_CREDENTIAL_EXPIRATION "${e}"\n`,
    );
  });

  it('process: json.dumps(indent=2) with Version 1 and a trailing newline', () => {
    expect(formatAwsCliCredentials(CREDS, 'process')).toBe(
      '{\n' +
        '  "Version": 1,\n' +
        `  "AccessKeyId": "${CREDS.accessKeyId}",\n` +
        `  "SecretAccessKey": "${CREDS.secretAccessKey}",\n` +
        `  "SessionToken": "${CREDS.sessionToken}",\n` +
        `  "Expiration": "${e}"\n` +
        '}\n',
    );
  });

  it('leaves out the token and expiry lines when there are none, in every format', () => {
    const longTerm = { ...CREDS, sessionToken: null, expiration: null };
    for (const format of AWS_CLI_FORMATS) {
      const text = formatAwsCliCredentials(longTerm, format);
      expect(text).not.toMatch(/SESSION_TOKEN|SessionToken|EXPIRATION|Expiration/);
      expect(text).toContain(CREDS.secretAccessKey);
    }
  });

  it('escapes non-ASCII in process JSON as Python does', () => {
    const text = formatAwsCliCredentials({ ...CREDS, secretAccessKey: 'ké\u007f' }, 'process');
    expect(text).toContain('"SecretAccessKey": "k\\u00e9\\u007f"');
  });

  it('quotes a value a shell would interpret (where the AWS CLI would print it bare)', () => {
    const hostile = { ...CREDS, accessKeyId: 'a$(id)', secretAccessKey: 'x"y' };
    expect(formatAwsCliCredentials(hostile, 'env')).toContain(
      `export AWS_ACCESS_KEY_ID='a$(id)'\n`,
    );
    expect(formatAwsCliCredentials(hostile, 'powershell')).toContain(
      `$Env:AWS_ACCESS_KEY_ID='a$(id)'\n`,
    );
    expect(formatAwsCliCredentials(hostile, 'fish')).toContain(
      `set -gx AWS_SECRET_ACCESS_KEY 'x"y'\n`,
    );
    const forCmd = { ...CREDS, accessKeyId: 'a & calc', secretAccessKey: '%PATH%' };
    expect(formatAwsCliCredentials({ ...forCmd, secretAccessKey: 'x' }, 'windows-cmd')).toContain(
      `set "AWS_ACCESS_KEY_ID=a & calc"\n`,
    );
    // cmd expands %VAR% even inside quotes: refused rather than changed.
    expect(() => formatAwsCliCredentials(forCmd, 'windows-cmd')).toThrow(/cmd\.exe cannot set/);
  });
});
