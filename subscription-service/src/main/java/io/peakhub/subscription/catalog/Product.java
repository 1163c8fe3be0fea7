package io.peakhub.subscription.catalog;

import java.util.UUID;

public record Product(UUID id, String code, String name, String description) {}
