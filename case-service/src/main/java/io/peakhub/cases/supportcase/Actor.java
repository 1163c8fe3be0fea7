package io.peakhub.cases.supportcase;

import io.peakhub.platform.security.CurrentUser;
import io.peakhub.platform.security.KeycloakRoles;

/**
 * Who makes a change: the person, and the admin acting for them when an admin is logged in as that
 * person; {@code manager}: an account manager (account executive), who opens cases only on behalf
 * of a contact.
 */
public record Actor(String id, String name, String impersonatorId, boolean agent, boolean manager) {

  /** case-service itself, for scheduled work (archiving). */
  static final Actor SYSTEM =
      new Actor("case-service", "case-service (automatic)", null, false, false);

  public static Actor current() {
    CurrentUser user = CurrentUser.get();
    boolean agent = user.hasRole(KeycloakRoles.SUCCESS_AGENT) || user.hasRole(KeycloakRoles.ADMIN);
    return new Actor(
        user.id(),
        user.username(),
        user.impersonatorId(),
        agent,
        !agent && user.hasRole(KeycloakRoles.ACCOUNT_EXECUTIVE));
  }
}
