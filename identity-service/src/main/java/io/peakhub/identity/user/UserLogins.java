package io.peakhub.identity.user;

import io.peakhub.identity.events.AccessEvents;
import io.peakhub.identity.keycloak.KeycloakAdmin;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enables and disables a user's login, here (where every service's access check reads it) and in
 * Keycloak (sign-in, sessions). Keycloak is called after the short transaction here, never inside
 * it; if Keycloak refuses, the change here is undone and announced again.
 */
@Service
class UserLogins {

  private static final Logger log = LoggerFactory.getLogger(UserLogins.class);

  private final PortalUsers users;
  private final KeycloakAdmin keycloak;
  private final AccessEvents events;
  private final TransactionTemplate tx;

  UserLogins(
      PortalUsers users,
      KeycloakAdmin keycloak,
      AccessEvents events,
      PlatformTransactionManager txManager) {
    this.users = users;
    this.keycloak = keycloak;
    this.events = events;
    this.tx = new TransactionTemplate(txManager);
  }

  PortalUsers.PortalUser setEnabled(String userId, boolean enabled, String actorId) {
    PortalUsers.PortalUser user =
        users.find(userId).orElseThrow(() -> new NotFoundException("User", userId));
    if (!enabled && user.id().equals(actorId)) {
      throw new InvalidInputException("userId", "You cannot disable your own login.");
    }
    write(userId, enabled, enabled ? "user enabled" : "user disabled");
    try {
      keycloak.setEnabled(userId, enabled);
    } catch (RuntimeException e) {
      try {
        write(
            userId,
            user.enabled(),
            "user " + (enabled ? "enable" : "disable") + " undone: Keycloak refused");
      } catch (RuntimeException undo) {
        log.error(
            "user {} is enabled={} here but not in Keycloak; fix by hand: {}",
            userId,
            enabled,
            undo.toString());
        e.addSuppressed(undo);
      }
      throw e;
    }
    return users.find(userId).orElseThrow();
  }

  private void write(String userId, boolean enabled, String why) {
    tx.executeWithoutResult(
        s -> {
          users.setEnabled(userId, enabled);
          events.changed(List.of(userId), why);
        });
  }
}
