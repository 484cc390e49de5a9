// Status messages that clear: news goes by itself, an error or an offer of an
// action stays (its copy toast folds away), so nothing sits over the window.
import { describe, expect, it } from 'vitest';
import {
  MESSAGE_LIFETIME_MS,
  messageLifetimeMs,
  nextMessage,
  type StatusMessage,
} from '../../../renderer/src/app/messages';

const action = { label: 'Sign in to acme', run: () => {} };

describe('status messages', () => {
  it('news clears after its lifetime; errors and offers stay', () => {
    expect(messageLifetimeMs({ tone: 'success', text: 'Copied.' })).toBe(MESSAGE_LIFETIME_MS);
    expect(messageLifetimeMs({ tone: 'info', text: 'Signing in…' })).toBe(MESSAGE_LIFETIME_MS);
    expect(messageLifetimeMs({ tone: 'error', text: 'Failed.' })).toBeNull();
    expect(messageLifetimeMs({ tone: 'info', text: 'Copied; expired.', action })).toBeNull();
  });

  it('a copy’s toast goes with its message, or alone when the message stays', () => {
    const copied: StatusMessage = { tone: 'success', text: 'Copied.', preview: 'x' };
    expect(nextMessage(copied)).toEqual({ afterMs: MESSAGE_LIFETIME_MS, next: null });
    const offer: StatusMessage = {
      tone: 'info',
      text: 'Copied; acme has expired.',
      preview: 'x',
      note: 'n',
      action,
    };
    expect(nextMessage(offer)).toEqual({
      afterMs: MESSAGE_LIFETIME_MS,
      next: { tone: 'info', text: 'Copied; acme has expired.', action },
    });
    expect(nextMessage({ tone: 'error', text: 'Failed.' })).toBeNull();
  });
});
