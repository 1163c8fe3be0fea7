package io.peakhub.identity.membership;

import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
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

  record SetMemberships(
      @NotNull Relation relation, @NotNull @Size(max = 1000) List<@NotNull UUID> accountIds) {}

  record MembershipsView(String userId, List<Membership> memberships) {}

  private final Memberships memberships;

  MembershipAdminController(Memberships memberships) {
    this.memberships = memberships;
  }

  @PutMapping("/{userId}")
  MembershipsView set(
      @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId,
      @Valid @RequestBody SetMemberships request) {
    return new MembershipsView(
        userId,
        memberships.replace(
            userId, request.relation(), request.accountIds(), CurrentUser.get().username()));
  }

  @GetMapping("/{userId}")
  MembershipsView get(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId) {
    return new MembershipsView(userId, memberships.of(userId));
  }
}
