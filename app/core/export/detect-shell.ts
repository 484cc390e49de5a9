// The shell a terminal user most likely types into, for default snippets and
// the doctor's fix lines: $SHELL on Unix, PowerShell on Windows.

import path from 'node:path';
import type { ExportShell } from '../../shared/api';

const BY_PROGRAM: Record<string, ExportShell> = {
  bash: 'bash',
  sh: 'bash',
  dash: 'bash',
  ksh: 'bash',
  zsh: 'zsh',
  fish: 'fish',
  nu: 'nushell',
  pwsh: 'powershell',
  powershell: 'powershell',
};

export function detectShell(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): ExportShell {
  const program = env.SHELL ? path.basename(env.SHELL).replace(/\.exe$/i, '') : '';
  const known = BY_PROGRAM[program];
  if (known) return known;
  return platform === 'win32' ? 'powershell' : 'bash';
}
