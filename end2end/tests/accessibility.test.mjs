// Every page type, for every role, checked with axe-core against WCAG 2.1 A and AA, every
// impact (minor included), with JavaScript on (the hydrated page a person uses).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newContext, signIn } from './support.mjs';

const AXE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** axe's violations on the page as it stands, one line per rule and element. */
async function violations(page) {
  await page.waitForLoadState('networkidle');
  // Evaluated through the DevTools protocol, so the page's script policy does not block it.
  await page.evaluate(AXE);
  const found = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.split('\n')[1] ?? ''}`));
  }, WCAG_21_AA);
  return found.map((line) => `${new URL(page.url()).pathname}: ${line}`);
}

async function check(page, paths) {
  const found = [];
  for (const path of paths) {
    const response = await page.goto(path);
    assert.ok(response.status() < 500, `${path}: ${response.status()}`);
    found.push(...(await violations(page)));
  }
  return found;
}

async function as(email, paths, more) {
  const context = await newContext(browser);
  const page = await context.newPage();
  if (email) {
    await signIn(page, email);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }
  const found = await check(page, paths);
  if (more) found.push(...(await more(page)));
  await context.close();
  return found;
}

test('every page type has no WCAG 2.1 A/AA violation, for every role', async () => {
  const found = [];
  found.push(...(await as(null, ['/sign-in', '/forgot-password', '/verify', '/verify/AAAAA-BBBBB', '/no-such-page'])));
  found.push(...(await as('officer@demo.malaka.uz', ['/learning', '/catalog', '/courses/cybersecurity', '/certificates', '/account', '/courses/data-literacy/quiz'], async (page) => {
    // A lesson with its knowledge checks.
    await page.goto('/courses/cybersecurity');
    const lessons = await page.locator('.lesson-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    return check(page, lessons.slice(0, 3));
  })));
  found.push(...(await as('trainer@demo.malaka.uz', ['/author', '/author/cybersecurity/history', '/courses/cybersecurity/analysis'], async (page) => {
    await page.goto('/author');
    const editor = await page.locator('a[href^="/author/cybersecurity/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')).filter((h) => h.endsWith('.md')));
    return check(page, editor.slice(0, 1));
  })));
  found.push(...(await as('hr@demo.malaka.uz', ['/hr/reports', '/hr/assignments', '/admin/audit', '/admin/people/import', '/team'])));
  found.push(...(await as('admin@demo.malaka.uz', ['/admin/people', '/admin/organisation', '/admin/outbox', '/admin/people/import'], async (page) => {
    // A quiz attempt and its result (admins take courses too; no other test uses this quiz).
    await page.goto('/courses/data-literacy/quiz');
    await page.getByRole('button', { name: 'Start the quiz' }).click();
    await page.waitForURL(/\/quiz\/\d+$/);
    const attempt = await violations(page);
    await page.locator('.knowledge-check input[type=radio]').first().check();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/result$/);
    const result = await violations(page);
    const person = await page.goto('/admin/people');
    assert.ok(person.ok());
    const first = await page.locator('a[href^="/admin/person/"]').first().getAttribute('href');
    return [...attempt, ...result, ...(await check(page, [first]))];
  })));
  assert.deepEqual(found, [], `${found.length} violations:\n${found.join('\n')}`);
});
