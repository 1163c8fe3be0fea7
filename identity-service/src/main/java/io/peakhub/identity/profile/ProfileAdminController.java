package io.peakhub.identity.profile;

import io.peakhub.identity.events.AccessEvents;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
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

  record SaveProfile(@NotBlank @Size(max = 100) String name, @Size(max = 500) String description,
      @NotNull Map<Area, @NotNull @Valid Grant> grants) {}

  record AssignProfile(@NotNull UUID profileId) {}

  private final ProfileRepository profiles;
  private final AccessEvents events;
  private final Clock clock;

  ProfileAdminController(ProfileRepository profiles, AccessEvents events, Clock clock) {
    this.profiles = profiles;
    this.events = events;
    this.clock = clock;
  }

  @GetMapping("/admin/profiles")
  List<ProfileView> list() {
    return profiles.all();
  }

  @GetMapping("/admin/profiles/{profileId}")
  ProfileView get(@PathVariable UUID profileId) {
    return profiles.find(profileId).orElseThrow(() -> new NotFoundException("Profile", profileId));
  }

  @PostMapping("/admin/profiles")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  public ProfileView create(@Valid @RequestBody SaveProfile request) {
    return save(UUID.randomUUID(), request);
  }

  @PutMapping("/admin/profiles/{profileId}")
  @Transactional
  public ProfileView update(@PathVariable UUID profileId, @Valid @RequestBody SaveProfile request) {
    ProfileView existing = profiles.find(profileId).orElseThrow(() -> new NotFoundException("Profile", profileId));
    ProfileView saved = save(profileId, request);
    if (existing.defaultFor() != null) {
      events.changedForEveryone("profile " + existing.name() + " changed");
    } else {
      events.changed(profiles.userIdsOf(profileId), "profile " + existing.name() + " changed");
    }
    return saved;
  }

  @DeleteMapping("/admin/profiles/{profileId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Transactional
  public void delete(@PathVariable UUID profileId) {
    ProfileView existing = profiles.find(profileId).orElseThrow(() -> new NotFoundException("Profile", profileId));
    if (existing.builtin()) {
      throw new ConflictException("profile-builtin", "The built-in profile " + existing.name() + " cannot be deleted.");
    }
    if (profiles.usersOf(profileId) > 0) {
      throw new ConflictException("profile-in-use", "Profile " + existing.name() + " is assigned to users; assign them another one first.");
    }
    profiles.delete(profileId);
  }

  @PutMapping("/admin/users/{userId}/profile")
  @Transactional
  public ProfileView assign(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId,
      @Valid @RequestBody AssignProfile request) {
    ProfileView profile = profiles.find(request.profileId())
        .orElseThrow(() -> new InvalidInputException("profileId", "Profile " + request.profileId() + " does not exist."));
    profiles.assign(userId, profile.id(), CurrentUser.get().username(), clock.instant());
    events.changed(List.of(userId), "profile assigned");
    return profile;
  }

  private ProfileView save(UUID id, SaveProfile request) {
    if (profiles.nameTaken(request.name(), id)) {
      throw new InvalidInputException("name", "A profile named " + request.name() + " exists.");
    }
    for (var entry : request.grants().entrySet()) {
      if (entry.getValue().level() == null || entry.getValue().scope() == null) {
        throw new InvalidInputException("grants." + entry.getKey(), "Each grant needs a level and a scope.");
      }
    }
    profiles.save(id, request.name(), request.description() == null ? "" : request.description(), request.grants(),
        CurrentUser.get().username(), clock.instant());
    return profiles.find(id).orElseThrow();
  }
}
