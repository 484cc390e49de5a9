// Which sign-in flow fits where the user is, and why. The browser flow (PKCE)
// needs a browser on this machine that can reach its loopback redirect; over
// SSH, or on a Linux box (or in a container) without a display there is none, so
// the device code flow (a URL and a code, confirmed on any device) is chosen
// there unless the user says otherwise. Under WSL the Windows browser opens the
// page and reaches the loopback redirect (WSL forwards localhost), so PKCE stays.
//
// Precedence (docs/sign-in.md): legacy profiles always use the device code;
// then an explicit flag, the session's own setting, `sso_use_device_code` in
// its [sso-session], the environment, the global setting.
//
// Pure over an injected host (environment, platform, two file reads), so every
// place is tested on any machine.

import { existsSync, readFileSync } from 'node:fs';
import type { SignInFlow } from '../../shared/model';
import type { Env } from '../env';

/** What detection may look at. */
export interface PlaceHost {
  readonly env: Env;
  readonly platform: NodeJS.Platform;
  exists(file: string): boolean;
  /** The file's text, or null when it is missing or unreadable. */
  readText(file: string): string | null;
}

/** Where this process runs, as far as opening a browser is concerned. */
export interface Surroundings {
  /** Started from an SSH session (SSH_CONNECTION, SSH_TTY or SSH_CLIENT). */
  readonly ssh: boolean;
  /** Inside a container (Docker, Podman, Kubernetes, LXC). */
  readonly container: boolean;
  /** Linux with no graphical session (no DISPLAY or WAYLAND_DISPLAY); never under WSL. */
  readonly noDisplay: boolean;
  /** Under WSL (and not in a container there): the Windows browser opens pages. */
  readonly wsl: boolean;
}

/** No reason to avoid the browser flow: a desktop. */
export const DESKTOP: Surroundings = { ssh: false, container: false, noDisplay: false, wsl: false };

const set = (value: string | undefined) => value !== undefined && value !== '';

/** Control groups that name a container runtime (cgroup v1; v2 shows only `0::/`). */
const CONTAINER_CGROUP = /docker|kubepods|containerd|libpod|lxc|garden/;

function inContainer(host: PlaceHost): boolean {
  if (host.platform !== 'linux') return false;
  if (host.exists('/.dockerenv') || host.exists('/run/.containerenv')) return true;
  // systemd's convention, set by Podman, systemd-nspawn, LXC and Flatpak... but Flatpak has a display.
  if (set(host.env.container) || set(host.env.KUBERNETES_SERVICE_HOST)) return true;
  return CONTAINER_CGROUP.test(host.readText('/proc/1/cgroup') ?? '');
}

function underWsl(host: PlaceHost): boolean {
  if (host.platform !== 'linux') return false;
  if (set(host.env.WSL_DISTRO_NAME) || set(host.env.WSL_INTEROP)) return true;
  return /microsoft/i.test(host.readText('/proc/version') ?? '');
}

export function detectSurroundings(host: PlaceHost): Surroundings {
  const { env } = host;
  const container = inContainer(host);
  // Docker Desktop's containers run on the WSL kernel too: they cannot reach Windows.
  const wsl = !container && underWsl(host);
  return {
    ssh: set(env.SSH_CONNECTION) || set(env.SSH_TTY) || set(env.SSH_CLIENT),
    container,
    noDisplay: host.platform === 'linux' && !wsl && !set(env.DISPLAY) && !set(env.WAYLAND_DISPLAY),
    wsl,
  };
}

/** The real machine, for `env` and `platform`. */
export function nodePlaceHost(env: Env, platform: NodeJS.Platform = process.platform): PlaceHost {
  return {
    env,
    platform,
    exists: (file) => existsSync(file),
    readText(file) {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    },
  };
}

/** What decided the flow, for a line that tells the user (and how to change it). */
export type FlowSource =
  'legacy' | 'flag' | 'session-setting' | 'config' | 'environment' | 'setting';

export interface FlowChoice {
  readonly flow: SignInFlow;
  readonly source: FlowSource;
  /** Why, in words: "this runs over SSH". */
  readonly reason: string;
}

export interface FlowInputs {
  /** Legacy sso_start_url profiles: the AWS CLI signs them in with a device code only. */
  readonly legacy: boolean;
  /** --device-code / --pkce, or the flow a window's request names. */
  readonly explicit?: SignInFlow;
  /** The session's own setting (`sessionSignIn` in the settings). */
  readonly sessionSetting?: SignInFlow;
  /** `sso_use_device_code = true` in the session's [sso-session] section. */
  readonly configDeviceCode: boolean;
  readonly surroundings: Surroundings;
  /** The global setting (`signInFlow`). */
  readonly setting: SignInFlow;
}

/** Why a browser on this machine cannot finish a sign-in, or null when it can. */
export function noBrowserHere(surroundings: Surroundings): string | null {
  if (surroundings.ssh) return 'this runs over SSH';
  // A container with a display (Toolbox, Distrobox, a Flatpak terminal) shares the
  // desktop's browser and loopback: only a container without one has no browser.
  if (surroundings.container && surroundings.noDisplay) {
    return 'this runs in a container without a display';
  }
  if (surroundings.noDisplay) return 'there is no display (no DISPLAY or WAYLAND_DISPLAY)';
  return null;
}

export function chooseSignInFlow(inputs: FlowInputs): FlowChoice {
  if (inputs.legacy) {
    return {
      flow: 'device-code',
      source: 'legacy',
      reason: 'profiles with sso_start_url sign in with a device code',
    };
  }
  if (inputs.explicit) return { flow: inputs.explicit, source: 'flag', reason: 'as asked' };
  if (inputs.sessionSetting) {
    return {
      flow: inputs.sessionSetting,
      source: 'session-setting',
      reason: 'the setting for this session',
    };
  }
  if (inputs.configDeviceCode) {
    return {
      flow: 'device-code',
      source: 'config',
      reason: 'sso_use_device_code = true in the AWS config',
    };
  }
  const elsewhere = noBrowserHere(inputs.surroundings);
  if (elsewhere) return { flow: 'device-code', source: 'environment', reason: elsewhere };
  return { flow: inputs.setting, source: 'setting', reason: 'the sign-in setting' };
}
