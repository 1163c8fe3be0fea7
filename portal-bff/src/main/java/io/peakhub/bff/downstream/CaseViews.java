package io.peakhub.bff.downstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * case-service's answers as portal-bff reads them: tolerant records (a new field there breaks
 * nothing here).
 */
public final class CaseViews {

  private CaseViews() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CaseSummary(
      String number,
      String accountId,
      String subject,
      String priority,
      String state,
      String requesterId,
      String assigneeName,
      LocalDate dueDate,
      Long daysRemaining,
      Instant createdAt,
      Instant updatedAt,
      Instant archivedAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CasePage(List<CaseSummary> items, String next) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Activity(
      String id,
      String kind,
      String text,
      String fromState,
      String toState,
      String fileName,
      String attachmentId,
      String actorId,
      String actorName,
      String impersonatorId,
      Instant at,
      String fromAccountId,
      String toAccountId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CaseDetail(
      String number,
      String accountId,
      String requesterId,
      String requesterName,
      String openedById,
      String openedByName,
      String subject,
      String shortDescription,
      String description,
      String product,
      String priority,
      String state,
      String assigneeName,
      LocalDate dueDate,
      Long daysRemaining,
      Instant createdAt,
      Instant updatedAt,
      Instant resolvedAt,
      Instant closedAt,
      Instant archivedAt,
      String archivedBy,
      List<Activity> activity) {}

  public record OpenCase(
      String subject,
      String shortDescription,
      String description,
      String product,
      String priority,
      String onBehalfOf) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Contact(String id, String name) {}

  /**
   * Whether the caller (an account manager) may open a case on behalf of a contact, and of whom.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record OnBehalfOf(boolean allowed, List<Contact> contacts) {}

  public record AccountChange(String accountId, String reason) {}

  public record Text(String text) {}

  public record Reason(String reason) {}

  public record StateChange(String state, String reason) {}
}
