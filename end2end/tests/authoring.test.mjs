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
    await page.getByRole('button', { name: 'Save draft and preview' }).click();
    await page.waitForLoadState();
    assert.equal(await page.getByRole('status').first().textContent(),
      'You are editing a saved draft. Learners still see the published lesson.');
    const preview = page.locator('.preview');
    assert.equal(await preview.getByRole('heading', { name: heading }).count(), 1);
    assert.equal(await preview.locator('[onclick]').count(), 0, 'event handlers are removed');
    assert.match(await source.inputValue(), /onclick="alert\(1\)"/, 'the source is kept as typed');
    if (javaScriptEnabled) assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  }
});
