package io.peakhub.identity.impersonation;

import io.peakhub.identity.membership.Memberships;
import io.peakhub.identity.user.PortalUsers;
import io.peakhub.identity.user.PortalUsers.PortalUser;
import io.peakhub.platform.jdbc.RecordRows;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.security.CurrentUser;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records impersonations and the audit trail. Who may be impersonated is decided here too (the
 * gateway asks before exchanging; Keycloak's own permission is the second lock): customers and
 * account executives, enabled, never an admin.
 */
@Service
public class Impersonations {

  static final Set<String> TARGET_TYPES = Set.of("customer", "account_executive");
  static final Set<String> HOW = Set.of("exit", "expiry", "logout");

  private final JdbcClient jdbc;
  private final PortalUsers users;
  private final Memberships memberships;
  private final Clock clock;
  private final Duration maxLength;

  Impersonations(
      JdbcClient jdbc,
      PortalUsers users,
      Memberships memberships,
      Clock clock,
      @Value("${peakhub.impersonation.max-duration:PT30M}") Duration maxLength) {
    this.jdbc = jdbc;
    this.users = users;
    this.memberships = memberships;
    this.clock = clock;
    this.maxLength = maxLength;
  }

  /** Refuses targets that may not be impersonated: 403 {@code impersonation-not-allowed}. */
  public PortalUser requireImpersonable(String userId, CurrentUser admin) {
    PortalUser target = users.find(userId).orElseThrow(() -> new NotFoundException("User", userId));
    if (target.id().equals(admin.id())) {
      throw notAllowed("You cannot log in as yourself.");
    }
    if (!TARGET_TYPES.contains(target.type())) {
      throw notAllowed(
          "Only customers and account executives can be impersonated, not a user of type "
              + target.type()
              + ".");
    }
    if (!target.enabled()) {
      throw notAllowed("This user is disabled.");
    }
    return target;
  }

  private static ProblemException notAllowed(String detail) {
    return new ProblemException(HttpStatus.FORBIDDEN, "impersonation-not-allowed", detail);
  }

  @Transactional
  public ImpersonationSession start(
      String userId, String reason, String sourceAddress, CurrentUser admin) {
    PortalUser target = requireImpersonable(userId, admin);
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO impersonation_session (id, admin_id, admin_username, user_id, username, reason, source_address,
                                               started_at, expires_at)
            VALUES (:id, :admin, :adminName, :user, :username, :reason, :source, :now, :expires)""")
        .param("id", id)
        .param("admin", admin.id())
        .param("adminName", admin.username())
        .param("user", target.id())
        .param("username", target.username())
        .param("reason", reason)
        .param("source", sourceAddress)
        .param("now", Timestamp.from(now))
        .param("expires", Timestamp.from(now.plus(maxLength)))
        .update();
    audit("impersonation.started", target, admin.id(), id, reason, sourceAddress, now);
    return find(id).orElseThrow();
  }

  /**
   * Ends an impersonation. The admin who started it says how (exit, expiry, logout); any other
   * admin ending it is recorded as {@code ended_by_admin}. Ending an ended one answers it
   * unchanged.
   */
  @Transactional
  public ImpersonationSession end(UUID id, String how, CurrentUser caller) {
    ImpersonationSession session =
        find(id).orElseThrow(() -> new NotFoundException("Impersonation", id));
    if (!session.active()) {
      return session;
    }
    String recorded =
        caller.id().equals(session.adminId()) ? (how == null ? "exit" : how) : "ended_by_admin";
    if (!recorded.equals("ended_by_admin") && !HOW.contains(recorded)) {
      throw new ConflictException(
          "invalid-end", "An impersonation ends by exit, expiry or logout.");
    }
    Instant now = clock.instant();
    jdbc.sql(
            "UPDATE impersonation_session SET ended_at = :now, ended_how = :how, ended_by = :by WHERE id = :id AND ended_at IS NULL")
        .param("now", Timestamp.from(now))
        .param("how", recorded)
        .param("by", caller.id())
        .param("id", id)
        .update();
    PortalUser target =
        users
            .find(session.userId())
            .orElse(
                new PortalUser(
                    session.userId(), session.username(), null, null, null, false, "customer"));
    audit(
        "impersonation.ended",
        target,
        session.adminId(),
        id,
        recorded + (recorded.equals("ended_by_admin") ? " by " + caller.username() : ""),
        null,
        now);
    return find(id).orElseThrow();
  }

  public java.util.Optional<ImpersonationSession> find(UUID id) {
    return jdbc.sql("SELECT * FROM impersonation_session WHERE id = :id")
        .param("id", id)
        .query(RecordRows.of(ImpersonationSession.class))
        .optional();
  }

  public List<ImpersonationSession> list(Boolean active, int limit) {
    String where =
        active == null ? "" : active ? "WHERE ended_at IS NULL" : "WHERE ended_at IS NOT NULL";
    return jdbc.sql(
            "SELECT * FROM impersonation_session "
                + where
                + " ORDER BY started_at DESC, id LIMIT :limit")
        .param("limit", limit)
        .query(RecordRows.of(ImpersonationSession.class))
        .list();
  }

  private void audit(
      String action,
      PortalUser user,
      String actingAdmin,
      UUID sessionId,
      String detail,
      String source,
      Instant at) {
    // a Postgres array literal: a Java array would be expanded into a list of parameters
    String accounts =
        "{"
            + String.join(
                ",", memberships.accountIdsOf(user.id()).stream().map(UUID::toString).toList())
            + "}";
    jdbc.sql(
            """
            INSERT INTO audit_event (id, at, action, user_id, username, acting_admin, account_ids, session_id, detail,
                                     source_address)
            VALUES (:id, :at, :action, :user, :username, :admin, CAST(:accounts AS uuid[]), :session, :detail, :source)""")
        .param("id", UUID.randomUUID())
        .param("at", Timestamp.from(at))
        .param("action", action)
        .param("user", user.id())
        .param("username", user.username())
        .param("admin", actingAdmin)
        .param("accounts", accounts)
        .param("session", sessionId)
        .param("detail", detail)
        .param("source", source)
        .update();
  }

  /** The audit search; every filter optional, newest first. */
  public List<AuditEvent> search(
      String who,
      String actingAdmin,
      UUID accountId,
      String action,
      Instant from,
      Instant to,
      int limit) {
    List<String> where = new ArrayList<>();
    var sql = new StringBuilder("SELECT * FROM audit_event");
    if (who != null) {
      where.add("(user_id = :who OR username = :who)");
    }
    if (actingAdmin != null) {
      where.add("acting_admin = :admin");
    }
    if (accountId != null) {
      where.add(":account = ANY(account_ids)");
    }
    if (action != null) {
      where.add("action = :action");
    }
    if (from != null) {
      where.add("at >= :from");
    }
    if (to != null) {
      where.add("at < :to");
    }
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    sql.append(" ORDER BY at DESC, id LIMIT :limit");
    var statement = jdbc.sql(sql.toString()).param("limit", limit);
    if (who != null) {
      statement = statement.param("who", who);
    }
    if (actingAdmin != null) {
      statement = statement.param("admin", actingAdmin);
    }
    if (accountId != null) {
      statement = statement.param("account", accountId);
    }
    if (action != null) {
      statement = statement.param("action", action);
    }
    if (from != null) {
      statement = statement.param("from", Timestamp.from(from));
    }
    if (to != null) {
      statement = statement.param("to", Timestamp.from(to));
    }
    return statement.query((rs, n) -> event(rs)).list();
  }

  private static AuditEvent event(ResultSet rs) throws SQLException {
    Array accounts = rs.getArray("account_ids");
    List<UUID> ids =
        accounts == null
            ? List.of()
            : Arrays.stream((Object[]) accounts.getArray()).map(o -> (UUID) o).toList();
    return new AuditEvent(
        rs.getObject("id", UUID.class),
        rs.getTimestamp("at").toInstant(),
        rs.getString("action"),
        rs.getString("user_id"),
        rs.getString("username"),
        rs.getString("acting_admin"),
        ids,
        rs.getObject("session_id", UUID.class),
        rs.getString("detail"),
        rs.getString("source_address"));
  }
}
