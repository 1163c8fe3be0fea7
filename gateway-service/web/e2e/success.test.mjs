// Customer success in a real browser against the running stack (./hub test): a success agent creates a
// success case visible to one contact (alice); she finds it under My Success Cases and in the search;
// another contact of the same account (carol, made an Acme contact for this test) does not. The agent
// picks alice by name, attaches a file, writes a knowledge article and shares it; alice downloads the
// file and reads the article.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACME, CASES, GATEWAY, IDENTITY, INITECH, USERS, admin, assertAccessible, scenario, signIn } from './stack.mjs';

const WORD = `Quokka${Date.now().toString(36)}`;
const SUBJECT = `Browser test: ${WORD} adoption plan`;
const ARTICLE = `Dashboards for every region (${WORD})`;
const FILE = { name: 'rollout.txt', mimeType: 'text/plain', buffer: Buffer.from(`Rollout plan ${WORD}\n`) };

describe('browser: customer success', () => {
  const sessions = [];
  let number;

  before(async () => {
    // carol, Initech's contact, also becomes a contact of Acme (a second Acme contact not named on the case)
    const r = await admin(IDENTITY, 'PUT', `/admin/memberships/${USERS.carol}`, {
      relation: 'contact',
      accountIds: [INITECH, ACME],
    });
    assert.ok(r.status < 300, `memberships: ${r.status} ${JSON.stringify(r.body)}`);
  });

  after(async () => {
    await Promise.all(sessions.map((s) => s.context.close()));
    await admin(IDENTITY, 'PUT', `/admin/memberships/${USERS.carol}`, { relation: 'contact', accountIds: [INITECH] });
  });

  it('a success agent creates a success case visible to alice only', async () => {
    const sam = await signIn('sam');
    sessions.push(sam);
    const { page } = sam;
    await scenario('success-agent-creates', page, async () => {
      await page.goto(`${GATEWAY}/accounts/${ACME}/success`);
      await page.getByRole('heading', { level: 1, name: 'My Lists' }).waitFor();
      await assertAccessible(assert, page, 'My Lists (agent)');
      await page.getByRole('link', { name: 'All Success Cases' }).click();
      await page.getByRole('heading', { level: 1, name: 'All Success Cases' }).waitFor();
      await page.locator('[data-testid="success-table"], .state.empty').first().waitFor();
      await assertAccessible(assert, page, 'All Success Cases (agent)');
      await page.getByRole('link', { name: 'New', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'New Success case' }).waitFor();
      await page.getByLabel('Subject', { exact: true }).fill(SUBJECT);
      await page.getByLabel('Short description', { exact: true }).fill('Get every region onto the dashboards.');
      await page.getByLabel('Product', { exact: true }).fill('Peak Analytics Pro');
      await page.getByLabel('Visible to the customer', { exact: true }).check();
      const contacts = page.getByRole('group', { name: 'Contacts who see it' });
      await contacts.getByLabel('Carol Chen', { exact: true }).waitFor();
      await contacts.getByLabel('Alice Anders', { exact: true }).check();
      await assertAccessible(assert, page, 'New success case');
      await page.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL(new RegExp(`/accounts/${ACME}/success/cases/SCS[0-9]{7}$`), { timeout: 30_000 });
      number = new URL(page.url()).pathname.split('/').pop();
      await page.getByRole('heading', { level: 1, name: `Success case ${number}: ${SUBJECT}` }).waitFor();
      assert.match(await page.getByTestId('visibility').textContent(), /Visible to the customer \(1 contacts named\)/);
      await page.getByRole('heading', { level: 2, name: 'Work this record' }).waitFor();
      await page.getByLabel('Internal note', { exact: true }).fill(`Only for agents: ${WORD}secret`);
      await page.getByRole('button', { name: 'Add internal note' }).click();
      await page.getByText('Internal note added.').waitFor();
      await assertAccessible(assert, page, 'success case detail (agent)');
      // the agent edits the product
      await page.getByRole('link', { name: 'Edit', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `Edit Success case ${number}` }).waitFor();
      await assertAccessible(assert, page, 'edit success case');
      await page.getByLabel('Product', { exact: true }).fill('Peak Analytics Enterprise');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { level: 1, name: `Success case ${number}: ${SUBJECT}` }).waitFor();
      await page.getByText('Peak Analytics Enterprise').first().waitFor();

      // the visibility form shows alice checked by name, carol not
      const picker = page.getByTestId('contact-picker');
      assert.equal(await picker.getByLabel('Alice Anders', { exact: true }).isChecked(), true);
      assert.equal(await picker.getByLabel('Carol Chen', { exact: true }).isChecked(), false);

      // a file for the customer: nothing chosen is refused by the form, then the file goes up
      await page.getByRole('button', { name: 'Upload' }).click();
      await page.getByText('Choose a file first.').waitFor();
      await page.getByLabel('File', { exact: true }).setInputFiles(FILE);
      await page.getByRole('button', { name: 'Upload' }).click();
      await page.getByText('File attached.').waitFor();
      await page.getByRole('link', { name: `Download ${FILE.name}` }).waitFor();

      // handed to an agent picked by name
      await page.getByLabel('Assign to', { exact: true }).selectOption({ label: 'Sam Soto' });
      await page.getByRole('button', { name: 'Assign', exact: true }).click();
      await page.getByText('Assigned to Sam Soto.').waitFor();

      // a knowledge article written (as a draft, then published with a fixed title) and shared on the case
      await page.getByRole('link', { name: 'Knowledge articles' }).click();
      await page.getByRole('heading', { level: 1, name: 'Knowledge articles' }).waitFor();
      await page.getByRole('link', { name: 'New article' }).click();
      await page.getByRole('heading', { level: 1, name: 'New knowledge article' }).waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      assert.equal(await page.locator('.field-error').count(), 2, 'title and text are required');
      await page.getByLabel('Title', { exact: true }).fill(`Draft: ${ARTICLE}`);
      await page.getByLabel('Text', { exact: true }).fill(`Open the ${WORD} dashboard and pick your region.`);
      await page.getByLabel('Product', { exact: true }).fill('Peak Analytics Pro');
      await assertAccessible(assert, page, 'new knowledge article');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { level: 1, name: 'Knowledge articles' }).waitFor();
      await page.getByRole('link', { name: `Draft: ${ARTICLE}` }).click();
      await page.getByRole('heading', { level: 1, name: `Edit article: Draft: ${ARTICLE}` }).waitFor();
      await page.getByLabel('Title', { exact: true }).fill(ARTICLE);
      await page.getByLabel('Published', { exact: true }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('knowledge-articles').getByRole('link', { name: ARTICLE, exact: true }).waitFor();
      await assertAccessible(assert, page, 'knowledge articles');
      await page.goto(`${GATEWAY}/accounts/${ACME}/success/cases/${number}`);
      await page.getByLabel('Share a knowledge article', { exact: true }).selectOption({ label: ARTICLE });
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await page.getByText('Article shared.').waitFor();
      await page.getByRole('link', { name: ARTICLE, exact: true }).waitFor();
    });
  });

  it('alice sees it under My Success Cases and in the search, without the internal note', async () => {
    assert.ok(number, 'the agent created no success case');
    const alice = await signIn('alice');
    sessions.push(alice);
    const { page } = alice;
    await scenario('success-contact-sees', page, async () => {
      await page.goto(`${GATEWAY}/accounts/${ACME}/success`);
      await page.getByRole('heading', { level: 1, name: 'My Lists' }).waitFor();
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'My Lists' }).waitFor();
      await page.getByRole('link', { name: 'My Success Cases' }).click();
      await page.getByRole('heading', { level: 1, name: 'My Success Cases' }).waitFor();
      await page.getByTestId('success-table').getByRole('link', { name: number }).waitFor();
      await assertAccessible(assert, page, 'My Success Cases (customer)');
      await page.getByTestId('success-table').getByRole('link', { name: number }).click();
      await page.getByRole('heading', { level: 1, name: `Success case ${number}: ${SUBJECT}` }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Work this record' }).count(), 0);
      assert.equal(await page.locator('[data-kind="internal_note"]').count(), 0);
      assert.equal(await page.getByText(`${WORD}secret`).count(), 0);
      await assertAccessible(assert, page, 'success case detail (customer)');
      // the agent's file, downloaded as it was sent
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: `Download ${FILE.name}` }).click(),
      ]);
      assert.equal(download.suggestedFilename(), FILE.name);
      const chunks = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk);
      assert.equal(Buffer.concat(chunks).toString(), FILE.buffer.toString());
      // the shared article, readable by the customer
      await page.getByRole('link', { name: ARTICLE, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: ARTICLE }).waitFor();
      await page.getByText(`Open the ${WORD} dashboard and pick your region.`).waitFor();
      await assertAccessible(assert, page, 'shared article (customer)');
      await page.getByRole('link', { name: `Back to ${number}` }).click();
      await page.getByRole('heading', { level: 1, name: `Success case ${number}: ${SUBJECT}` }).waitFor();
      await page.getByLabel('Comment', { exact: true }).fill('Thanks, see you at the kickoff.');
      await page.getByRole('button', { name: 'Send comment' }).click();
      await page.getByText('Comment added.').waitFor();
      await page.locator('[data-kind="comment"]').getByText('Thanks, see you at the kickoff.').waitFor();

      await page.getByRole('link', { name: 'Back to My Lists' }).click();
      await page.getByLabel('Number or words', { exact: true }).fill(WORD.toLowerCase());
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/success\/search\?q=/);
      const cases = page.locator('[data-source="cases"]');
      await cases.getByRole('link', { name: number }).waitFor();
      await assertAccessible(assert, page, 'search (customer)');
      // the internal note's words find nothing
      await page.goto(`${GATEWAY}/accounts/${ACME}/success/search?q=${WORD}secret`);
      await page.getByTestId('search-results').waitFor();
      assert.equal(await page.getByTestId('search-results').getByRole('link').count(), 0);
    });
  });

  it('carol, another contact of Acme, finds it nowhere', async () => {
    assert.ok(number, 'the agent created no success case');
    const carol = await signIn('carol', `/accounts/${ACME}/success`);
    sessions.push(carol);
    const { page } = carol;
    await scenario('success-other-contact', page, async () => {
      for (const list of ['my', 'all']) {
        await page.goto(`${GATEWAY}/accounts/${ACME}/success/cases?list=${list}`);
        await page.locator('[data-testid="success-table"], .state.empty').first().waitFor();
        assert.equal(await page.getByRole('link', { name: number }).count(), 0, `${list} list`);
      }
      await page.goto(`${GATEWAY}/accounts/${ACME}/success/search?q=${WORD}`);
      await page.getByTestId('search-results').waitFor();
      assert.equal(await page.getByTestId('search-results').getByRole('link').count(), 0);
      await page.goto(`${GATEWAY}/accounts/${ACME}/success/cases/${number}`);
      await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    });
  });

  it("an admin chooses a success record's header fields; the agent's detail page shows those, in order", async () => {
    assert.ok(number, 'the agent created no success case');
    const defaults = (await admin(CASES, 'GET', '/success/header-fields')).body.fields;
    const ada = await signIn('ada', '/login/start?return=/admin/success-header');
    sessions.push(ada);
    try {
      await scenario('success-header-fields', ada.page, async () => {
        const page = ada.page;
        await page.getByRole('heading', { level: 1, name: 'Success header fields' }).waitFor();
        const form = page.getByRole('group', { name: 'Fields in the header of a success record' });
        await form.getByLabel('Due date', { exact: true }).uncheck();
        await form.getByLabel('Product', { exact: true }).check();
        await form.getByLabel('Assigned to', { exact: true }).check();
        await assertAccessible(assert, page, 'success header fields');
        await page.getByRole('button', { name: 'Save header fields' }).click();
        await page.getByRole('status').filter({ hasText: 'Header fields saved.' }).waitFor();
      });
      const { page } = sessions[0]; // sam's
      await scenario('success-header-shown', page, async () => {
        await page.goto(`${GATEWAY}/accounts/${ACME}/success/cases/${number}`);
        await page.locator('[data-testid="success-header"] dd[data-field="product"]').waitFor();
        const shown = await page
          .locator('[data-testid="success-header"] dd')
          .evaluateAll((dds) => dds.map((dd) => dd.dataset.field));
        assert.deepEqual(shown, ['number', 'state', 'account', 'subject', 'daysRemaining', 'product', 'assigneeName']);
      });
    } finally {
      await admin(CASES, 'PUT', '/admin/success/header-fields', { fields: defaults });
    }
  });
});
