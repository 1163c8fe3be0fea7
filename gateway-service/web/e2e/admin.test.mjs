// The admin console and Login as Customer, as an admin and a customer see them in the browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME, GATEWAY, IDENTITY, admin, assertAccessible, scenario, signIn, signInAttempt } from './stack.mjs';

const ADA = 'ad000000-0000-4000-8000-000000000001';
const ALICE = 'c0000000-0000-4000-8000-000000000001';

/** What the page's own session answers for a call to the gateway (same cookies, no navigation). */
async function call(page, method, path) {
  return page.evaluate(
    async ([m, p]) => {
      const token = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/)?.[1] ?? '';
      const r = await fetch(p, {
        method: m,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(token) },
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    [method, path],
  );
}

const field = (page, name) => page.locator(`form input[name="${name}"]`);
const nameField = (page) => field(page, 'name');
const banner = (page) => page.getByTestId('impersonation-banner');

describe('browser: admin console', () => {
  it('an admin logs in as alice with a reason, sees her hub with the banner, changes a contact, exits to All Users, and the audit trail shows both', async () => {
    await admin(IDENTITY, 'POST', '/admin/users/sync'); // identity's mirror of Keycloak's users
    const { context, page } = await signIn('ada', '/login/start?return=/admin/users');
    try {
      await scenario('admin-login-as-customer', page, async () => {
        await page.getByRole('heading', { level: 1, name: 'All Users' }).waitFor();
        await page.getByTestId('admin-nav').getByRole('link', { name: 'All Users' }).waitFor();
        await page.getByRole('searchbox', { name: 'Search users' }).fill('alice');
        await page.getByRole('button', { name: 'Apply' }).click();
        await page.waitForURL(/q=alice/);
        const row = page.locator('[data-testid="users"] tbody tr[data-username="alice"]');
        await row.waitFor();
        // the previous page stays on screen while the search runs; then every row matches it (name, login or e-mail)
        await page.waitForFunction(() => {
          const rows = [...document.querySelectorAll('[data-testid="users"] tbody tr')];
          return rows.length > 0 && rows.every((row) => /alice/i.test(row.textContent ?? ''));
        });
        await assertAccessible(assert, page, 'All Users');

        // the Actions button shows on hover (and on focus), and offers Login as Customer for a customer contact
        const actions = row.getByRole('button', { name: 'Actions for Alice Anders' });
        assert.equal(await actions.evaluate((b) => getComputedStyle(b).opacity), '0');
        await row.hover();
        assert.equal(await actions.evaluate((b) => getComputedStyle(b).opacity), '1');
        await actions.click();
        await row.getByRole('button', { name: 'Login as Customer' }).click();
        const dialog = page.getByTestId('impersonate-dialog');
        await dialog.getByLabel('Reason').waitFor();
        assert.equal(await dialog.getByLabel('Reason').evaluate((el) => el === document.activeElement), true);
        await assertAccessible(assert, page, 'Login as Customer dialog');
        await dialog.getByLabel('Reason').fill('browser test: checking what alice sees');
        await dialog.getByRole('button', { name: 'Login as Customer' }).click();

        // the app reloads as alice: her account's header and the banner on every screen
        await page.waitForURL(`${GATEWAY}/accounts/${ACME}/my-account`);
        await page.getByRole('heading', { level: 1, name: 'My Account' }).waitFor();
        assert.equal(await page.getByTestId('account-name').textContent(), 'Acme Corporation');
        assert.equal(await page.getByTestId('person-name').textContent(), 'Alice Anders');
        await banner(page).waitFor();
        assert.match(await banner(page).textContent(), /Viewing as Alice Anders \(Acme Corporation\)/);
        assert.equal(await page.getByTestId('admin-nav').count(), 0, 'no admin console while acting as alice');
        await assertAccessible(assert, page, 'My Account while impersonating');
        const me = await call(page, 'GET', '/api/me');
        assert.equal(me.body.username, 'alice');
        assert.equal(me.body.impersonatorId, ADA);

        // a write allowed while impersonating: the bill-to phone
        await page.goto(`${GATEWAY}/accounts/${ACME}/contacts/edit`);
        const billTo = page.getByRole('form', { name: 'Bill-to' });
        await billTo.getByLabel('Phone').waitFor();
        await banner(page).waitFor();
        const phone = `+1 555 ${String(Date.now()).slice(-4)}`;
        // the demo data has no bill-to contact yet: the first save gives it the required fields too
        await page.waitForLoadState('networkidle');
        if ((await billTo.getByLabel('Name').inputValue()) === '') {
          await billTo.getByLabel('Name').fill('Accounts Payable');
          await billTo.getByLabel('E-mail').fill('ap@acme.example');
          await billTo.getByLabel('Address line 1').fill('1 Main Street');
          await billTo.getByLabel('City').fill('Springfield');
          await billTo.getByLabel('Country (2 letters)').fill('US');
        }
        await billTo.getByLabel('Phone').fill(phone);
        await billTo.getByRole('button', { name: 'Save Bill-to' }).click();
        await billTo.getByRole('status').filter({ hasText: 'Bill-to saved.' }).waitFor();

        // Exit: back to ada, on All Users, no banner
        await banner(page).getByRole('button', { name: 'Exit' }).click();
        await page.waitForURL(`${GATEWAY}/admin/users`);
        await page.getByRole('heading', { level: 1, name: 'All Users' }).waitFor();
        assert.equal(await banner(page).count(), 0);
        const back = await call(page, 'GET', '/api/me');
        assert.equal(back.body.username, 'ada');
        assert.equal(back.body.impersonatorId, null);
        assert.equal((await call(page, 'GET', '/api/impersonation')).body.active, false);

        // the audit trail: alice as the user, ada as the acting admin, the reason, started and ended
        await page.getByTestId('admin-nav').getByRole('link', { name: 'Audit trail' }).click();
        await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
        await page.getByRole('searchbox', { name: 'Who' }).fill('alice');
        await page.getByLabel('Acting admin').selectOption({ label: 'Ada Admin' });
        await page.getByRole('button', { name: 'Apply' }).click();
        await page.waitForURL(/who=alice/);
        // the newest event of alice under ada: the end; the admin shown by name once the admins are loaded
        await page.waitForFunction(() => {
          const cells = [
            ...(document.querySelector('[data-testid="audit"] tbody tr')?.querySelectorAll('th, td') ?? []),
          ];
          return cells[3]?.textContent === 'Ada Admin';
        });
        const cells = await page.locator('[data-testid="audit"] tbody tr').first().locator('th, td').allTextContents();
        assert.equal(cells[1], 'Login as Customer ended');
        assert.equal(cells[2], 'alice');
        assert.equal(cells[3], 'Ada Admin');
        const started = page
          .locator('[data-testid="audit"] tbody tr')
          .filter({ hasText: 'browser test: checking what alice sees' });
        assert.ok((await started.count()) >= 1, 'the start, with its reason, is in the trail');
        assert.match(await started.first().textContent(), /Login as Customer started.*alice.*Ada Admin/);
        await assertAccessible(assert, page, 'Audit trail');

        // ada's own session still works for her own admin calls
        assert.equal((await call(page, 'GET', `/api/admin/users/${ALICE}`)).status, 200);
      });
    } finally {
      await context.close();
    }
  });

  it('an admin creates two account managers with Save and Add New, then deletes both with the confirmation', async () => {
    const suffix = String(Date.now()).slice(-6);
    const people = [
      { name: `Mona Manager ${suffix}`, employeeId: `E-${suffix}a`, login: `mona.${suffix}` },
      { name: `Max Manager ${suffix}`, employeeId: `E-${suffix}b`, login: `max.${suffix}` },
    ];
    const { context, page } = await signIn('ada', '/login/start?return=/admin/account-managers');
    try {
      await scenario('admin-account-managers', page, async () => {
        await page.getByRole('heading', { level: 1, name: 'Account Managers' }).waitFor();
        await page.getByRole('link', { name: 'New account manager' }).click();
        await page.getByRole('heading', { level: 1, name: 'New account manager' }).waitFor();
        await assertAccessible(assert, page, 'New account manager');
        const fill = async (p) => {
          await nameField(page).fill(p.name);
          await field(page, 'employeeId').fill(p.employeeId);
          await field(page, 'primaryEmail').fill(`${p.login}@peak.example`);
          await field(page, 'phone').fill('+49 30 123456');
          await field(page, 'mobile').fill('+49 170 123456');
          await field(page, 'loginName').fill(p.login);
          await field(page, 'password').fill('manager-pass-1');
          await field(page, 'retypePassword').fill('manager-pass-1');
        };
        // the form says what is wrong before sending anything
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        assert.equal(await nameField(page).getAttribute('aria-invalid'), 'true');

        await fill(people[0]);
        await page.getByRole('button', { name: 'Save and Add New' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `Account manager ${people[0].name} saved.` })
          .waitFor();
        assert.equal(await nameField(page).inputValue(), '');
        assert.equal(await nameField(page).evaluate((el) => el === document.activeElement), true);
        await fill(people[1]);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.waitForURL(`${GATEWAY}/admin/account-managers`);
        for (const p of people) await page.locator(`tr[data-login="${p.login}"]`).waitFor();
        await assertAccessible(assert, page, 'Account Managers');

        for (const p of people) await page.getByRole('checkbox', { name: `Select ${p.name}` }).check();
        await page.getByRole('button', { name: 'Delete selected (2)' }).click();
        const confirm = page.getByTestId('confirm-delete');
        await confirm.getByRole('heading', { name: 'Delete 2 account manager(s)?' }).waitFor();
        assert.equal(
          await confirm.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement),
          true,
        );
        await assertAccessible(assert, page, 'delete confirmation');
        await confirm.getByRole('button', { name: 'Delete 2' }).click();
        await page.getByRole('status').filter({ hasText: '2 account manager(s) deleted.' }).waitFor();
        for (const p of people) await page.locator(`tr[data-login="${p.login}"]`).waitFor({ state: 'detached' });
        const left = await admin(IDENTITY, 'GET', '/admin/account-managers');
        assert.deepEqual(
          left.body.filter((m) => people.some((p) => p.login === m.loginName)),
          [],
        );
      });
    } finally {
      await context.close();
    }
  });

  it('an admin disables a user (who then cannot sign in), enables them, resets their password and changes their profile from All Users', async () => {
    const suffix = String(Date.now()).slice(-6);
    const login = `dora.${suffix}`;
    const name = `Dora Dunn ${suffix}`;
    const created = await admin(IDENTITY, 'POST', '/admin/account-managers', {
      name,
      employeeId: `E-${suffix}d`,
      primaryEmail: `${login}@peak.example`,
      loginName: login,
      password: 'first-pass-1',
      retypePassword: 'first-pass-1',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await admin(IDENTITY, 'POST', '/admin/users/sync');
    const { context, page } = await signIn(
      'ada',
      `/login/start?return=${encodeURIComponent(`/admin/users?q=${login}`)}`,
    );
    try {
      await scenario('admin-user-actions', page, async () => {
        await page.getByRole('heading', { level: 1, name: 'All Users' }).waitFor();
        const row = page.locator(`[data-testid="users"] tbody tr[data-username="${login}"]`);
        await row.waitFor();
        const action = async (label) => {
          await row.hover();
          await row.getByRole('button', { name: `Actions for ${name}` }).click();
          await row.getByRole('button', { name: label, exact: true }).click();
        };
        const notice = (text) => page.getByRole('status').filter({ hasText: text }).waitFor();
        const userRow = async () => (await admin(IDENTITY, 'GET', `/admin/users?q=${login}`)).body.items[0];

        // disabled: Keycloak refuses the sign-in; enabled again: it is accepted
        await action('Disable');
        await notice(`${name} is disabled; their sessions have ended.`);
        assert.equal((await userRow()).enabled, false);
        const refused = await signInAttempt(login, 'first-pass-1');
        assert.equal(refused, false, 'a disabled user cannot sign in');
        await action('Enable');
        await notice(`${name} is enabled.`);
        assert.equal((await userRow()).enabled, true);

        // a new password, not temporary: the user signs in with it
        await action('Reset password');
        const reset = page.getByRole('dialog', { name: `Reset the password of ${name}` });
        await reset.getByLabel('New password').fill('second-pass-2');
        await reset.getByLabel('The user must change it at the next sign-in').uncheck();
        await assertAccessible(assert, page, 'Reset password dialog');
        await reset.getByRole('button', { name: 'Reset password' }).click();
        await notice(`The password of ${name} is reset.`);
        assert.equal(await signInAttempt(login, 'first-pass-1'), false, 'the old password is refused');
        assert.equal(await signInAttempt(login, 'second-pass-2'), true, 'the new password is accepted');

        // another profile: the user's row and their own access answer say so
        await action('Change profile');
        const dialog = page.getByRole('dialog', { name: `Change the profile of ${name}` });
        await dialog.getByLabel('Profile').selectOption({ label: 'Customer read-only' });
        await dialog.getByRole('button', { name: 'Save' }).click();
        await notice(`${name} now has the profile Customer read-only.`);
        assert.equal((await userRow()).profile, 'Customer read-only');
      });
    } finally {
      await context.close();
      await admin(IDENTITY, 'DELETE', `/admin/account-managers?ids=${created.body?.id}&confirm=true`);
    }
  });

  it('a customer opening the admin console gets "Not allowed", no admin navigation, and 403 from the admin API', async () => {
    const { context, page } = await signIn('alice', '/login/start?return=/admin/users');
    try {
      await scenario('customer-admin-console', page, async () => {
        await page.waitForURL(`${GATEWAY}/admin/users`);
        await page.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor();
        assert.equal(await page.getByTestId('admin-nav').count(), 0);
        assert.equal(await page.getByTestId('users').count(), 0);
        assert.equal((await call(page, 'GET', '/api/admin/users')).status, 403);
        assert.equal((await call(page, 'POST', '/api/impersonation')).status, 403);
      });
    } finally {
      await context.close();
    }
  });
});
