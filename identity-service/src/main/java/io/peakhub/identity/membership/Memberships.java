package io.peakhub.identity.membership;

import io.peakhub.identity.events.AccessEvents;
import io.peakhub.identity.events.AccountManagerEvents;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Setting a user's memberships: the rows and the announcement, in one transaction. */
@Service
class Memberships {

  private final MembershipRepository memberships;
  private final AccessEvents events;
  private final AccountManagerEvents managerEvents;
  private final PersonNames names;
  private final Clock clock;

  Memberships(MembershipRepository memberships, AccessEvents events, AccountManagerEvents managerEvents, PersonNames names,
      Clock clock) {
    this.memberships = memberships;
    this.events = events;
    this.managerEvents = managerEvents;
    this.names = names;
    this.clock = clock;
  }

  @Transactional
  public List<Membership> replace(String userId, Relation relation, List<UUID> accountIds, String actor) {
    Set<UUID> managedBefore = new LinkedHashSet<>(memberships.managedBy(userId));
    memberships.replace(userId, relation, accountIds.stream().distinct().toList(), actor, clock.instant());
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
}
