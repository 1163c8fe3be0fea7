package io.peakhub.cases.supportcase;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The source port: where an account's cases live. The portal setting {@code caseSource} chooses
 * one: {@code builtin} (the default, {@link BuiltInCaseSource}: case-service's MongoDB store) or an
 * external system (e.g. {@code servicenow}). Every source reads, opens and comments; what only the
 * built-in store holds (agents' state changes, internal notes, attachments, archiving, moving
 * between accounts) happens in an external system itself, and case-service answers 409 {@code
 * not-supported-by-case-source}. Access is decided by {@link SupportCaseService} before a source is
 * asked, the same for every source. A source that does not answer throws a 503 (cases unavailable),
 * never an empty list.
 */
public interface CaseSource {

  /**
   * The value of the portal setting {@code caseSource} that selects this source, e.g. {@code
   * servicenow}.
   */
  String name();

  /**
   * @param requesterId only the cases this person raised or is named on (restricted scope), or null
   *     for the account's
   * @param filter open, closed, archived or all
   * @param search the checked search text ({@link CaseSearch}), or null
   * @param after the number the previous page ended with (sources without keyset paging ignore it)
   */
  record Query(
      String accountId,
      String requesterId,
      String filter,
      CaseSearch.Text search,
      String after,
      int limit) {

    /** An exact case number searched for, or null. */
    public String number() {
      return search == null ? null : search.number();
    }

    /** Text the subject contains, or null. */
    public String subjectText() {
      return search == null ? null : search.literal();
    }
  }

  /** One page, newest first; {@code next} continues it (null: the last page). */
  record Page(List<SupportCase> items, String next) {}

  /**
   * @param requester who the case is for (a manager names a contact of the account)
   * @param openedBy who opened it (the requester, or the manager on their behalf)
   */
  record NewCase(
      String accountId,
      Actor requester,
      Actor openedBy,
      String subject,
      String shortDescription,
      String description,
      String product,
      String priority,
      LocalDate dueDate) {

    public String requesterId() {
      return requester.id();
    }
  }

  Page list(Query query);

  /** The case with this number if it is under this account. */
  Optional<SupportCase> find(String accountId, String number);

  SupportCase open(NewCase c);

  /** A public comment; the caller has checked the case is visible to the author. */
  SupportCase comment(String accountId, String number, Actor author, String text);
}
