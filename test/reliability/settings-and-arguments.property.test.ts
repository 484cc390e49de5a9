// Hostile settings files and hostile arguments at every door into the core:
// the settings store (the file on disk and update patches), the shared
// argument schemas (checkArguments), main's IPC wrapper (app/main/ipc.ts) and
// the e2e bridge over HTTP, in front of the real API and core. Invalid input is
// rejected with a clear error that names the method and field; valid input
// never makes the API throw; nothing is lost; no prototype is polluted.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApiHandlers } from '../../app/main/ipc';
import { FileSettingsStore, SETTINGS_FILE_NAME } from '../../app/core/settings/settings-store';
import { settingsFromJson } from '../../app/core/settings/settings-validation';
import {
  API_METHODS,
  channelOf,
  EXPORT_MODES,
  EXPORT_SHELLS,
  EXPORT_TOOLS,
  type ApiMethod,
  type Settings,
  type SsoTrayApi,
} from '../../app/shared/api';
import { API_ARGUMENTS, checkArguments, settingsSchema } from '../../app/shared/api-schema';
import { startHarness, type Harness } from '../harness/harness';
import { PLAIN_METHODS } from '../../app/shared/bridge-protocol';
import { runs, SEED } from './scale';
import { reportFigures, watchForCrashes } from './support/report';

const root = mkdtempSync(path.join(tmpdir(), 'sso-tray-reliability-args-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirNumber = 0;
const freshDir = () => {
  const dir = path.join(root, `d${dirNumber++}`);
  mkdirSync(dir);
  return dir;
};

const unhandled = watchForCrashes();
const figures = {
  settingsFiles: 0,
  settingsPatches: 0,
  argumentSets: 0,
  bridgeRequests: 0,
  rejectedWithMessage: 0,
  crashes: 0,
  filesLost: 0,
};

// ---- values: plausible, hostile and absurd -----------------------------------------

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'toString',
    'acme',
    'acme-dev',
    '../../etc/passwd',
    '$(touch x)',
    '\u0000',
    'a'.repeat(5_000),
  ),
);
const anyValue = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constant(undefined),
);

/** Each settings field with plausible values, most valid, some just outside the rules. */
const SETTINGS_FIELD_VALUES: Record<keyof Settings, fc.Arbitrary<unknown>> = {
  notificationLeadMinutes: fc.array(fc.integer({ min: -5, max: 24 * 60 + 5 }), { maxLength: 7 }),
  mutedSessions: fc.array(hostileString, { maxLength: 4 }),
  defaultShell: fc.constantFrom(...EXPORT_SHELLS, 'tcsh', 'BASH', ''),
  defaultExportMode: fc.constantFrom(...EXPORT_MODES, 'both'),
  includeRegion: fc.oneof(fc.boolean(), fc.constantFrom('true', 1, null)),
  signInFlow: fc.constantFrom('pkce', 'device-code', 'magic-link'),
  sessionSignIn: fc.oneof(
    fc.dictionary(
      hostileString,
      fc.record({ flow: fc.constantFrom('pkce', 'device-code', 'sms') }, { requiredKeys: [] }),
      { maxKeys: 3 },
    ),
    anyValue,
  ),
  renewal: fc.oneof(
    fc.record({ enabled: fc.boolean(), leadMinutes: fc.integer({ min: -1, max: 61 }) }),
    fc.record({ enabled: fc.boolean(), leadMinutes: fc.integer(), extra: fc.string() }),
    anyValue,
  ),
  clipboardClearSeconds: fc.oneof(fc.integer({ min: -10, max: 3700 }), fc.double()),
  launchAtLogin: fc.oneof(fc.boolean(), anyValue),
  favourites: fc.array(hostileString, { maxLength: 4 }),
  toolSignIn: fc.constantFrom('at-once', 'when-active', 'on-click', 'never', 'AT-ONCE'),
};
const windowSettings = fc.record(SETTINGS_FIELD_VALUES, { requiredKeys: [] });
const browserChoice = fc.oneof(
  fc.constant({ kind: 'system' }),
  fc.record({
    kind: fc.constant('installed'),
    browser: fc.constantFrom('firefox', 'chrome', 'netscape'),
    executable: hostileString,
    profile: fc.oneof(fc.constant(null), hostileString),
    label: hostileString,
  }),
  fc.record({ kind: fc.constantFrom('program', 'command'), executable: hostileString }),
  anyValue,
);
/** What only main stores: the browser choices (default and per session), and an older version's command line. */
const browserFields = fc.record(
  {
    browser: browserChoice,
    browserCommand: fc.oneof(fc.constant(null), hostileString),
    sessionBrowsers: fc.oneof(
      fc.dictionary(hostileString, browserChoice, { maxKeys: 3 }),
      anyValue,
    ),
  },
  { requiredKeys: [] },
);
const settingsObject = fc
  .tuple(windowSettings, browserFields)
  .map(([fields, browser]) => ({ ...fields, ...browser }));
const settingsPatch = fc.oneof(
  windowSettings,
  // A window trying to choose the program: always refused.
  browserFields.filter((fields) => Object.keys(fields).length > 0),
  fc.dictionary(hostileString, anyValue, { maxKeys: 3 }),
  anyValue,
);

const settingsFileText = fc.oneof(
  settingsObject.map((o) => JSON.stringify(o)),
  fc
    .tuple(settingsObject, fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }))
    .map(([o, extra]) => JSON.stringify({ ...extra, ...o })),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  settingsObject
    .map((o) => JSON.stringify(o, null, 2))
    .chain((t) => fc.nat(t.length).map((n) => t.slice(0, n))),
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.nat(20_000).map((depth) => `{"favourites":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.constantFrom('\ufeff{}', '{"__proto__":{"polluted":true}}', 'null', '[]', '"x"'),
);

const prototypeIsClean = () =>
  (({}) as Record<string, unknown>).polluted === undefined &&
  (Object.prototype as unknown as Record<string, unknown>).defaultShell === undefined;

// ---- the settings file -------------------------------------------------------------

describe('hostile settings files', () => {
  it(`open never throws on ${runs(300)} generated files, keeps valid fields, loses nothing`, async () => {
    const texts = fc.sample(settingsFileText, { numRuns: runs(300), seed: SEED });
    const notices: Record<string, number> = {};
    for (const [i, text] of texts.entries()) {
      const dir = freshDir();
      const file = path.join(dir, SETTINGS_FILE_NAME);
      writeFileSync(file, text);
      // The bytes on disk (a lone surrogate in `text` is written as U+FFFD).
      const bytes = readFileSync(file);
      const where = `file ${i} (seed ${SEED}): ${JSON.stringify(text).slice(0, 300)}`;
      let opened;
      try {
        opened = await FileSettingsStore.open(dir, { now: () => Date.UTC(2026, 0, 1) + i });
      } catch (error) {
        figures.crashes++;
        throw new Error(`open threw on ${where}`, { cause: error });
      }
      const { store, notice } = opened;
      figures.settingsFiles++;
      notices[notice?.code ?? 'none'] = (notices[notice?.code ?? 'none'] ?? 0) + 1;
      // Whatever the file held, the settings in use are valid.
      expect(settingsSchema.safeParse(store.get()).success, where).toBe(true);
      if (notice?.movedTo) {
        // Nothing lost: the user's bytes are kept where the notice says.
        const kept = readFileSync(notice.movedTo);
        if (!kept.equals(bytes)) figures.filesLost++;
        expect(kept.equals(bytes), where).toBe(true);
        expect(notice.message, where).toContain(notice.movedTo);
      }
      let data: unknown;
      try {
        data = JSON.parse(bytes.toString('utf8').replace(/^\ufeff/, ''));
      } catch {
        data = undefined;
      }
      const expected = data === undefined ? null : settingsFromJson(data);
      if (expected === null) {
        expect(notice?.code, where).toBe('settings-corrupt');
        expect(store.get(), where).toEqual(settingsFromJson({})!.settings);
      } else {
        expect(store.get(), where).toEqual(expected.settings);
        expect(store.browser(), where).toEqual(expected.browser);
        for (const [session, choice] of Object.entries(expected.sessionBrowsers)) {
          expect(store.browser(session), where).toEqual(choice);
        }
        expect(notice?.code ?? null, where).toBe(
          expected.invalidFields.length > 0 ? 'settings-invalid-fields' : null,
        );
        for (const field of expected.invalidFields) expect(notice?.message, where).toContain(field);
      }
      expect(prototypeIsClean(), where).toBe(true);
    }
    // Every outcome was exercised.
    expect(Object.keys(notices).sort()).toEqual(
      ['none', 'settings-corrupt', 'settings-invalid-fields'].sort(),
    );
  });

  it(`update applies valid patches atomically (0600) and refuses the rest with a clear message`, async () => {
    const dir = freshDir();
    const { store } = await FileSettingsStore.open(dir);
    const patches = fc.sample(settingsPatch, { numRuns: runs(300), seed: SEED });
    let applied = 0;
    let refused = 0;
    for (const [i, patch] of patches.entries()) {
      const before = store.get();
      const fileBefore = applied > 0 ? readFileSync(store.file, 'utf8') : null;
      const where = `patch ${i} (seed ${SEED}): ${String(JSON.stringify(patch)).slice(0, 300)}`;
      const outcome = await store.update(patch as never).then(
        (after) => ({ ok: true as const, after }),
        (error: Error & { code?: string }) => ({ ok: false as const, error }),
      );
      if (outcome.ok) {
        applied++;
        const valid = settingsSchema.safeParse(outcome.after);
        expect(valid.success ? [] : valid.error.issues, where).toEqual([]);
        expect(statSync(store.file).mode & 0o777, where).toBe(0o600);
        // What is on disk is what the store holds, and it reopens the same.
        const reopened = await FileSettingsStore.open(dir);
        expect(reopened.notice, where).toBeNull();
        expect(reopened.store.get(), where).toEqual(outcome.after);
      } else {
        refused++;
        expect(outcome.error.code, where).toBe('invalid-settings');
        expect(outcome.error.message, where).toMatch(/^That setting cannot be saved/);
        expect(outcome.error.message.length, where).toBeLessThan(2_000);
        // Refused: nothing changed, in memory or on disk.
        expect(store.get(), where).toBe(before);
        if (fileBefore !== null) expect(readFileSync(store.file, 'utf8'), where).toBe(fileBefore);
      }
      expect(prototypeIsClean(), where).toBe(true);
    }
    figures.settingsPatches += patches.length;
    figures.rejectedWithMessage += refused;
    expect(applied).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});

describe('a settings field sent as undefined', () => {
  it('changes nothing (Electron IPC keeps undefined values; the schema lets them through)', async () => {
    const dir = freshDir();
    const { store } = await FileSettingsStore.open(dir);
    await store.update({ defaultShell: 'fish' });
    const patch = structuredClone({
      renewal: undefined,
      launchAtLogin: undefined,
      notificationLeadMinutes: undefined,
      defaultShell: 'zsh',
    });
    expect(checkArguments('updateSettings', [patch]).ok).toBe(true);
    const after = await store.update(patch as never);
    expect(after).toMatchObject({
      renewal: { enabled: true, leadMinutes: 15 },
      launchAtLogin: false,
    });
    expect(after.defaultShell).toBe('zsh');
    expect(settingsSchema.safeParse(after).success).toBe(true);
    expect((await FileSettingsStore.open(dir)).store.get()).toEqual(after);
  });
});

// ---- argument schemas and main's IPC wrapper ---------------------------------------

const name = fc.oneof(
  fc.constantFrom('acme', 'acme-dev', 'ops', 'legacy-billing', 'research-lab', 'no-such-thing'),
  hostileString,
);
const exportRequest = fc.record(
  {
    profile: name,
    target: fc.constantFrom(...EXPORT_SHELLS, ...EXPORT_TOOLS, 'sh', 'PowerShell'),
    mode: fc.constantFrom(...EXPORT_MODES, 'keys'),
    includeRegion: fc.oneof(fc.boolean(), anyValue),
    extra: anyValue,
  },
  { requiredKeys: ['profile', 'target', 'mode'] },
);
const planRequest = fc.record(
  {
    session: name,
    template: fc.oneof(fc.constantFrom('{account_name}-{role_name}', '{nope}', 'x'), hostileString),
    region: fc.oneof(fc.constantFrom('eu-west-1', 'us-gov-west-1', 'EU-WEST-1'), hostileString),
    output: fc.constantFrom('json', 'text', 'xml'),
    prune: fc.boolean(),
  },
  { requiredKeys: ['session'] },
);
const plan = fc.record({
  session: name,
  configFile: fc.oneof(fc.constant('/etc/passwd'), hostileString),
  additions: fc.array(
    fc.record({
      name,
      accountId: fc.oneof(fc.constant('111111111111'), fc.stringMatching(/^\d{1,13}$/)),
      accountName: hostileString,
      roleName: name,
      region: fc.oneof(fc.constant(null), hostileString),
    }),
    { maxLength: 3 },
  ),
  removals: fc.array(name, { maxLength: 3 }),
  diff: fc.string(),
  baseHash: fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9a-f]{1,64}$/)),
});

/** Argument lists for a method: mostly shaped like the real ones, some anything at all. */
function argumentsFor(method: ApiMethod): fc.Arbitrary<unknown[]> {
  const shaped: Partial<Record<ApiMethod, fc.Arbitrary<unknown[]>>> = {
    signIn: fc.tuple(name, fc.record({ flow: fc.constantFrom('pkce', 'device-code', 'saml') })),
    cancelSignIn: fc.tuple(name),
    signOut: fc.tuple(name),
    reopenSignInPage: fc.tuple(name),
    previewExport: fc.tuple(exportRequest),
    copyExport: fc.tuple(exportRequest),
    copyText: fc.tuple(
      fc.oneof(hostileString, fc.string({ minLength: 10_001, maxLength: 10_002 })),
    ),
    openConsole: fc.tuple(name),
    diagnose: fc.oneof(fc.constant<unknown[]>([]), fc.tuple(name)),
    discover: fc.tuple(name),
    planProfiles: fc.tuple(planRequest),
    applyProfilePlan: fc.tuple(plan),
    updateSettings: fc.tuple(settingsPatch),
  };
  return fc.oneof(
    { weight: 3, arbitrary: shaped[method] ?? fc.constant<unknown[]>([]) },
    { weight: 1, arbitrary: fc.array(anyValue, { maxLength: 3 }) },
  );
}

/** Methods whose valid calls change the user's world; the bridge fuzz leaves them to stubs. */
const WORLD_CHANGING = new Set<ApiMethod>(['signIn', 'signOut', 'applyProfilePlan']);

describe('checkArguments and the IPC wrapper', () => {
  it(`reject every invalid argument list with a message naming the method, pass the rest`, async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipc = {
      handle: (channel: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) =>
        handlers.set(channel, fn),
    } as unknown as Pick<IpcMain, 'handle'>;
    const reached: { method: ApiMethod; args: unknown[] }[] = [];
    // A stand-in API that records what got through the wrapper.
    const api = Object.fromEntries(
      API_METHODS.map((method) => [
        method,
        async (...args: unknown[]) => {
          reached.push({ method, args });
          return PLAIN_METHODS.includes(method) ? {} : { ok: true, value: null };
        },
      ]),
    ) as unknown as SsoTrayApi;
    registerApiHandlers(ipc, api, () => true);

    let valid = 0;
    let invalid = 0;
    for (const method of API_METHODS) {
      const lists = fc.sample(argumentsFor(method), {
        numRuns: runs(60),
        seed: SEED + method.length,
      });
      for (const args of lists) {
        const where = `${method}(${String(JSON.stringify(args)).slice(0, 200)}) (seed ${SEED})`;
        const check = checkArguments(method, args);
        const before = reached.length;
        // Electron structured-clones arguments on the way in.
        let cloned: unknown[];
        try {
          cloned = structuredClone(args);
        } catch {
          continue; // not cloneable: it could never cross IPC
        }
        figures.argumentSets++;
        let answer: unknown;
        let thrown: unknown = null;
        try {
          answer = await handlers.get(channelOf(method))!({} as IpcMainInvokeEvent, ...cloned);
        } catch (error) {
          thrown = error;
        }
        const passed = checkArguments(method, cloned);
        if (passed.ok) {
          valid++;
          expect(thrown, where).toBeNull();
          expect(reached.length, where).toBe(before + 1);
          // What reached the API is valid by the same schema (checked twice, not trusted once).
          expect(API_ARGUMENTS[method].safeParse(reached.at(-1)!.args).success, where).toBe(true);
        } else {
          invalid++;
          figures.rejectedWithMessage++;
          expect(passed.message, where).toMatch(new RegExp(`^Invalid arguments for ${method}`));
          expect(passed.message.length, where).toBeLessThan(600);
          expect(reached.length, where).toBe(before);
          if (PLAIN_VALUE.has(method)) {
            expect((thrown as Error)?.message, where).toBe(passed.message);
          } else {
            expect(thrown, where).toBeNull();
            expect(answer, where).toEqual({
              ok: false,
              error: { code: 'invalid-argument', message: passed.message },
            });
          }
        }
        expect(check.ok || typeof check.message === 'string', where).toBe(true);
        expect(prototypeIsClean(), where).toBe(true);
      }
    }
    expect(valid).toBeGreaterThan(50);
    expect(invalid).toBeGreaterThan(50);
  });

  it('refuses __proto__ and constructor keys instead of merging them', () => {
    for (const text of [
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
    ]) {
      const parsed = JSON.parse(text) as unknown;
      expect(checkArguments('updateSettings', [parsed]).ok).toBe(false);
      expect(
        checkArguments('copyExport', [
          { profile: 'a', target: 'bash', mode: 'profile', ...(parsed as object) },
        ]).ok,
      ).toBe(false);
    }
    expect(prototypeIsClean()).toBe(true);
  });
});

const PLAIN_VALUE = new Set<ApiMethod>(PLAIN_METHODS);

// ---- the e2e bridge in front of the real API -----------------------------------------

describe('the bridge over HTTP, in front of the real core', () => {
  let harness: Harness;
  beforeAll(async () => {
    // A minimal page: this fuzz needs the bridge, not the window.
    const rendererDir = freshDir();
    writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><html><body><script type="module" src="/app.js"></script></body></html>',
    );
    harness = await startHarness({ rendererDir });
    harness.browser.browser = 'away';
  }, 60_000);
  afterAll(() => harness?.close());

  it(`answers ${runs(400)} hostile requests without a crash, a 500 or a leaked secret`, async () => {
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .constantFrom(...API_METHODS)
          .chain((m) => argumentsFor(m).map((args) => JSON.stringify({ args }))),
      },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
      { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '',
          '{',
          '{"args":',
          '{"args":null}',
          '{"args":{}}',
          '{"__proto__":{"args":[]}}',
        ),
      },
    );
    const request = fc.record({
      method: fc.oneof(
        {
          weight: 6,
          arbitrary: fc.constantFrom(...API_METHODS.filter((m) => !WORLD_CHANGING.has(m))),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '__proto__',
            'constructor',
            'toString',
            '',
            '..%2F..%2Fetc',
            'onSnapshot',
          ),
        },
      ),
      body,
    });
    const requests = fc.sample(request, { numRuns: runs(400), seed: SEED });
    const statuses: Record<number, number> = {};
    for (const [i, r] of requests.entries()) {
      const where = `request ${i} (seed ${SEED}): POST /api/${r.method} ${JSON.stringify(r.body).slice(0, 200)}`;
      const response = await fetch(`${harness.origin}/api/${r.method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...harness.windowHeaders },
        body: r.body,
      });
      const text = await response.text();
      figures.bridgeRequests++;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status >= 500) figures.crashes++;
      expect([200, 400, 404], where).toContain(response.status);
      if (response.status !== 200) continue;
      const value = (JSON.parse(text) as { value: unknown }).value;
      if (!PLAIN_VALUE.has(r.method as ApiMethod)) {
        const result = value as { ok: boolean; error?: { code: string; message: string } };
        expect(typeof result.ok, where).toBe('boolean');
        if (!result.ok) {
          expect(result.error!.message.length, where).toBeGreaterThan(0);
          expect(result.error!.message, where).not.toMatch(/\n\s+at /);
          if (result.error!.code === 'invalid-argument') figures.rejectedWithMessage++;
        }
      }
    }
    expect(harness.traffic.leaked(harness.secrets())).toEqual([]);
    expect(prototypeIsClean()).toBe(true);
    // The bridge itself is still up and the core still answers.
    const snapshot = await fetch(`${harness.origin}/api/getSnapshot`, {
      method: 'POST',
      headers: harness.windowHeaders,
      body: '{"args":[]}',
    });
    expect(snapshot.status).toBe(200);
    expect(statuses[200]).toBeGreaterThan(requests.length / 4);
  });
});

afterAll(() => {
  reportFigures('settings file and IPC/bridge arguments', {
    ...figures,
    crashes: figures.crashes + unhandled.count,
  });
});
