// A district office on 2G: a signed-in lesson must show its text soon on a first visit (nothing
// cached) and sooner on the next (the hashed CSS, JS and WASM cached for a year). The network
// is Chromium's own emulation at 2G figures, so the times are those of the link, not of this
// machine; the budgets are the (6 s and 2 s), and the figures are printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseURL, launch, newContext, signIn } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TWO_G = { offline: false, latency: 300, downloadThroughput: 250_000 / 8, uploadThroughput: 50_000 / 8 };

async function timeToText(page, path) {
  const started = Date.now();
  await page.goto(path, { waitUntil: 'commit' });
  await page.locator('.lesson-body p').first().waitFor({ state: 'visible', timeout: 30_000 });
  return Date.now() - started;
}

test('on 2G a lesson shows its text within 6 s on a first visit and 2 s on the next', async () => {
  const signedIn = await newContext(browser);
  const page = await signedIn.newPage();
  await signIn(page);
  await page.waitForURL('**/learning');
  await page.goto('/courses/data-literacy');
  const lessons = await page.locator('.lesson-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const cookies = await signedIn.cookies();
  await signedIn.close();

  // The same person on a new device: signed in, nothing in the cache.
  const office = await browser.newContext({ baseURL });
  await office.addCookies(cookies);
  const slow = await office.newPage();
  const cdp = await office.newCDPSession(slow);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', TWO_G);
  const first = await timeToText(slow, lessons[0]);
  const next = await timeToText(slow, lessons[1]);
  console.log(`# 2G (250 kbit/s down, 50 up, 300 ms): lesson text after ${first} ms on a first visit, ${next} ms on the next`);
  assert.ok(first <= 6000, `first visit: ${first} ms`);
  assert.ok(next <= 2000, `next visit: ${next} ms`);
  await office.close();
});
