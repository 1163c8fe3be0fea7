package io.peakhub.identity.manager;

import io.peakhub.identity.events.AccessEvents;
import io.peakhub.identity.events.AccountManagerEvents;
import io.peakhub.identity.keycloak.KeycloakAdmin;
import io.peakhub.identity.membership.MembershipRecord;
import io.peakhub.identity.membership.Memberships;
import io.peakhub.identity.user.PortalUsers;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.problem.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Account managers across the two places they live: the login in Keycloak, the details, account
 * assignments and user mirror here. Keycloak is never called inside a database transaction: each
 * change is a short transaction here and a Keycloak call after (or before) it, and when the second
 * step fails the first is undone (compensation), one manager at a time. So a failure part-way
 * through deleting several managers leaves each either fully deleted or fully kept.
 */
@Service
class AccountManagers {

  private static final Logger log = LoggerFactory.getLogger(AccountManagers.class);
  private static final String ROLE = "account_executive";
  private static final Duration RETRY_KEYCLOAK = Duration.ofSeconds(10);

  /** What an admin enters for a manager; the login name and password only when creating. */
  record Details(
      String name, String employeeId, String primaryEmail, String phone, String mobile) {}

  /** What one manager's removal took away here, to put back if Keycloak keeps the login. */
  private record Removed(
      AccountManager manager,
      List<MembershipRecord> memberships,
      Optional<PortalUsers.PortalUser> mirror) {}

  private final AccountManagerRepository managers;
  private final Memberships memberships;
  private final PortalUsers users;
  private final KeycloakAdmin keycloak;
  private final AccessEvents events;
  private final AccountManagerEvents managerEvents;
  private final TransactionTemplate tx;
  private final Clock clock;

  AccountManagers(
      AccountManagerRepository managers,
      Memberships memberships,
      PortalUsers users,
      KeycloakAdmin keycloak,
      AccessEvents events,
      AccountManagerEvents managerEvents,
      PlatformTransactionManager txManager,
      Clock clock) {
    this.managers = managers;
    this.managerEvents = managerEvents;
    this.memberships = memberships;
    this.users = users;
    this.keycloak = keycloak;
    this.events = events;
    this.tx = new TransactionTemplate(txManager);
    this.clock = clock;
  }

  List<ManagerView> list() {
    return managers.all().stream().map(this::view).toList();
  }

  ManagerView get(String managerId) {
    return view(find(managerId));
  }

  /**
   * Keycloak first (it answers the user id); if the rows here cannot be written, the new login is
   * deleted again.
   */
  ManagerView create(Details details, String loginName, String password, String actor) {
    if (managers.loginNameTaken(loginName) || keycloak.findByUsername(loginName).isPresent()) {
      throw new InvalidInputException("loginName", "The login name " + loginName + " is taken.");
    }
    if (managers.employeeIdTaken(details.employeeId(), null)) {
      throw new InvalidInputException(
          "employeeId", "Employee id " + details.employeeId() + " belongs to another manager.");
    }
    String[] names = splitName(details.name());
    String userId;
    try {
      userId =
          keycloak.createUser(
              loginName, details.primaryEmail(), names[0], names[1], password, ROLE);
    } catch (ProblemException e) {
      if (e.slug().equals("login-taken")) {
        throw new InvalidInputException(
            "loginName", "Keycloak already has a user with this login name or e-mail.");
      }
      throw e;
    }
    Instant now = clock.instant();
    try {
      tx.executeWithoutResult(
          s -> {
            managers.insert(
                new AccountManager(
                    userId,
                    details.name(),
                    details.employeeId(),
                    details.primaryEmail(),
                    details.phone(),
                    details.mobile(),
                    loginName,
                    null,
                    actor),
                now);
            users.upsert(
                new KeycloakAdmin.KeycloakUser(
                    userId,
                    loginName,
                    details.primaryEmail(),
                    names[0],
                    names[1],
                    true,
                    now.toEpochMilli()),
                List.of(ROLE),
                now);
          });
    } catch (RuntimeException e) {
      // compensation: the rows were refused, so the login goes again and nothing is half-written
      undo(e, "delete the new login " + userId, () -> keycloak.deleteUser(userId));
      throw e;
    }
    return get(userId);
  }

  /**
   * The rows first; if Keycloak then refuses the new name or e-mail, the rows get their old values
   * back.
   */
  ManagerView edit(String managerId, Details details) {
    AccountManager before = find(managerId);
    if (managers.employeeIdTaken(details.employeeId(), managerId)) {
      throw new InvalidInputException(
          "employeeId", "Employee id " + details.employeeId() + " belongs to another manager.");
    }
    AccountManager after =
        new AccountManager(
            managerId,
            details.name(),
            details.employeeId(),
            details.primaryEmail(),
            details.phone(),
            details.mobile(),
            before.loginName(),
            before.createdAt(),
            before.createdBy());
    tx.executeWithoutResult(s -> rename(after, before));
    if (!before.primaryEmail().equalsIgnoreCase(after.primaryEmail())
        || !before.name().equals(after.name())) {
      String[] names = splitName(after.name());
      try {
        keycloak.updateUser(
            managerId,
            Map.of("email", after.primaryEmail(), "firstName", names[0], "lastName", names[1]));
      } catch (RuntimeException e) {
        undo(
            e,
            "restore the details of " + managerId,
            () -> tx.executeWithoutResult(s -> rename(before, after)));
        throw e;
      }
    }
    return get(managerId);
  }

  /**
   * Deletes the managers one by one: their rows, assignments and mirror here (one transaction),
   * then their login in Keycloak. If Keycloak fails for one, that manager's rows are put back and
   * the ones after it are not touched; the answer lists which were deleted and which were not.
   */
  void delete(Collection<String> ids) {
    Set<String> unique = new LinkedHashSet<>(ids);
    unique.forEach(this::find);
    List<String> deleted = new ArrayList<>();
    for (String id : unique) {
      Removed removed = tx.execute(s -> removeHere(id));
      try {
        keycloak.deleteUser(id);
      } catch (RuntimeException e) {
        undo(
            e,
            "restore account manager " + id,
            () -> tx.executeWithoutResult(s -> restoreHere(removed)));
        if (!(e instanceof ProblemException)) {
          throw e;
        }
        List<String> notDeleted =
            unique.stream().filter(other -> !deleted.contains(other)).toList();
        throw new ServiceUnavailableException(
                "Keycloak",
                "Keycloak did not delete the login of account manager "
                    + id
                    + ". Deleted: "
                    + deleted.size()
                    + " of "
                    + unique.size()
                    + "; "
                    + id
                    + (notDeleted.size() > 1 ? " and the managers after it are" : " is")
                    + " unchanged. Try again for those.",
                RETRY_KEYCLOAK)
            .with("deleted", deleted)
            .with("notDeleted", notDeleted);
      }
      deleted.add(id);
    }
  }

  /**
   * Database only: one manager per account, so an account that had another manager moves to this
   * one.
   */
  @Transactional
  public ManagerView associate(String managerId, List<UUID> accountIds, String actor) {
    AccountManager manager = find(managerId);
    Set<UUID> before = new LinkedHashSet<>(memberships.managedBy(managerId));
    List<String> affected = new ArrayList<>(List.of(managerId));
    affected.addAll(memberships.managersOf(accountIds, managerId));
    memberships.assignManager(managerId, accountIds, actor, clock.instant());
    events.changed(affected, "accounts assigned");
    Set<UUID> after = new LinkedHashSet<>(accountIds);
    before.removeAll(after);
    managerEvents.unmanaged(before);
    managerEvents.managedBy(after, managerId, manager.name());
    return get(managerId);
  }

  /**
   * New details; the accounts this manager manages are announced with the new name when it changed.
   */
  private void rename(AccountManager now, AccountManager was) {
    managers.updateDetails(now);
    if (!now.name().equals(was.name())) {
      managerEvents.managedBy(memberships.managedBy(now.userId()), now.userId(), now.name());
    }
  }

  private Removed removeHere(String id) {
    AccountManager manager = find(id);
    managerEvents.unmanaged(memberships.managedBy(id));
    Optional<PortalUsers.PortalUser> mirror = users.find(id);
    List<MembershipRecord> removedMemberships = memberships.removeAll(id);
    managers.delete(id);
    users.delete(id);
    events.changed(List.of(id), "account manager deleted");
    return new Removed(manager, removedMemberships, mirror);
  }

  private void restoreHere(Removed removed) {
    AccountManager m = removed.manager();
    Instant now = clock.instant();
    managers.insert(m, now);
    memberships.restore(removed.memberships());
    managerEvents.managedBy(memberships.managedBy(m.userId()), m.userId(), m.name());
    removed
        .mirror()
        .ifPresent(
            u ->
                users.upsert(
                    new KeycloakAdmin.KeycloakUser(
                        u.id(),
                        u.username(),
                        u.email(),
                        u.firstName(),
                        u.lastName(),
                        u.enabled(),
                        null),
                    List.of(u.type()),
                    now));
    events.changed(List.of(m.userId()), "account manager kept: Keycloak did not delete the login");
  }

  /**
   * Runs a compensation; if that fails too, says loudly what is left inconsistent, and keeps the
   * first error.
   */
  private static void undo(RuntimeException cause, String what, Runnable compensation) {
    try {
      compensation.run();
      log.warn("undone after a failure ({}): {}", cause.toString(), what);
    } catch (RuntimeException e) {
      log.error("could not {} after a failure ({}); fix by hand: {}", what, cause, e.toString());
      cause.addSuppressed(e);
    }
  }

  private AccountManager find(String id) {
    return managers.find(id).orElseThrow(() -> new NotFoundException("Account manager", id));
  }

  private ManagerView view(AccountManager m) {
    return new ManagerView(
        m.userId(),
        m.name(),
        m.employeeId(),
        m.primaryEmail(),
        m.phone(),
        m.mobile(),
        m.loginName(),
        memberships.managedBy(m.userId()));
  }

  private static String[] splitName(String name) {
    String trimmed = name.trim();
    int space = trimmed.lastIndexOf(' ');
    return space < 0
        ? new String[] {trimmed, "-"}
        : new String[] {trimmed.substring(0, space), trimmed.substring(space + 1)};
  }
}
