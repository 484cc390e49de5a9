// The bridge's main side: the sender check, the one wrapper around every
// handler (drop strangers, validate arguments), and snapshot forwarding held
// until the renderer is ready.

import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  API_METHODS,
  channelOf,
  DEFAULT_SETTINGS,
  SNAPSHOT_CHANNEL,
  type SsoTrayApi,
} from '../../../app/shared/api';
import { isTrustedSender, registerApiHandlers } from '../../../app/main/ipc';
import { SnapshotForwarder } from '../../../app/main/snapshot-forwarder';
import { snapshotOf } from './snapshot-builders';

const RENDERER = 'sso-tray://app/index.html';

describe('isTrustedSender', () => {
  const ours = { contentsId: 7, rendererUrl: RENDERER };
  const sender = { contentsId: 7, frameUrl: RENDERER, isMainFrame: true };

  it('accepts our window main frame on our page, with or without a view fragment', () => {
    expect(isTrustedSender(sender, ours)).toBe(true);
    expect(isTrustedSender({ ...sender, frameUrl: `${RENDERER}#preferences` }, ours)).toBe(true);
  });

  it('refuses other web contents, subframes, other pages, and everything while there is no window', () => {
    expect(isTrustedSender({ ...sender, contentsId: 8 }, ours)).toBe(false);
    expect(isTrustedSender({ ...sender, isMainFrame: false }, ours)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: 'https://evil.example/' }, ours)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: 'file:///tmp/index.html' }, ours)).toBe(false);
    expect(
      isTrustedSender({ ...sender, frameUrl: 'file:///app/out/renderer/index.html' }, ours),
    ).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: 'sso-tray://evil/index.html' }, ours)).toBe(
      false,
    );
    expect(isTrustedSender({ ...sender, frameUrl: null }, ours)).toBe(false);
    expect(isTrustedSender(sender, { ...ours, contentsId: null })).toBe(false);
  });
});

describe('registerApiHandlers', () => {
  function setup(trusted: boolean) {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipc = {
      handle: (channel: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) =>
        handlers.set(channel, fn),
    } as unknown as Pick<IpcMain, 'handle'>;
    const api = {
      getSettings: vi.fn(async () => DEFAULT_SETTINGS),
      signIn: vi.fn(async () => ({ ok: true, value: { expiresAt: 'x' } })),
      copyExport: vi.fn(async () => ({ ok: true, value: { maskedText: '***', expiresAt: null } })),
    } as unknown as SsoTrayApi;
    registerApiHandlers(ipc, api, () => trusted);
    const call = (method: string, ...args: unknown[]) =>
      Promise.resolve(handlers.get(channelOf(method as never))!({} as IpcMainInvokeEvent, ...args));
    return { handlers, api, call };
  }

  it('registers exactly one handler per API method', () => {
    expect([...setup(true).handlers.keys()].sort()).toEqual(API_METHODS.map(channelOf).sort());
  });

  it('passes validated arguments through', async () => {
    const { api, call } = setup(true);
    await expect(call('signIn', 'dev', { flow: 'device-code' })).resolves.toMatchObject({
      ok: true,
    });
    expect(api.signIn).toHaveBeenCalledWith('dev', { flow: 'device-code' });
  });

  it('answers bad arguments with invalid-argument (or a rejection for plain-value methods)', async () => {
    const { api, call } = setup(true);
    await expect(
      call('copyExport', { profile: 'dev', target: 'sh', mode: 'profile' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await expect(call('signIn', 'dev', { flow: 'magic', extra: 1 })).resolves.toMatchObject({
      ok: false,
    });
    await expect(call('getSettings', 'unexpected')).rejects.toThrow(/getSettings/);
    expect(api.copyExport).not.toHaveBeenCalled();
    expect(api.signIn).not.toHaveBeenCalled();
    expect(api.getSettings).not.toHaveBeenCalled();
  });

  it('drops every call from an untrusted sender', async () => {
    const { api, call } = setup(false);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(call('signIn', 'dev')).rejects.toThrow(/did not come from the SSO Tray window/);
    await expect(call('getSettings')).rejects.toThrow();
    expect(api.signIn).not.toHaveBeenCalled();
    expect(api.getSettings).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('SnapshotForwarder', () => {
  const target = () => {
    const sent: { channel: string; version: number }[] = [];
    let destroyed = false;
    return {
      sent,
      destroy: () => (destroyed = true),
      send: (channel: string, s: { version: number }) => sent.push({ channel, version: s.version }),
      isDestroyed: () => destroyed,
    };
  };
  const snap = (version: number) => snapshotOf([], [], { version });

  it('queues the newest snapshot until ready, then streams', () => {
    const f = new SnapshotForwarder();
    const t = target();
    f.push(snap(1));
    f.attach(t);
    f.push(snap(2));
    f.push(snap(3));
    expect(t.sent).toEqual([]);
    f.markReady();
    expect(t.sent).toEqual([{ channel: SNAPSHOT_CHANNEL, version: 3 }]);
    f.push(snap(4));
    expect(t.sent.map((s) => s.version)).toEqual([3, 4]);
  });

  it('holds again while the page reloads, and stops for a destroyed page', () => {
    const f = new SnapshotForwarder();
    const t = target();
    f.attach(t);
    f.markReady();
    f.push(snap(1));
    f.pause();
    f.push(snap(2));
    expect(t.sent.map((s) => s.version)).toEqual([1]);
    f.markReady();
    expect(t.sent.map((s) => s.version)).toEqual([1, 2]);
    t.destroy();
    f.push(snap(3));
    expect(t.sent.map((s) => s.version)).toEqual([1, 2]);
  });
});
