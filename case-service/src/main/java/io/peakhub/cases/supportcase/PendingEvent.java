package io.peakhub.cases.supportcase;

import java.time.Instant;

/**
 * An event not yet on Kafka, written in the same document update as the change that caused it (the
 * outbox without transactions, ADR 8). {@code envelope} is the envelope's wire JSON.
 */
public record PendingEvent(
    String id, String topic, String type, Instant occurredAt, String envelope) {}
