package io.peakhub.subscription.subscription;

import io.peakhub.platform.security.CurrentUser;

/**
 * Who makes a write: the signed-in user, and the admin acting as them when an admin is logged in as
 * the customer (read only from the Keycloak-signed token's {@code impersonator} claim), or the
 * scheduler.
 */
record Actor(String by, String actingAdmin) {

  static final Actor RENEWALS = new Actor("system:renewals", null);

  static Actor current() {
    CurrentUser user = CurrentUser.get();
    return new Actor(user.username(), user.impersonatorId());
  }
}
