// The admin console's Accounts, account fields, a deactivated account in every service, and Settings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BILLING, GATEWAY, IDENTITY, INITECH, admin, assertAccessible, scenario, signIn } from './stack.mjs';

/** What the page's own session answers for a call through the gateway (same cookies, CSRF token echoed). */
async function call(page, method, path, body, headers = {}) {
  return page.evaluate(
    async ([m, p, b, h]) => {
      const token = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/)?.[1] ?? '';
      const r = await fetch(p, {
        method: m,
        credentials: 'same-origin',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'X-XSRF-TOKEN': decodeURIComponent(token),
          ...h,
        },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      const text = await r.text();
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = text;
      }
      return { status: r.status, body: json };
    },
    [method, path, body, headers],
  );
}

/** Polls until `check` answers truthy (read models and Kafka consumers follow within moments). */
async function eventually(what, check, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Opens an account's edit page once the admin list (portal-bff's read model) knows the account. */
async function openAccountEditor(page, accountId, name) {
  await eventually(`${name} in the accounts list`, async () => {
    await page.goto(`${GATEWAY}/admin/accounts/${accountId}`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    await page.waitForLoadState('networkidle');
    return (await heading.textContent()) === `Edit ${name}`;
  });
}

describe('browser: admin console accounts and settings', () => {
  it('an admin defines a pick-list account field, associates a new account manager and sets the field on the account page; the manager lists the account, a bad value is refused, the customer sees the value', async () => {
    const suffix = String(Date.now()).slice(-6);
    const accountId = crypto.randomUUID();
    const accountName = `E2E Account ${suffix}`;
    const number = `A-9${suffix.slice(-5)}`;
    const tier = `tier${suffix}`;
    const tierLabel = `Tier ${suffix}`;
    const created = await admin(BILLING, 'PUT', `/admin/accounts/${accountId}`, {
      number,
      name: accountName,
      currency: 'USD',
      status: 'active',
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const login = `mia.${suffix}`;
    const manager = await admin(IDENTITY, 'POST', '/admin/account-managers', {
      name: `Mia Manager ${suffix}`,
      employeeId: `E-${suffix}m`,
      primaryEmail: `${login}@peak.example`,
      phone: '+49 30 123456',
      mobile: '+49 170 123456',
      loginName: login,
      password: 'manager-pass-1',
      retypePassword: 'manager-pass-1',
    });
    assert.equal(manager.status, 201, JSON.stringify(manager.body));
    const { context, page } = await signIn('ada', '/login/start?return=/admin/accounts/fields');
    let fieldId = null;
    try {
      await scenario('admin-account-fields-and-manager', page, async () => {
        // the field, defined in the admin console
        await page.getByRole('heading', { level: 1, name: 'Account fields' }).waitFor();
        await page.getByLabel('Label').fill(tierLabel);
        await page.getByLabel('Name (key)').fill(tier);
        await page.getByLabel('Type').selectOption('picklist');
        await page.getByLabel('Options (one per line)').fill('Gold\nSilver');
        await page.getByRole('button', { name: 'Add field' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `Field ${tierLabel} added.` })
          .waitFor();
        await page.locator('[data-testid="account-fields"] tbody tr').filter({ hasText: tierLabel }).waitFor();
        await assertAccessible(assert, page, 'Account fields');
        fieldId = (await call(page, 'GET', '/api/admin/account-fields')).body.find((f) => f.name === tier).id;

        // the account's edit page: its manager from the drop-down, the field's value from its pick-list
        await openAccountEditor(page, accountId, accountName);
        await page.getByLabel('Account manager').selectOption({ label: `Mia Manager ${suffix} (E-${suffix}m)` });
        await page.getByLabel(tierLabel).selectOption('Gold');
        await assertAccessible(assert, page, 'Edit account with fields');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.waitForURL(`${GATEWAY}/admin/accounts`);

        // the manager's accounts list it (Account Managers), and the account's page shows the value again
        await page.goto(`${GATEWAY}/admin/account-managers`);
        const row = page.locator(`tr[data-login="${login}"]`);
        await row.waitFor();
        await eventually('the manager listing the account', async () =>
          ((await row.textContent()) ?? '').includes(accountName),
        );
        const managers = await admin(IDENTITY, 'GET', '/admin/account-managers');
        assert.deepEqual(managers.body.find((m) => m.loginName === login).accountIds, [accountId]);
        await openAccountEditor(page, accountId, accountName);
        assert.equal(await page.getByLabel(tierLabel).inputValue(), 'Gold');
        assert.equal(
          await page.getByLabel('Account manager').evaluate((s) => s.options[s.selectedIndex].textContent),
          `Mia Manager ${suffix} (E-${suffix}m)`,
        );

        // a value the field does not allow is refused by billing, naming the field, and changes nothing
        const bad = await call(page, 'PUT', `/api/admin/accounts/${accountId}`, {
          number,
          name: accountName,
          currency: 'USD',
          status: 'active',
          fields: { [tier]: 'Bronze' },
        });
        assert.equal(bad.status, 400, JSON.stringify(bad.body));
        assert.equal(bad.body.field, `fields.${tier}`);
        const values = await call(page, 'GET', `/api/admin/accounts/${accountId}/fields`);
        assert.equal(values.body.find((f) => f.name === tier).value, 'Gold');

        // on the account itself (My Account, as the admin sees every account) the value shows in the summary
        await page.goto(`${GATEWAY}/accounts/${accountId}/my-account`);
        await page.getByTestId('summary').waitFor();
        assert.equal(await page.locator(`[data-field="field-${tier}"]`).textContent(), 'Gold');
      });
    } finally {
      await context.close();
      if (fieldId) await admin(BILLING, 'DELETE', `/admin/account-fields/${fieldId}`);
      await admin(IDENTITY, 'DELETE', `/admin/account-managers?ids=${manager.body.id}&confirm=true`);
    }
  });

  it('a deactivated account refuses pay, contacts, cases and subscription changes in every service, and shows as inactive to the admin and its customer', async () => {
    const { context, page } = await signIn('ada', '/login/start?return=/admin/accounts');
    const carol = await signIn('carol', '/');
    const flip = async (name, to) => {
      await page.goto(`${GATEWAY}/admin/accounts`);
      const button = page.getByRole('button', { name: `${to === 'inactive' ? 'Deactivate' : 'Reactivate'} ${name}` });
      await button.click();
      await page
        .getByRole('status')
        .filter({ hasText: to === 'inactive' ? `${name} is inactive` : `${name} is active again.` })
        .waitFor();
    };
    let deactivated = false;
    try {
      await scenario('admin-inactive-account', page, async () => {
        await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
        await flip('Initech KK', 'inactive');
        deactivated = true;
        // the admin list says so once portal-bff's read model has billing's event
        const row = page.locator('[data-testid="admin-accounts"] tbody tr').filter({ hasText: 'Initech KK' });
        await eventually('Initech KK inactive in the admin list', async () => {
          await page.goto(`${GATEWAY}/admin/accounts`);
          await row.waitFor();
          return /Inactive/.test((await row.textContent()) ?? '');
        });
        await assertAccessible(assert, page, 'Accounts with an inactive account');

        // writes through the gateway (carol's, and ada's where carol's profile allows none): each service
        // answers 409 account-inactive (services learn billing's status from its events: it may take a moment)
        const subs = await call(carol.page, 'GET', `/api/accounts/${INITECH}/subscriptions`);
        assert.equal(subs.status, 200);
        const subscription = subs.body.subscriptions.data.find((s) => s.number === 'SUB-000301');
        const writes = {
          pay: () =>
            call(
              carol.page,
              'POST',
              `/api/accounts/${INITECH}/payments`,
              { amount: '100', currency: 'JPY', cardToken: 'tok_sandbox_never_used' },
              { 'Idempotency-Key': `inactive-${Date.now()}` },
            ),
          contact: () =>
            call(carol.page, 'PUT', `/api/accounts/${INITECH}/contacts/sold-to`, {
              name: 'Initech Purchasing',
              email: 'purchasing@initech.example',
              line1: '1-1 Marunouchi',
              city: 'Tokyo',
              postalCode: '100-0005',
              country: 'JP',
            }),
          case: () =>
            call(carol.page, 'POST', `/api/accounts/${INITECH}/cases`, {
              subject: 'Inactive account test',
              shortDescription: 'Should be refused',
              priority: 'low',
            }),
          // carol's profile only views subscriptions: ada (who may change any account's) asks instead
          subscription: () =>
            call(page, 'POST', `/api/accounts/${INITECH}/subscriptions/${subscription.id}/resume`, undefined, {
              'Idempotency-Key': `inactive-${Date.now()}`,
            }),
        };
        for (const [what, write] of Object.entries(writes)) {
          let last = null;
          const answer = await eventually(`${what} refused`, async () => {
            last = await write();
            return last.status === 409 ? last : null;
          }).catch((e) => {
            throw new Error(`${e.message}; last answer ${JSON.stringify(last)}`);
          });
          assert.match(answer.body.type, /account-inactive$/, `${what}: ${JSON.stringify(answer.body)}`);
        }

        // carol sees it: My Subscriptions says the account is inactive, My Account's summary too
        await carol.page.goto(`${GATEWAY}/accounts/${INITECH}/subscriptions`);
        await carol.page.getByRole('note').filter({ hasText: 'This account is inactive' }).waitFor();
        await carol.page.goto(`${GATEWAY}/accounts/${INITECH}/my-account`);
        await eventually('the summary showing Inactive', async () => {
          await carol.page.reload();
          await carol.page.getByTestId('summary').waitFor();
          return (await carol.page.locator('[data-field="status"]').count()) === 1;
        });
        assert.equal(await carol.page.locator('[data-field="status"]').textContent(), 'Inactive');
        await assertAccessible(assert, carol.page, 'My Account of an inactive account');

        await flip('Initech KK', 'active');
        deactivated = false;
      });
    } finally {
      if (deactivated) {
        await admin(BILLING, 'PUT', `/admin/accounts/${INITECH}`, {
          number: 'A-000103',
          name: 'Initech KK',
          currency: 'JPY',
          status: 'active',
        });
      }
      await carol.context.close();
      await context.close();
    }
  });

  it('an admin changes the settings in the Settings screen: kept, audited, and every signed-in user reads them', async () => {
    const { context, page } = await signIn('ada', '/login/start?return=/admin/settings');
    const erin = await signIn('erin', '/');
    try {
      await scenario('admin-settings', page, async () => {
        await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
        await page.getByTestId('admin-nav').getByRole('link', { name: 'Settings' }).waitFor();
        await assertAccessible(assert, page, 'Settings');
        const allow = page.getByLabel('Allow Account Manager to Create Requests');
        const wasAllowed = await allow.isChecked();
        // a value out of range is refused on the form, naming the field
        await page.getByLabel('Reopen window (days)').fill('400');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        assert.equal(await page.getByLabel('Reopen window (days)').getAttribute('aria-invalid'), 'true');
        assert.equal((await call(erin.page, 'GET', '/api/settings')).body.caseReopenWindowDays, 14);

        await page.getByLabel('Reopen window (days)').fill('21');
        await allow.setChecked(!wasAllowed);
        await page.getByLabel('Cases come from').selectOption('servicenow');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

        // in effect: another signed-in user (erin) reads them from the gateway at once, and they stay after a reload
        const read = (await call(erin.page, 'GET', '/api/settings')).body;
        assert.equal(read.caseReopenWindowDays, 21);
        assert.equal(read.caseSource, 'servicenow');
        assert.equal(read.allowManagersToCreateRequests, !wasAllowed);
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
        assert.equal(await page.getByLabel('Reopen window (days)').inputValue(), '21');
        assert.equal(await page.getByLabel('Allow Account Manager to Create Requests').isChecked(), !wasAllowed);

        // the audit trail names ada and what changed
        await page.goto(`${GATEWAY}/admin/audit?who=ada&action=settings.changed`);
        await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
        const first = page.locator('[data-testid="audit"] tbody tr').first();
        await first.waitFor();
        assert.match(await first.textContent(), /Settings changed.*ada.*caseReopenWindowDays: 14 -> 21/);
        // a non-admin cannot change them
        assert.equal((await call(erin.page, 'PUT', '/api/admin/settings', { caseSource: 'builtin' })).status, 403);
      });
    } finally {
      await admin(IDENTITY, 'PUT', '/admin/settings', {
        allowManagersToCreateRequests: false,
        caseSource: 'builtin',
        caseReopenWindowDays: 14,
        caseArchiveAfterDays: 30,
      });
      await erin.context.close();
      await context.close();
    }
  });
});
