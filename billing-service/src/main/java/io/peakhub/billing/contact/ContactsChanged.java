package io.peakhub.billing.contact;

/**
 * ContactsChanged.v1: someone changed an account's contacts; the body is both contacts after the
 * change.
 */
record ContactsChanged(ContactController.Contacts contacts) {

  static final String TYPE = "ContactsChanged.v1";
}
