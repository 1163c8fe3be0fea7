package io.peakhub.identity.events;

import io.peakhub.platform.outbox.Outbox;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces on identity.account-manager who manages an account now (one event per account, keyed by
 * it), in the transaction of the change (manager assignments and manager memberships alike):
 * portal-bff shows the manager's name in Customer Accounts. A manager id and name of null mean the
 * account has no manager any more.
 */
@Component
public class AccountManagerEvents {

  public static final String TOPIC = "identity.account-manager";

  public record AccountManagerChanged(UUID accountId, String managerId, String managerName) {}

  private final Outbox outbox;

  AccountManagerEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void managedBy(Collection<UUID> accounts, String managerId, String managerName) {
    for (UUID account : accounts) {
      outbox.append(
          TOPIC,
          account.toString(),
          "AccountManagerChanged.v1",
          new AccountManagerChanged(account, managerId, managerName));
    }
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void unmanaged(Collection<UUID> accounts) {
    managedBy(accounts, null, null);
  }
}
