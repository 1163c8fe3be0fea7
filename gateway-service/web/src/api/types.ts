// Shapes of the portal-bff screen API (../../../../BFF-CONTRACT in the issue; billing's view records passed through).
import type { Grants } from '../lib/permissions';

export type Decimal = number | string;

export interface Me {
  userId: string;
  username: string;
  name: string | null;
  locale: string | null;
  roles: string[];
  allAccounts: boolean;
  accounts: { accountId: string; accountNumber: string; name: string }[];
  grants: Grants;
  impersonatorId: string | null;
}

export interface Header {
  accountId: string;
  accountNumber: string;
  accountName: string;
  currency: string;
  balance: Decimal;
  creditBalance: Decimal;
  lastPaymentAmount: Decimal | null;
  lastPaymentAt: string | null;
  canPay: boolean;
  asOf: string | null;
}

export interface Section<T> {
  status: 'ok' | 'unavailable';
  data: T | null;
  detail: string | null;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface AccountSummary {
  accountId: string;
  accountNumber: string;
  name: string;
  currency: string;
  status: string;
  balance: Decimal;
  creditBalance: Decimal;
  lastPaymentAmount: Decimal | null;
  lastPaymentAt: string | null;
  lastInvoiceDate: string | null;
}

export interface Invoice {
  id: string;
  accountId: string;
  number: string;
  invoiceDate: string;
  dueDate: string;
  amount: Decimal;
  balance: Decimal;
  status: 'open' | 'paid' | 'overdue' | 'void' | string;
  currency: string;
}

export interface InvoiceDetail extends Invoice {
  lines?: { description: string; quantity?: Decimal; unitPrice?: Decimal; amount: Decimal }[];
}

/** A payment in a list: billing's PaymentView or its history summary (which names the method). */
export interface Payment {
  id: string;
  accountId?: string;
  amount: Decimal;
  currency: string;
  status: 'succeeded' | 'pending' | 'failed' | string;
  createdAt: string;
  method?: string | null;
  allocations?: { invoiceId: string; amount: Decimal }[];
  invoices?: { invoiceId: string; number: string; amount: Decimal }[];
  toCredit?: Decimal | null;
}

export interface PaymentMethod {
  id: string;
  type: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  holder: string | null;
  isDefault: boolean;
  expired: boolean;
}

export interface Contact {
  name: string;
  email: string;
  phone: string | null;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string | null;
  region: string | null;
  country: string;
}

export interface MyAccount {
  account: Section<AccountSummary>;
  invoices: Section<Page<Invoice>>;
  paymentMethods: Section<PaymentMethod[]>;
  payments: Section<Page<Payment>>;
  contacts: Section<{ billTo: Contact | null; soldTo: Contact | null }>;
  permissions: { pay: boolean; managePaymentMethods: boolean; editContacts: boolean };
  /** The admin-defined account fields with this account's values (absent from an older portal-bff). */
  fields?: Section<AccountFieldValue[]>;
}

export type AccountFieldType = 'text' | 'number' | 'date' | 'picklist';

/** One admin-defined field of an account and its value (billing's GET /accounts/{id}/fields). */
export interface AccountFieldValue {
  name: string;
  label: string;
  type: AccountFieldType;
  options?: string[];
  required?: boolean;
  value: string | null;
}

/** Credit balance applied to invoices; {@code account} holds the account's numbers after it. */
export interface CreditApplication {
  id: string;
  amount: Decimal;
  currency: string;
  appliedAt: string;
  invoices: { invoiceId: string; number: string; amount: Decimal }[];
  account: AccountSummary;
}

export interface PayScreen {
  currency: string;
  balance: Decimal;
  creditBalance: Decimal;
  openInvoices: Invoice[];
  paymentMethods: PaymentMethod[];
  canPay: boolean;
}

export interface CardToken {
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface CustomerAccountRow {
  accountId: string;
  accountNumber: string;
  name: string;
  currency: string;
  balance: Decimal;
  creditBalance: Decimal;
  overdueAmount: Decimal;
  lastPaymentAt: string | null;
  status: 'active' | 'inactive' | string;
  accountManager: string | null;
  activeSubscriptions: number;
  monthlyRecurringRevenue: Decimal;
  /** Cases not closed, from case-service's events (cases imported without events are not counted). */
  openCases?: number;
}

// My Subscriptions: subscription-service's SubscriptionView and Quote, as portal-bff passes them on.
export interface Subscription {
  id: string;
  accountId: string;
  number: string;
  productCode: string;
  planCode: string;
  planName: string;
  billingPeriod: 'monthly' | 'quarterly' | 'annual' | string;
  currency: string;
  unitPrice: Decimal;
  quantity: number;
  addOns: { code: string; name: string; quantity: number; unitPrice: Decimal; billingPeriod: string }[];
  status: 'trial' | 'active' | 'paused' | 'cancelled' | 'expired' | string;
  startDate: string;
  currentTermStart: string | null;
  currentTermEnd: string | null;
  nextRenewalDate: string | null;
  autoRenew: boolean;
  pausedOn: string | null;
  cancelAtTermEnd: boolean;
  cancellationDate: string | null;
  cancellationReason: string | null;
  cancellationComment: string | null;
  scheduledChange: { planCode: string; planName: string; quantity: number; effectiveDate: string } | null;
  monthlyRecurringRevenue: Decimal;
}

export interface SubscriptionPermissions {
  add: boolean;
  change: boolean;
  pauseResume: boolean;
  cancel: boolean;
}

export interface MySubscriptions {
  subscriptions: Section<Subscription[]>;
  totals: Section<{ activeSubscriptions: number; monthlyRecurringRevenue: Decimal; currency: string | null }>;
  accountActive: boolean;
  permissions: SubscriptionPermissions;
}

export interface Plan {
  id: string;
  code: string;
  productCode: string;
  productName: string;
  name: string;
  billingPeriod: string;
  currency: string;
  unitPrice: Decimal;
  trialDays: number;
}

export interface SubscriptionScreen {
  subscription: Subscription;
  plans: Section<Plan[]>;
  cancellationReasons: string[];
  accountActive: boolean;
  permissions: SubscriptionPermissions;
}

export interface ChargeLine {
  kind: 'credit' | 'charge' | 'next_renewal' | string;
  description: string;
  itemCode: string;
  quantity: number;
  unitPrice: Decimal;
  from: string;
  to: string;
  days: number;
  termDays: number;
  amount: Decimal;
}

export interface Quote {
  when: 'now' | 'term_end';
  effectiveDate: string;
  currency: string;
  lines: ChargeLine[];
  amountDueNow: Decimal;
  amountAtNextRenewal: Decimal;
  nextRenewalDate: string | null;
}

/** What every subscription change answers: the subscription after it (and a quote or lines where money moves). */
export interface SubscriptionChanged {
  subscription: Subscription;
  quote?: Quote;
  lines?: ChargeLine[];
  amountDueNow?: Decimal | null;
}
