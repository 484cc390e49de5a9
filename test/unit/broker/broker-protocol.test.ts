// Every request line either becomes a typed request or the error answer the
// caller will read; nothing in between.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WAIT_SECONDS,
  MAX_WAIT_SECONDS,
  parseRequest,
  type BrokerAnswer,
} from '../../../app/core/broker/broker-protocol';

function refusal(line: string): { id: unknown; code: string; message: string } {
  const parsed = parseRequest(line);
  if (parsed.ok) throw new Error(`accepted: ${line}`);
  const answer: BrokerAnswer = parsed.answer;
  if (answer.ok) throw new Error('an error answer must have ok: false');
  expect(answer.v).toBe(1);
  return { id: answer.id, ...answer.error };
}

describe('parseRequest', () => {
  it('reads a credentials request with its caller as reported', () => {
    expect(
      parseRequest(
        JSON.stringify({
          v: 1,
          id: 'a1',
          op: 'credentials',
          profile: 'dev',
          waitSeconds: 12,
          caller: { pid: 4242, name: 'terraform' },
        }),
      ),
    ).toEqual({
      ok: true,
      request: {
        v: 1,
        id: 'a1',
        op: 'credentials',
        profile: 'dev',
        waitSeconds: 12,
        caller: { pid: 4242, name: 'terraform' },
      },
    });
  });

  it('defaults the wait, and an absent id is null', () => {
    expect(parseRequest('{"v":1,"op":"credentials","profile":"p"}')).toEqual({
      ok: true,
      request: {
        v: 1,
        id: null,
        op: 'credentials',
        profile: 'p',
        waitSeconds: DEFAULT_WAIT_SECONDS,
      },
    });
    expect(parseRequest('{"v":1,"id":3,"op":"ping"}')).toEqual({
      ok: true,
      request: { v: 1, id: 3, op: 'ping' },
    });
  });

  it('keeps only printable characters of a reported name and drops a bad pid', () => {
    const parsed = parseRequest(
      JSON.stringify({
        v: 1,
        op: 'credentials',
        profile: 'p',
        caller: { pid: -3, name: `evil\u001b[2J\nname${'x'.repeat(100)}` },
      }),
    );
    expect(parsed.ok && parsed.request.op === 'credentials' && parsed.request.caller).toEqual({
      name: `evil[2Jname${'x'.repeat(53)}`,
    });
  });

  it.each([
    ['not json', '{"v":1,', 'bad-json'],
    ['an array', '[1,2]', 'bad-request'],
    ['a string', '"ping"', 'bad-request'],
    ['no version', '{"id":1,"op":"ping"}', 'unsupported-version'],
    ['version 2', '{"v":2,"id":1,"op":"ping"}', 'unsupported-version'],
    ['version "1"', '{"v":"1","id":1,"op":"ping"}', 'unsupported-version'],
    ['an unknown op', '{"v":1,"id":1,"op":"delete-everything"}', 'unknown-op'],
    ['no op', '{"v":1,"id":1}', 'unknown-op'],
    ['no profile', '{"v":1,"id":1,"op":"credentials"}', 'bad-request'],
    ['an empty profile', '{"v":1,"id":1,"op":"credentials","profile":""}', 'bad-request'],
    ['a negative wait', '{"v":1,"op":"credentials","profile":"p","waitSeconds":-1}', 'bad-request'],
    [
      'a wait above the maximum',
      `{"v":1,"op":"credentials","profile":"p","waitSeconds":${MAX_WAIT_SECONDS + 1}}`,
      'bad-request',
    ],
    ['a wait as text', '{"v":1,"op":"credentials","profile":"p","waitSeconds":"5"}', 'bad-request'],
    ['an object id', '{"v":1,"id":{},"op":"ping"}', 'bad-request'],
  ])('refuses %s with %s', (_label, line, code) => {
    const error = refusal(line);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('echoes the id in the error answer once the id itself is sound', () => {
    expect(refusal('{"v":9,"id":"req-7","op":"ping"}')).toMatchObject({
      id: 'req-7',
      code: 'unsupported-version',
    });
    expect(refusal('{"v":9,"id":"req-7","op":"ping"}').message).toContain('version 9');
    expect(refusal('{"v":1,"id":5,"op":"nope"}')).toMatchObject({ id: 5, code: 'unknown-op' });
  });
});
