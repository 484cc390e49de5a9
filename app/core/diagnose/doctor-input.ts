// Everything the doctor looks at, gathered once (gather.ts) so every check is
// a pure function of it and each can be tested with a small fixture.

import type { Env } from '../env';
import type { ExportShell, Finding } from '../../shared/api';
import type { Problem, SessionView, Snapshot } from '../../shared/model';
import type { ConfigModel, ProfileConfig } from '../config/config-model';
import type { PulumiProject } from './pulumi-files';

export type { Env };

export interface DoctorInput {
  /** The time the snapshot describes (epoch ms). */
  readonly now: number;
  /** The environment of the shell (CLI) or app being checked. */
  readonly env: Env;
  /** The shell the fix lines are written for. */
  readonly shell: ExportShell;
  /** The profile the user asked about (`--profile`), or null. */
  readonly profile: string | null;
  readonly snapshot: Snapshot;
  /** Worth a note in the doctor but too common for the snapshot (a cache folder others can list). */
  readonly notes: readonly Problem[];
  readonly config: ConfigModel;
  /** The Pulumi project around the working directory, if any. */
  readonly pulumi: PulumiProject | null;
  /** Whether the AWS config file exists (default: yes). */
  readonly configFileExists?: boolean;
}

/** What the checks share: the input plus the profiles in scope. */
export interface DoctorContext extends DoctorInput {
  /** The profile the checks focus on: --profile, else AWS_PROFILE, else AWS_DEFAULT_PROFILE. */
  readonly focus: string | null;
  /** Profiles the profile checks look at: the focus, or every profile when there is none. */
  readonly scope: readonly ProfileConfig[];
  /** True when the scope is one profile the user is working with (findings about it are errors). */
  readonly focused: boolean;
  /** Every profile name a tool could select (config file and credentials file). */
  readonly profileNames: ReadonlySet<string>;
  sessionView(name: string): SessionView | undefined;
}

export type Check = (context: DoctorContext) => Finding[];

export const isSet = (value: string | undefined): value is string =>
  value !== undefined && value !== '';
