package io.peakhub.cases.supportcase;

import java.time.Instant;

/**
 * One entry of a case's activity stream, stored inside the case document. {@code actorId} is the
 * person the change is made as; {@code impersonatorId} is the admin who acted for them, if any.
 * Internal notes are for agents only and are dropped from every customer answer.
 */
public record Activity(
    String id,
    Kind kind,
    String text,
    String fromState,
    String toState,
    String fileName,
    String actorId,
    String actorName,
    String impersonatorId,
    Instant at,
    String attachmentId,
    String fromAccountId,
    String toAccountId) {

  /**
   * {@code opened} is written when an account manager opens a case on behalf of a contact (the
   * actor is the manager, the text names the contact); {@code account_change} when an agent moves a
   * case to another account.
   */
  public enum Kind {
    comment,
    internal_note,
    state_change,
    attachment,
    opened,
    account_change
  }

  public boolean internal() {
    return kind == Kind.internal_note;
  }
}
