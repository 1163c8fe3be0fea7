package io.peakhub.identity.settings;

import io.peakhub.identity.events.AccessEvents;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The portal_setting table, and announcing a change: a setting can change what everyone may do. */
@Service
class PortalSettings {

  private static final String MANAGERS_CREATE_REQUESTS = "allowManagersToCreateRequests";

  private final JdbcClient jdbc;
  private final AccessEvents events;
  private final Clock clock;

  PortalSettings(JdbcClient jdbc, AccessEvents events, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  boolean allowManagersToCreateRequests() {
    return Boolean.parseBoolean(jdbc.sql("SELECT value FROM portal_setting WHERE key = :k")
        .param("k", MANAGERS_CREATE_REQUESTS).query(String.class).optional().orElse("false"));
  }

  @Transactional
  public void allowManagersToCreateRequests(boolean allow, String actor) {
    jdbc.sql("""
            INSERT INTO portal_setting (key, value, updated_at, updated_by) VALUES (:k, :v, :now, :by)
            ON CONFLICT (key) DO UPDATE SET value = :v, updated_at = :now, updated_by = :by""")
        .param("k", MANAGERS_CREATE_REQUESTS).param("v", Boolean.toString(allow))
        .param("now", Timestamp.from(clock.instant())).param("by", actor).update();
    events.changedForEveryone("settings changed");
  }
}
