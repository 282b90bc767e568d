import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, signIn, watchErrors } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an officer completes lesson 1 and is offered Resume at lesson 2 after coming back', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page);
  await page.waitForURL('**/learning');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'My learning');
  assert.equal(await page.locator('.course-card').count(), 3);

  await page.getByRole('link', { name: 'Cybersecurity for public servants' }).click();
  await page.getByRole('link', { name: 'Start' }).click();
  await page.waitForURL(/\/courses\/cybersecurity\/lessons\//);
  const firstLesson = page.url();
  assert.match(await page.locator('.lesson .meta').textContent(), /Lesson 1 of/);
  assert.ok((await page.locator('.lesson-body h2').count()) > 0, 'the Markdown is rendered');

  await page.getByRole('button', { name: 'Mark complete' }).click();
  await page.waitForURL((url) => url.href !== firstLesson);
  assert.match(await page.locator('.lesson .meta').textContent(), /Lesson 2 of/);
  await page.goto(firstLesson);
  await page.reload();
  assert.equal(await page.getByText('You have completed this lesson.').count(), 1, 'progress is kept');
  assert.deepEqual(errors, [], 'no console errors (islands hydrate cleanly)');
  await context.close();

  // A new browser session: sign in again and resume.
  const later = await newContext(browser);
  const again = await later.newPage();
  await signIn(again);
  await again.waitForURL('**/learning');
  const card = again.locator('.course-card', { hasText: 'Cybersecurity' });
  await card.getByRole('link', { name: 'Resume' }).click();
  assert.match(await again.locator('.lesson .meta').textContent(), /Lesson 2 of/);
  await later.close();
});

test('the same works with JavaScript switched off', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page);
  await page.waitForURL('**/learning');
  await page.locator('.course-card', { hasText: 'Data literacy' }).getByRole('link', { name: 'Start' }).click();
  const lesson = page.url();
  await page.getByRole('button', { name: 'Mark complete' }).click();
  await page.waitForURL((url) => url.href !== lesson);
  await page.goto('/courses/data-literacy');
  assert.equal(await page.locator('.lesson-list .state-done').count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Resume' }).count(), 1);
  await context.close();
});

test('a wrong password shows an error', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, 'officer@demo.malaka.uz', 'not-the-password');
  await page.waitForURL(/\/sign-in\?error=credentials/);
  assert.equal(await page.getByRole('alert').textContent(), 'The email or password is not right.');
  assert.equal(await page.getByLabel('Email').inputValue(), 'officer@demo.malaka.uz');
  await context.close();
});

test('an officer gets 403 on the HR page', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page);
  await page.waitForURL('**/learning');
  const response = await page.goto('/team');
  assert.equal(response.status(), 403);
  assert.equal(await page.getByRole('link', { name: 'Team progress' }).count(), 0, 'not offered in the menu');
  await context.close();
});

test('the Russian interface shows Russian strings and html lang', async () => {
  const context = await newContext(browser, { language: 'ru' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Вход');
  await page.getByLabel('Электронная почта').fill('officer@demo.malaka.uz');
  await page.getByLabel('Пароль').fill('malaka-demo');
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL('**/learning');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Моё обучение');
  await page.getByRole('button', { name: 'Oʻzbekcha' }).click();
  await page.waitForURL('**/learning');
  assert.equal(await page.locator('html').getAttribute('lang'), 'uz-Latn');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Mening taʼlimim');
  // The same language in Cyrillic script, the same course, lesson text and progress.
  await page.getByRole('button', { name: 'Ўзбекча' }).click();
  await page.waitForURL('**/learning');
  assert.equal(await page.locator('html').getAttribute('lang'), 'uz-Cyrl');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Менинг таълимим');
  await page.goto('/courses/data-literacy');
  await page.locator('.lesson-list a').first().click();
  assert.equal(await page.locator('article.lesson').getAttribute('lang'), 'uz-Cyrl');
  const body = await page.locator('.lesson-body').innerText();
  const cyrillic = (body.match(/[\u0400-\u04FF]/g) ?? []).length;
  const latin = (body.match(/[A-Za-z]/g) ?? []).length;
  assert.ok(cyrillic > 10 * latin, `the lesson reads in Cyrillic (${cyrillic} Cyrillic, ${latin} Latin letters)`);
  await page.getByRole('button', { name: 'Oʻzbekcha' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'uz-Latn');
  assert.equal(await page.locator('article.lesson').getAttribute('lang'), 'uz-Latn');
  await context.close();
});

test('a lesson reads on a 360 px wide phone without sideways scrolling', async () => {
  const context = await newContext(browser, { width: 360 });
  const page = await context.newPage();
  await signIn(page);
  await page.waitForURL('**/learning');
  await page.goto('/courses/e-services');
  await page.locator('.lesson-list a').first().click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await context.close();
});

test('a knowledge check gives feedback, without JavaScript too', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page);
  await page.waitForURL('**/learning');
  await page.goto('/courses/e-services');
  await page.locator('.lesson-list a').first().click();
  const check = page.locator('.knowledge-check').first();
  assert.equal(await check.getByRole('status').count(), 0, 'no feedback before answering');
  await check.locator('input[type=radio], input[type=checkbox]').first().check();
  await check.getByRole('button', { name: 'Check my answer' }).click();
  const feedback = page.locator('.knowledge-check').first().getByRole('status');
  assert.match(await feedback.textContent(), /Right!|Not quite\.|Partly right/);
  await context.close();
});

test('the final quiz keeps saved answers across devices and grades on submit', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page);
  await page.waitForURL('**/learning');
  await page.goto('/courses/cybersecurity/quiz');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await page.waitForURL(/\/quiz\/\d+$/);
  const attemptUrl = page.url();
  assert.match(await page.getByRole('timer').textContent(), /Time left: (29|30) min/);
  const firstChoice = page.locator('.knowledge-check input[type=radio]').first();
  const name = await firstChoice.getAttribute('name');
  const value = await firstChoice.getAttribute('value');
  await firstChoice.check();
  await page.getByRole('button', { name: 'Save answers' }).click();
  assert.equal(await page.getByRole('status').first().textContent(), 'Your answers are saved.');
  await context.close();

  // Another device: the attempt resumes with the saved answer.
  const other = await newContext(browser);
  const second = await other.newPage();
  await signIn(second);
  await second.waitForURL('**/learning');
  await second.goto('/courses/cybersecurity/quiz');
  await second.getByRole('link', { name: 'Resume your attempt' }).click();
  assert.equal(second.url(), attemptUrl);
  assert.equal(await second.locator(`input[name="${name}"][value="${value}"]`).isChecked(), true);
  await second.getByRole('button', { name: 'Submit for grading' }).click();
  await second.waitForURL(/\/result$/);
  assert.match(await second.getByRole('status').first().textContent(), /^Not passed: \d+% \(pass mark 80%\)\.$/);
  await other.close();
});

test('with JavaScript the quiz saves each answer as it is given, and again after a dropped connection', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page);
  await page.waitForURL('**/learning');
  await page.goto('/courses/e-services/quiz');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await page.waitForURL(/\/quiz\/\d+$/);
  // Wait for the islands to hydrate before interacting.
  await page.waitForFunction(() => typeof window.__hydrateIsland === 'function');
  await page.waitForTimeout(500);
  const choice = page.locator('.knowledge-check input[type=radio], .knowledge-check input[type=checkbox]').first();
  const name = await choice.getAttribute('name');
  const value = await choice.getAttribute('value');
  await choice.check();
  await page.getByText('Saved automatically.').waitFor({ timeout: 10000 });

  // The connection drops mid-quiz: the learner is told, and the next change after it comes
  // back saves everything on the page.
  const radios = page.locator('.knowledge-check input[type=radio]');
  const later = radios.nth((await radios.count()) - 1);
  const laterName = await later.getAttribute('name');
  const laterValue = await later.getAttribute('value');
  await context.setOffline(true);
  await later.check();
  await page.getByText('Not saved: check your connection').waitFor({ timeout: 10000 });
  await context.setOffline(false);
  await later.dispatchEvent('change');
  await page.getByText('Saved automatically.').waitFor({ timeout: 10000 });

  // One request lost on the way (a node restarting behind the load balancer): the island sends
  // the save again by itself, and the learner sees it saved without touching anything else.
  const third = radios.nth(Math.floor((await radios.count()) / 2));
  const thirdName = await third.getAttribute('name');
  const thirdValue = await third.getAttribute('value');
  let autosaves = 0;
  await page.route('**/api/autosave-quiz*', (route) => (autosaves++ === 0 ? route.abort('connectionreset') : route.continue()));
  const resent = page.waitForResponse((r) => r.url().includes('/api/autosave-quiz') && r.ok(), { timeout: 10000 });
  await third.check();
  await resent;
  await page.getByText('Saved automatically.').waitFor({ timeout: 10000 });
  await page.waitForTimeout(300);
  assert.equal(autosaves, 2, 'the lost save was sent once more, and only once');
  await page.unroute('**/api/autosave-quiz*');

  await page.reload();
  assert.equal(await page.locator(`input[name="${thirdName}"][value="${thirdValue}"]`).isChecked(), true, 'the save lost on the way was sent again');
  assert.equal(await page.locator(`input[name="${name}"][value="${value}"]`).isChecked(), true, 'the answer survived a reload without pressing Save');
  assert.equal(await page.locator(`input[name="${laterName}"][value="${laterValue}"]`).isChecked(), true, 'the answer given offline was saved after reconnecting');
  const unexpected = errors.filter((e) => !e.includes('Failed to fetch') && !e.includes('ERR_INTERNET_DISCONNECTED') && !e.includes('ERR_CONNECTION_RESET'));
  assert.deepEqual(unexpected, []);
  await context.close();
});

test('a lesson prints as the lesson alone, for offices with no connection at all', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page);
  await page.waitForURL('**/learning');
  await page.goto('/courses/cybersecurity');
  await page.locator('.lesson-list a').first().click();
  await page.waitForURL(/\/lessons\//);
  await page.emulateMedia({ media: 'print' });
  for (const chrome of ['.site-header', '.lesson-actions', '.pager']) {
    assert.equal(await page.locator(chrome).first().isVisible(), false, `${chrome} is not printed`);
  }
  assert.ok(await page.locator('.lesson-body').isVisible(), 'the lesson is printed');
  const colour = await page.locator('.lesson-body p').first().evaluate((p) => getComputedStyle(p).color);
  assert.equal(colour, 'rgb(0, 0, 0)', 'black on white');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 5000, 'Chromium prints it');
  await context.close();
});
