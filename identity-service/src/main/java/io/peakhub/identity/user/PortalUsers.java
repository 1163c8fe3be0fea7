package io.peakhub.identity.user;

import io.peakhub.identity.keycloak.KeycloakAdmin;
import io.peakhub.identity.keycloak.KeycloakAdmin.KeycloakUser;
import io.peakhub.identity.membership.PersonNames;
import io.peakhub.platform.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/** The mirror of Keycloak's users: refreshed every few minutes and after every change made here. */
@Service
public class PortalUsers implements PersonNames {

  private static final Logger log = LoggerFactory.getLogger(PortalUsers.class);
  private static final List<String> TYPES =
      List.of("admin", "success_agent", "account_executive", "customer");

  public record PortalUser(
      String id,
      String username,
      String email,
      String firstName,
      String lastName,
      boolean enabled,
      String type) {

    public String name() {
      String n =
          ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
      return n.isEmpty() ? username : n;
    }
  }

  /** One page of users and how many match in all. */
  public record Page(List<PortalUser> items, long total) {}

  private static final Map<String, List<String>> SORTS =
      Map.of(
          "name",
          List.of("lower(coalesce(u.last_name, u.username))", "lower(coalesce(u.first_name, ''))"),
          "email",
          List.of("lower(u.email)"),
          "username",
          List.of("u.username"),
          "type",
          List.of("u.type"));

  private final JdbcClient jdbc;
  private final KeycloakAdmin keycloak;
  private final Clock clock;

  PortalUsers(JdbcClient jdbc, KeycloakAdmin keycloak, Clock clock) {
    this.jdbc = jdbc;
    this.keycloak = keycloak;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${peakhub.identity.sync.initial-delay-ms:3000}",
      fixedDelayString = "${peakhub.identity.sync.interval-ms:300000}")
  public void scheduledSync() {
    try {
      int n = syncAll();
      log.info("user mirror synced from Keycloak: {} users", n);
    } catch (RuntimeException e) {
      log.warn("user mirror sync skipped: {}", e.getMessage());
    }
  }

  public int syncAll() {
    Instant now = clock.instant();
    Set<String> seen = new HashSet<>();
    for (int first = 0; ; first += 100) {
      List<KeycloakUser> page = keycloak.users(first, 100);
      for (KeycloakUser u : page) {
        upsert(u, keycloak.realmRoles(u.id()), now);
        seen.add(u.id());
      }
      if (page.size() < 100) {
        break;
      }
    }
    List<String> known = jdbc.sql("SELECT id FROM portal_user").query(String.class).list();
    known.stream()
        .filter(id -> !seen.contains(id))
        .forEach(id -> jdbc.sql("DELETE FROM portal_user WHERE id = :id").param("id", id).update());
    return seen.size();
  }

  public void upsert(KeycloakUser u, List<String> roles, Instant now) {
    String type =
        u.username().startsWith("service-account-")
            ? "service"
            : TYPES.stream().filter(roles::contains).findFirst().orElse("customer");
    jdbc.sql(
            """
            INSERT INTO portal_user (id, username, email, first_name, last_name, enabled, type, synced_at)
            VALUES (:id, :u, :e, :f, :l, :en, :t, :now)
            ON CONFLICT (id) DO UPDATE SET username = :u, email = :e, first_name = :f, last_name = :l, enabled = :en,
                type = :t, synced_at = :now""")
        .param("id", u.id())
        .param("u", u.username())
        .param("e", u.email())
        .param("f", u.firstName())
        .param("l", u.lastName())
        .param("en", u.enabled())
        .param("t", type)
        .param("now", Timestamp.from(now))
        .update();
  }

  /**
   * Users (service accounts left out) whose login, e-mail or name contains {@code q}, of one type,
   * and (when {@code onlyIds} is not null) among those ids; sorted by a column of {@link #SORTS},
   * then id.
   */
  public Page search(
      String q,
      String type,
      Collection<String> onlyIds,
      String sort,
      boolean descending,
      int page,
      int size) {
    if (!SORTS.containsKey(sort)) {
      throw new IllegalArgumentException("unknown sort " + sort);
    }
    if (onlyIds != null && onlyIds.isEmpty()) {
      return new Page(List.of(), 0);
    }
    StringBuilder where = new StringBuilder(" WHERE u.type <> 'service'");
    Map<String, Object> params = new HashMap<>();
    if (q != null && !q.isBlank()) {
      where.append(
          " AND (u.username ILIKE :q OR u.email ILIKE :q OR (coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) ILIKE :q)");
      params.put("q", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (type != null) {
      where.append(" AND u.type = :type");
      params.put("type", type);
    }
    if (onlyIds != null) {
      where.append(" AND u.id IN (:ids)");
      params.put("ids", onlyIds);
    }
    long total =
        jdbc.sql("SELECT count(*) FROM portal_user u" + where)
            .params(params)
            .query(Long.class)
            .single();
    String direction = descending ? " desc" : " asc";
    String order =
        String.join(", ", SORTS.get(sort).stream().map(e -> e + direction).toList()) + ", u.id";
    List<PortalUser> rows =
        jdbc.sql(
                "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.enabled, u.type"
                    + " FROM portal_user u"
                    + where
                    + " ORDER BY "
                    + order
                    + " LIMIT :size OFFSET :offset")
            .params(params)
            .param("size", size)
            .param("offset", (long) page * size)
            .query(RecordRows.of(PortalUser.class))
            .list();
    return new Page(rows, total);
  }

  @Override
  public Optional<String> nameOf(String userId) {
    return find(userId).map(PortalUser::name);
  }

  public Optional<PortalUser> find(String id) {
    return jdbc.sql(
            "SELECT id, username, email, first_name, last_name, enabled, type FROM portal_user WHERE id = :id")
        .param("id", id)
        .query(RecordRows.of(PortalUser.class))
        .optional();
  }

  /** A user disabled here is denied everywhere at once, even before their token expires. */
  public boolean disabled(String id) {
    return jdbc.sql("SELECT count(*) FROM portal_user WHERE id = :id AND NOT enabled")
            .param("id", id)
            .query(Integer.class)
            .single()
        > 0;
  }

  void setEnabled(String id, boolean enabled) {
    jdbc.sql("UPDATE portal_user SET enabled = :e WHERE id = :id")
        .param("e", enabled)
        .param("id", id)
        .update();
  }

  public void delete(String id) {
    jdbc.sql("DELETE FROM portal_user WHERE id = :id").param("id", id).update();
  }
}
