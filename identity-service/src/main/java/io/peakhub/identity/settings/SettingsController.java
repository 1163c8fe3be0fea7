package io.peakhub.identity.settings;

import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Per-portal settings. Everyone signed in may read them (the UI and other services need them); admins change them. */
@RestController
class SettingsController {

  record Settings(@NotNull Boolean allowManagersToCreateRequests) {}

  private final PortalSettings settings;

  SettingsController(PortalSettings settings) {
    this.settings = settings;
  }

  @GetMapping("/settings")
  Settings get() {
    return new Settings(settings.allowManagersToCreateRequests());
  }

  @PutMapping("/admin/settings")
  @PreAuthorize("hasRole('admin')")
  Settings put(@Valid @RequestBody Settings request) {
    settings.allowManagersToCreateRequests(request.allowManagersToCreateRequests(), CurrentUser.get().username());
    return get();
  }
}
