package io.peakhub.cases.supportcase;

import io.peakhub.platform.security.CurrentUser;
import io.peakhub.platform.security.KeycloakRoles;

/** Who makes a change: the person, and the admin acting for them when an admin is logged in as that person. */
record Actor(String id, String name, String impersonatorId, boolean agent) {

  static Actor current() {
    CurrentUser user = CurrentUser.get();
    return new Actor(user.id(), user.username(), user.impersonatorId(),
        user.hasRole(KeycloakRoles.SUCCESS_AGENT) || user.hasRole(KeycloakRoles.ADMIN));
  }
}
