// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';

export const baseURL = process.env.MALAKA_BASE_URL ?? 'http://127.0.0.1:3100';
export const officer = 'officer@demo.malaka.uz';
export const demoPassword = 'malaka-demo';

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A fresh browser profile (no cookies), in `language`, optionally with JavaScript off. */
export async function newContext(browser, { language = 'en', javaScriptEnabled = true, width = 1280 } = {}) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport: { width, height: 800 } });
  await context.addCookies([{ name: 'malaka_lang', value: language, url: baseURL }]);
  return context;
}

/** Collects console errors and failed page scripts, so a broken hydration fails the test. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function signIn(page, email = officer, password = demoPassword) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
