import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, signIn, watchErrors } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a trainer edits a lesson as a draft and the preview shows it, sanitised, without JavaScript too', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await newContext(browser, { javaScriptEnabled });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, 'trainer@demo.malaka.uz');
    await page.waitForURL('**/learning');
    await page.getByRole('link', { name: 'Authoring' }).click();
    await page.waitForURL('**/author');
    assert.ok((await page.getByText('No problems').count()) >= 3, 'every course is valid');
    await page.locator('a[href="/author/certificate-check/01-verify.md"]').click();
    await page.waitForURL('**/author/certificate-check/01-verify.md');

    const source = page.getByLabel('Lesson Markdown');
    const heading = `Added in the browser (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`;
    await source.fill(`${await source.inputValue()}\n\n## ${heading}\n\n<a href="#top" onclick="alert(1)">Top</a>. Done.\n`);
    const preview = page.locator('.preview');
    if (javaScriptEnabled) {
      // The preview follows the typing, before anything is saved, and so do the problems.
      await preview.getByRole('heading', { name: heading }).waitFor({ timeout: 10000 });
      assert.equal(await preview.locator('[onclick]').count(), 0, 'the live preview is sanitised too');
      await source.fill(`---\ntitle: Broken\n---\n\nNo minutes in the front matter.\n`);
      await preview.locator('code', { hasText: '01-verify.md:' }).first().waitFor({ timeout: 10000 });
      await source.fill(`${await source.inputValue()}`.replace('title: Broken', 'title: Broken\nminutes: 3'));
      await preview.getByText('No problems').waitFor({ timeout: 10000 });
      await page.reload();
      assert.equal(await page.getByRole('status').count(), 0, 'typing saved nothing');
      await source.fill(`${await source.inputValue()}\n\n## ${heading}\n\n<a href="#top" onclick="alert(1)">Top</a>. Done.\n`);
    }
    await page.getByRole('button', { name: 'Save draft and preview' }).click();
    await page.waitForLoadState();
    assert.equal(await page.getByRole('status').first().textContent(),
      'You are editing a saved draft. Learners still see the published lesson.');
    assert.equal(await preview.getByRole('heading', { name: heading }).count(), 1);
    assert.equal(await preview.locator('[onclick]').count(), 0, 'event handlers are removed');
    assert.match(await source.inputValue(), /onclick="alert\(1\)"/, 'the source is kept as typed');
    if (javaScriptEnabled) assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  }
});

test('a trainer publishes the drafts, the history shows what changed, and a learner sees it', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, 'trainer@demo.malaka.uz');
  await page.waitForURL('**/learning');
  await page.goto('/author/certificate-check/01-verify.md');
  await page.getByRole('button', { name: "Publish the course's drafts as a new version" }).click();
  await page.waitForURL(/\/author\/certificate-check\/history\?diff=\d+$/);
  assert.match(await page.locator('pre.diff').first().textContent(), /\+## Added in the browser \(with JavaScript\)/);
  await context.close();

  // Any learner now reads the published lesson (the admin here: other tests own the officer).
  const learner = await newContext(browser);
  const reader = await learner.newPage();
  await signIn(reader, 'admin@demo.malaka.uz');
  await reader.waitForURL('**/learning');
  await reader.goto('/courses/certificate-check');
  await reader.getByRole('button', { name: 'Enrol' }).click();
  await reader.waitForLoadState();
  await reader.goto('/courses/certificate-check/lessons/verify');
  assert.equal(await reader.getByRole('heading', { name: 'Added in the browser (without JavaScript)' }).count(), 1);
  await learner.close();
});

test('a trainer downloads a course as a zip, and uploading it again is refused because it exists', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'trainer@demo.malaka.uz');
  await page.waitForURL('**/learning');
  await page.goto('/author');
  const downloading = page.waitForEvent('download');
  await page.locator('a[href="/author/certificate-check/export.zip"]').click();
  const download = await downloading;
  assert.equal(download.suggestedFilename(), 'certificate-check.zip');
  const path = await download.path();

  await page.getByLabel(/A new course as a zip/).setInputFiles(path);
  await page.getByRole('button', { name: 'Upload the course' }).click();
  await page.waitForURL(/\/author\?import_error=/);
  assert.equal(await page.getByRole('alert').locator('p').textContent(),
    'The upload was refused; nothing was changed:');
  await context.close();
});
