// Customer Accounts for account executives, success agents and admins, and the account in focus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACME,
  BILLING,
  GATEWAY,
  GLOBEX,
  IDENTITY,
  INITECH,
  USERS,
  admin,
  assertAccessible,
  scenario,
  signIn,
} from './stack.mjs';

/** Every row of Customer Accounts, through all keyset pages: [{id, name}]. */
async function allRows(page) {
  const table = page.getByTestId('customer-accounts');
  await table.waitFor();
  for (let more = page.getByRole('button', { name: 'More accounts' }); await more.count();) {
    const n = await table.locator('tbody tr').count();
    await more.click();
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="customer-accounts"] tbody tr').length > count,
      n,
    );
  }
  return table
    .locator('tbody tr th a')
    .evaluateAll((links) => links.map((a) => ({ id: a.getAttribute('href').split('/')[2], name: a.textContent })));
}

const sortHeader = (page, label) => page.locator('th', { has: page.getByRole('button', { name: label, exact: true }) });

describe('browser: staff', () => {
  it('an account executive sees exactly the accounts they manage, searches, sorts, opens one and sees its hub', async () => {
    await admin(IDENTITY, 'POST', '/admin/users/sync'); // identity's mirror of Keycloak's users, as infra/e2e does
    const managed = await admin(IDENTITY, 'GET', `/admin/users/${USERS.erin}`);
    assert.equal(managed.status, 200);
    const expected = [...managed.body.accountIds].sort();
    assert.ok(expected.includes(ACME) && expected.includes(GLOBEX) && expected.includes(INITECH));

    const { context, page } = await signIn('erin');
    await scenario('executive-customer-accounts', page, async () => {
      await page.waitForURL(`${GATEWAY}/customer-accounts`);
      await page.getByRole('heading', { level: 1, name: 'Customer Accounts' }).waitFor();
      const rows = await allRows(page);
      assert.deepEqual(rows.map((r) => r.id).sort(), expected);
      await assertAccessible(assert, page, 'Customer Accounts');

      // sort by name: ascending, then descending (aria-sort says which)
      await page.getByRole('button', { name: 'Account name', exact: true }).click();
      await page.waitForURL(/sort=name&direction=desc/);
      assert.equal(await sortHeader(page, 'Account name').getAttribute('aria-sort'), 'descending');
      const desc = (await allRows(page)).map((r) => r.name);
      assert.deepEqual(
        desc,
        [...desc].sort((a, b) => b.localeCompare(a)),
      );
      await page.getByRole('button', { name: 'Balance', exact: true }).click();
      await page.waitForURL(/sort=balance&direction=asc/);
      assert.equal(await sortHeader(page, 'Balance').getAttribute('aria-sort'), 'ascending');
      assert.equal(await sortHeader(page, 'Account name').getAttribute('aria-sort'), 'none');

      // search
      await page.getByRole('searchbox', { name: 'Search accounts' }).fill('Globex');
      await page.getByRole('searchbox', { name: 'Search accounts' }).press('Enter');
      await page.waitForURL(/q=Globex/);
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="customer-accounts"] tbody tr').length === 1,
      );
      assert.deepEqual(await allRows(page), [{ id: GLOBEX, name: 'Globex GmbH' }]);
      // the account manager by name (identity's user mirror knew erin's name when she was made its manager)
      assert.match(
        await page.getByTestId('customer-accounts').locator('tbody tr').first().textContent(),
        /Erin Easton/,
      );

      // opening it puts it in focus: its hub, its header, its tabs
      await page.getByRole('link', { name: 'Globex GmbH', exact: true }).click();
      await page.waitForURL(`${GATEWAY}/accounts/${GLOBEX}/my-account`);
      await page.getByRole('heading', { level: 1, name: 'My Account' }).waitFor();
      assert.equal(await page.getByTestId('account-name').textContent(), 'Globex GmbH');
      const tabs = await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents();
      assert.ok(tabs.includes('My Account') && tabs.includes('Customer Accounts'), `tabs: ${tabs}`);
      await assertAccessible(assert, page, 'an account in focus');
    }).finally(() => context.close());
  });

  it('a customer of another account opening that URL gets "not found"', async () => {
    const { context, page } = await signIn('bob', `/accounts/${ACME}/my-account`);
    await scenario('other-customer-not-found', page, async () => {
      await page.goto(`${GATEWAY}/accounts/${ACME}/my-account`);
      await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
      assert.ok(!(await page.textContent('body')).includes('Acme'), 'nothing of Acme shows');
      await assertAccessible(assert, page, 'not found');
    }).finally(() => context.close());
  });

  for (const user of ['ada', 'sam']) {
    it(`${user === 'ada' ? 'an admin' : 'a success agent'} (${user}) sees every account`, async () => {
      const { context, page } = await signIn(user);
      await scenario(`${user}-all-accounts`, page, async () => {
        await page.waitForURL(`${GATEWAY}/customer-accounts`);
        const ids = (await allRows(page)).map((r) => r.id);
        // the three demo accounts, and one erin does not manage (billing's generator) when billing holds it
        for (const id of [ACME, GLOBEX, INITECH]) assert.ok(ids.includes(id), id);
        const generated = '00006e00-0000-002a-0000-000000000001';
        if ((await admin(BILLING, 'GET', `/accounts/${generated}/summary`)).status === 200) {
          assert.ok(
            ids.includes(generated),
            `billing holds ${generated}; Customer Accounts (${ids.length} rows) lacks it`,
          );
        }
        assert.equal(new Set(ids).size, ids.length, 'no account twice across pages');
      }).finally(() => context.close());
    });
  }
});
