import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, plainText, signIn, waitForEmail } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const newcomer = 'e2e.newcomer@demo.malaka.uz';
const office = 'E2E office';
const officePath = `Ministry of Digital Technologies / Department of Public Services / ${office}`;

test('an admin imports staff, the newcomer sets a password, HR assigns a course, and the completion shows', async () => {
  // The admin adds a unit and imports a person into it, all without JavaScript.
  const adminContext = await newContext(browser, { javaScriptEnabled: false });
  const admin = await adminContext.newPage();
  await signIn(admin, 'admin@demo.malaka.uz');
  await admin.waitForURL('**/learning');
  await admin.getByRole('link', { name: 'Organisation' }).click();
  await admin.getByLabel('Part of').selectOption({ label: 'Ministry of Digital Technologies / Department of Public Services' });
  await admin.getByLabel('Name').fill(office);
  await admin.getByLabel('Region').fill('Navoiy');
  await admin.getByRole('button', { name: 'Add the unit' }).click();
  await admin.waitForURL('**/admin/organisation');
  assert.equal(await admin.getByRole('rowheader', { name: office }).count(), 1);

  await admin.getByRole('link', { name: 'Import staff from a CSV file' }).click();
  // As Excel saves "CSV UTF-8" in a Russian locale: a byte-order mark and semicolons.
  const csv = `\ufeffФИО;Email;Unit;Position;Language\r\nНовый Сотрудник;${newcomer};${office};Inspector;en\r\nNo Email;;${office};;\r\n`;
  await admin.getByLabel('Staff file (CSV)').setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await admin.getByRole('button', { name: 'Check the file' }).click();
  await admin.waitForURL(/\/admin\/people\/import\/\d+$/);
  assert.equal(await admin.getByRole('status').textContent(), '2 rows: 1 ready to import, 1 problems.');
  assert.equal(await admin.getByRole('row', { name: /^3 The "email" is empty\.$/ }).count(), 1);
  await admin.getByRole('button', { name: 'Import only the 1 clean rows' }).click();
  await admin.waitForURL(/\/admin\/people\/import\/\d+$/);
  assert.match(await admin.getByRole('status').last().textContent(), /^1 people were created on /);
  await adminContext.close();

  // The invitation arrives by email; its link sets the password, once.
  const email = plainText(await waitForEmail(`To: ${newcomer}`));
  const link = email.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)[0];
  const personContext = await newContext(browser);
  const person = await personContext.newPage();
  await person.goto(new URL(link).pathname);
  await person.getByLabel('New password').fill('tea, apricots and a slow modem');
  await person.getByLabel('The same password again').fill('tea, apricots and a slow modem');
  await person.getByRole('button', { name: 'Set my password' }).click();
  await person.waitForURL('**/sign-in?welcome=1');
  await person.goto(new URL(link).pathname);
  assert.equal(await person.getByRole('heading', { name: 'This link cannot be used' }).count(), 1);
  await signIn(person, newcomer, 'tea, apricots and a slow modem');
  await person.waitForURL('**/learning');

  // HR assigns the one-lesson course to the new unit, with a due date.
  const hrContext = await newContext(browser);
  const hr = await hrContext.newPage();
  await signIn(hr, 'hr@demo.malaka.uz');
  await hr.waitForURL('**/learning');
  await hr.getByRole('link', { name: 'Assignments' }).click();
  await hr.getByLabel('Course').selectOption({ label: 'Checking a certificate' });
  await hr.getByLabel('A unit and its sub-units').check();
  await hr.getByLabel('Unit', { exact: true }).selectOption({ label: officePath });
  const due = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  await hr.getByLabel('Due date').fill(due);
  await hr.getByRole('button', { name: 'Assign' }).click();
  await hr.waitForURL('**/hr/assignments?assigned=1');
  assert.equal(await hr.getByRole('status').textContent(), 'Assigned to 1 people.');

  // The newcomer sees it with its due date and completes it.
  await person.goto('/learning');
  assert.equal(await person.getByText(`Due by ${due}`).count(), 1);
  await person.goto('/courses/certificate-check/lessons/verify');
  await person.getByRole('button', { name: 'Mark complete' }).click();
  await person.waitForLoadState();
  await personContext.close();

  // HR's list of assignments counts the completion.
  await hr.goto('/hr/assignments');
  const row = hr.getByRole('row').filter({ hasText: office });
  assert.deepEqual(await row.getByRole('cell').allTextContents(),
    [`A unit and its sub-units: ${officePath}`, due, 'Once', '1', '1', '0', 'Withdraw']);

  // And the report, drilled into the new unit, counts the same completion.
  await hr.getByRole('link', { name: 'Reports' }).click();
  await hr.getByLabel('Unit', { exact: true }).selectOption({ label: officePath });
  await hr.getByRole('button', { name: 'Show' }).click();
  await hr.waitForURL(/\/hr\/reports\?.*unit=\d+/);
  assert.equal(await hr.getByRole('status').textContent(), '1 enrolments: 1 completed (100%), 0 overdue.');
  assert.equal(await hr.locator('svg[role="img"]').count(), 2, 'a chart by unit and one by region');
  const learnerRow = hr.getByRole('row').filter({ hasText: 'Новый Сотрудник' });
  assert.match(await learnerRow.first().textContent(), /Completed/);
  await learnerRow.first().getByRole('link', { name: 'Новый Сотрудник' }).click();
  await hr.waitForURL(/\/hr\/people\/\d+$/);
  assert.equal(await hr.getByRole('heading', { level: 1 }).textContent(), 'Новый Сотрудник');

  // The assignment is withdrawn; the completion stays on the person's record.
  await hr.goto('/hr/assignments');
  await hr.getByRole('row').filter({ hasText: office }).getByRole('button', { name: /^Withdraw / }).click();
  await hr.waitForURL('**/hr/assignments?cancelled=1');
  assert.match(await hr.getByRole('status').textContent(), /The assignment is withdrawn/);
  assert.equal(await hr.getByRole('row').filter({ hasText: office }).count(), 0);
  await hrContext.close();
});

test('a person who forgot their password gets a link by email and sets a new one, without JavaScript', async () => {
  // The newcomer of the test above has a password by now; nobody else's is touched.
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.waitForURL('**/forgot-password');
  await page.getByLabel('Email').fill(newcomer);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await page.waitForURL('**/forgot-password?sent=1');
  assert.match(await page.getByRole('status').textContent(), /If this address belongs to an account/);

  const email = plainText(await waitForEmail('Subject: Reset your Malaka password'));
  const link = email.match(/https?:\/\/\S+\/reset\/[A-Za-z0-9_-]+/)[0];
  await page.goto(new URL(link).pathname);
  await page.getByLabel('New password').fill('password1234');
  await page.getByLabel('The same password again').fill('password1234');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  assert.match(await page.getByRole('alert').textContent(), /among those attackers try first/);
  await page.getByLabel('New password').fill('a kettle of plov for the district office');
  await page.getByLabel('The same password again').fill('a kettle of plov for the district office');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.waitForURL('**/sign-in?reset=1');
  await signIn(page, newcomer, 'a kettle of plov for the district office');
  await page.waitForURL('**/learning');
  await context.close();
});
