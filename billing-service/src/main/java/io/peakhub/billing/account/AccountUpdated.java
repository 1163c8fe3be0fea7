package io.peakhub.billing.account;

/**
 * AccountUpdated.v1's body: the account as stored after an admin created or changed it. Its
 * admin-defined field values are not part of the event (a change of only those still announces the
 * account as it is); contact changes are ContactsChanged.v1.
 */
public record AccountUpdated(
    String number, String name, String currency, String status, String locale) {

  public static final String TYPE = "AccountUpdated.v1";

  static AccountUpdated of(BillingAccount account) {
    return new AccountUpdated(
        account.number(), account.name(), account.currency(), account.status(), account.locale());
  }
}
