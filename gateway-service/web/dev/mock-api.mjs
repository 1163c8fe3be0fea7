// A stand-in for the gateway + portal-bff with fixed data, to look at the screens without the stack:
//   npm run build && node dev/mock-api.mjs [port]   (serves ../target/classes/static and /api/**)
// It follows BFF-CONTRACT shapes; the real tests (e2e/) run against the real stack.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join } from 'node:path';

const port = Number(process.argv[2] ?? 5180);
const root = new URL('../../target/classes/static/', import.meta.url).pathname;
const A = '00000000-0000-0000-0000-00000000a001';
const who = process.env.MOCK_USER ?? 'alice';
const staff = who !== 'alice';
const grant = (level) => ({ level, scope: 'all' });
const me = {
  userId: 'u1',
  username: who,
  name: staff ? 'Erin Executive' : 'Alice Anders',
  locale: null,
  roles: [staff ? 'account_executive' : 'customer'],
  allAccounts: false,
  accounts: staff ? [] : [{ accountId: A, accountNumber: 'ACME-001', name: 'Acme Corporation' }],
  grants: {
    pay_invoices: grant(process.env.MOCK_PAY ?? 'create'),
    my_account: grant(process.env.MOCK_MY_ACCOUNT ?? 'edit'),
    my_subscriptions: grant(process.env.MOCK_SUBSCRIPTIONS ?? 'full'),
    my_cases: grant('create'),
    customer_accounts: grant(staff ? 'view' : 'none'),
  },
  impersonatorId: null,
};
let balance = 1850;
const header = () => ({
  accountId: A,
  accountNumber: 'ACME-001',
  accountName: 'Acme Corporation',
  currency: 'USD',
  balance: balance.toFixed(2),
  creditBalance: '25.00',
  lastPaymentAmount: '300.00',
  lastPaymentAt: '2026-10-30T10:00:00Z',
  canPay: true,
  asOf: new Date().toISOString(),
});
const inv = (n, date, due, amount, bal, status) => ({
  id: `00000000-0000-0000-0000-0000000000${n}`,
  accountId: A,
  number: `INV-2026-00${n}`,
  invoiceDate: date,
  dueDate: due,
  amount,
  balance: bal,
  status,
  currency: 'USD',
});
const invoices = [
  inv(11, '2026-11-01', '2026-12-01', '1000.00', '1000.00', 'open'),
  inv(10, '2026-10-01', '2026-10-31', '850.00', '850.00', 'overdue'),
  inv(9, '2026-09-01', '2026-10-01', '300.00', '0.00', 'paid'),
];
const methods = [
  {
    id: 'pm1',
    type: 'card',
    brand: 'visa',
    last4: '4242',
    expMonth: 12,
    expYear: 2030,
    holder: 'Alice',
    isDefault: true,
    expired: false,
  },
  {
    id: 'pm2',
    type: 'card',
    brand: 'mastercard',
    last4: '4444',
    expMonth: 12,
    expYear: 2026,
    holder: 'Alice',
    isDefault: false,
    expired: false,
  },
];
const payments = [
  {
    id: 'p1',
    amount: '300.00',
    currency: 'USD',
    status: 'succeeded',
    createdAt: '2026-10-30T10:00:00Z',
    method: 'visa •••• 4242',
  },
];
const contact = {
  name: 'Acme Billing',
  email: 'billing@acme.example',
  phone: '+1 555 0100',
  line1: '1 Main St',
  line2: null,
  city: 'Springfield',
  postalCode: '12345',
  region: 'IL',
  country: 'US',
};
const ok = (data) => ({ status: 'ok', data, detail: null });
const accounts = Array.from({ length: 3 }, (_, i) => ({
  accountId: i === 0 ? A : `00000000-0000-0000-0000-00000000a00${i + 1}`,
  accountNumber: ['ACME-001', 'GLOBEX-002', 'INITECH-003'][i],
  name: ['Acme Corporation', 'Globex GmbH', 'Initech KK'][i],
  currency: ['USD', 'EUR', 'JPY'][i],
  balance: ['1850.00', '420.50', '150000'][i],
  creditBalance: ['25.00', '0.00', '0'][i],
  overdueAmount: ['850.00', '0.00', '50000'][i],
  lastPaymentAt: '2026-10-30T10:00:00Z',
  status: i === 2 ? 'inactive' : 'active',
  accountManager: 'Erin Executive',
  activeSubscriptions: [2, 1, 0][i],
  monthlyRecurringRevenue: ['1650.00', '200.00', '0'][i],
}));
const sub = (n, plan, code, quantity, price, status, extra = {}) => ({
  id: `00000000-0000-0000-0000-00000000s00${n}`,
  accountId: A,
  number: `SUB-00010${n}`,
  productCode: 'analytics',
  planCode: code,
  planName: plan,
  billingPeriod: 'monthly',
  currency: 'USD',
  unitPrice: price,
  quantity,
  addOns: [],
  status,
  startDate: '2026-03-01',
  currentTermStart: '2026-11-01',
  currentTermEnd: '2026-11-30',
  nextRenewalDate: status === 'active' ? '2026-12-01' : null,
  autoRenew: true,
  pausedOn: status === 'paused' ? '2026-10-15' : null,
  cancelAtTermEnd: false,
  cancellationDate: null,
  cancellationReason: null,
  cancellationComment: null,
  scheduledChange: null,
  monthlyRecurringRevenue: status === 'active' ? (quantity * Number(price)).toFixed(2) : '0.00',
  ...extra,
});
const subscriptions = [
  sub(1, 'Peak Analytics Pro', 'analytics-pro-usd-monthly', 25, '48.00', 'active'),
  sub(2, 'Peak Support Premium', 'support-premium-usd-monthly', 1, '450.00', 'active'),
  sub(3, 'Peak Analytics Standard', 'analytics-standard-usd-monthly', 3, '20.00', 'paused'),
];
const plans = [
  ['analytics-standard-usd-monthly', 'Peak Analytics Standard', '20.00'],
  ['analytics-pro-usd-monthly', 'Peak Analytics Pro', '48.00'],
].map(([code, name, unitPrice], i) => ({
  id: `p${i}`,
  code,
  productCode: 'analytics',
  productName: 'Peak Analytics',
  name,
  billingPeriod: 'monthly',
  currency: 'USD',
  unitPrice,
  trialDays: 0,
}));
const subLevel = me.grants.my_subscriptions.level;
const subPermissions = {
  add: subLevel !== 'view',
  change: ['edit', 'full'].includes(subLevel),
  pauseResume: ['edit', 'full'].includes(subLevel),
  cancel: subLevel === 'full',
};

const sse = new Set();
function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
function api(req, res, url, body) {
  const p = url.pathname;
  const acc = `/api/accounts/${A}`;
  if (p === '/api/me') return send(res, 200, me);
  if (p === `${acc}/header`) return send(res, 200, header());
  if (p === `${acc}/header/events`) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(`event: header\ndata: ${JSON.stringify(header())}\n\n`);
    sse.add(res);
    res.on('close', () => sse.delete(res));
    return;
  }
  if (p === `${acc}/my-account`)
    return send(res, 200, {
      account: ok({ ...header(), name: 'Acme Corporation', status: 'active', lastInvoiceDate: '2026-11-01' }),
      invoices: ok({ items: invoices, next: 'c1' }),
      paymentMethods: ok(methods),
      payments: process.env.MOCK_PAYMENTS_DOWN
        ? { status: 'unavailable', data: null, detail: 'billing-service did not answer' }
        : ok({ items: payments, next: null }),
      contacts: ok({ billTo: contact, soldTo: null }),
      permissions: { pay: true, managePaymentMethods: true, editContacts: true },
    });
  if (p === `${acc}/invoices`)
    return send(res, 200, { items: url.searchParams.get('after') ? [] : invoices, next: null });
  if (p.startsWith(`${acc}/invoices/`) && p.endsWith('/pdf')) {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    return res.end('%PDF-1.4\n%mock\n');
  }
  if (p.startsWith(`${acc}/invoices/`)) return send(res, 200, invoices.find((i) => p.endsWith(i.id)) ?? invoices[0]);
  if (p === `${acc}/pay`)
    return send(res, 200, {
      currency: 'USD',
      balance: header().balance,
      creditBalance: '25.00',
      openInvoices: invoices.filter((i) => i.status !== 'paid').reverse(),
      paymentMethods: methods,
      canPay: true,
    });
  if (p === '/api/sandbox/tokens')
    return send(res, 200, { token: 'tok_1', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 });
  if (p === `${acc}/payment-methods` && req.method === 'POST')
    return send(res, 201, { ...methods[0], id: 'pm3', isDefault: false });
  if (p === `${acc}/payments` && req.method === 'POST') {
    const paid = JSON.parse(body || '{}');
    balance -= Number(paid.amount);
    const payment = {
      id: 'p2',
      accountId: A,
      amount: paid.amount,
      currency: 'USD',
      status: 'succeeded',
      createdAt: new Date().toISOString(),
      allocations: paid.invoices,
      toCredit: '0',
    };
    payments.unshift(payment);
    setTimeout(() => sse.forEach((s) => s.write(`event: header\ndata: ${JSON.stringify(header())}\n\n`)), 300);
    return send(res, 201, payment);
  }
  if (p === `${acc}/payments`) return send(res, 200, { items: payments, next: null });
  if (p.startsWith(`${acc}/payments/`))
    return send(res, 200, {
      payment: { ...payments[0], method: 'visa •••• 4242' },
      invoices: [
        { invoiceId: invoices[1].id, number: invoices[1].number, amount: '40.00' },
        { invoiceId: invoices[0].id, number: invoices[0].number, amount: '25.50' },
      ],
    });
  if (p === `${acc}/subscriptions`)
    return send(res, 200, {
      subscriptions: ok(subscriptions),
      totals: ok({ activeSubscriptions: 2, monthlyRecurringRevenue: '1650.00', currency: 'USD' }),
      accountActive: true,
      permissions: subPermissions,
    });
  if (p.startsWith(`${acc}/subscriptions/`)) {
    const s = subscriptions.find((x) => p.includes(x.id));
    if (!s) return send(res, 404, { type: 'https://peakhub.io/problems/not-found', title: 'Not Found', status: 404 });
    const action = p.slice(`${acc}/subscriptions/${s.id}`.length);
    const input = JSON.parse(body || '{}');
    if (action === '')
      return send(res, 200, {
        subscription: s,
        plans: ok(plans),
        cancellationReasons: [
          'too_expensive',
          'missing_features',
          'switched_service',
          'not_using',
          'technical_issues',
          'other',
        ],
        accountActive: true,
        permissions: subPermissions,
      });
    const line = (kind, description, amount) => ({
      kind,
      description,
      itemCode: s.planCode,
      quantity: input.quantity ?? s.quantity,
      unitPrice: s.unitPrice,
      from: '2026-11-16',
      to: '2026-12-01',
      days: 15,
      termDays: 30,
      amount,
    });
    const quantity = input.quantity ?? s.quantity;
    const quote = {
      when: input.when,
      effectiveDate: input.when === 'now' ? '2026-11-16' : '2026-12-01',
      currency: 'USD',
      lines:
        input.when === 'now'
          ? [
              line('credit', 'Unused time', (-(s.quantity * Number(s.unitPrice)) / 2).toFixed(2)),
              line('charge', 'Remaining time', ((quantity * Number(s.unitPrice)) / 2).toFixed(2)),
            ]
          : [],
      amountDueNow: input.when === 'now' ? (((quantity - s.quantity) * Number(s.unitPrice)) / 2).toFixed(2) : '0.00',
      amountAtNextRenewal: (quantity * Number(s.unitPrice)).toFixed(2),
      nextRenewalDate: '2026-12-01',
    };
    if (action === '/changes/preview') return send(res, 200, quote);
    if (action === '/changes') {
      if (input.when === 'now') s.quantity = quantity;
      return send(res, 200, { subscription: s, quote });
    }
    if (action === '/cancel') {
      Object.assign(s, input.when === 'now' ? { status: 'cancelled' } : { cancelAtTermEnd: true });
      Object.assign(s, { cancellationDate: '2026-11-30', cancellationReason: input.reason });
      return send(res, 200, { subscription: s, lines: [], amountDueNow: '0.00' });
    }
    if (action === '/cancel/undo') {
      Object.assign(s, { cancelAtTermEnd: false, cancellationDate: null, cancellationReason: null });
      return send(res, 200, { subscription: s, lines: [], amountDueNow: null });
    }
    if (action === '/pause') Object.assign(s, { status: 'paused', pausedOn: '2026-11-16' });
    if (action === '/resume') Object.assign(s, { status: 'active', pausedOn: null });
    return send(res, 200, { subscription: s, lines: [], amountDueNow: null });
  }
  if (p === '/api/customer-accounts') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    return send(res, 200, { items: accounts.filter((a) => a.name.toLowerCase().includes(q)), next: null });
  }
  if (p.startsWith('/api/accounts/'))
    return send(res, 404, {
      type: 'https://peakhub.io/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No such account.',
    });
  return send(res, 404, { type: 'https://peakhub.io/problems/not-found', title: 'Not Found', status: 404, detail: p });
}
const types = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.html': 'text/html' };
createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (url.pathname.startsWith('/api/')) return api(req, res, url, body);
    const file = join(root, url.pathname);
    const target = existsSync(file) && extname(file) ? file : join(root, 'index.html');
    res.writeHead(200, {
      'content-type': types[extname(target)] ?? 'application/octet-stream',
      'set-cookie': 'XSRF-TOKEN=t; Path=/',
    });
    res.end(readFileSync(target));
  });
}).listen(port, () => console.log(`mock on http://localhost:${port}`));
