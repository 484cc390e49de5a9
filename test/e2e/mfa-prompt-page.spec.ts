// Main's MFA prompt page in real Chromium, with script turned off as in the
// app's prompt window (mfa-prompt-window.ts; the window itself runs only under
// the Electron stand-in). Its form is its only way out: the answer goes where
// the form points (here a local server instead of sso-tray://mfa/answer, which
// plain Chromium does not know), Enter means OK, Cancel skips the check, and
// the browser refuses a code that is not 6 digits before anything is sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { mfaPromptPageUrl, readMfaAnswer } from '../../app/main/mfa-prompt-page';

const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';

let server: Server;
let answerUrl: string;
const received: string[] = [];
let arrived: (() => void) | null = null;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(`${answerUrl.replace(/\/answer$/, '')}${req.url}`);
    arrived?.();
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  answerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/answer`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
test.beforeEach(() => {
  received.length = 0;
});

/** Resolves once the form's answer has reached the server. */
const nextAnswer = () =>
  new Promise<string>((resolve) => {
    arrived = () => {
      arrived = null;
      resolve(received.at(-1)!);
    };
  });

test.use({ javaScriptEnabled: false });

test('Enter sends the code (OK); main reads it from the URL', async ({ page }) => {
  await page.goto(mfaPromptPageUrl({ serial: SERIAL, profile: 'deploy', answerUrl }));
  await expect(page.getByRole('heading')).toHaveText('MFA code for profile deploy');
  await expect(page.getByText(`Enter the current code of ${SERIAL}.`)).toBeVisible();
  // The field has the focus from the start: the user just types.
  await expect(page.getByLabel('Code')).toBeFocused();
  const answer = nextAnswer();
  await page.keyboard.type('123 456');
  await page.keyboard.press('Enter');
  const url = await answer;
  expect(readMfaAnswer(url, answerUrl)).toEqual({ kind: 'code', code: '123456' });
});

test('a code that is not 6 digits is refused by the page; nothing is sent', async ({ page }) => {
  await page.goto(mfaPromptPageUrl({ serial: SERIAL, profile: 'deploy', answerUrl }));
  await page.getByLabel('Code').fill('12ab');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Code')).toHaveJSProperty('validity.valid', false);
  // The next answer the server sees is the valid one typed after.
  const answer = nextAnswer();
  await page.getByLabel('Code').fill('654321');
  await page.getByRole('button', { name: 'OK' }).click();
  expect(readMfaAnswer(await answer, answerUrl)).toEqual({ kind: 'code', code: '654321' });
  expect(received).toHaveLength(1);
});

test('Cancel sends a cancel, even with the field empty', async ({ page }) => {
  await page.goto(mfaPromptPageUrl({ serial: SERIAL, profile: 'deploy', answerUrl }));
  const answer = nextAnswer();
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(readMfaAnswer(await answer, answerUrl)).toEqual({ kind: 'cancel' });
});

test('the error of a second try is announced', async ({ page }) => {
  await page.goto(
    mfaPromptPageUrl({
      serial: SERIAL,
      profile: 'deploy',
      answerUrl,
      error: 'Enter the 6 digits the device shows now.',
    }),
  );
  await expect(page.getByRole('alert')).toHaveText('Enter the 6 digits the device shows now.');
});
