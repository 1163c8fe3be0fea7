package io.peakhub.identity.membership;

import io.peakhub.identity.events.AccessEvents;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Setting a user's memberships: the rows and the announcement, in one transaction. */
@Service
class Memberships {

  private final MembershipRepository memberships;
  private final AccessEvents events;
  private final Clock clock;

  Memberships(MembershipRepository memberships, AccessEvents events, Clock clock) {
    this.memberships = memberships;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public List<Membership> replace(String userId, Relation relation, List<UUID> accountIds, String actor) {
    memberships.replace(userId, relation, accountIds.stream().distinct().toList(), actor, clock.instant());
    events.changed(List.of(userId), "memberships changed");
    return memberships.membershipsOf(userId);
  }

  List<Membership> of(String userId) {
    return memberships.membershipsOf(userId);
  }
}
