package io.peakhub.identity.user;

import io.peakhub.identity.keycloak.KeycloakAdmin;
import io.peakhub.identity.membership.Memberships;
import io.peakhub.identity.profile.Profiles;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.security.CurrentUser;
import io.peakhub.platform.security.WhileImpersonating;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users > All Users: search, filter, sort and page; view one; enable or disable; reset a password.
 */
@RestController
@PreAuthorize("hasRole('admin')")
class UserAdminController {

  record UserRow(
      String id,
      String username,
      String name,
      String email,
      String type,
      boolean enabled,
      String profile,
      List<String> accountIds) {}

  record UserPage(List<UserRow> items, long total, int page, int size) {}

  record ResetPassword(@NotBlank @Size(min = 8, max = 128) String password, Boolean temporary) {

    @Override
    public String toString() {
      return "ResetPassword[redacted]";
    }
  }

  private final PortalUsers users;
  private final UserLogins logins;
  private final Memberships memberships;
  private final Profiles profiles;
  private final KeycloakAdmin keycloak;

  UserAdminController(
      PortalUsers users,
      UserLogins logins,
      Memberships memberships,
      Profiles profiles,
      KeycloakAdmin keycloak) {
    this.users = users;
    this.logins = logins;
    this.memberships = memberships;
    this.profiles = profiles;
    this.keycloak = keycloak;
  }

  @GetMapping("/admin/users")
  UserPage list(
      @RequestParam(required = false) @Size(max = 100) String q,
      @RequestParam(required = false)
          @Pattern(regexp = "customer|account_executive|success_agent|admin")
          String type,
      @RequestParam(required = false) UUID accountId,
      @RequestParam(defaultValue = "name") @Pattern(regexp = "name|email|username|type")
          String sort,
      @RequestParam(defaultValue = "asc") @Pattern(regexp = "asc|desc") String direction,
      @RequestParam(defaultValue = "0") @jakarta.validation.constraints.Min(0) int page,
      @RequestParam(defaultValue = "25")
          @jakarta.validation.constraints.Min(1)
          @jakarta.validation.constraints.Max(100)
          int size) {
    PortalUsers.Page found =
        users.search(
            q,
            type,
            accountId == null ? null : memberships.userIdsIn(accountId),
            sort,
            direction.equals("desc"),
            page,
            size);
    return new UserPage(found.items().stream().map(this::row).toList(), found.total(), page, size);
  }

  @GetMapping("/admin/users/{userId}")
  UserRow get(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId) {
    return row(users.find(userId).orElseThrow(() -> new NotFoundException("User", userId)));
  }

  @PostMapping("/admin/users/{userId}/disable")
  UserRow disable(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId) {
    return row(logins.setEnabled(userId, false, CurrentUser.get().id()));
  }

  @PostMapping("/admin/users/{userId}/enable")
  UserRow enable(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId) {
    return row(logins.setEnabled(userId, true, CurrentUser.get().id()));
  }

  @PostMapping("/admin/users/{userId}/reset-password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void resetPassword(
      @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId,
      @Valid @RequestBody ResetPassword request) {
    WhileImpersonating.refuse("reset a password");
    users.find(userId).orElseThrow(() -> new NotFoundException("User", userId));
    keycloak.resetPassword(
        userId, request.password(), request.temporary() == null || request.temporary());
  }

  @PostMapping("/admin/users/sync")
  Map<String, Integer> sync() {
    return Map.of("users", users.syncAll());
  }

  private UserRow row(PortalUsers.PortalUser u) {
    List<String> accounts = memberships.accountIdsOf(u.id()).stream().map(UUID::toString).toList();
    String profile = profiles.ofUser(u.id(), List.of(u.type())).map(p -> p.name()).orElse(null);
    return new UserRow(
        u.id(), u.username(), u.name(), u.email(), u.type(), u.enabled(), profile, accounts);
  }
}
