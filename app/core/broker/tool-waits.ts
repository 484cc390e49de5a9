// Tools waiting for a browser sign-in (they asked the broker for credentials of
// a session that needs one): who waits and since when, for the snapshot (the
// tray's "3 tools are waiting", the window), kept per session.

import type { WaitingTool } from '../../shared/model';
import type { Clock } from '../clock';

export class ToolWaits {
  private readonly bySession = new Map<string, WaitingTool[]>();

  constructor(
    private readonly clock: Clock,
    /** Who waits changed: the snapshot needs rebuilding. */
    private readonly changed: () => void,
  ) {}

  waiting(session: string): readonly WaitingTool[] {
    return this.bySession.get(session) ?? [];
  }

  /** Records a waiting tool; returns the function that removes it (once). */
  add(session: string, tool: Omit<WaitingTool, 'since'>): () => void {
    const entry: WaitingTool = { ...tool, since: new Date(this.clock.now()).toISOString() };
    this.bySession.set(session, [...this.waiting(session), entry]);
    this.changed();
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      const left = this.waiting(session).filter((t) => t !== entry);
      if (left.length > 0) this.bySession.set(session, left);
      else this.bySession.delete(session);
      this.changed();
    };
  }
}
