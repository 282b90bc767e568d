import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { launch, newContext, signIn, waitForEmail, watchErrors } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The decoded bytes of the message's PDF attachment. */
function pdfAttachment(message) {
  const start = message.indexOf('Content-Type: application/pdf');
  assert.ok(start >= 0, 'a PDF is attached');
  const body = message.slice(start).split(/\r?\n\r?\n/)[1];
  const base64 = body.split(/\r?\n--/)[0].replace(/\s+/g, '');
  return Buffer.from(base64, 'base64');
}

/** Renders the PDF's page to PNG with poppler and decodes its QR code. */
function qrCodeOf(pdf) {
  const dir = mkdtempSync(join(tmpdir(), 'malaka-certificate-'));
  writeFileSync(join(dir, 'certificate.pdf'), pdf);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', join(dir, 'certificate.pdf'), join(dir, 'page')]);
  const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, 'the QR code decodes');
  return code.data;
}

test('completing a course emails a certificate whose QR code opens a page saying it is genuine', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  // HR staff take courses too; the demo officer's courses are other tests' business.
  await signIn(page, 'hr@demo.malaka.uz');
  await page.waitForURL('**/learning');
  await page.goto('/courses/certificate-check');
  await page.getByRole('button', { name: 'Enrol' }).click();
  await page.waitForLoadState();
  await page.goto('/courses/certificate-check/lessons/verify');
  await page.getByRole('button', { name: 'Mark complete' }).click();
  await page.waitForURL((url) => !url.pathname.includes('/lessons/'));

  const email = await waitForEmail('To: hr@demo.malaka.uz');
  assert.match(email, /^Message-ID: </m);
  const pdf = pdfAttachment(email);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const link = qrCodeOf(pdf);
  assert.match(link, /\/verify\/[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const code = link.split('/').pop();
  assert.ok(email.includes(code), 'the email gives the same code');

  // The learner finds it under My certificates.
  await page.getByRole('link', { name: 'My certificates' }).click();
  await page.waitForURL('**/certificates');
  // The certificate keeps the course title in the learner's own language (Uzbek here).
  const row = page.getByRole('row', { name: new RegExp(code) });
  assert.match(await row.textContent(), /Sertifikatni tekshirish/);
  const download = page.waitForEvent('download');
  await row.getByRole('link', { name: 'PDF for Sertifikatni tekshirish' }).click();
  assert.equal((await download).suggestedFilename(), `malaka-certificate-${code}.pdf`);
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();

  // Someone else, not signed in, opens the link from the QR code.
  const stranger = await newContext(browser);
  const verify = await stranger.newPage();
  const response = await verify.goto(link);
  assert.equal(response.status(), 200);
  assert.equal(
    await verify.getByRole('status').textContent(),
    "This certificate is genuine: its details carry Malaka's signature.",
  );
  assert.equal(await verify.getByText('Malika Rashidova').count(), 1);

  // Typing the code by hand, in lower case and without the dash, finds it too.
  await verify.goto('/verify');
  await verify.getByLabel('Certificate code').fill(code.toLowerCase().replace('-', ''));
  await verify.getByRole('button', { name: 'Check' }).click();
  await verify.waitForURL(/\/verify\?code=/);
  assert.match(await verify.getByRole('status').textContent(), /genuine/);
  await stranger.close();
});
