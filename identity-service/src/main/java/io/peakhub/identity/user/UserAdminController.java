package io.peakhub.identity.user;

import io.peakhub.identity.access.AccessEvents;
import io.peakhub.identity.keycloak.KeycloakAdmin;
import io.peakhub.identity.profile.ProfileRepository;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users > All Users: search, filter, sort and page; view one; enable or disable; reset a password. */
@RestController
@PreAuthorize("hasRole('admin')")
class UserAdminController {

  record UserRow(String id, String username, String name, String email, String type, boolean enabled, String profile,
      List<String> accountIds) {}

  record UserPage(List<UserRow> items, long total, int page, int size) {}

  record ResetPassword(@NotBlank @Size(min = 8, max = 128) String password, Boolean temporary) {

    @Override
    public String toString() {
      return "ResetPassword[redacted]";
    }
  }

  private static final Map<String, List<String>> SORTS = Map.of(
      "name", List.of("lower(coalesce(u.last_name, u.username))", "lower(coalesce(u.first_name, ''))"),
      "email", List.of("lower(u.email)"), "username", List.of("u.username"), "type", List.of("u.type"));

  private final JdbcClient jdbc;
  private final PortalUsers users;
  private final ProfileRepository profiles;
  private final KeycloakAdmin keycloak;
  private final AccessEvents events;

  UserAdminController(JdbcClient jdbc, PortalUsers users, ProfileRepository profiles, KeycloakAdmin keycloak,
      AccessEvents events) {
    this.jdbc = jdbc;
    this.users = users;
    this.profiles = profiles;
    this.keycloak = keycloak;
    this.events = events;
  }

  @GetMapping("/admin/users")
  UserPage list(@RequestParam(required = false) @Size(max = 100) String q,
      @RequestParam(required = false) @Pattern(regexp = "customer|account_executive|success_agent|admin") String type,
      @RequestParam(required = false) UUID accountId,
      @RequestParam(defaultValue = "name") @Pattern(regexp = "name|email|username|type") String sort,
      @RequestParam(defaultValue = "asc") @Pattern(regexp = "asc|desc") String direction,
      @RequestParam(defaultValue = "0") @jakarta.validation.constraints.Min(0) int page,
      @RequestParam(defaultValue = "25") @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(100) int size) {
    StringBuilder where = new StringBuilder(" WHERE u.type <> 'service'");
    Map<String, Object> params = new HashMap<>();
    if (q != null && !q.isBlank()) {
      where.append(" AND (u.username ILIKE :q OR u.email ILIKE :q OR (coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) ILIKE :q)");
      params.put("q", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (type != null) {
      where.append(" AND u.type = :type");
      params.put("type", type);
    }
    if (accountId != null) {
      where.append(" AND EXISTS (SELECT 1 FROM account_membership m WHERE m.user_id = u.id AND m.account_id = :acc)");
      params.put("acc", accountId);
    }
    long total = jdbc.sql("SELECT count(*) FROM portal_user u" + where).params(params).query(Long.class).single();
    String order = String.join(", ", SORTS.get(sort).stream().map(e -> e + " " + direction).toList()) + ", u.id";
    List<PortalUsers.PortalUser> rows = jdbc.sql("SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.enabled, u.type"
            + " FROM portal_user u" + where + " ORDER BY " + order + " LIMIT :size OFFSET :offset")
        .params(params).param("size", size).param("offset", (long) page * size)
        .query(PortalUsers.PortalUser.class).list();
    return new UserPage(rows.stream().map(this::row).toList(), total, page, size);
  }

  @GetMapping("/admin/users/{userId}")
  UserRow get(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId) {
    return row(users.find(userId).orElseThrow(() -> new NotFoundException("User", userId)));
  }

  @PostMapping("/admin/users/{userId}/disable")
  @Transactional
  public UserRow disable(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId) {
    return setEnabled(userId, false);
  }

  @PostMapping("/admin/users/{userId}/enable")
  @Transactional
  public UserRow enable(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId) {
    return setEnabled(userId, true);
  }

  @PostMapping("/admin/users/{userId}/reset-password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void resetPassword(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId,
      @Valid @RequestBody ResetPassword request) {
    users.find(userId).orElseThrow(() -> new NotFoundException("User", userId));
    keycloak.resetPassword(userId, request.password(), request.temporary() == null || request.temporary());
  }

  @PostMapping("/admin/users/sync")
  Map<String, Integer> sync() {
    return Map.of("users", users.syncAll());
  }

  private UserRow setEnabled(String userId, boolean enabled) {
    PortalUsers.PortalUser user = users.find(userId).orElseThrow(() -> new NotFoundException("User", userId));
    if (!enabled && user.id().equals(CurrentUser.get().id())) {
      throw new InvalidInputException("userId", "You cannot disable your own login.");
    }
    users.setEnabled(userId, enabled);
    events.changed(List.of(userId), enabled ? "user enabled" : "user disabled");
    // Keycloak last: if it refuses, the transaction rolls back and nothing changed
    keycloak.setEnabled(userId, enabled);
    return row(users.find(userId).orElseThrow());
  }

  private UserRow row(PortalUsers.PortalUser u) {
    List<String> accounts = jdbc.sql("SELECT account_id::text FROM account_membership WHERE user_id = :u ORDER BY account_id")
        .param("u", u.id()).query(String.class).list();
    String profile = profiles.ofUser(u.id(), List.of(u.type())).map(p -> p.name()).orElse(null);
    return new UserRow(u.id(), u.username(), u.name(), u.email(), u.type(), u.enabled(), profile, accounts);
  }
}
