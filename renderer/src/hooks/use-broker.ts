// The credentials broker as main reports it, asked again every few seconds
// while a view shows it in a visible window, and with each snapshot: callers
// come and go without a snapshot, so this is the one place the window polls.
import { useEffect, useState } from 'react';
import type { BrokerSummary, SsoTrayApi } from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import { UNANSWERED } from '../answers';

export const BROKER_POLL_MS = 3000;

export type BrokerLoad =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly summary: BrokerSummary }
  | { readonly kind: 'failed'; readonly message: string };

export function useBroker(
  api: Pick<SsoTrayApi, 'getBroker'>,
  snapshot: Snapshot | null,
): BrokerLoad {
  const [load, setLoad] = useState<BrokerLoad>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    let asking = false;
    let timer: number | undefined;
    // One question at a time: the next is planned when the answer is in, and
    // none while the window is hidden (it asks again as soon as it is shown).
    const ask = () => {
      if (asking || document.hidden) return;
      asking = true;
      void api
        .getBroker()
        .then(
          (summary): BrokerLoad => ({ kind: 'ready', summary }),
          (): BrokerLoad => ({ kind: 'failed', message: UNANSWERED.message }),
        )
        .then((next) => {
          if (live) setLoad(next);
        })
        .finally(() => {
          asking = false;
          if (live) timer = window.setTimeout(ask, BROKER_POLL_MS);
        });
    };
    const onVisibility = () => {
      window.clearTimeout(timer);
      ask();
    };
    document.addEventListener('visibilitychange', onVisibility);
    ask();
    return () => {
      live = false;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [api, snapshot]);

  return load;
}
