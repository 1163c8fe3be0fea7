package io.peakhub.identity.profile;

import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import java.util.Map;
import java.util.UUID;

public record ProfileView(
    UUID id,
    String name,
    String description,
    String defaultFor,
    boolean builtin,
    Map<Area, Grant> grants) {}
