package io.peakhub.cases.supportcase;

import java.time.Instant;

/**
 * One entry of a case's activity stream, stored inside the case document. {@code actorId} is the
 * person the change is made as; {@code impersonatorId} is the admin who acted for them, if any.
 * Internal notes are for agents only and are dropped from every customer answer.
 */
public record Activity(String id, Kind kind, String text, String fromState, String toState, String fileName,
    String actorId, String actorName, String impersonatorId, Instant at, String attachmentId) {

  public enum Kind { comment, internal_note, state_change, attachment }

  public boolean internal() {
    return kind == Kind.internal_note;
  }
}
