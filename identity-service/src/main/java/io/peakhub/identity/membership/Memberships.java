package io.peakhub.identity.membership;

import io.peakhub.identity.events.AccessEvents;
import io.peakhub.identity.events.AccountManagerEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to or manages which account: the membership feature's API for the others (access,
 * users, managers, impersonation), over the account_membership rows only this package touches.
 * Setting a user's memberships writes the rows and the announcement in one transaction.
 */
@Service
public class Memberships {

  private final MembershipRepository memberships;
  private final AccessEvents events;
  private final AccountManagerEvents managerEvents;
  private final PersonNames names;
  private final Clock clock;

  Memberships(
      MembershipRepository memberships,
      AccessEvents events,
      AccountManagerEvents managerEvents,
      PersonNames names,
      Clock clock) {
    this.memberships = memberships;
    this.events = events;
    this.managerEvents = managerEvents;
    this.names = names;
    this.clock = clock;
  }

  @Transactional
  public List<Membership> replace(
      String userId, Relation relation, List<UUID> accountIds, String actor) {
    Set<UUID> managedBefore = new LinkedHashSet<>(memberships.managedBy(userId));
    memberships.replace(
        userId, relation, accountIds.stream().distinct().toList(), actor, clock.instant());
    events.changed(List.of(userId), "memberships changed");
    if (relation == Relation.manager) {
      Set<UUID> managed = new LinkedHashSet<>(accountIds);
      managedBefore.removeAll(managed);
      managerEvents.unmanaged(managedBefore);
      managerEvents.managedBy(managed, userId, names.nameOf(userId).orElse(null));
    }
    return memberships.membershipsOf(userId);
  }

  List<Membership> of(String userId) {
    return memberships.membershipsOf(userId);
  }

  public List<UUID> accountIdsOf(String userId) {
    return memberships.accountIdsOf(userId);
  }

  public List<String> userIdsIn(UUID accountId) {
    return memberships.userIdsIn(accountId);
  }

  public List<UUID> managedBy(String managerId) {
    return memberships.managedBy(managerId);
  }

  /** The other managers of these accounts, whom an assignment to {@code except} replaces. */
  public List<String> managersOf(Collection<UUID> accountIds, String except) {
    return memberships.managersOf(accountIds, except);
  }

  /** Within the caller's transaction: the caller announces the change. */
  public void assignManager(
      String managerId, Collection<UUID> accountIds, String actor, Instant now) {
    memberships.assignManager(managerId, accountIds, actor, now);
  }

  /**
   * Removes the user's memberships and answers them, for {@link #restore} if a later step fails.
   */
  public List<MembershipRecord> removeAll(String userId) {
    return memberships.removeAll(userId);
  }

  public void restore(List<MembershipRecord> removed) {
    memberships.restore(removed);
  }
}
