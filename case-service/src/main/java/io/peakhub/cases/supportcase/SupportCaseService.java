package io.peakhub.cases.supportcase;

import io.peakhub.cases.account.AccountStatuses;
import io.peakhub.cases.identity.Identity;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.AccountScope;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * My Cases: who may see and change which case, and the changes themselves. The account comes from
 * the path and is checked by platform's {@link AccountAccess} (area my_cases: view reads, create
 * opens, comments and answers a resolution; agents with edit change state and write internal
 * notes). A restricted profile sees the cases the person raised or is named on; a case outside the
 * caller's view is 404, like an account they may not see. Writes on an inactive account are
 * refused.
 */
@Service
class SupportCaseService {

  enum Filter {
    open,
    closed,
    archived,
    all
  }

  private final SupportCaseRepository cases;
  private final MongoTemplate mongo;
  private final CaseNumbers numbers;
  private final AccountAccess access;
  private final AccountStatuses accounts;
  private final CaseProperties properties;
  private final Clock clock;
  private final AttachmentStore attachments;
  private final AttachmentScanner scanner;
  private final Identity identity;
  private final BuiltInCaseSource builtIn;
  private final List<CaseSource> sources;

  SupportCaseService(
      SupportCaseRepository cases,
      MongoTemplate mongo,
      CaseNumbers numbers,
      AccountAccess access,
      AccountStatuses accounts,
      CaseProperties properties,
      Clock clock,
      AttachmentStore attachments,
      AttachmentScanner scanner,
      Identity identity,
      BuiltInCaseSource builtIn,
      List<CaseSource> sources) {
    this.identity = identity;
    this.builtIn = builtIn;
    this.sources = sources;
    this.attachments = attachments;
    this.scanner = scanner;
    this.cases = cases;
    this.mongo = mongo;
    this.numbers = numbers;
    this.access = access;
    this.accounts = accounts;
    this.properties = properties;
    this.clock = clock;
  }

  CaseSource.Page list(String accountId, String q, Filter filter, String after, int limit) {
    Grant grant = access.require(accountId, Area.my_cases, Level.view);
    Actor me = Actor.current();
    CaseSearch.Text search = CaseSearch.parse(q, properties.searchMaxLength());
    return source()
        .list(
            new CaseSource.Query(
                accountId,
                grant.allRecords() || me.agent() ? null : me.id(),
                filter.name(),
                search,
                after,
                limit));
  }

  /** A position in the list across accounts: newest updated first, the number breaking ties. */
  record Position(Instant updatedAt, String number) {

    /** As the {@code next} of a page and the {@code after} of the next request. */
    String token() {
      return updatedAt.toEpochMilli() + "_" + number;
    }

    /** {@code after} as given (already checked against the controller's pattern), or null. */
    static Position of(String token) {
      if (token == null) {
        return null;
      }
      int split = token.indexOf('_');
      return new Position(
          Instant.ofEpochMilli(Long.parseLong(token.substring(0, split))),
          token.substring(split + 1));
    }
  }

  record AcrossPage(List<SupportCase> items, Position next) {}

  /**
   * My Cases across every account the caller may see (an account manager's accounts, a customer's
   * accounts, every account for agents), by the same access decision as the per-account list: the
   * profile's my_cases grant (view at least) on each account identity-service lists for the caller,
   * and a restricted grant still means the cases the person raised or is named on. Newest updated
   * first, keyset paged by (updatedAt, number); a case changed while someone pages moves to the top
   * and is not shown again further down. Only the built-in store lists across accounts: an external
   * case source answers 409 not-supported-by-case-source.
   */
  AcrossPage listAcrossAccounts(String q, Filter filter, Position after, int limit) {
    AccountScope scope = access.requireAcrossAccounts(Area.my_cases, Level.view);
    Actor me = Actor.current();
    CaseSearch.Text search = CaseSearch.parse(q, properties.searchMaxLength());
    if (!scope.allAccounts() && scope.accountIds().isEmpty()) {
      return new AcrossPage(List.of(), null);
    }
    requireBuiltin();
    Grant grant = scope.grant(Area.my_cases);
    List<SupportCase> found =
        builtIn.listAcross(
            scope.allAccounts() ? null : scope.accountIds(),
            grant.allRecords() || me.agent() ? null : me.id(),
            filter.name(),
            search,
            after,
            limit + 1);
    if (found.size() > limit) {
      SupportCase last = found.get(limit - 1);
      return new AcrossPage(found.subList(0, limit), new Position(last.updatedAt(), last.number()));
    }
    return new AcrossPage(found, null);
  }

  SupportCase get(String accountId, String number) {
    Grant grant = access.require(accountId, Area.my_cases, Level.view);
    return visible(source(), accountId, number, grant, Actor.current());
  }

  SupportCase open(
      String accountId,
      String subject,
      String shortDescription,
      String description,
      String product,
      String priority,
      String onBehalfOf) {
    access.require(accountId, Area.my_cases, Level.create);
    Actor me = Actor.current();
    Actor requester =
        me.manager() || onBehalfOf != null ? contactFor(accountId, me, onBehalfOf) : me;
    accounts.requireActive(accountId);
    Instant now = clock.instant();
    LocalDate due =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .plusDays(
                switch (priority) {
                  case "critical" -> 1;
                  case "high" -> 3;
                  case "medium" -> 5;
                  default -> 10;
                });
    return source()
        .open(
            new CaseSource.NewCase(
                accountId,
                requester,
                me,
                subject,
                shortDescription,
                description,
                product,
                priority,
                due));
  }

  /**
   * Whom an account manager may open cases for on this account: none unless the portal setting
   * allows it.
   */
  record OnBehalfOf(boolean allowed, List<Identity.Contact> contacts) {}

  OnBehalfOf onBehalfOf(String accountId) {
    access.require(accountId, Area.my_cases, Level.create);
    if (!Actor.current().manager() || !identity.settings().allowManagersToCreateRequests()) {
      return new OnBehalfOf(false, List.of());
    }
    return new OnBehalfOf(true, identity.contacts(accountId));
  }

  /**
   * Account managers open cases only on behalf of a contact of the account, and only while
   * identity's portal setting allowManagersToCreateRequests is on; nobody else names another
   * requester.
   */
  private Actor contactFor(String accountId, Actor me, String contactId) {
    if (!me.manager()) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "forbidden",
          "Only account managers open a case on behalf of a contact.");
    }
    if (!identity.settings().allowManagersToCreateRequests()) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "managers-may-not-create-requests",
          "The portal does not allow account managers to create requests (setting allowManagersToCreateRequests).");
    }
    if (contactId == null) {
      throw new io.peakhub.platform.problem.InvalidInputException(
          "onBehalfOf",
          "An account manager opens a case on behalf of a contact of the account: name one in 'onBehalfOf'.");
    }
    return identity.contacts(accountId).stream()
        .filter(c -> c.id().equals(contactId))
        .findFirst()
        .map(c -> new Actor(c.id(), c.name(), null, false, false))
        .orElseThrow(
            () ->
                new io.peakhub.platform.problem.InvalidInputException(
                    "onBehalfOf", "'onBehalfOf' is not a contact of this account."));
  }

  /**
   * Agents move a case logged under the wrong account; a reason is required. Both accounts must be
   * active and visible to the agent; afterwards the case answers under the new account only.
   */
  SupportCase changeAccount(String accountId, String number, String toAccountId, String reason) {
    access.require(accountId, Area.my_cases, Level.edit);
    if (!Actor.current().agent()) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN, "forbidden", "Only support agents may do this.");
    }
    access.require(toAccountId, Area.my_cases, Level.edit);
    accounts.requireActive(toAccountId);
    return change(
        accountId,
        number,
        Level.edit,
        true,
        (c, me, now) -> c.moveToAccount(me, toAccountId, reason, now));
  }

  SupportCase comment(String accountId, String number, String text) {
    Grant grant = access.require(accountId, Area.my_cases, Level.create);
    Actor me = Actor.current();
    CaseSource source = source();
    visible(source, accountId, number, grant, me);
    accounts.requireActive(accountId);
    return source.comment(accountId, number, me, text);
  }

  SupportCase internalNote(String accountId, String number, String text) {
    return change(
        accountId, number, Level.edit, true, (c, me, now) -> c.internalNote(me, text, now));
  }

  SupportCase changeState(String accountId, String number, CaseState next, String reason) {
    return change(
        accountId, number, Level.edit, true, (c, me, now) -> c.moveTo(next, me, reason, now));
  }

  SupportCase assign(String accountId, String number, String assigneeId, String assigneeName) {
    return change(
        accountId,
        number,
        Level.edit,
        true,
        (c, me, now) -> c.assign(me, assigneeId, assigneeName, now));
  }

  SupportCase archive(String accountId, String number) {
    return change(
        accountId,
        number,
        Level.edit,
        true,
        (c, me, now) ->
            c.archive(me, identity.settings().archiveAfter(properties.archiveAfter()), now));
  }

  SupportCase acceptResolution(String accountId, String number) {
    return change(
        accountId,
        number,
        Level.create,
        false,
        (c, me, now) -> {
          requireState(c, CaseState.resolved, "accept a resolution");
          c.moveTo(CaseState.closed, me, "resolution accepted", now);
        });
  }

  SupportCase rejectResolution(String accountId, String number, String reason) {
    return change(
        accountId,
        number,
        Level.create,
        false,
        (c, me, now) -> {
          requireState(c, CaseState.resolved, "reject a resolution");
          c.moveTo(CaseState.in_progress, me, reason, now);
        });
  }

  SupportCase reopen(String accountId, String number, String reason) {
    return change(
        accountId,
        number,
        Level.create,
        false,
        (c, me, now) -> {
          requireState(c, CaseState.closed, "reopen it");
          java.time.Duration window = identity.settings().reopenWindow(properties.reopenWindow());
          if (c.closedAt() == null || now.isAfter(c.closedAt().plus(window))) {
            throw new ConflictException(
                "reopen-window-passed",
                "Case "
                    + c.number()
                    + " was closed more than "
                    + window.toDays()
                    + " days ago and can no longer be reopened; open a new case.");
          }
          c.moveTo(CaseState.in_progress, me, reason, now);
        });
  }

  record Download(AttachmentStore.Attachment attachment, byte[] content) {}

  /**
   * Checks access, size, type (by content) and the scanner before storing anything; the bytes are
   * stored first and the case's activity entry last, and the bytes are deleted again if that fails.
   */
  SupportCase attach(String accountId, String number, String originalName, byte[] content) {
    Grant grant = access.require(accountId, Area.my_cases, Level.create);
    requireBuiltin();
    Actor me = Actor.current();
    visible(builtIn, accountId, number, grant, me);
    accounts.requireActive(accountId);
    if (content.length == 0) {
      throw new io.peakhub.platform.problem.InvalidInputException("file", "'file' is empty.");
    }
    if (content.length > properties.attachmentMaxBytes()) {
      throw new ProblemException(
          HttpStatus.CONTENT_TOO_LARGE,
          "payload-too-large",
          "An attachment may be at most " + properties.attachmentMaxBytes() + " bytes.");
    }
    String name = AttachmentNames.safe(originalName);
    String type =
        ContentSniffer.detect(content)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-attachment-type",
                        "Attachments may be PDF, PNG, JPEG, GIF or plain text; this file's content is none of them."));
    if (!ContentSniffer.extensionMatches(name, type)) {
      throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-attachment-type",
          "The file's name (" + name + ") does not match its content (" + type + ").");
    }
    if (scanner.scan(name, type, content) != AttachmentScanner.Verdict.clean) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "attachment-infected",
          "The virus scanner refused this file.");
    }
    String id = java.util.UUID.randomUUID().toString();
    attachments.store(
        new AttachmentStore.Attachment(
            id, number, accountId, name, type, content.length, me.id(), clock.instant()),
        content);
    try {
      return change(
          accountId,
          number,
          Level.create,
          false,
          (c, actor, now) -> c.attach(actor, id, name, now));
    } catch (RuntimeException e) {
      attachments.delete(id);
      throw e;
    }
  }

  Download download(String accountId, String number, String attachmentId) {
    Grant grant = access.require(accountId, Area.my_cases, Level.view);
    requireBuiltin();
    visible(builtIn, accountId, number, grant, Actor.current());
    AttachmentStore.Attachment attachment =
        attachments
            .find(attachmentId)
            // the case's account was checked above; an attachment stays with its case when the case
            // changes account
            .filter(a -> a.caseNumber().equals(number))
            .orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
    return new Download(attachment, attachments.content(attachment));
  }

  @FunctionalInterface
  interface Change {
    void apply(SupportCase c, Actor me, Instant now);
  }

  /**
   * Checks access, visibility and that the account is active, then has the built-in store apply the
   * change (a versioned save, retried on a concurrent one).
   */
  private SupportCase change(
      String accountId, String number, Level level, boolean agentsOnly, Change change) {
    Grant grant = access.require(accountId, Area.my_cases, level);
    requireBuiltin();
    Actor me = Actor.current();
    if (agentsOnly && !me.agent()) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN, "forbidden", "Only support agents may do this.");
    }
    visible(builtIn, accountId, number, grant, me);
    accounts.requireActive(accountId);
    return builtIn.update(accountId, number, c -> change.apply(c, me, clock.instant()));
  }

  /**
   * The source the portal setting caseSource names: the built-in store by default. A source that is
   * named but not configured here is unavailable (503), never an empty list.
   */
  private CaseSource source() {
    String name = identity.settings().caseSource();
    return sources.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new io.peakhub.platform.problem.ServiceUnavailableException(
                    name,
                    "Cases are unavailable: the case source '" + name + "' is not configured.",
                    java.time.Duration.ofSeconds(30)));
  }

  /** What only the built-in store holds (agents' work, attachments, archiving, moves). */
  private void requireBuiltin() {
    CaseSource source = source();
    if (source != builtIn) {
      throw new ConflictException(
          "not-supported-by-case-source", "Cases come from " + source.name() + "; do this there.");
    }
  }

  /** The case if it is under this account and the caller's grant shows it; 404 otherwise. */
  private static SupportCase visible(
      CaseSource source, String accountId, String number, Grant grant, Actor me) {
    return source
        .find(accountId, number)
        .filter(c -> accountId.equals(c.accountId()))
        .filter(c -> grant.allRecords() || me.agent() || c.visibleInRestrictedScopeTo(me.id()))
        .orElseThrow(() -> new NotFoundException("Case", number));
  }

  private static void requireState(SupportCase c, CaseState expected, String what) {
    if (c.state() != expected) {
      throw new ConflictException(
          "invalid-state-transition",
          "Case "
              + c.number()
              + " is "
              + c.state().wire()
              + "; only a "
              + expected.wire()
              + " case can "
              + what
              + ".");
    }
  }

  /**
   * Archives every case closed for longer than the archive time (identity's caseArchiveAfterDays as
   * last read, else peakhub.cases.archive-after), as the system; answers how many. Agents can still
   * archive one earlier by hand once the time has passed.
   */
  int archiveDue() {
    Instant now = clock.instant();
    java.time.Duration after = identity.lastKnown().archiveAfter(properties.archiveAfter());
    Query due =
        Query.query(
                Criteria.where("state")
                    .is(CaseState.closed.wire())
                    .and("archivedAt")
                    .is(null)
                    .and("closedAt")
                    .lt(now.minus(after)))
            .limit(500);
    due.fields().include("number");
    int archived = 0;
    for (SupportCase c : mongo.find(due, SupportCase.class)) {
      for (int attempt = 1; attempt <= BuiltInCaseSource.MAX_ATTEMPTS; attempt++) {
        SupportCase current = cases.findByNumber(c.number()).orElse(null);
        if (current == null
            || current.archivedAt() != null
            || current.state() != CaseState.closed) {
          break;
        }
        try {
          current.archive(Actor.SYSTEM, after, now);
          cases.save(current);
          archived++;
          break;
        } catch (OptimisticLockingFailureException | ConflictException e) {
          // changed (reopened, archived) meanwhile: look again, or leave it to the next round
        }
      }
    }
    return archived;
  }

  record Imported(SupportCase c, boolean created) {}

  /**
   * Internal admin import through the normal path (demo data): once per import key, a case numbered
   * like any other with its events, so it counts among the account's open cases; again with the
   * same key: unchanged.
   */
  Imported importCase(
      String importKey,
      String accountId,
      String subject,
      CaseState state,
      String requesterId,
      String requesterName) {
    return cases
        .findByImportKey(importKey)
        .map(c -> new Imported(c, false))
        .orElseGet(
            () -> {
              Instant now = clock.instant();
              Actor requester = new Actor(requesterId, requesterName, null, false, false);
              return new Imported(
                  cases.save(
                      SupportCase.importedAsOpened(
                          importKey,
                          numbers.next(),
                          accountId,
                          requester,
                          Actor.current(),
                          subject,
                          state,
                          LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(5),
                          now)),
                  true);
            });
  }

  /** Internal admin import (demo data): keeps the number it is given. */
  SupportCase put(
      String number,
      String accountId,
      String subject,
      CaseState state,
      String requesterId,
      String by) {
    Instant now = clock.instant();
    return cases
        .findByNumber(number)
        .map(
            existing -> {
              if (!existing.accountId().equals(accountId)) {
                throw new ConflictException(
                    "duplicate-case-number", "Case " + number + " belongs to another account.");
              }
              existing.reimport(subject, state, requesterId, now, by);
              return cases.save(existing);
            })
        .orElseGet(
            () ->
                cases.save(
                    SupportCase.imported(number, accountId, subject, state, requesterId, now, by)));
  }
}
