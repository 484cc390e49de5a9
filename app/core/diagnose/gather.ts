// Collects the doctor's input from the core's state plus the working directory.

import { promises as fs } from 'node:fs';
import type { Snapshot } from '../../shared/model';
import type { ConfigModel } from '../config/config-model';
import { detectShell } from '../export/detect-shell';
import type { DoctorInput, Env } from './doctor-input';
import { readPulumiProject } from './pulumi-files';
import { cacheDirNotes } from '../sessions/file-problems';

export interface GatherOptions {
  readonly profile?: string | null;
  /** Where to look for a Pulumi project. */
  readonly cwd: string;
  /** The environment to check (the terminal's, or the app's). */
  readonly env: Env;
  readonly platform?: NodeJS.Platform;
  /** Default: the wall clock (session states come from the snapshot). */
  readonly now?: number;
  /** The SSO token cache folder, for the doctor's notes about it. */
  readonly cacheDir?: string;
}

export async function gatherDoctorInput(
  state: { readonly snapshot: Snapshot; readonly config: ConfigModel },
  options: GatherOptions,
): Promise<DoctorInput> {
  return {
    now: options.now ?? Date.now(),
    env: options.env,
    shell: detectShell(options.env, options.platform),
    profile: options.profile ?? null,
    snapshot: state.snapshot,
    notes: options.cacheDir ? await cacheDirNotes(options.cacheDir) : [],
    config: state.config,
    pulumi: await readPulumiProject(options.cwd),
    configFileExists: await fs.stat(state.snapshot.configFile).then(
      () => true,
      () => false,
    ),
  };
}
