// The first screen: who am I, which accounts, and the header (name, balance, Pay Invoice).
// Every call goes to the gateway with the session cookie; mutating calls echo the XSRF-TOKEN cookie.
'use strict';

const $ = (id) => document.getElementById(id);
let me = null;
let header = null;

function csrfToken() {
  const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options,
    headers: { Accept: 'application/json', ...(options.headers || {}) } });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const error = new Error(body?.detail || response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}

function money(amount, currency) {
  return new Intl.NumberFormat(navigator.language, { style: 'currency', currency }).format(Number(amount));
}

async function showHeader(accountId) {
  $('status').textContent = 'Loading the account…';
  try {
    header = await api(`/api/accounts/${accountId}/header`);
    $('account-name').textContent = header.accountName;
    $('balance').textContent = money(header.balance, header.currency);
    $('pay').hidden = !header.canPay;
    $('account-header').hidden = false;
    $('status').textContent = `Account ${header.accountNumber}`;
  } catch (e) {
    $('status').textContent = `The account could not be loaded: ${e.message}`;
  }
}

async function start() {
  try {
    me = await api('/api/me');
  } catch (e) {
    if (e.status === 401) {
      $('sign-in').hidden = false;
      $('status').textContent = 'Sign in to see your balance, invoices, subscriptions and cases.';
      return;
    }
    $('status').textContent = `The portal is not reachable right now: ${e.message}`;
    return;
  }
  $('user-name').textContent = me.name || me.username;
  $('sign-out').hidden = false;
  const select = $('account-select');
  for (const account of me.accounts) {
    select.add(new Option(`${account.name} (${account.accountNumber})`, account.accountId));
  }
  if (me.accounts.length === 0) {
    $('status').textContent = 'No account is linked to your login yet.';
    return;
  }
  select.addEventListener('change', () => showHeader(select.value));
  await showHeader(me.accounts[0].accountId);
}

$('pay').addEventListener('click', () => {
  $('pay-amount').value = header.balance;
  $('pay-form').hidden = false;
  $('pay-amount').focus();
});
$('pay-cancel').addEventListener('click', () => { $('pay-form').hidden = true; });
$('pay-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = crypto.randomUUID();
  try {
    await api(`/api/accounts/${header.accountId}/payments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrfToken(), 'Idempotency-Key': key },
      body: JSON.stringify({ amount: $('pay-amount').value, currency: header.currency }),
    });
    $('pay-form').hidden = true;
    $('status').textContent = 'Payment received. The balance updates in a moment.';
    setTimeout(() => showHeader(header.accountId), 1500);
  } catch (e) {
    $('status').textContent = `The payment was not taken: ${e.message}`;
  }
});
$('sign-out').addEventListener('click', () => {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/logout';
  form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: '_csrf', value: csrfToken() }));
  document.body.append(form);
  form.submit();
});

start();
