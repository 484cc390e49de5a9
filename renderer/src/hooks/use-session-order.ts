// Where each session sits in the list (rows.ts rankSessions): problems first,
// but a rank once shown is held until `epoch` changes (the window is shown
// again, the search or the filter changes), so a row does not jump away while
// the user works with it.
import { useMemo, useState } from 'react';
import type { SessionView } from '../../../app/shared/model';
import { rankSessions, sameRanks } from '../list/rows';

const NONE: ReadonlyMap<string, number> = new Map();

export function useSessionOrder(
  sessions: readonly SessionView[] | null,
  epoch: number,
): ReadonlyMap<string, number> {
  const [held, setHeld] = useState<{ epoch: number; ranks: ReadonlyMap<string, number> }>({
    epoch: -1,
    ranks: NONE,
  });
  const ranks = useMemo(
    () =>
      sessions ? rankSessions(sessions, held.epoch === epoch ? held.ranks : null) : held.ranks,
    [sessions, held, epoch],
  );
  // Remember what was shown (React's "adjust state while rendering" pattern).
  if (sessions && (held.epoch !== epoch || !sameRanks(held.ranks, ranks))) {
    setHeld({ epoch, ranks });
  }
  return ranks;
}
