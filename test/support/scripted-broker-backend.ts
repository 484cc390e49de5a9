// A deterministic BrokerBackend for the broker's own tests: each profile has a
// scripted behaviour, and every call is recorded with its signal, so a test can
// prove how many backend calls a burst of requests made and which were
// abandoned (and why). The real core is wired in by the core's own tests.
import type { BrokerBackend, CredentialsRequest } from '../../app/core/broker/broker-backend';
import { BrokerError } from '../../app/core/broker/broker-error';
import type { RoleCredentials } from '../../app/core/credentials/role-credentials';

export type Behaviour =
  | { readonly kind: 'credentials' }
  | { readonly kind: 'error'; readonly code: string; readonly message: string }
  /** Throws a plain Error (no code): the broker must not pass its message on. */
  | { readonly kind: 'crash'; readonly message: string }
  /** Waits until the test calls release() or the signal aborts. */
  | { readonly kind: 'wait' };

export interface RecordedCall {
  readonly profile: string;
  readonly request: CredentialsRequest;
  /** The abort reason's code once the signal aborted, else null. */
  abortedWith: string | null;
}

export const credentialsFor = (profile: string): RoleCredentials => ({
  accessKeyId: `ASIA${profile
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
    .padEnd(16, 'X')
    .slice(0, 16)}`,
  secretAccessKey: `secret/${profile}/wJalrXUtnFEMI+K7MDENG`,
  sessionToken: `IQoJb3JpZ2luX2VjE-${profile}-token`,
  expiration: Date.UTC(2030, 0, 1, 12, 0, 0),
});

export class ScriptedBackend implements BrokerBackend {
  readonly calls: RecordedCall[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly waiters = new Set<{ profile: string; resolve: () => void }>();
  private readonly listeners = new Set<() => void>();

  constructor(behaviours: Record<string, Behaviour> = {}) {
    for (const [profile, behaviour] of Object.entries(behaviours)) {
      this.behaviours.set(profile, behaviour);
    }
  }

  credentials(profile: string, request: CredentialsRequest): Promise<RoleCredentials> {
    const call: RecordedCall = { profile, request, abortedWith: null };
    this.calls.push(call);
    request.signal.addEventListener(
      'abort',
      () => {
        const reason: unknown = request.signal.reason;
        call.abortedWith = reason instanceof BrokerError ? reason.code : 'unknown';
        this.changed();
      },
      { once: true },
    );
    const answer = this.answer(profile, request);
    // After the answer is set up, so waitingCount() already counts this call.
    this.changed();
    return answer;
  }

  private answer(profile: string, request: CredentialsRequest): Promise<RoleCredentials> {
    const behaviour = this.behaviours.get(profile);
    if (!behaviour) {
      return Promise.reject(new BrokerError('unknown-profile', `No profile named ${profile}.`));
    }
    switch (behaviour.kind) {
      case 'credentials':
        return Promise.resolve(credentialsFor(profile));
      case 'error':
        return Promise.reject(new BrokerError(behaviour.code, behaviour.message));
      case 'crash':
        return Promise.reject(new Error(behaviour.message));
      case 'wait':
        return new Promise((resolve, reject) => {
          const waiter = { profile, resolve: () => resolve(credentialsFor(profile)) };
          this.waiters.add(waiter);
          request.signal.addEventListener('abort', () => {
            this.waiters.delete(waiter);
            reject(request.signal.reason);
          });
        });
    }
  }

  /** Answers every call waiting on `profile`. */
  release(profile: string): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.profile !== profile) continue;
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }

  waitingCount(): number {
    return this.waiters.size;
  }

  /** Resolves once `condition` holds (checked after every call and abort). */
  until(condition: (backend: this) => boolean): Promise<void> {
    if (condition(this)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!condition(this)) return;
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
    });
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
