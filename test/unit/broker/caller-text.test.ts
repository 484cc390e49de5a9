// How the window words a caller: what it reported about itself, and nothing more.
import { describe, expect, it } from 'vitest';
import { callerText } from '../../../app/core/broker/broker-summary';

describe('callerText', () => {
  it('a socket caller: its name and pid, whichever it reported', () => {
    expect(callerText({ via: 'socket', pid: 4242, name: 'python3' })).toBe('python3 (pid 4242)');
    expect(callerText({ via: 'socket', pid: 4242, name: null })).toBe('pid 4242');
    expect(callerText({ via: 'socket', pid: null, name: 'terraform' })).toBe('terraform');
    expect(callerText({ via: 'socket', pid: null, name: null })).toBe(
      'A program that did not say its name',
    );
  });

  it('a container-endpoint caller: the User-Agent product, never a pid', () => {
    expect(callerText({ via: 'container-endpoint', pid: null, name: 'aws-cli/2.9.19' })).toBe(
      'aws-cli/2.9.19 (container endpoint)',
    );
    expect(callerText({ via: 'container-endpoint', pid: null, name: null })).toBe(
      'A program (container endpoint)',
    );
  });
});
