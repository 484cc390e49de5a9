// A doctor run over real files: a temp HOME with ~/.aws/config, credentials and
// token cache files, a working directory (for Pulumi files), an environment
// map, and a fake clock for session states. The snapshot comes from a real
// core; the config model from the core's own file readers; the checks run on
// the fake clock's time (core.diagnose reads the wall clock).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildConfigModel } from '../../../app/core/config/config-model';
import { runDoctor } from '../../../app/core/diagnose/doctor';
import { gatherDoctorInput } from '../../../app/core/diagnose/gather';
import type { AwsPaths } from '../../../app/core/paths';
import { readConfigSource } from '../../../app/core/sessions/file-readers';
import type { DiagnosisReport, Finding } from '../../../app/shared/api';
import { FakeClock } from '../../support/fake-clock';
import { cliToken, createTempHome, SEED_CONFIG } from '../../support/temp-home';
import { openTestCore } from '../../support/test-core';

export const NOW = '2026-01-01T12:00:00Z';
const inHours = (h: number) =>
  new Date(Date.parse(NOW) + h * 3_600_000).toISOString().replace('.000Z', 'Z');

export interface DoctorFixture {
  readonly config?: string;
  readonly credentials?: string;
  /** Token files by session (name or legacy start URL). Default: my-sso signed in for 8 h. */
  readonly tokens?: Readonly<
    Record<string, { hours: number; refreshable?: boolean; startUrl?: string } | string>
  >;
  readonly env?: Readonly<Record<string, string>>;
  /** `--profile` */
  readonly profile?: string;
  /** Files in the working directory, e.g. `{ 'Pulumi.yaml': '...', 'Pulumi.dev.yaml': '...' }`. */
  readonly cwdFiles?: Readonly<Record<string, string>>;
  readonly shell?: string;
}

export const SIGNED_IN = { 'my-sso': { hours: 8, refreshable: true } } as const;

export async function diagnose(fixture: DoctorFixture = {}): Promise<DiagnosisReport> {
  const home = createTempHome({ config: fixture.config ?? SEED_CONFIG });
  const clock = new FakeClock(NOW);
  try {
    if (fixture.credentials !== undefined)
      writeFileSync(home.paths.credentialsFile, fixture.credentials);
    for (const [session, token] of Object.entries(fixture.tokens ?? SIGNED_IN)) {
      home.writeToken(
        session,
        typeof token === 'string'
          ? token
          : cliToken({
              expiresAt: inHours(token.hours),
              startUrl: token.startUrl,
              ...(token.refreshable ? { refreshToken: 'refresh-token-value' } : {}),
            }),
      );
    }
    const cwd = path.join(home.home, 'project');
    mkdirSync(cwd, { recursive: true });
    for (const [name, text] of Object.entries(fixture.cwdFiles ?? {})) {
      mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
      writeFileSync(path.join(cwd, name), text);
    }
    const env = { SHELL: fixture.shell ?? '/bin/bash', ...fixture.env };
    const core = await openTestCore(home, { env, clock });
    try {
      const state = { snapshot: core.snapshot(), config: await readConfigModel(home.paths) };
      return runDoctor(
        await gatherDoctorInput(state, {
          profile: fixture.profile ?? null,
          cwd,
          env: { ...home.env, ...env },
          now: clock.now(),
        }),
      );
    } finally {
      await core.close();
    }
  } finally {
    home.cleanup();
  }
}

async function readConfigModel(paths: AwsPaths) {
  const [config, credentials] = await Promise.all([
    readConfigSource(paths.configFile, 'config'),
    readConfigSource(paths.credentialsFile, 'credentials'),
  ]);
  return buildConfigModel(config.source, credentials.source);
}

export const withId = (report: DiagnosisReport, id: string): Finding[] =>
  report.findings.filter((f) => f.id === id);

export const ids = (report: DiagnosisReport): string[] => report.findings.map((f) => f.id);
