package io.peakhub.identity.profile;

import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ProfileRepository {

  private record Row(
      UUID id, String name, String description, String defaultFor, boolean builtin) {}

  private record GrantRow(UUID profileId, String area, String level, String scope) {}

  private static final String COLUMNS =
      "SELECT id, name, description, default_for, builtin FROM profile";

  private final JdbcClient jdbc;

  ProfileRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<ProfileView> all() {
    return jdbc.sql(COLUMNS + " ORDER BY name").query(RecordRows.of(Row.class)).list().stream()
        .map(this::view)
        .toList();
  }

  public Optional<ProfileView> find(UUID id) {
    return jdbc.sql(COLUMNS + " WHERE id = :id")
        .param("id", id)
        .query(RecordRows.of(Row.class))
        .optional()
        .map(this::view);
  }

  /** The user's profile: their assignment, else the default profile of their most powerful role. */
  public Optional<ProfileView> ofUser(String userId, List<String> roles) {
    Optional<UUID> assigned =
        jdbc.sql("SELECT profile_id FROM user_profile WHERE user_id = :u")
            .param("u", userId)
            .query(UUID.class)
            .optional();
    if (assigned.isPresent()) {
      return find(assigned.get());
    }
    for (String role : List.of("admin", "success_agent", "account_executive", "customer")) {
      if (roles.contains(role)) {
        return jdbc.sql(COLUMNS + " WHERE default_for = :r")
            .param("r", role)
            .query(RecordRows.of(Row.class))
            .optional()
            .map(this::view);
      }
    }
    return Optional.empty();
  }

  boolean nameTaken(String name, UUID except) {
    return jdbc.sql("SELECT count(*) FROM profile WHERE lower(name) = lower(:n) AND id <> :id")
            .param("n", name)
            .param("id", except)
            .query(Integer.class)
            .single()
        > 0;
  }

  void save(
      UUID id, String name, String description, Map<Area, Grant> grants, String by, Instant now) {
    jdbc.sql(
            """
            INSERT INTO profile (id, name, description, updated_at, updated_by) VALUES (:id, :n, :d, :now, :by)
            ON CONFLICT (id) DO UPDATE SET name = :n, description = :d, updated_at = :now, updated_by = :by""")
        .param("id", id)
        .param("n", name)
        .param("d", description)
        .param("now", Timestamp.from(now))
        .param("by", by)
        .update();
    jdbc.sql("DELETE FROM profile_grant WHERE profile_id = :id").param("id", id).update();
    for (Area area : Area.values()) {
      Grant g = grants.getOrDefault(area, Grant.NONE);
      jdbc.sql(
              "INSERT INTO profile_grant (profile_id, area, level, scope) VALUES (:id, :a, :l, :s)")
          .param("id", id)
          .param("a", area.name())
          .param("l", g.level().name())
          .param("s", g.scope().name())
          .update();
    }
  }

  void delete(UUID id) {
    jdbc.sql("DELETE FROM profile WHERE id = :id").param("id", id).update();
  }

  int usersOf(UUID id) {
    return jdbc.sql("SELECT count(*) FROM user_profile WHERE profile_id = :id")
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  public List<String> userIdsOf(UUID id) {
    return jdbc.sql("SELECT user_id FROM user_profile WHERE profile_id = :id")
        .param("id", id)
        .query(String.class)
        .list();
  }

  void assign(String userId, UUID profileId, String by, Instant now) {
    jdbc.sql(
            """
            INSERT INTO user_profile (user_id, profile_id, assigned_at, assigned_by) VALUES (:u, :p, :now, :by)
            ON CONFLICT (user_id) DO UPDATE SET profile_id = :p, assigned_at = :now, assigned_by = :by""")
        .param("u", userId)
        .param("p", profileId)
        .param("now", Timestamp.from(now))
        .param("by", by)
        .update();
  }

  private ProfileView view(Row r) {
    Map<Area, Grant> grants = new EnumMap<>(Area.class);
    jdbc.sql("SELECT profile_id, area, level, scope FROM profile_grant WHERE profile_id = :id")
        .param("id", r.id())
        .query(RecordRows.of(GrantRow.class))
        .list()
        .forEach(
            g ->
                grants.put(
                    Area.valueOf(g.area()),
                    new Grant(Level.valueOf(g.level()), Grant.Scope.valueOf(g.scope()))));
    return new ProfileView(r.id(), r.name(), r.description(), r.defaultFor(), r.builtin(), grants);
  }
}
