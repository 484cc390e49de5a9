// What copyText may put on the clipboard: only text main produced or knows for
// the window (a device sign-in code in the current snapshot, the fix of a
// finding in a diagnosis main returned, the sample config lines). Anything else
// is refused, so a compromised window cannot plant a command for the user to
// paste into a shell.

import type { DiagnosisReport } from '../../shared/api';
import type { Snapshot } from '../../shared/model';
import { SAMPLE_CONFIG_LINES } from '../../shared/sample-config';

/** Fixes kept from recent reports; a report holds a few dozen at most. */
const KEEP_FIXES = 500;

export class CopyableTexts {
  private readonly fixes: string[] = [];

  constructor(private readonly snapshot: () => Snapshot) {}

  /** Remembers each finding's fix as the window copies it: its lines joined by newlines. */
  rememberReport(report: DiagnosisReport): void {
    for (const finding of report.findings) {
      if (finding.fix.length === 0) continue;
      const text = finding.fix.join('\n');
      if (!this.fixes.includes(text)) this.fixes.push(text);
    }
    if (this.fixes.length > KEEP_FIXES) this.fixes.splice(0, this.fixes.length - KEEP_FIXES);
  }

  allows(text: string): boolean {
    if (text === SAMPLE_CONFIG_LINES || this.fixes.includes(text)) return true;
    return this.snapshot().sessions.some((s) => s.signIn?.userCode === text);
  }
}
