// Keyboard only: taking a quiz and assigning a course, with Tab, arrows, Space and Enter and no
// mouse, each control reached in order and showing where the focus is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, signIn } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Presses Tab until the focused element satisfies `matches` (run in the page with `arg`). */
async function tabTo(page, what, matches, arg) {
  for (let presses = 0; presses < 120; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches, arg)) return;
  }
  throw new Error(`${what} cannot be reached with Tab`);
}

const labelled = (text) => document.activeElement?.textContent?.trim() === text;

async function focusIsVisible(page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });
}

test('a learner takes a quiz with the keyboard alone', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // Trainers take courses too; no other test uses this person's quiz attempts.
  await signIn(page, 'trainer@demo.malaka.uz');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.goto('/courses/data-literacy/quiz');
  await tabTo(page, 'Start the quiz', labelled, 'Start the quiz');
  assert.ok(await focusIsVisible(page), 'the focused button shows a visible outline');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/quiz\/\d+$/);

  await tabTo(page, 'the first answer', () => document.activeElement?.type === 'radio');
  await page.keyboard.press('Space');
  assert.ok(await page.evaluate(() => document.activeElement.checked), 'Space chooses the option');
  await page.keyboard.press('ArrowDown');
  const moved = await page.evaluate(() => ({ checked: document.activeElement.checked, name: document.activeElement.name }));
  assert.ok(moved.checked, 'the arrow keys move the choice within the question');

  page.once('dialog', (dialog) => dialog.accept());
  await tabTo(page, 'Submit for grading', labelled, 'Submit for grading');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/result$/);
  assert.match(await page.getByRole('status').first().textContent(), /(Passed|Not passed): \d+%/);
  await context.close();
});

test('HR assigns a course with the keyboard alone', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, 'hr@demo.malaka.uz');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.goto('/hr/assignments');
  await tabTo(page, 'the course list', () => document.activeElement?.id === 'course');
  // The audience: the radio group is one stop; the arrows move within it.
  await tabTo(page, 'the audience', () => document.activeElement?.name === 'audience');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'to-position');
  assert.ok(await page.evaluate(() => document.activeElement.checked));
  await tabTo(page, 'the position', () => document.activeElement?.id === 'position');
  await page.keyboard.type('Keyboard walkthrough officer');
  await tabTo(page, 'the due date', () => document.activeElement?.id === 'due_on');
  await page.keyboard.type('12312027');
  assert.equal(await page.inputValue('#due_on'), '2027-12-31');
  await tabTo(page, 'Assign', labelled, 'Assign');
  await page.keyboard.press('Enter');
  await page.waitForLoadState();
  await page.getByRole('cell', { name: /Keyboard walkthrough officer/ }).first().waitFor();
  await context.close();
});
