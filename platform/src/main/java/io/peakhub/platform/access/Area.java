package io.peakhub.platform.access;

/** The parts of the portal a profile grants access to. */
public enum Area {
  /** the header balance and the Pay Invoice button */
  pay_invoices,
  my_account,
  my_subscriptions,
  my_cases,
  customer_accounts
}
