import { describe, expect, it } from 'vitest';
import {
  adminPath,
  adminTabs,
  allows,
  headerControls,
  landingPath,
  visibleTabs,
  type Grants,
  type Person,
} from './permissions';

const customer = (grants: Grants): Person => ({
  roles: ['customer'],
  grants,
  allAccounts: false,
  accounts: [{ accountId: 'a1' }],
});
const standard: Grants = {
  pay_invoices: { level: 'create', scope: 'all' },
  my_account: { level: 'edit', scope: 'all' },
  my_subscriptions: { level: 'view', scope: 'all' },
  my_cases: { level: 'create', scope: 'restricted' },
  customer_accounts: { level: 'none', scope: 'all' },
};

describe('allows', () => {
  it('orders levels none < view < create < edit < full', () => {
    expect(allows(standard, 'pay_invoices', 'create')).toBe(true);
    expect(allows(standard, 'pay_invoices', 'edit')).toBe(false);
    expect(allows({}, 'my_account', 'view')).toBe(false);
  });
});

describe('visibleTabs', () => {
  it('shows a standard customer the four account tabs, My Account first, and no Customer Accounts', () => {
    expect(visibleTabs(customer(standard), true)).toEqual(['my-account', 'subscriptions', 'cases', 'success']);
  });
  it('hides a tab whose area the profile does not grant', () => {
    const noAccount = { ...standard, my_account: { level: 'none', scope: 'all' } } as Grants;
    expect(visibleTabs(customer(noAccount), true)).toEqual(['subscriptions', 'cases', 'success']);
  });
  it('gives staff Customer Accounts, and the account tabs only with an account in focus', () => {
    const erin: Person = { roles: ['account_executive'], grants: standard, allAccounts: false, accounts: [] };
    expect(visibleTabs(erin, false)).toEqual(['customer-accounts']);
    expect(visibleTabs(erin, true)).toEqual(['my-account', 'subscriptions', 'cases', 'success', 'customer-accounts']);
  });
});

describe('headerControls', () => {
  it('shows Pay Invoice only at create level and when the account can pay', () => {
    expect(headerControls(standard, true)).toEqual({ balance: true, pay: true });
    expect(headerControls(standard, false).pay).toBe(false);
    const viewOnly: Grants = { pay_invoices: { level: 'view', scope: 'all' } };
    expect(headerControls(viewOnly, true)).toEqual({ balance: true, pay: false });
  });
});

describe('landingPath', () => {
  it('sends a customer to My Account of their first account and staff to Customer Accounts', () => {
    expect(landingPath(customer(standard))).toBe('/accounts/a1/my-account');
    expect(landingPath({ roles: ['admin'], grants: {}, allAccounts: true, accounts: [] })).toBe('/customer-accounts');
  });
  it('sends a customer without My Account to their first granted tab', () => {
    const noAccount = { ...standard, my_account: { level: 'none', scope: 'all' } } as Grants;
    expect(landingPath(customer(noAccount))).toBe('/accounts/a1/subscriptions');
  });
});

describe('adminTabs', () => {
  it('gives admins the five admin screens, in order, under /admin', () => {
    expect(adminTabs({ roles: ['admin'] })).toEqual([
      'users',
      'account-managers',
      'accounts',
      'profiles',
      'audit',
      'settings',
      'success-header',
    ]);
    expect(adminPath('users')).toBe('/admin/users');
  });
  it('gives customers, executives and agents no admin screen', () => {
    expect(adminTabs({ roles: ['customer'] })).toEqual([]);
    expect(adminTabs({ roles: ['account_executive'] })).toEqual([]);
    expect(adminTabs({ roles: ['success_agent'] })).toEqual([]);
  });
});
