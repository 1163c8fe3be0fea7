package io.peakhub.cases.supportcase;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Support cases as another feature's search shows them: the same query, access check and visibility
 * as the My Cases list (so a search never shows a case that list would not), only the summary
 * fields.
 */
@Component
public class SupportCaseLookup {

  public record Found(String number, String subject, String state, Instant updatedAt) {}

  private final SupportCaseService service;

  SupportCaseLookup(SupportCaseService service) {
    this.service = service;
  }

  /**
   * Up to {@code limit} cases of the account matching {@code q} (a number or words of the subject).
   */
  public List<Found> search(String accountId, String q, int limit) {
    return service.list(accountId, q, SupportCaseService.Filter.all, null, limit).items().stream()
        .map(c -> new Found(c.number(), c.subject(), c.state().wire(), c.updatedAt()))
        .toList();
  }
}
