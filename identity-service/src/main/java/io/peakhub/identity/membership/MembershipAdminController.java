package io.peakhub.identity.membership;

import io.peakhub.identity.events.AccessEvents;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
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
  private final Clock clock;

  MembershipAdminController(MembershipRepository memberships, AccessEvents events, Clock clock) {
    this.memberships = memberships;
    this.events = events;
    this.clock = clock;
  }

  @PutMapping("/{userId}")
  @Transactional
  public MembershipsView set(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId,
      @Valid @RequestBody SetMemberships request) {
    memberships.replace(userId, request.relation(), request.accountIds().stream().distinct().toList(),
        CurrentUser.get().username(), clock.instant());
    events.changed(List.of(userId), "memberships changed");
    return new MembershipsView(userId, memberships.membershipsOf(userId));
  }

  @GetMapping("/{userId}")
  public MembershipsView get(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId) {
    return new MembershipsView(userId, memberships.membershipsOf(userId));
  }
}
