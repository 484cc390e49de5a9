// Helpers for the window's specs: the popover and wide sizes, the rows a user
// sees first, and a page clock fixed (or driven) so time words hold still.
import type { Locator, Page } from '@playwright/test';
import type { Harness } from '../harness/harness';

/** The tray popover (app/main/window-options.ts width, the height). */
export const POPOVER = { width: 420, height: 640 } as const;
/** A window dragged wide: the list and the selected row's details side by side. */
export const WIDE = { width: 1200, height: 800 } as const;

const HOUR = 3_600_000;

/**
 * Fixes the page's clock 30 s after the sample's tokens were minted (the acme
 * token lives 8 h), so "7h 59m left", "9m left" and "expired 3h ago" read the
 * same on every run. Call before the page loads.
 */
export async function fixPageClock(page: Page, harness: Harness): Promise<void> {
  const snapshot = await harness.api.getSnapshot();
  const acme = snapshot.sessions.find((s) => s.name === 'acme');
  if (!acme?.expiresAt) throw new Error('the sample has no signed-in acme session');
  await page.clock.setFixedTime(Date.parse(acme.expiresAt) - 8 * HOUR + 30_000);
}

/** Opens the window on the harness and waits for the list (or the empty state). */
export async function openWindow(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.url);
  await page.locator('[data-row], .empty-state').first().waitFor();
}

/** The rows in the list (or only its sessions), top to bottom, by session or profile name. */
export const rowOrder = (
  page: Page,
  rows = '[data-row="session"], [data-row="profile"]',
): Promise<string[]> =>
  page.locator(rows).evaluateAll((rows) =>
    rows
      .map((r) => ({ top: r.getBoundingClientRect().top, r }))
      .sort((a, b) => a.top - b.top)
      .map(({ r }) => r.getAttribute('data-session') ?? r.getAttribute('data-profile') ?? ''),
  );

/** The first session or profile row whose top is inside the list's visible area. */
export async function firstVisibleRow(page: Page): Promise<Locator> {
  const key = await page.locator('.list-scroller').evaluate((list) => {
    const top = list.getBoundingClientRect().top;
    const rows = [...list.querySelectorAll('[data-row="session"], [data-row="profile"]')]
      .map((r) => ({ r, at: r.getBoundingClientRect().top }))
      .filter(({ at }) => at >= top - 1)
      .sort((a, b) => a.at - b.at);
    return rows[0]?.r.id ?? '';
  });
  return page.locator(`[id="${key}"]`);
}

/** Whether an element shows all of its text (nothing cut off or ellipsised). */
export const showsAllText = (locator: Locator): Promise<boolean> =>
  locator.evaluate(
    (el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
  );
