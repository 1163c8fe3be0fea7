package io.peakhub.cases.supportcase;

import java.time.Instant;

/**
 * Bodies of the events on {@value #TOPIC} (docs/asyncapi.yaml). Internal notes never become events.
 */
public final class CaseEvents {

  public static final String TOPIC = "case.case";

  private CaseEvents() {}

  public record CaseOpened(
      String number,
      String accountId,
      String subject,
      String priority,
      String state,
      String requesterId,
      String openedBy,
      String impersonatorId,
      Instant createdAt) {}

  public record CaseStateChanged(
      String number,
      String accountId,
      String fromState,
      String toState,
      String reason,
      String changedBy,
      String impersonatorId,
      Instant at) {}

  public record CaseCommented(
      String number,
      String accountId,
      String activityId,
      String authorId,
      String authorName,
      String impersonatorId,
      Instant at) {}

  /**
   * {@code open}: the case is not closed, so it counts among the new account's open cases from now
   * on.
   */
  public record CaseAccountChanged(
      String number,
      String fromAccountId,
      String toAccountId,
      String state,
      boolean open,
      String reason,
      String changedBy,
      String impersonatorId,
      Instant at) {}

  public record CaseClosed(
      String number, String accountId, String closedBy, String impersonatorId, Instant at) {}
}
