package io.peakhub.identity.membership;

import io.peakhub.identity.access.AccessEvents;
import io.peakhub.identity.user.PortalUsers;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins set which accounts a user belongs to (the demo seeder uses this too). */
@RestController
@RequestMapping("/admin/memberships")
@PreAuthorize("hasRole('admin')")
class MembershipAdminController {

  record SetMemberships(@NotNull Relation relation, @NotNull @Size(max = 1000) List<@NotNull UUID> accountIds) {}

  record MembershipsView(String userId, List<Membership> memberships) {}

  private final MembershipRepository memberships;
  private final AccessEvents events;
  private final AccountManagerEvents managerEvents;
  private final PortalUsers users;
  private final Clock clock;

  MembershipAdminController(MembershipRepository memberships, AccessEvents events, AccountManagerEvents managerEvents,
      PortalUsers users, Clock clock) {
    this.memberships = memberships;
    this.events = events;
    this.managerEvents = managerEvents;
    this.users = users;
    this.clock = clock;
  }

  @PutMapping("/{userId}")
  @Transactional
  public MembershipsView set(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId,
      @Valid @RequestBody SetMemberships request) {
    Set<UUID> managedBefore = new LinkedHashSet<>();
    memberships.membershipsOf(userId).stream().filter(m -> m.relation().equals(Relation.manager.name()))
        .forEach(m -> managedBefore.add(m.accountId()));
    memberships.replace(userId, request.relation(), request.accountIds().stream().distinct().toList(),
        CurrentUser.get().username(), clock.instant());
    events.changed(List.of(userId), "memberships changed");
    if (request.relation() == Relation.manager) {
      Set<UUID> managed = new LinkedHashSet<>(request.accountIds());
      managedBefore.removeAll(managed);
      managerEvents.unmanaged(managedBefore);
      managerEvents.managedBy(managed, userId, users.find(userId).map(PortalUsers.PortalUser::name).orElse(null));
    }
    return new MembershipsView(userId, memberships.membershipsOf(userId));
  }

  @GetMapping("/{userId}")
  public MembershipsView get(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId) {
    return new MembershipsView(userId, memberships.membershipsOf(userId));
  }
}
