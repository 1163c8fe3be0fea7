package io.peakhub.cases.success;

import java.time.Instant;
import java.util.List;

/**
 * Bodies of the customer success events, on case-service's topic {@code case.case} (key = account
 * id), see docs/asyncapi.yaml. {@code kind} is initiative, success_case, task or touchpoint.
 * Comments and internal notes are not announced.
 */
public final class SuccessEvents {

  public static final String TOPIC = "case.case";

  private SuccessEvents() {}

  public record SuccessRecordCreated(
      String number,
      String kind,
      String accountId,
      String parentNumber,
      String subject,
      String state,
      boolean visibleToCustomer,
      String createdBy,
      String impersonatorId,
      Instant at) {}

  public record SuccessRecordUpdated(
      String number,
      String kind,
      String accountId,
      List<String> fields,
      String updatedBy,
      String impersonatorId,
      Instant at) {}

  public record SuccessRecordAssigned(
      String number,
      String kind,
      String accountId,
      String assigneeId,
      String assigneeName,
      String assignedBy,
      String impersonatorId,
      Instant at) {}

  public record SuccessRecordStateChanged(
      String number,
      String kind,
      String accountId,
      String fromState,
      String toState,
      String changedBy,
      String impersonatorId,
      Instant at) {}

  public record SuccessRecordVisibilityChanged(
      String number,
      String kind,
      String accountId,
      boolean visibleToCustomer,
      List<String> contactIds,
      String changedBy,
      String impersonatorId,
      Instant at) {}

  public record KnowledgeArticleShared(
      String number,
      String kind,
      String accountId,
      String articleId,
      String sharedBy,
      String impersonatorId,
      Instant at) {}
}
