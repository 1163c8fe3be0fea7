package io.peakhub.identity.profile;

import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins edit profiles and assign them; a change takes effect on each user's next request. */
@RestController
@PreAuthorize("hasRole('admin')")
class ProfileAdminController {

  record SaveProfile(
      @NotBlank @Size(max = 100) String name,
      @Size(max = 500) String description,
      @NotNull Map<Area, @NotNull @Valid Grant> grants) {}

  record AssignProfile(@NotNull UUID profileId) {}

  private final Profiles profiles;

  ProfileAdminController(Profiles profiles) {
    this.profiles = profiles;
  }

  @GetMapping("/admin/profiles")
  List<ProfileView> list() {
    return profiles.all();
  }

  @GetMapping("/admin/profiles/{profileId}")
  ProfileView get(@PathVariable UUID profileId) {
    return profiles.get(profileId);
  }

  @PostMapping("/admin/profiles")
  @ResponseStatus(HttpStatus.CREATED)
  ProfileView create(@Valid @RequestBody SaveProfile request) {
    return profiles.create(
        request.name(), request.description(), request.grants(), CurrentUser.get().username());
  }

  @PutMapping("/admin/profiles/{profileId}")
  ProfileView update(@PathVariable UUID profileId, @Valid @RequestBody SaveProfile request) {
    return profiles.update(
        profileId,
        request.name(),
        request.description(),
        request.grants(),
        CurrentUser.get().username());
  }

  @DeleteMapping("/admin/profiles/{profileId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable UUID profileId) {
    profiles.delete(profileId);
  }

  @PutMapping("/admin/users/{userId}/profile")
  ProfileView assign(
      @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId,
      @Valid @RequestBody AssignProfile request) {
    return profiles.assign(userId, request.profileId(), CurrentUser.get().username());
  }
}
