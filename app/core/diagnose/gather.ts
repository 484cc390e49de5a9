// Collects the doctor's input from a running core plus the working directory.

import type { SsoTrayCore } from '../core';
import { detectShell } from '../export/detect-shell';
import type { DoctorInput, Env } from './doctor-input';
import { readPulumiProject } from './pulumi-files';

export interface GatherOptions {
  readonly profile?: string | null;
  /** Where to look for a Pulumi project. */
  readonly cwd: string;
  /** The environment to check; default the core's. */
  readonly env?: Env;
  readonly platform?: NodeJS.Platform;
  /** Default: the wall clock (session states come from the snapshot). */
  readonly now?: number;
}

export async function gatherDoctorInput(
  core: SsoTrayCore,
  options: GatherOptions,
): Promise<DoctorInput> {
  const env = options.env ?? core.env;
  const snapshot = core.sessions.snapshot();
  return {
    now: options.now ?? Date.now(),
    env,
    shell: detectShell(env, options.platform),
    profile: options.profile ?? null,
    snapshot,
    config: core.sessions.config(),
    pulumi: await readPulumiProject(options.cwd),
  };
}
