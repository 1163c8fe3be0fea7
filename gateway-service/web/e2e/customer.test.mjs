// A customer's hub in a real browser against the running stack (./hub test).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  ACME,
  BILLING,
  GATEWAY,
  GLOBEX,
  IDENTITY,
  USERS,
  admin,
  assertAccessible,
  scenario,
  signIn,
} from './stack.mjs';

const usd = (n) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(Number(n));
const tab = (page, name) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
const cents = (text) => Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100);
/** An amount shown with two decimals in any locale (1.234,56 € or €1,234.56) in minor units. */
const minor = (text) => (/[-−]/.test(text) ? -1 : 1) * Number(text.replace(/\D/g, ''));

/** A number billing's admin API takes (INV-yyyy-nnnnnn) that the demo data never uses: year 9xxx. */
let issued = 0;
const testInvoiceNumber = () =>
  `INV-9${String(Date.now()).slice(-3)}-${String((Date.now() + issued++) % 1_000_000).padStart(6, '0')}`;

/** What billing holds for Acme (its own API, admin token); null when billing does not answer the seeder. */
async function billingSummary() {
  const r = await admin(BILLING, 'GET', `/accounts/${ACME}/summary`);
  return r.status === 200 ? r.body : null;
}

/** Two open invoices with room for a partial payment: the seeded ones, or new ones billing's admin API adds. */
async function ensureTwoOpenInvoices() {
  const open = await admin(BILLING, 'GET', `/accounts/${ACME}/invoices?status=open&limit=100`);
  const usable = open.status === 200 ? open.body.items.filter((i) => Number(i.balance) >= 20) : [];
  const today = new Date().toISOString().slice(0, 10);
  for (let n = usable.length; n < 2; n++) {
    const number = testInvoiceNumber();
    const r = await admin(BILLING, 'PUT', `/admin/accounts/${ACME}/invoices/${number}`, {
      invoiceDate: today,
      dueDate: today,
      lines: [{ description: 'Browser test seats', quantity: 1, unitPrice: '100.00', taxRate: 0 }],
    });
    assert.ok(r.status < 300, `billing made no invoice: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

describe('browser: a customer', () => {
  let alice;
  before(async () => {
    alice = await signIn('alice');
  });
  after(async () => {
    await alice?.context.close();
  });

  it('signs in through Keycloak and sees the header and My Account summary as billing holds them', async () => {
    const { page } = alice;
    await scenario('customer-my-account', page, async () => {
      await page.waitForURL(`${GATEWAY}/accounts/${ACME}/my-account`);
      await page.getByRole('heading', { level: 1, name: 'My Account' }).waitFor();
      assert.equal(await page.getByTestId('account-name').textContent(), 'Acme Corporation');
      await page.getByTestId('summary').waitFor();
      const field = (name) => page.locator(`[data-field="${name}"]`).textContent();
      const held = await billingSummary();
      const source = held ?? (await page.request.get(`${GATEWAY}/api/accounts/${ACME}/header`).then((r) => r.json()));
      if (!held) console.log('[browser-tests] billing refused the seeder token; comparing with the BFF header');
      assert.equal(await field('accountNumber'), held?.accountNumber ?? source.accountNumber);
      assert.equal(await field('balance'), usd(source.balance));
      assert.equal(await field('creditBalance'), usd(source.creditBalance));
      assert.equal(await page.getByTestId('balance').textContent(), usd(source.balance));
      assert.equal(await field('name'), 'Acme Corporation');
      // the tabs a standard customer has, My Account first and current
      const tabs = await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents();
      assert.deepEqual(tabs, ['My Account', 'My Subscriptions', 'My Cases', 'My Lists']);
      assert.equal(await tab(page, 'My Account').getAttribute('aria-current'), 'page');
      await page.getByTestId('invoice-table').waitFor();
      await assertAccessible(assert, page, 'My Account');

      const lcp = await page.evaluate(
        () =>
          new Promise((resolve) => {
            new PerformanceObserver((list) => {
              const last = list.getEntries().at(-1);
              resolve(last ? Math.round(last.startTime) : null);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
            setTimeout(() => resolve(null), 2000);
          }),
      );
      const assets = new URL('../../target/classes/static/assets/', import.meta.url).pathname;
      const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
      const gz = js.reduce((sum, f) => sum + gzipSync(readFileSync(assets + f)).length, 0);
      console.log(
        `[browser-tests] first screen: largest contentful paint ${lcp} ms; JavaScript ${(gz / 1024).toFixed(1)} KB gzipped (${js.length} file(s))`,
      );
    });
  });

  it('opens an invoice as a PDF in the page and can download it', async () => {
    const { page } = alice;
    await scenario('customer-invoice-pdf', page, async () => {
      await tab(page, 'My Account').click();
      const first = page.getByTestId('invoice-table').locator('tbody tr th a').first();
      const number = await first.textContent();
      await first.click();
      await page.getByRole('heading', { level: 1, name: `Invoice ${number}` }).waitFor();
      const frame = page.getByTestId('invoice-pdf');
      const src = await frame.getAttribute('src');
      assert.equal(await frame.getAttribute('title'), `Invoice ${number} as PDF`);
      // the frame shows the PDF: a response the browser refuses to frame would leave an error page in it
      const inFrame = await (await frame.elementHandle()).contentFrame();
      await page.waitForFunction((el) => el.contentWindow !== null, await frame.elementHandle());
      await page.waitForTimeout(1000);
      assert.ok(!inFrame.url().startsWith('chrome-error:'), `the PDF frame was refused: ${inFrame.url()}`);
      const inline = await page.request.get(GATEWAY + src);
      assert.equal(inline.status(), 200);
      assert.match(inline.headers()['content-type'], /application\/pdf/);
      assert.equal((await inline.body()).subarray(0, 5).toString(), '%PDF-');
      const href = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
      const download = await page.request.get(GATEWAY + href);
      assert.equal(download.status(), 200);
      assert.match(download.headers()['content-disposition'] ?? '', /attachment/);
      await assertAccessible(assert, page, 'invoice');
    });
  });

  it('adds a card, pays two invoices in part with it, sees the receipt and the header balance change without reloading', async () => {
    const { page } = alice;
    await scenario('customer-pays', page, async () => {
      await ensureTwoOpenInvoices();
      await tab(page, 'My Account').click();
      await page.waitForURL(`${GATEWAY}/accounts/${ACME}/my-account`);
      const methods = page.getByTestId('payment-methods').locator('li');
      await page.getByTestId('payment-methods').waitFor();
      const before = await methods.count();

      await page.getByRole('link', { name: 'Add a card' }).click();
      await page.getByRole('heading', { level: 1, name: 'Add a card' }).waitFor();
      await assertAccessible(assert, page, 'add a card');
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry month').fill('12');
      await page.getByLabel('Expiry year').fill(String(new Date().getFullYear() + 3));
      await page.getByLabel('Security code (CVC)').fill('123');
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/payment-methods') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: 'Save card' }).click();
      const method = await (await saved).json();
      assert.equal((await saved).status(), 201);
      await page.waitForURL(/\/my-account/);
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="payment-methods"] li').length === n + 1,
        before,
      );

      // the header's Pay Invoice, the oldest due invoice preselected; a second one added; both in part
      await page.evaluate(() => (window.__sameDocument = true));
      await page.getByTestId('pay-invoice').click();
      await page.getByRole('heading', { level: 1, name: 'Pay Invoice' }).waitFor();
      await assertAccessible(assert, page, 'Pay Invoice');
      const boxes = page.locator('.pay-invoices input[type="checkbox"]');
      assert.equal(await boxes.first().isChecked(), true, 'the oldest due invoice is preselected');
      await boxes.nth(1).check();
      const amounts = page.locator('.pay-invoices input[inputmode="decimal"]');
      await amounts.nth(0).fill('10.00');
      await amounts.nth(1).fill('5.00');
      assert.equal(await page.getByTestId('pay-total').textContent(), '$15.00');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.locator(`#method-${method.id}`).check();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('heading', { name: 'Review the payment' }).waitFor();
      await assertAccessible(assert, page, 'review');

      const balanceBefore = cents(await page.getByTestId('balance').textContent());
      let posts = 0;
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith(`/accounts/${ACME}/payments`)) posts++;
      });
      const confirm = page.getByTestId('confirm-payment');
      await confirm.dblclick(); // a double click pays once
      await page
        .getByRole('heading', { level: 1, name: /Payment receipt|Payment pending/ })
        .waitFor({ timeout: 30_000 });
      await page.getByRole('heading', { level: 1, name: 'Payment receipt' }).waitFor({ timeout: 30_000 });
      assert.equal(posts, 1, 'one payment request for a double click');
      assert.equal(await page.locator('[data-testid="receipt"] [data-field="amount"]').textContent(), '$15.00');
      assert.equal(await page.locator('.receipt-lines tbody tr').count(), 2);
      await assertAccessible(assert, page, 'receipt');

      // the header follows the payment through the server's event stream, in the same page
      await page.waitForFunction(
        (expected) => {
          const text = document.querySelector('[data-testid="balance"]')?.textContent ?? '';
          return Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100) === expected;
        },
        balanceBefore - 1500,
        { timeout: 30_000 },
      );
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');

      // My Account's payment history names the invoices the payment paid, as the receipt does
      const paid = (await page.locator('.receipt-lines tbody th').allTextContents()).map((n) => n.trim()).sort();
      assert.equal(paid.length, 2);
      await page.goto(`${GATEWAY}/accounts/${ACME}/my-account`);
      const row = page.locator('[data-testid="payment-table"] tbody tr').filter({ hasText: '$15.00' }).first();
      await row.waitFor({ timeout: 30_000 });
      assert.equal((await row.locator('td').nth(4).textContent()).trim(), paid.join(', '));
    });
  });
});

/** A call through the gateway with this browser's session and CSRF cookie, as the web app makes it. */
async function asUser(page, method, path, body, headers = {}) {
  return page.evaluate(
    async ([method, path, body, headers]) => {
      const xsrf = decodeURIComponent((document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/) ?? [])[1] ?? '');
      const r = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    [method, path, body, headers],
  );
}

/** Presses Tab until the focused element matches the selector; every stop on the way must show its focus. */
async function tabTo(page, selector, limit = 60) {
  for (let n = 0; n < limit; n++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((sel) => {
      const el = document.activeElement;
      if (!el || el === document.body) return { match: false, visible: true, what: 'body' };
      const style = getComputedStyle(el);
      const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return { match: el.matches(sel), visible, what: el.outerHTML.slice(0, 120) };
    }, selector);
    assert.ok(stop.visible, `no visible focus on ${stop.what}`);
    if (stop.match) return;
  }
  assert.fail(`${selector} was not reached with ${limit} presses of Tab`);
}

describe('browser: a customer by keyboard alone', () => {
  it('pays the oldest invoice from the credit balance: Pay Invoice, use credit, review, confirm, without a mouse', async () => {
    const bob = await signIn('bob');
    const { page } = bob;
    await scenario('keyboard-credit', page, async () => {
      await page.waitForURL(`${GATEWAY}/accounts/${GLOBEX}/my-account`);
      await page.getByTestId('balance').waitFor();
      // arrange: a new invoice, paid with an overpayment that leaves the oldest invoice's balance plus 5 as credit
      const today = new Date().toISOString().slice(0, 10);
      const made = await admin(BILLING, 'PUT', `/admin/accounts/${GLOBEX}/invoices/${testInvoiceNumber()}`, {
        invoiceDate: today,
        dueDate: today,
        lines: [{ description: 'Keyboard test', quantity: 1, unitPrice: '10.00', taxRate: 0 }],
      });
      assert.ok(made.status < 300, `billing made no invoice: ${made.status} ${JSON.stringify(made.body)}`);
      const screen = (await asUser(page, 'GET', `/api/accounts/${GLOBEX}/pay`)).body;
      const open = [...screen.openInvoices].sort(
        (a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id),
      );
      const oldest = open[0];
      const card = await asUser(page, 'POST', '/api/sandbox/tokens', {
        number: '4242424242424242',
        expMonth: 12,
        expYear: new Date().getFullYear() + 2,
        cvc: '123',
      });
      assert.ok(card.status < 300, `tokenization: ${card.status} ${JSON.stringify(card.body)}`);
      const credit = Number(oldest.balance) + 5 - Number(screen.creditBalance);
      const overpay = await asUser(
        page,
        'POST',
        `/api/accounts/${GLOBEX}/payments`,
        {
          amount: (1 + Math.max(0, credit)).toFixed(2),
          currency: 'EUR',
          cardToken: card.body.token,
          invoices: [{ invoiceId: made.body.invoice.id, amount: '1.00' }],
          overpayToCredit: true,
        },
        { 'Idempotency-Key': `kb-${Date.now()}` },
      );
      assert.equal(overpay.status, 201, JSON.stringify(overpay.body));
      await page.reload();
      await page.getByTestId('balance').waitFor();
      const balanceBefore = minor(await page.getByTestId('balance').textContent());

      // the header's Pay Invoice, by keyboard from the top of the page (the skip link is the first stop;
      // the app puts the focus on the page title after a load, which would start the walk in the middle)
      await page.locator('.skip-link').focus();
      await tabTo(page, '[data-testid="pay-invoice"]');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/pay/);
      await page.locator('#use-credit').waitFor();
      assert.equal(await page.locator(`#pick-${oldest.id}`).isChecked(), true, 'the oldest due invoice is preselected');
      assert.equal(await page.locator('#use-credit').isChecked(), true, 'credit is used first when there is some');
      await tabTo(page, 'form button[type="submit"]');
      await page.keyboard.press('Enter');
      // the credit covers it all: no payment method step, straight to the review
      await page.getByTestId('review-credit').waitFor();
      assert.equal(
        cents(await page.getByTestId('review-credit').textContent()),
        Math.round(Number(oldest.balance) * 100),
      );
      assert.equal(await page.getByTestId('review-card').count(), 0);
      await assertAccessible(assert, page, 'review (credit)');
      await tabTo(page, '[data-testid="confirm-payment"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('credit-applied').waitFor({ timeout: 30_000 });
      assert.equal(await page.getByTestId('credit-applied').locator('tbody tr').count(), 1);
      await assertAccessible(assert, page, 'credit applied');
      // the header follows through the event stream
      await page.waitForFunction(
        (expected) => {
          const text = document.querySelector('[data-testid="balance"]')?.textContent ?? '';
          return (/[-−]/.test(text) ? -1 : 1) * Number(text.replace(/\D/g, '')) === expected;
        },
        balanceBefore - Math.round(Number(oldest.balance) * 100),
        { timeout: 30_000 },
      );
      const after = (await asUser(page, 'GET', `/api/accounts/${GLOBEX}/pay`)).body;
      assert.ok(!after.openInvoices.some((i) => i.id === oldest.id), 'the oldest invoice is paid');
      assert.equal(Number(after.creditBalance), 5);
    }).finally(() => bob.context.close());
  });
});

/** A profile change reaches the BFF through identity's event; until then the page may show the old grants. */
async function eventually(page, check) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 10) throw error;
      await page.waitForTimeout(1500);
      await page.goto(`${GATEWAY}/`); // "/" lands on the first screen the profile grants
    }
  }
}

describe('browser: what a profile grants', () => {
  let original = null;
  async function assign(name, grants) {
    const profiles = await admin(IDENTITY, 'GET', '/admin/profiles');
    const list = Array.isArray(profiles.body) ? profiles.body : (profiles.body?.items ?? []);
    let profile = list.find((p) => p.name === name);
    if (!profile) {
      const created = await admin(IDENTITY, 'POST', '/admin/profiles', { name, description: 'browser tests', grants });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      profile = created.body;
    }
    const r = await admin(IDENTITY, 'PUT', `/admin/users/${USERS.carol}/profile`, { profileId: profile.id });
    assert.ok(r.status < 300, `assign ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return list;
  }
  const g = (level) => ({ level, scope: 'all' });

  before(async () => {
    const user = await admin(IDENTITY, 'GET', `/admin/users/${USERS.carol}`);
    original = user.body?.profile ?? null;
  });
  after(async () => {
    // carol gets her profile back
    const profiles = await admin(IDENTITY, 'GET', '/admin/profiles');
    const list = Array.isArray(profiles.body) ? profiles.body : (profiles.body?.items ?? []);
    const back = list.find((p) => p.name === original);
    if (back) await admin(IDENTITY, 'PUT', `/admin/users/${USERS.carol}/profile`, { profileId: back.id });
  });

  it('Pay Invoice at view level: the balance shows, the Pay Invoice button does not', async () => {
    await assign('Browser test: pay view', {
      pay_invoices: g('view'),
      my_account: g('view'),
      my_subscriptions: g('view'),
      my_cases: g('view'),
      customer_accounts: g('none'),
    });
    const carol = await signIn('carol');
    await scenario('profile-pay-view', carol.page, async () => {
      await eventually(carol.page, async () => {
        await carol.page.getByRole('heading', { level: 1, name: 'My Account' }).waitFor();
        await carol.page.getByTestId('balance').waitFor();
        assert.equal(await carol.page.getByTestId('pay-invoice').count(), 0);
      });
      assert.match(await carol.page.getByTestId('balance').textContent(), /¥/);
      assert.equal(await carol.page.getByRole('link', { name: 'Pay Invoice' }).count(), 0);
      await assertAccessible(assert, carol.page, 'My Account (view only)');
    }).finally(() => carol.context.close());
  });

  it('without My Account: no such tab', async () => {
    await assign('Browser test: no my account', {
      pay_invoices: g('view'),
      my_account: g('none'),
      my_subscriptions: g('view'),
      my_cases: g('view'),
      customer_accounts: g('none'),
    });
    const carol = await signIn('carol');
    await scenario('profile-no-my-account', carol.page, async () => {
      const tabs = await eventually(carol.page, async () => {
        await carol.page.getByRole('navigation', { name: 'Sections' }).waitFor();
        const names = await carol.page
          .getByRole('navigation', { name: 'Sections' })
          .getByRole('link')
          .allTextContents();
        assert.ok(!names.includes('My Account'), `tabs: ${names}`);
        return names;
      });
      assert.deepEqual(tabs, ['My Subscriptions', 'My Cases', 'My Lists']);
      await carol.page.getByRole('heading', { level: 1, name: 'My Subscriptions' }).waitFor();
      await assertAccessible(assert, carol.page, 'My Subscriptions');
    }).finally(() => carol.context.close());
  });
});
