package io.peakhub.identity.settings;

import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-portal settings. Everyone signed in may read them (the UI and other services need them:
 * case-service reads {@code caseSource} and the case windows); admins change them.
 */
@RestController
class SettingsController {

  record Settings(
      boolean allowManagersToCreateRequests,
      String caseSource,
      int caseReopenWindowDays,
      int caseArchiveAfterDays) {}

  /** A change: the settings given are set, those absent (or null) keep their value. */
  record SettingsChange(
      Boolean allowManagersToCreateRequests,
      @Pattern(regexp = "builtin|servicenow", message = "must be one of builtin, servicenow")
          String caseSource,
      @Min(value = 1, message = "must be between 1 and 365")
          @Max(value = 365, message = "must be between 1 and 365")
          Integer caseReopenWindowDays,
      @Min(value = 1, message = "must be between 1 and 3650")
          @Max(value = 3650, message = "must be between 1 and 3650")
          Integer caseArchiveAfterDays) {}

  private final PortalSettings settings;

  SettingsController(PortalSettings settings) {
    this.settings = settings;
  }

  @GetMapping("/settings")
  Settings get() {
    Map<String, String> v = settings.all();
    return new Settings(
        Boolean.parseBoolean(v.get(PortalSettings.MANAGERS_CREATE_REQUESTS)),
        v.get(PortalSettings.CASE_SOURCE),
        Integer.parseInt(v.get(PortalSettings.CASE_REOPEN_WINDOW_DAYS)),
        Integer.parseInt(v.get(PortalSettings.CASE_ARCHIVE_AFTER_DAYS)));
  }

  @PutMapping("/admin/settings")
  @PreAuthorize("hasRole('admin')")
  Settings put(@Valid @RequestBody SettingsChange request) {
    Map<String, String> changes = new LinkedHashMap<>();
    if (request.allowManagersToCreateRequests() != null) {
      changes.put(
          PortalSettings.MANAGERS_CREATE_REQUESTS,
          request.allowManagersToCreateRequests().toString());
    }
    if (request.caseSource() != null) {
      changes.put(PortalSettings.CASE_SOURCE, request.caseSource());
    }
    if (request.caseReopenWindowDays() != null) {
      changes.put(
          PortalSettings.CASE_REOPEN_WINDOW_DAYS, request.caseReopenWindowDays().toString());
    }
    if (request.caseArchiveAfterDays() != null) {
      changes.put(
          PortalSettings.CASE_ARCHIVE_AFTER_DAYS, request.caseArchiveAfterDays().toString());
    }
    if (changes.isEmpty()) {
      // no field is wrong, one is missing: the problem names none
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "invalid-input",
          "Give at least one setting: "
              + String.join(", ", PortalSettings.DEFAULTS.keySet())
              + ".");
    }
    settings.change(changes, CurrentUser.get());
    return get();
  }
}
