package io.peakhub.identity.manager;

import io.peakhub.identity.access.AccessEvents;
import io.peakhub.identity.keycloak.KeycloakAdmin;
import io.peakhub.identity.membership.AccountManagerEvents;
import io.peakhub.identity.user.PortalUsers;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account managers (SupportCenter Plus model): create with a login whose password goes to
 * Keycloak only, edit, delete one or many (confirmed), and associate with accounts: one manager
 * per account, many accounts per manager; assigning an account that has a manager moves it.
 */
@RestController
@PreAuthorize("hasRole('admin')")
class AccountManagerController {

  record CreateManager(@NotBlank @Size(max = 100) String name, @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,20}") String employeeId,
      @NotBlank @Email @Size(max = 254) String primaryEmail, @Size(max = 30) @Pattern(regexp = "[+0-9 ()./-]*") String phone,
      @Size(max = 30) @Pattern(regexp = "[+0-9 ()./-]*") String mobile,
      @NotBlank @Pattern(regexp = "[a-z0-9._-]{3,50}") String loginName,
      @NotBlank @Size(min = 8, max = 128) String password, @NotBlank String retypePassword) {

    @Override
    public String toString() {
      return "CreateManager[" + loginName + ", passwords redacted]";
    }
  }

  record EditManager(@NotBlank @Size(max = 100) String name, @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,20}") String employeeId,
      @NotBlank @Email @Size(max = 254) String primaryEmail, @Size(max = 30) @Pattern(regexp = "[+0-9 ()./-]*") String phone,
      @Size(max = 30) @Pattern(regexp = "[+0-9 ()./-]*") String mobile) {}

  record Accounts(@NotNull @Size(max = 5000) List<@NotNull UUID> accountIds) {}

  record ManagerView(String id, String name, String employeeId, String primaryEmail, String phone, String mobile,
      String loginName, List<UUID> accountIds) {}

  private record Row(String userId, String name, String employeeId, String primaryEmail, String phone, String mobile,
      String loginName) {}

  private static final String COLUMNS =
      "SELECT user_id, name, employee_id, primary_email, phone, mobile, login_name FROM account_manager";

  private final JdbcClient jdbc;
  private final KeycloakAdmin keycloak;
  private final PortalUsers users;
  private final AccessEvents events;
  private final AccountManagerEvents managerEvents;
  private final TransactionTemplate tx;
  private final Clock clock;

  AccountManagerController(JdbcClient jdbc, KeycloakAdmin keycloak, PortalUsers users, AccessEvents events,
      AccountManagerEvents managerEvents, PlatformTransactionManager txManager, Clock clock) {
    this.jdbc = jdbc;
    this.keycloak = keycloak;
    this.users = users;
    this.events = events;
    this.managerEvents = managerEvents;
    this.tx = new TransactionTemplate(txManager);
    this.clock = clock;
  }

  @GetMapping("/admin/account-managers")
  List<ManagerView> list() {
    return jdbc.sql(COLUMNS + " ORDER BY lower(name)").query(Row.class).list().stream().map(this::view).toList();
  }

  @GetMapping("/admin/account-managers/{managerId}")
  ManagerView get(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String managerId) {
    return view(find(managerId));
  }

  @PostMapping("/admin/account-managers")
  @ResponseStatus(HttpStatus.CREATED)
  public ManagerView create(@Valid @RequestBody CreateManager request) {
    if (!request.password().equals(request.retypePassword())) {
      throw new InvalidInputException("retypePassword", "The two passwords differ.");
    }
    if (taken("login_name", request.loginName(), null) || keycloak.findByUsername(request.loginName()).isPresent()) {
      throw new InvalidInputException("loginName", "The login name " + request.loginName() + " is taken.");
    }
    if (taken("employee_id", request.employeeId(), null)) {
      throw new InvalidInputException("employeeId", "Employee id " + request.employeeId() + " belongs to another manager.");
    }
    String[] names = splitName(request.name());
    String userId;
    try {
      userId = keycloak.createUser(request.loginName(), request.primaryEmail(), names[0], names[1], request.password(),
          "account_executive");
    } catch (ProblemException e) {
      if (e.slug().equals("login-taken")) {
        throw new InvalidInputException("loginName", "Keycloak already has a user with this login name or e-mail.");
      }
      throw e;
    }
    try {
      Instant now = clock.instant();
      tx.executeWithoutResult(s -> {
        jdbc.sql("""
                INSERT INTO account_manager (user_id, employee_id, name, primary_email, phone, mobile, login_name,
                                             created_at, created_by)
                VALUES (:id, :emp, :name, :email, :phone, :mobile, :login, :now, :by)""")
            .param("id", userId).param("emp", request.employeeId()).param("name", request.name())
            .param("email", request.primaryEmail()).param("phone", request.phone()).param("mobile", request.mobile())
            .param("login", request.loginName()).param("now", Timestamp.from(now))
            .param("by", CurrentUser.get().username()).update();
        users.upsert(new KeycloakAdmin.KeycloakUser(userId, request.loginName(), request.primaryEmail(), names[0],
            names[1], true, now.toEpochMilli()), List.of("account_executive"), now);
      });
    } catch (RuntimeException e) {
      // the database refused: take the new login away again, so nothing is half-written
      keycloak.deleteUser(userId);
      throw e;
    }
    return view(find(userId));
  }

  @PutMapping("/admin/account-managers/{managerId}")
  @Transactional
  public ManagerView edit(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String managerId,
      @Valid @RequestBody EditManager request) {
    Row existing = find(managerId);
    if (taken("employee_id", request.employeeId(), managerId)) {
      throw new InvalidInputException("employeeId", "Employee id " + request.employeeId() + " belongs to another manager.");
    }
    jdbc.sql("""
            UPDATE account_manager SET name = :name, employee_id = :emp, primary_email = :email, phone = :phone,
                   mobile = :mobile WHERE user_id = :id""")
        .param("name", request.name()).param("emp", request.employeeId()).param("email", request.primaryEmail())
        .param("phone", request.phone()).param("mobile", request.mobile()).param("id", managerId).update();
    if (!existing.name().equals(request.name())) {
      managerEvents.managedBy(accountsOf(managerId), managerId, request.name());
    }
    String[] names = splitName(request.name());
    if (!existing.primaryEmail().equalsIgnoreCase(request.primaryEmail()) || !existing.name().equals(request.name())) {
      keycloak.updateUser(managerId, Map.of("email", request.primaryEmail(), "firstName", names[0], "lastName", names[1]));
    }
    return view(find(managerId));
  }

  /** Deletes one or many managers: their logins, their rows, and their account assignments. */
  @DeleteMapping("/admin/account-managers")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Transactional
  public void delete(@RequestParam @Size(min = 1, max = 100) List<@Pattern(regexp = "[A-Za-z0-9-]{1,64}") String> ids,
      @RequestParam(defaultValue = "false") boolean confirm) {
    if (!confirm) {
      throw new InvalidInputException("confirm", "Deleting account managers removes their logins; send confirm=true.");
    }
    Set<String> unique = new LinkedHashSet<>(ids);
    unique.forEach(this::find);
    for (String id : unique) {
      managerEvents.unmanaged(accountsOf(id));
      jdbc.sql("DELETE FROM account_membership WHERE user_id = :id").param("id", id).update();
      jdbc.sql("DELETE FROM account_manager WHERE user_id = :id").param("id", id).update();
      users.delete(id);
    }
    events.changed(unique, "account manager deleted");
    // Keycloak last, inside the transaction: if it refuses, the rows come back and the logins stay
    for (String id : unique) {
      keycloak.deleteUser(id);
    }
  }

  @PutMapping("/admin/account-managers/{managerId}/accounts")
  @Transactional
  public ManagerView associate(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String managerId,
      @Valid @RequestBody Accounts request) {
    Row manager = find(managerId);
    Set<UUID> before = new LinkedHashSet<>(accountsOf(managerId));
    List<String> affected = new ArrayList<>(List.of(managerId));
    affected.addAll(jdbc.sql("""
            SELECT DISTINCT user_id FROM account_membership
            WHERE relation = 'manager' AND account_id IN (:accounts) AND user_id <> :id""")
        .param("accounts", request.accountIds().isEmpty() ? List.of(new UUID(0, 0)) : request.accountIds())
        .param("id", managerId).query(String.class).list());
    jdbc.sql("DELETE FROM account_membership WHERE user_id = :id AND relation = 'manager'").param("id", managerId).update();
    Timestamp now = Timestamp.from(clock.instant());
    String by = CurrentUser.get().username();
    for (UUID account : new LinkedHashSet<>(request.accountIds())) {
      // the account moves from its previous manager, if it had one
      jdbc.sql("DELETE FROM account_membership WHERE account_id = :a AND relation = 'manager'").param("a", account).update();
      jdbc.sql("""
              INSERT INTO account_membership (user_id, account_id, relation, created_at, created_by)
              VALUES (:id, :a, 'manager', :now, :by)""")
          .param("id", managerId).param("a", account).param("now", now).param("by", by).update();
    }
    events.changed(affected, "accounts assigned");
    Set<UUID> after = new LinkedHashSet<>(request.accountIds());
    before.removeAll(after);
    managerEvents.unmanaged(before);
    managerEvents.managedBy(after, managerId, manager.name());
    return view(find(managerId));
  }

  private List<UUID> accountsOf(String managerId) {
    return jdbc.sql("""
            SELECT account_id FROM account_membership WHERE user_id = :id AND relation = 'manager' ORDER BY account_id""")
        .param("id", managerId).query(UUID.class).list();
  }

  private Row find(String id) {
    return jdbc.sql(COLUMNS + " WHERE user_id = :id").param("id", id).query(Row.class).optional()
        .orElseThrow(() -> new NotFoundException("Account manager", id));
  }

  private boolean taken(String column, String value, String except) {
    return jdbc.sql("SELECT count(*) FROM account_manager WHERE lower(" + column + ") = lower(:v) AND user_id <> :id")
        .param("v", value).param("id", except == null ? "" : except).query(Integer.class).single() > 0;
  }

  private ManagerView view(Row r) {
    List<UUID> accounts = accountsOf(r.userId());
    return new ManagerView(r.userId(), r.name(), r.employeeId(), r.primaryEmail(), r.phone(), r.mobile(), r.loginName(),
        accounts);
  }

  private static String[] splitName(String name) {
    String trimmed = name.trim();
    int space = trimmed.lastIndexOf(' ');
    return space < 0 ? new String[] {trimmed, "-"} : new String[] {trimmed.substring(0, space), trimmed.substring(space + 1)};
  }
}
