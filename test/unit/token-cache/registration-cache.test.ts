// The client registration cache shared with the AWS CLI: key vectors from the
// protocol doc (recomputed there with Python), the CLI's bytes, and reuse rules.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  parseRegistration,
  registrationCacheKey,
  registrationFits,
  serializeRegistration,
  type ClientRegistration,
} from '../../../app/core/token-cache/registration-cache';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const MIN = 60_000;

describe('registrationCacheKey', () => {
  it.each([
    [
      {
        startUrl: 'https://d-abc123.awsapps.com/start',
        region: 'us-east-1',
        scopes: ['sso:account:access'],
        sessionName: 'my-sso',
      },
      '18d9b42846b15eb5385befb03b3d864f800fcc11',
    ],
    [
      {
        startUrl: 'https://d-abc123.awsapps.com/start',
        region: 'us-east-1',
        scopes: null,
        sessionName: 'my-sso',
      },
      '7af4639e6a11a78ced2d4bb3c69314f42f27dd04',
    ],
    [
      {
        startUrl: 'https://d-abc123.awsapps.com/start',
        region: 'us-west-2',
        scopes: null,
        sessionName: null,
      },
      'd75f79f67bab3f92a2b1450471c0c2574de0dca4',
    ],
  ])('matches the protocol doc vector %#', (args, key) => {
    expect(registrationCacheKey(args)).toBe(key);
  });

  it('matches botocore for non-ASCII names and several scopes (python3 oracle)', () => {
    const args = {
      startUrl: 'https://d-abc123.awsapps.com/start',
      region: 'eu-central-1',
      scopes: ['sso:account:access', 'codewhisperer:completions'],
      sessionName: 'équipe-ü',
    };
    const python = execFileSync(
      'python3',
      [
        '-c',
        'import hashlib, json, sys; a = json.loads(sys.argv[1]); print(hashlib.sha1(json.dumps({"tool": "botocore", "startUrl": a["startUrl"], "region": a["region"], "scopes": a["scopes"], "session_name": a["sessionName"]}, sort_keys=True).encode("utf-8")).hexdigest())',
        JSON.stringify(args),
      ],
      { encoding: 'utf8' },
    ).trim();
    expect(registrationCacheKey(args)).toBe(python);
  });
});

describe('registration files', () => {
  const pkce: ClientRegistration = {
    clientId: 'cid',
    clientSecret: 'secret',
    expiresAt: Date.parse('2026-04-01T12:00:00Z'),
    scopes: ['sso:account:access'],
    grantTypes: ['authorization_code', 'refresh_token'],
  };

  it('writes the CLI bytes and reads back the same registration', () => {
    const text = serializeRegistration(pkce);
    expect(text).toBe(
      '{"clientId": "cid", "clientSecret": "secret", "expiresAt": "2026-04-01T12:00:00Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}',
    );
    expect(parseRegistration(text)).toEqual(pkce);
    expect(serializeRegistration({ ...pkce, scopes: null, grantTypes: null })).toBe(
      '{"clientId": "cid", "clientSecret": "secret", "expiresAt": "2026-04-01T12:00:00Z"}',
    );
  });

  it('reads what the JS SDK or other tools write, and refuses what is not a registration', () => {
    expect(
      parseRegistration(
        '{\n  "clientId": "a",\n  "clientSecret": "b",\n  "expiresAt": "2026-04-01T12:00:00.000Z"\n}',
      ),
    ).toMatchObject({
      clientId: 'a',
      expiresAt: Date.parse('2026-04-01T12:00:00Z'),
      grantTypes: null,
    });
    for (const text of [
      '',
      '{',
      '[]',
      '{"clientId": "a"}',
      '{"clientId": "a", "clientSecret": "b", "expiresAt": "soon"}',
      '{"accessToken": "x", "expiresAt": "2026-01-01T00:00:00Z"}',
    ]) {
      expect(parseRegistration(text), text).toBeNull();
    }
  });
});

describe('registrationFits', () => {
  const base: ClientRegistration = {
    clientId: 'cid',
    clientSecret: 's',
    expiresAt: NOW + 30 * MIN,
    scopes: ['sso:account:access'],
    grantTypes: null,
  };

  it('needs more than 15 minutes left, like the AWS CLI', () => {
    expect(registrationFits(base, 'device-code', ['sso:account:access'], NOW)).toBe(true);
    expect(registrationFits({ ...base, expiresAt: NOW + 15 * MIN }, 'device-code', null, NOW)).toBe(
      false,
    );
    expect(
      registrationFits({ ...base, expiresAt: NOW + 15 * MIN + 1 }, 'device-code', null, NOW),
    ).toBe(true);
  });

  it('PKCE needs the authorization_code grant; the device flow needs a registration without it', () => {
    const code = { ...base, grantTypes: ['authorization_code', 'refresh_token'] };
    expect(registrationFits(code, 'pkce', ['sso:account:access'], NOW)).toBe(true);
    expect(registrationFits(code, 'device-code', ['sso:account:access'], NOW)).toBe(false);
    expect(registrationFits(base, 'pkce', ['sso:account:access'], NOW)).toBe(false);
  });

  it('needs every scope we ask for (the CLI without scopes registers none)', () => {
    expect(
      registrationFits({ ...base, scopes: null }, 'device-code', ['sso:account:access'], NOW),
    ).toBe(false);
    expect(registrationFits({ ...base, scopes: null }, 'device-code', null, NOW)).toBe(true);
  });
});
