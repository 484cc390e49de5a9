import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../../../app/core/token-cache/python-json';
import {
  formatCliTimestamp,
  isRefreshable,
  parseIsoTimestamp,
  parseTokenFile,
  serializeCliToken,
  tokenFileName,
} from '../../../app/core/token-cache/token-file';

describe('token file names (aws-sso-protocol.md section 9)', () => {
  it.each([
    ['my-sso', '0ad374308c5a4e22f723adf10145eafad7c4031c.json'],
    ['admin', 'd033e22ae348aeb5660fc2140aec35850c4da997.json'],
    ['https://d-abc123.awsapps.com/start', '40a89917e3175433e361b710a9d43528d7f1890a.json'],
  ])('%s -> %s', (id, expected) => {
    expect(tokenFileName(id)).toBe(expected);
  });

  it('does not normalise a trailing slash on legacy start URLs', () => {
    expect(tokenFileName('https://d-abc123.awsapps.com/start/')).not.toBe(
      tokenFileName('https://d-abc123.awsapps.com/start'),
    );
  });

  it('hashes unicode session names as UTF-8, like Python', () => {
    const python = execFileSync(
      'python3',
      ['-c', 'import hashlib,sys; print(hashlib.sha1("café".encode("utf-8")).hexdigest())'],
      {
        encoding: 'utf8',
      },
    ).trim();
    expect(tokenFileName('café')).toBe(`${python}.json`);
  });
});

describe('timestamps', () => {
  const noon = Date.parse('2026-01-01T12:00:00.000Z');
  it.each([
    '2026-01-01T12:00:00Z',
    '2026-01-01T12:00:00.000Z',
    '2026-01-01T12:00:00+00:00',
    '2026-01-01T13:00:00+01:00',
    '2026-01-01T12:00:00UTC',
  ])('reads %s', (text) => {
    expect(parseIsoTimestamp(text)).toBe(noon);
  });
  it.each(['', 'tomorrow', '2026-13-01T12:00:00Z', '2026-01-01T12:00:00', 12345, null])(
    'rejects %s',
    (text) => {
      expect(parseIsoTimestamp(text)).toBeNull();
    },
  );
  it('writes seconds precision with a literal Z, as the AWS CLI does', () => {
    expect(formatCliTimestamp(noon + 999)).toBe('2026-01-01T12:00:00Z');
  });
});

describe('parsing token files', () => {
  it('reads the AWS CLI style', () => {
    const text =
      '{"startUrl": "https://d-abc123.awsapps.com/start", "region": "us-east-1", "accessToken": "tok", "expiresAt": "2026-01-01T12:00:00Z", "clientId": "cid", "clientSecret": "sec", "registrationExpiresAt": "2026-03-01T00:00:00Z", "refreshToken": "ref"}';
    const reading = parseTokenFile(text);
    expect(reading.kind).toBe('token');
    if (reading.kind !== 'token') return;
    expect(reading.token.expiresAt).toBe(Date.parse('2026-01-01T12:00:00Z'));
    expect(reading.token.refreshToken).toBe('ref');
    expect(isRefreshable(reading.token, Date.parse('2026-01-01T00:00:00Z'))).toBe(true);
    expect(isRefreshable(reading.token, Date.parse('2026-04-01T00:00:00Z'))).toBe(false);
  });

  it('reads the JS SDK style (pretty, milliseconds, extra keys)', () => {
    const text = JSON.stringify(
      {
        startUrl: 'https://x/start',
        region: 'eu-west-1',
        accessToken: 'tok',
        expiresAt: '2026-01-01T12:00:00.000Z',
        somethingElse: 1,
      },
      null,
      2,
    );
    const reading = parseTokenFile(text);
    expect(reading.kind === 'token' && reading.token.expiresAt).toBe(
      Date.parse('2026-01-01T12:00:00Z'),
    );
    expect(reading.kind === 'token' && reading.token.raw.somethingElse).toBe(1);
  });

  it('treats a registration file as not a token', () => {
    expect(
      parseTokenFile('{"clientId": "a", "clientSecret": "b", "expiresAt": "2026-01-01T00:00:00Z"}')
        .kind,
    ).toBe('not-a-token');
  });

  it.each([
    ['{"accessToken": "tok", "expiresAt": "2026-01-01T12:0', 'not valid JSON'],
    ['', 'not valid JSON'],
    ['[1,2]', 'not a JSON object'],
    ['{"accessToken": "tok"}', 'expiresAt is missing'],
    ['{"accessToken": "tok", "expiresAt": "soon"}', 'expiresAt is not an ISO-8601 UTC time'],
    [
      '{"accessToken": 42, "expiresAt": "2026-01-01T12:00:00Z"}',
      'accessToken is empty or not a string',
    ],
  ])('explains why %j is unusable', (text, reason) => {
    const reading = parseTokenFile(text);
    expect(reading).toEqual({ kind: 'unreadable', reason: expect.stringContaining(reason) });
  });
});

describe('writing token files byte-identical to the AWS CLI', () => {
  it('matches Python json.dumps for the CLI key order', () => {
    const token = {
      startUrl: 'https://d-abc123.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'a/b+c=',
      expiresAt: Date.parse('2026-01-01T12:00:00Z'),
      clientId: 'cid',
      clientSecret: 'sec',
      registrationExpiresAt: Date.parse('2026-03-01T00:00:00Z'),
      refreshToken: 'ref',
    };
    const python = execFileSync(
      'python3',
      [
        '-c',
        'import json; print(json.dumps({"startUrl": "https://d-abc123.awsapps.com/start", "region": "us-east-1", "accessToken": "a/b+c=", "expiresAt": "2026-01-01T12:00:00Z", "clientId": "cid", "clientSecret": "sec", "registrationExpiresAt": "2026-03-01T00:00:00Z", "refreshToken": "ref"}), end="")',
      ],
      { encoding: 'utf8' },
    );
    expect(serializeCliToken(token)).toBe(python);
  });

  it('omits refresh fields when none were issued', () => {
    const text = serializeCliToken({ startUrl: 's', region: 'r', accessToken: 't', expiresAt: 0 });
    expect(text).toBe(
      '{"startUrl": "s", "region": "r", "accessToken": "t", "expiresAt": "1970-01-01T00:00:00Z"}',
    );
  });
});

describe('Python json.dumps equivalence', () => {
  it('escapes like ensure_ascii and sorts like sort_keys', () => {
    const value = { z: 'é😀\u007f\n"\\/', a: ['x', null, 1, true], m: { b: 'c' } };
    const python = execFileSync(
      'python3',
      [
        '-c',
        'import json,sys; print(json.dumps(json.loads(sys.stdin.read()), sort_keys=True), end="")',
      ],
      { encoding: 'utf8', input: JSON.stringify(value) },
    );
    expect(pythonJsonDumps(value, { sortKeys: true })).toBe(python);
  });
});
