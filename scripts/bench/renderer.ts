// Renderer figures in real Chromium through the e2e harness (the real core and
// the fake IAM Identity Center behind the loopback bridge): time to first
// render of 5,000 profiles in 50 sessions and time per filter keystroke, read
// from the window's own performance measures (renderer/src/perf-marks.ts).
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startHarness } from '../../test/harness/harness';
import { largeSample } from '../../test/harness/samples';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { summarize, type Summary } from './stats';

export interface RendererFigures {
  readonly firstRender: Summary;
  readonly startup: Summary;
  readonly keystroke: Summary;
  readonly profiles: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Typed one key at a time; each keystroke narrows or widens the list.
const QUERY = 'org-37-acct7-readonly';

export async function measureRenderer(runs: number): Promise<RendererFigures | string> {
  if (!existsSync(CHROMIUM)) return `skipped: no Chromium at ${CHROMIUM}`;
  const harness = await startHarness({ sample: largeSample(50, 100) });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 380, height: 560 } });
    const firstRender: number[] = [];
    const startup: number[] = [];
    const keystrokes: number[] = [];
    const measures = (name: string) =>
      page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration), name);
    // One warm-up load (Chromium's caches, V8's code cache), then measured loads.
    for (let run = -1; run < runs; run++) {
      await page.goto(harness.url);
      await page.locator('[data-row="session"]').first().waitFor();
      await page.waitForFunction(
        () => performance.getEntriesByName('sso-tray:first-render', 'measure').length > 0,
      );
      if (run < 0) continue;
      firstRender.push(...(await measures('sso-tray:first-render')));
      startup.push(...(await measures('sso-tray:startup')));
      if (run < Math.min(runs, 5)) {
        const search = page.getByRole('searchbox', { name: 'Search profiles' });
        await search.click();
        await search.pressSequentially(QUERY);
        await page.locator('[data-row="profile"]').first().waitFor();
        await page.waitForFunction(
          (n) => performance.getEntriesByName('sso-tray:filter', 'measure').length >= n,
          QUERY.length,
        );
        keystrokes.push(...(await measures('sso-tray:filter')));
      }
    }
    return {
      firstRender: summarize(firstRender),
      startup: summarize(startup),
      keystroke: summarize(keystrokes),
      profiles: 5_000,
    };
  } finally {
    await browser.close();
    await harness.close();
  }
}
