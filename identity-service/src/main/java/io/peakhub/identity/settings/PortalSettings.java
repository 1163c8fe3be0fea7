package io.peakhub.identity.settings;

import io.peakhub.identity.events.AccessEvents;
import io.peakhub.identity.impersonation.AuditTrail;
import io.peakhub.platform.security.CurrentUser;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portal_setting table (one row per key; a key never set reads as its default), announcing a
 * change (a setting can change what everyone may do) and recording who made it in the audit trail.
 */
@Service
class PortalSettings {

  static final String MANAGERS_CREATE_REQUESTS = "allowManagersToCreateRequests";
  static final String CASE_SOURCE = "caseSource";
  static final String CASE_REOPEN_WINDOW_DAYS = "caseReopenWindowDays";
  static final String CASE_ARCHIVE_AFTER_DAYS = "caseArchiveAfterDays";

  /** Every setting and its default, in the order the audit detail lists them. */
  static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(MANAGERS_CREATE_REQUESTS, "false");
    d.put(CASE_SOURCE, "builtin");
    d.put(CASE_REOPEN_WINDOW_DAYS, "14");
    d.put(CASE_ARCHIVE_AFTER_DAYS, "30");
    return java.util.Collections.unmodifiableMap(d);
  }

  private final JdbcClient jdbc;
  private final AccessEvents events;
  private final AuditTrail audit;
  private final Clock clock;

  PortalSettings(JdbcClient jdbc, AccessEvents events, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
  }

  /** Every setting's current value (its default when never set). */
  Map<String, String> all() {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    jdbc.sql("SELECT key, value FROM portal_setting")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list()
        .forEach(e -> values.computeIfPresent(e.getKey(), (k, old) -> e.getValue()));
    return values;
  }

  /**
   * Sets the given settings (validated by the caller), records who changed what from what in the
   * audit trail, and announces it to every service.
   */
  @Transactional
  public void change(Map<String, String> changes, CurrentUser actor) {
    Map<String, String> before = all();
    Instant now = clock.instant();
    List<String> detail = new ArrayList<>();
    changes.forEach(
        (key, value) -> {
          jdbc.sql(
                  """
              INSERT INTO portal_setting (key, value, updated_at, updated_by) VALUES (:k, :v, :now, :by)
              ON CONFLICT (key) DO UPDATE SET value = :v, updated_at = :now, updated_by = :by""")
              .param("k", key)
              .param("v", value)
              .param("now", Timestamp.from(now))
              .param("by", actor.username())
              .update();
          detail.add(key + ": " + before.get(key) + " -> " + value);
        });
    audit.record("settings.changed", actor.id(), actor.username(), String.join(", ", detail), now);
    events.changedForEveryone("settings changed");
  }
}
