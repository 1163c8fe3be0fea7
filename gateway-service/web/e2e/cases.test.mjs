// My Cases in a real browser against the running stack (./hub test): a customer opens a case with a file,
// a success agent works and resolves it, the customer accepts; another account's customer cannot see it.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ACME, GATEWAY, GLOBEX, assertAccessible, scenario, signIn } from './stack.mjs';

const SUBJECT = `Browser test: export stops at 80% (${Date.now()})`;
const FILE = { name: 'steps.txt', mimeType: 'text/plain', buffer: Buffer.from('1. Open the export\n2. Wait\n') };
const stateOf = (page) => page.getByTestId('case-state').locator('.badge').first().textContent();

describe('browser: My Cases', () => {
  const sessions = [];
  let caseUrl;
  after(async () => {
    await Promise.all(sessions.map((s) => s.context.close()));
  });

  it('a customer opens a case with an attachment and finds it in the list', async () => {
    const alice = await signIn('alice');
    sessions.push(alice);
    const { page } = alice;
    await scenario('cases-customer-opens', page, async () => {
      await page.goto(`${GATEWAY}/accounts/${ACME}/cases`);
      await page.getByRole('heading', { level: 1, name: 'My Cases' }).waitFor();
      await page.getByRole('search', { name: 'Search and filter cases' }).waitFor();
      await page.locator('[data-testid="case-table"], .state.empty').first().waitFor();
      await assertAccessible(assert, page, 'My Cases list');

      await page.getByRole('link', { name: 'New case' }).click();
      await page.waitForURL(`${GATEWAY}/accounts/${ACME}/cases/new`);
      await page.getByRole('heading', { level: 1, name: 'New case' }).waitFor();
      // nothing filled in: the form says what is missing and sends nothing
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.getByText('Check the highlighted fields.').waitFor();
      assert.equal(await page.getByLabel('Subject', { exact: true }).getAttribute('aria-invalid'), 'true');
      await assertAccessible(assert, page, 'New case (with errors)');

      await page.getByLabel('Subject', { exact: true }).fill(SUBJECT);
      await page.getByLabel('Short description', { exact: true }).fill('The usage export stops at 80 percent.');
      await page.getByLabel('Description', { exact: true }).fill('Every time since Monday.\nBrowser: Chromium.');
      await page.getByLabel('Product', { exact: true }).fill('Analytics Pro');
      await page.getByLabel('Priority', { exact: true }).selectOption('high');
      await page.getByLabel('Attachment (optional)', { exact: true }).setInputFiles(FILE);
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.waitForURL(new RegExp(`/accounts/${ACME}/cases/CS[0-9]{7}$`), { timeout: 30_000 });
      caseUrl = new URL(page.url()).pathname;
      const number = caseUrl.split('/').pop();
      await page.getByRole('heading', { level: 1, name: `Case ${number}: ${SUBJECT}` }).waitFor();
      assert.equal(await stateOf(page), 'New');
      const download = page.getByRole('link', { name: `Download ${FILE.name}` });
      await download.waitFor();
      const file = await page.request.get(GATEWAY + (await download.getAttribute('href')));
      assert.equal(file.status(), 200);
      assert.equal((await file.body()).toString(), FILE.buffer.toString());
      assert.match(file.headers()['content-disposition'] ?? '', /^attachment;.*steps\.txt/);
      assert.equal(file.headers()['x-content-type-options'], 'nosniff');
      await assertAccessible(assert, page, 'case detail (customer)');

      // the list finds it by number and by subject
      await page.getByRole('link', { name: 'Back to My Cases' }).click();
      await page.getByLabel('Number or subject', { exact: true }).fill(number);
      await page.getByRole('button', { name: 'Search' }).click();
      const rows = page.getByTestId('case-table').locator('tbody tr');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-table"] tbody tr').length === 1);
      assert.equal(await rows.first().locator('th').textContent(), number);
      assert.match(await rows.first().textContent(), /High/);
    });
  });

  it('a success agent comments, adds an internal note and resolves the case', async () => {
    assert.ok(caseUrl, 'the customer opened no case');
    const sam = await signIn('sam');
    sessions.push(sam);
    const { page } = sam;
    await scenario('cases-agent-resolves', page, async () => {
      await page.goto(GATEWAY + caseUrl);
      await page.getByRole('heading', { level: 2, name: 'Work the case' }).waitFor();
      await page.getByLabel('Add a comment', { exact: true }).fill('Thanks, we can reproduce it. A fix is on its way.');
      await page.getByRole('button', { name: 'Send comment' }).click();
      await page.getByText('Comment added.').waitFor();
      await page.getByLabel('Internal note', { exact: true }).fill('Root cause: export worker runs out of memory.');
      await page.getByRole('button', { name: 'Add internal note' }).click();
      await page.getByText('Internal note added.').waitFor();
      const internal = page.locator('[data-kind="internal_note"]');
      assert.equal(await internal.count(), 1);
      assert.match(await internal.textContent(), /Internal note – not shown to the customer/);
      await page.getByLabel('New state', { exact: true }).selectOption('resolved');
      await page.getByLabel('Reason (optional)', { exact: true }).fill('Fixed in release 4.2');
      await page.getByRole('button', { name: 'Change state' }).click();
      await page.getByText('State changed.').waitFor();
      assert.equal(await stateOf(page), 'Resolved');
      await assertAccessible(assert, page, 'case detail (agent)');
    });
  });

  it('the customer sees the comment but not the internal note, and accepts the resolution', async () => {
    assert.ok(caseUrl, 'the customer opened no case');
    const { page } = sessions[0];
    await scenario('cases-customer-accepts', page, async () => {
      await page.goto(GATEWAY + caseUrl);
      await page.getByRole('heading', { level: 2, name: 'Resolution' }).waitFor();
      await page.getByText('A fix is on its way.').waitFor();
      assert.equal(await page.locator('[data-kind="internal_note"]').count(), 0);
      assert.equal(await page.getByText('Root cause').count(), 0);
      assert.equal(await page.getByRole('heading', { name: 'Work the case' }).count(), 0);
      await assertAccessible(assert, page, 'case detail (resolved)');
      await page.getByRole('button', { name: 'Accept resolution' }).click();
      await page.getByText('Resolution accepted; the case is closed.').waitFor();
      assert.equal(await stateOf(page), 'Closed');
      await page.getByRole('heading', { level: 2, name: 'Reopen this case' }).waitFor();
    });
  });

  it("a customer of another account gets 'not found' for that case", async () => {
    assert.ok(caseUrl, 'the customer opened no case');
    const bob = await signIn('bob');
    sessions.push(bob);
    const { page } = bob;
    await scenario('cases-other-account', page, async () => {
      await page.goto(GATEWAY + caseUrl);
      await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
      assert.equal(await page.getByText(SUBJECT).count(), 0);
      await assertAccessible(assert, page, 'case of another account');
      // the same number under bob's own account is not found either
      await page.goto(`${GATEWAY}/accounts/${GLOBEX}/cases/${caseUrl.split('/').pop()}`);
      await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
      const api = await page.request.get(`${GATEWAY}/api${caseUrl}`);
      assert.equal(api.status(), 404);
    });
  });
});
