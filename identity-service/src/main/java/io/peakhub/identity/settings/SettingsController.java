package io.peakhub.identity.settings;

import io.peakhub.identity.access.AccessEvents;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Per-portal settings. Everyone signed in may read them (the UI and other services need them); admins change them. */
@RestController
class SettingsController {

  record Settings(@NotNull Boolean allowManagersToCreateRequests) {}

  private final JdbcClient jdbc;
  private final AccessEvents events;
  private final Clock clock;

  SettingsController(JdbcClient jdbc, AccessEvents events, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  @GetMapping("/settings")
  Settings get() {
    return new Settings(Boolean.parseBoolean(jdbc.sql("SELECT value FROM portal_setting WHERE key = 'allowManagersToCreateRequests'")
        .query(String.class).optional().orElse("false")));
  }

  @PutMapping("/admin/settings")
  @PreAuthorize("hasRole('admin')")
  @Transactional
  public Settings put(@Valid @RequestBody Settings settings) {
    jdbc.sql("""
            INSERT INTO portal_setting (key, value, updated_at, updated_by) VALUES ('allowManagersToCreateRequests', :v, :now, :by)
            ON CONFLICT (key) DO UPDATE SET value = :v, updated_at = :now, updated_by = :by""")
        .param("v", settings.allowManagersToCreateRequests().toString()).param("now", Timestamp.from(clock.instant()))
        .param("by", CurrentUser.get().username()).update();
    events.changedForEveryone("settings changed");
    return get();
  }
}
