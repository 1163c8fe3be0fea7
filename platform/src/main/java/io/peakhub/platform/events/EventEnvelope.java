package io.peakhub.platform.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What travels on every Kafka topic: a unique id (consumers de-duplicate on it), a versioned type
 * such as {@code PaymentSucceeded.v1}, when it happened, the account it concerns (also the record
 * key, so one account's events stay in order) and the body. Contracts: docs/asyncapi.yaml.
 */
public record EventEnvelope(
    UUID id, String type, Instant occurredAt, String accountId, JsonNode body) {

  public EventEnvelope {
    if (id == null || type == null || occurredAt == null || accountId == null || body == null) {
      throw new IllegalArgumentException("an event needs id, type, occurredAt, accountId and body");
    }
    if (!type.matches("[A-Z][A-Za-z]+\\.v[0-9]+")) {
      throw new IllegalArgumentException("event type must look like Name.v1, was " + type);
    }
  }

  /** The name without its version, e.g. {@code PaymentSucceeded}. */
  public String name() {
    return type.substring(0, type.lastIndexOf('.'));
  }

  public int version() {
    return Integer.parseInt(type.substring(type.lastIndexOf(".v") + 2));
  }
}
