// My Subscriptions in a real browser against the running stack (./hub test): a customer changes a
// quantity through the preview, billing invoices the change (My Account and the header balance),
// cancels at term end and undoes it; a view-only profile sees no change or cancel buttons.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GATEWAY, GLOBEX, IDENTITY, admin, assertAccessible, scenario, signIn } from './stack.mjs';

const BOB = 'c0000000-0000-4000-8000-000000000002'; // bob: contact of Globex GmbH (EUR), SUB-000201 seeded active
const tab = (page, name) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
const cents = (text) => Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100);
const eur = (n) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(Number(n));
const field = (page, name) => page.locator(`[data-testid="subscription"] [data-field="${name}"]`).textContent();
const actionButtons = (page) =>
  page.getByRole('group', { name: 'Subscription actions' }).getByRole('button').allTextContents();

async function profileNamed(name, grants) {
  const profiles = await admin(IDENTITY, 'GET', '/admin/profiles');
  const list = Array.isArray(profiles.body) ? profiles.body : (profiles.body?.items ?? []);
  let profile = list.find((p) => p.name === name);
  if (!profile && grants) {
    const created = await admin(IDENTITY, 'POST', '/admin/profiles', { name, description: 'browser tests', grants });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    profile = created.body;
  }
  return profile;
}

async function assignBob(profile) {
  const r = await admin(IDENTITY, 'PUT', `/admin/users/${BOB}/profile`, { profileId: profile.id });
  assert.ok(r.status < 300, `assign ${profile.name}: ${r.status} ${JSON.stringify(r.body)}`);
}

/** A profile change reaches the BFF through identity's event: until then the page may show the old grants. */
async function eventually(page, path, check) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 10) throw error;
      await page.waitForTimeout(1500);
      await page.goto(GATEWAY + path);
    }
  }
}

/** Opens SUB-000201 from the My Subscriptions list; answers the detail page's path. */
async function openGlobexSubscription(page) {
  await tab(page, 'My Subscriptions').click();
  await page.waitForURL(`${GATEWAY}/accounts/${GLOBEX}/subscriptions`);
  await page.getByRole('heading', { level: 1, name: 'My Subscriptions' }).waitFor();
  await page.getByTestId('subscription-table').waitFor();
  await page.getByRole('link', { name: 'Open subscription SUB-000201' }).click();
  await page.getByRole('heading', { level: 1, name: 'Subscription SUB-000201' }).waitFor();
  return new URL(page.url()).pathname;
}

describe('browser: My Subscriptions', () => {
  let original = null;
  let bob;
  before(async () => {
    const user = await admin(IDENTITY, 'GET', `/admin/users/${BOB}`);
    original = user.body?.profile ?? null;
    await assignBob(
      await profileNamed('Browser test: subscriptions full', {
        pay_invoices: { level: 'create', scope: 'all' },
        my_account: { level: 'edit', scope: 'all' },
        my_subscriptions: { level: 'full', scope: 'all' },
        my_cases: { level: 'create', scope: 'all' },
        customer_accounts: { level: 'none', scope: 'all' },
      }),
    );
    bob = await signIn('bob');
  });
  after(async () => {
    await bob?.context.close();
    const back = original ? await profileNamed(original) : null;
    if (back) await assignBob(back);
  });

  it('changes the quantity through the preview, sees it applied, the invoice in My Account and the balance move', async () => {
    const { page } = bob;
    await scenario('subscriptions-change', page, async () => {
      await page.waitForURL((url) => url.pathname.startsWith(`/accounts/${GLOBEX}/`));
      await tab(page, 'My Subscriptions').waitFor();
      await tab(page, 'My Subscriptions').click();
      await page.getByTestId('subscription-table').waitFor();
      const row = page.getByTestId('subscription-table').locator('tr[data-number="SUB-000201"]');
      assert.match(await row.textContent(), /Peak Analytics Standard/);
      await assertAccessible(assert, page, 'My Subscriptions');

      const path = await openGlobexSubscription(page);
      assert.match(path, new RegExp(`^/accounts/${GLOBEX}/subscriptions/[0-9a-f-]{36}$`));
      // a scheduled cancellation left by an earlier run would hide the change
      await eventually(page, path, async () => {
        await page.getByRole('group', { name: 'Subscription actions' }).waitFor({ timeout: 5000 });
        const buttons = await actionButtons(page);
        assert.ok(buttons.includes('Cancel subscription'), `buttons: ${buttons}`);
      });
      if ((await actionButtons(page)).includes('Undo cancellation')) {
        await page.getByRole('button', { name: 'Undo cancellation' }).click();
        await page.getByText(/cancellation is withdrawn/).waitFor();
      }
      await assertAccessible(assert, page, 'subscription');
      const before = Number(await field(page, 'quantity'));
      const balanceBefore = cents(await page.getByTestId('balance').textContent());
      await page.evaluate(() => (window.__sameDocument = true));

      await page.getByRole('button', { name: 'Change plan or quantity' }).click();
      await page.getByLabel('Quantity', { exact: true }).fill(String(before + 1));
      const previewed = page.waitForResponse((r) => r.url().endsWith('/changes/preview'));
      await page.getByRole('button', { name: 'Preview' }).click();
      const quote = await (await previewed).json();
      const shown = page.getByTestId('change-preview');
      await shown.waitFor();
      const dd = (name) => shown.locator(`[data-field="${name}"]`).textContent();
      assert.equal(await dd('amountDueNow'), eur(quote.amountDueNow));
      assert.equal(await dd('amountAtNextRenewal'), eur(quote.amountAtNextRenewal));
      assert.ok(Number(quote.amountDueNow) > 0, `one more seat costs something now: ${JSON.stringify(quote)}`);
      assert.ok(cents(await dd('credit')) <= 0 && cents(await dd('charge')) > 0);
      assert.equal(
        cents(await dd('credit')) + cents(await dd('charge')),
        Math.round(Number(quote.amountDueNow) * 100),
        'credit and charge add up to the amount due now',
      );
      await assertAccessible(assert, page, 'change preview');

      let posts = 0;
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/changes')) posts++;
      });
      await page.getByTestId('confirm-change').dblclick(); // a double click changes once
      await page.getByText('The subscription is changed.').waitFor();
      assert.equal(await field(page, 'quantity'), String(before + 1));
      assert.equal(posts, 1, 'one change request for a double click');

      // billing invoices the change from subscription-service's event: the header follows over its event stream
      await page.waitForFunction(
        ({ expected }) => {
          const text = document.querySelector('[data-testid="balance"]')?.textContent ?? '';
          return Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100) === expected;
        },
        { expected: balanceBefore + Math.round(Number(quote.amountDueNow) * 100) },
        { timeout: 30_000 },
      );
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
      await tab(page, 'My Account').click();
      const newest = page.getByTestId('invoice-table').locator('tbody tr').first();
      await newest.waitFor();
      // the new invoice: the amount due now, all of it still to pay (amount and balance both show it)
      await page.waitForFunction(
        (amount) =>
          [...document.querySelectorAll('[data-testid="invoice-table"] tbody tr')].some(
            (tr) => tr.textContent.split(amount).length >= 3,
          ),
        eur(quote.amountDueNow),
        { timeout: 30_000 },
      );

      // the list shows the new quantity too (the cached list first, then the fetched one)
      await tab(page, 'My Subscriptions').click();
      await page.getByTestId('subscription-table').waitFor();
      await page.waitForFunction(
        (quantity) =>
          document.querySelector('tr[data-number="SUB-000201"] [data-field="quantity"]')?.textContent === quantity,
        String(before + 1),
        { timeout: 10_000 },
      );
    });
  });

  it('cancels at term end with a reason, then undoes it', async () => {
    const { page } = bob;
    await scenario('subscriptions-cancel-undo', page, async () => {
      await openGlobexSubscription(page);
      await page.getByRole('button', { name: 'Cancel subscription' }).click();
      const form = page.getByTestId('cancel-form');
      await form.waitFor();
      await form.getByLabel(/At the end of the term/).check();
      await form.getByLabel('Reason', { exact: true }).selectOption('too_expensive');
      await form.getByLabel('Comment (optional)').fill('Browser test: budget review');
      await assertAccessible(assert, page, 'cancel form');
      await page.getByTestId('confirm-cancel').click();
      await page.getByText(/The subscription ends on/).waitFor();
      assert.equal(await field(page, 'cancellationReason'), 'Too expensive');
      assert.equal(await field(page, 'cancellationComment'), 'Browser test: budget review');
      assert.deepEqual(await actionButtons(page), ['Undo cancellation', 'Cancel subscription']);
      await assertAccessible(assert, page, 'cancellation scheduled');

      await page.getByRole('button', { name: 'Undo cancellation' }).click();
      await page.getByText(/cancellation is withdrawn/).waitFor();
      assert.equal(await page.locator('[data-testid="subscription"] [data-field="cancellationDate"]').count(), 0);
      assert.deepEqual(await actionButtons(page), ['Change plan or quantity', 'Pause', 'Cancel subscription']);
      const reloaded = await page.request.get(`${GATEWAY}/api${new URL(page.url()).pathname}`);
      assert.equal((await reloaded.json()).subscription.cancelAtTermEnd, false);
    });
  });

  it('with the standard customer profile (view only) shows no change or cancel buttons, and the API refuses', async () => {
    const standard = (await profileNamed(original)) ?? (await profileNamed('Customer standard'));
    assert.ok(standard, 'the standard customer profile exists');
    await assignBob(standard);
    const viewer = await signIn('bob');
    await scenario('subscriptions-view-only', viewer.page, async () => {
      const { page } = viewer;
      const path = await openGlobexSubscription(page);
      await eventually(page, path, async () => {
        await page.getByRole('heading', { level: 1, name: 'Subscription SUB-000201' }).waitFor();
        await page.getByTestId('subscription').waitFor();
        assert.equal(await page.getByRole('group', { name: 'Subscription actions' }).count(), 0);
      });
      for (const name of ['Change plan or quantity', 'Cancel subscription', 'Pause', 'Undo cancellation']) {
        assert.equal(await page.getByRole('button', { name }).count(), 0, `${name} is hidden`);
      }
      const refused = await page.evaluate(async (url) => {
        const token = decodeURIComponent(document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/)?.[1] ?? '');
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'X-XSRF-TOKEN': token, 'Idempotency-Key': `view-only-${Date.now()}` },
        });
        return { status: r.status, body: await r.json() };
      }, `/api${path}/pause`);
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.match(refused.body.type, /forbidden$/);
      await assertAccessible(assert, page, 'subscription (view only)');
    }).finally(() => viewer.context.close());
  });
});
