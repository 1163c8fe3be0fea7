// What the profile grants -> what the UI shows. The API refuses the rest anyway; this only hides it.

export type Area = 'pay_invoices' | 'my_account' | 'my_subscriptions' | 'my_cases' | 'customer_accounts';
export type Level = 'none' | 'view' | 'create' | 'edit' | 'full';
export interface Grant {
  level: Level;
  scope: 'restricted' | 'all';
}
export type Grants = Partial<Record<Area, Grant>>;

const ORDER: Level[] = ['none', 'view', 'create', 'edit', 'full'];

export function allows(grants: Grants | null | undefined, area: Area, level: Level): boolean {
  const granted = grants?.[area]?.level ?? 'none';
  return ORDER.indexOf(granted) >= ORDER.indexOf(level);
}

export type TabId = 'my-account' | 'subscriptions' | 'cases' | 'success' | 'customer-accounts';

/** The admin console's screens, in the order the navigation lists them. */
export const ADMIN_TABS = [
  'users',
  'account-managers',
  'accounts',
  'profiles',
  'audit',
  'settings',
  'success-header',
] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export interface Person {
  roles: string[];
  grants: Grants;
  allAccounts: boolean;
  accounts: { accountId: string }[];
}

const STAFF_ROLES = ['account_executive', 'success_agent', 'admin'];

/** The admin console: admins only, and never while logged in as someone else (the token is the customer's then). */
export function isAdmin(person: Pick<Person, 'roles'>): boolean {
  return person.roles.includes('admin');
}

/** The Admin part of the navigation: empty for everyone but admins. */
export function adminTabs(person: Pick<Person, 'roles'>): AdminTab[] {
  return isAdmin(person) ? [...ADMIN_TABS] : [];
}

export function adminPath(tab: AdminTab): string {
  return `/admin/${tab}`;
}

export function isStaff(person: Person): boolean {
  return person.allAccounts || person.roles.some((r) => STAFF_ROLES.includes(r));
}

/** The left-hand tabs, in order; the account tabs only while an account is in focus. */
export function visibleTabs(person: Person, accountInFocus: boolean): TabId[] {
  const tabs: TabId[] = [];
  if (accountInFocus) {
    if (allows(person.grants, 'my_account', 'view')) tabs.push('my-account');
    if (allows(person.grants, 'my_subscriptions', 'view')) tabs.push('subscriptions');
    if (allows(person.grants, 'my_cases', 'view')) tabs.push('cases');
    // customer success (My Lists) shares My Cases' grant: scope all = the customer's case manager
    if (allows(person.grants, 'my_cases', 'view')) tabs.push('success');
  }
  if (isStaff(person) || allows(person.grants, 'customer_accounts', 'view')) tabs.push('customer-accounts');
  return tabs;
}

/** The header shows the balance at view level and the Pay Invoice button only when paying is allowed. */
export function headerControls(grants: Grants, canPay: boolean | undefined): { balance: boolean; pay: boolean } {
  return {
    balance: allows(grants, 'pay_invoices', 'view') || allows(grants, 'my_account', 'view'),
    pay: Boolean(canPay) && allows(grants, 'pay_invoices', 'create'),
  };
}

export function tabPath(tab: TabId, accountId: string | undefined): string {
  switch (tab) {
    case 'my-account':
      return `/accounts/${accountId}/my-account`;
    case 'subscriptions':
      return `/accounts/${accountId}/subscriptions`;
    case 'cases':
      return `/accounts/${accountId}/cases`;
    case 'success':
      return `/accounts/${accountId}/success`;
    case 'customer-accounts':
      return '/customer-accounts';
  }
}

/** Where "/" goes: a customer's first account (its first granted tab), staff to Customer Accounts. */
export function landingPath(person: Person): string {
  const first = person.accounts[0]?.accountId;
  if (isStaff(person) || !first) return '/customer-accounts';
  const tab = visibleTabs(person, true)[0];
  return tab ? tabPath(tab, first) : `/accounts/${first}/my-account`;
}
