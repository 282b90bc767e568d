// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Waits for the test SMTP server to have stored a message that contains `text`. */
export async function waitForEmail(text, seconds = 60) {
  const mailDir = process.env.MALAKA_E2E_MAIL_DIR;
  for (let i = 0; i < seconds * 4; i++) {
    for (const name of readdirSync(mailDir).filter((n) => n.endsWith('.eml')).sort()) {
      const message = readFileSync(join(mailDir, name), 'utf8');
      if (message.includes(text)) return message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no email containing ${text} within ${seconds} s`);
}

/** The decoded text/plain part of a MIME message (base64, quoted-printable or plain). */
export function plainText(message) {
  const start = message.indexOf('Content-Type: text/plain');
  if (start < 0) throw new Error('no text/plain part');
  const [headers, ...rest] = message.slice(start).split(/\r?\n\r?\n/);
  const body = rest.join('\n\n').split(/\r?\n--/)[0];
  if (/Content-Transfer-Encoding: base64/i.test(headers)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
