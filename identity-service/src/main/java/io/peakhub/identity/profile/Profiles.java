package io.peakhub.identity.profile;

import io.peakhub.identity.events.AccessEvents;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Editing and assigning profiles, each change announced to the users it affects in its transaction;
 * and the profile feature's API for the others (which profile a user has).
 */
@Service
public class Profiles {

  private final ProfileRepository profiles;
  private final AccessEvents events;
  private final Clock clock;

  Profiles(ProfileRepository profiles, AccessEvents events, Clock clock) {
    this.profiles = profiles;
    this.events = events;
    this.clock = clock;
  }

  /** The user's own profile, else the default one for their roles. */
  public Optional<ProfileView> ofUser(String userId, List<String> roles) {
    return profiles.ofUser(userId, roles);
  }

  List<ProfileView> all() {
    return profiles.all();
  }

  ProfileView get(UUID profileId) {
    return profiles.find(profileId).orElseThrow(() -> new NotFoundException("Profile", profileId));
  }

  @Transactional
  public ProfileView create(
      String name, String description, Map<Area, Grant> grants, String actor) {
    return save(UUID.randomUUID(), name, description, grants, actor);
  }

  /**
   * A default profile's change may affect everyone with that role: then every cached decision goes.
   */
  @Transactional
  public ProfileView update(
      UUID profileId, String name, String description, Map<Area, Grant> grants, String actor) {
    ProfileView existing = get(profileId);
    ProfileView saved = save(profileId, name, description, grants, actor);
    if (existing.defaultFor() != null) {
      events.changedForEveryone("profile " + existing.name() + " changed");
    } else {
      events.changed(profiles.userIdsOf(profileId), "profile " + existing.name() + " changed");
    }
    return saved;
  }

  @Transactional
  public void delete(UUID profileId) {
    ProfileView existing = get(profileId);
    if (existing.builtin()) {
      throw new ConflictException(
          "profile-builtin", "The built-in profile " + existing.name() + " cannot be deleted.");
    }
    if (profiles.usersOf(profileId) > 0) {
      throw new ConflictException(
          "profile-in-use",
          "Profile " + existing.name() + " is assigned to users; assign them another one first.");
    }
    profiles.delete(profileId);
  }

  @Transactional
  public ProfileView assign(String userId, UUID profileId, String actor) {
    ProfileView profile =
        profiles
            .find(profileId)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "profileId", "Profile " + profileId + " does not exist."));
    profiles.assign(userId, profile.id(), actor, clock.instant());
    events.changed(List.of(userId), "profile assigned");
    return profile;
  }

  private ProfileView save(
      UUID id, String name, String description, Map<Area, Grant> grants, String actor) {
    if (profiles.nameTaken(name, id)) {
      throw new InvalidInputException("name", "A profile named " + name + " exists.");
    }
    for (var entry : grants.entrySet()) {
      if (entry.getValue().level() == null || entry.getValue().scope() == null) {
        throw new InvalidInputException(
            "grants." + entry.getKey(), "Each grant needs a level and a scope.");
      }
    }
    profiles.save(id, name, description == null ? "" : description, grants, actor, clock.instant());
    return profiles.find(id).orElseThrow();
  }
}
