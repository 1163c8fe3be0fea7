package io.peakhub.cases.supportcase;

import io.peakhub.cases.account.AccountStatuses;
import io.peakhub.platform.access.AccountAccess;
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
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * My Cases: who may see and change which case, and the changes themselves. The account comes from the
 * path and is checked by platform's {@link AccountAccess} (area my_cases: view reads, create opens,
 * comments and answers a resolution; agents with edit change state and write internal notes). A
 * restricted profile sees the cases the person raised or is named on; a case outside the caller's
 * view is 404, like an account they may not see. Writes on an inactive account are refused.
 */
@Service
class SupportCaseService {

  static final int MAX_ATTEMPTS = 5;

  enum Filter { open, closed, archived, all }

  record Page(List<SupportCase> items, String next) {}

  private final SupportCaseRepository cases;
  private final MongoTemplate mongo;
  private final CaseNumbers numbers;
  private final AccountAccess access;
  private final AccountStatuses accounts;
  private final CaseProperties properties;
  private final Clock clock;
  private final AttachmentStore attachments;
  private final AttachmentScanner scanner;

  SupportCaseService(SupportCaseRepository cases, MongoTemplate mongo, CaseNumbers numbers, AccountAccess access,
      AccountStatuses accounts, CaseProperties properties, Clock clock, AttachmentStore attachments,
      AttachmentScanner scanner) {
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

  Page list(String accountId, String q, Filter filter, String after, int limit) {
    Grant grant = access.require(accountId, Area.my_cases, Level.view);
    Actor me = Actor.current();
    CaseSearch.Text search = CaseSearch.parse(q, properties.searchMaxLength());
    List<Criteria> where = new ArrayList<>();
    where.add(Criteria.where("accountId").is(accountId));
    if (!grant.allRecords() && !me.agent()) {
      where.add(new Criteria().orOperator(Criteria.where("requesterId").is(me.id()),
          Criteria.where("namedContactIds").is(me.id())));
    }
    switch (filter) {
      case open -> where.add(Criteria.where("state").ne(CaseState.closed.wire()));
      case closed -> where.add(new Criteria().andOperator(Criteria.where("state").is(CaseState.closed.wire()),
          Criteria.where("archivedAt").is(null)));
      case archived -> where.add(Criteria.where("archivedAt").ne(null));
      case all -> { }
    }
    if (search != null && search.number() != null) {
      where.add(Criteria.where("number").is(search.number()));
    } else if (search != null) {
      where.add(Criteria.where("subjectKey").regex(search.subjectRegex()));
    }
    if (after != null) {
      where.add(Criteria.where("number").lt(after));
    }
    Query query = Query.query(new Criteria().andOperator(where)).with(Sort.by(Sort.Direction.DESC, "number"))
        .limit(limit + 1);
    query.fields().exclude("activity", "pendingEvents");
    List<SupportCase> found = mongo.find(query, SupportCase.class);
    if (found.size() > limit) {
      return new Page(found.subList(0, limit), found.get(limit - 1).number());
    }
    return new Page(found, null);
  }

  SupportCase get(String accountId, String number) {
    Grant grant = access.require(accountId, Area.my_cases, Level.view);
    return visible(accountId, number, grant, Actor.current());
  }

  SupportCase open(String accountId, String subject, String shortDescription, String description, String product,
      String priority) {
    access.require(accountId, Area.my_cases, Level.create);
    accounts.requireActive(accountId);
    Instant now = clock.instant();
    LocalDate due = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(switch (priority) {
      case "critical" -> 1;
      case "high" -> 3;
      case "medium" -> 5;
      default -> 10;
    });
    return cases.save(SupportCase.open(numbers.next(), accountId, Actor.current(), subject, shortDescription,
        description, product, priority, due, now));
  }

  SupportCase comment(String accountId, String number, String text) {
    return change(accountId, number, Level.create, false, (c, me, now) -> c.comment(me, text, now));
  }

  SupportCase internalNote(String accountId, String number, String text) {
    return change(accountId, number, Level.edit, true, (c, me, now) -> c.internalNote(me, text, now));
  }

  SupportCase changeState(String accountId, String number, CaseState next, String reason) {
    return change(accountId, number, Level.edit, true, (c, me, now) -> c.moveTo(next, me, reason, now));
  }

  SupportCase assign(String accountId, String number, String assigneeId, String assigneeName) {
    return change(accountId, number, Level.edit, true, (c, me, now) -> c.assign(me, assigneeId, assigneeName, now));
  }

  SupportCase archive(String accountId, String number) {
    return change(accountId, number, Level.edit, true, (c, me, now) -> c.archive(me, properties.archiveAfter(), now));
  }

  SupportCase acceptResolution(String accountId, String number) {
    return change(accountId, number, Level.create, false, (c, me, now) -> {
      requireState(c, CaseState.resolved, "accept a resolution");
      c.moveTo(CaseState.closed, me, "resolution accepted", now);
    });
  }

  SupportCase rejectResolution(String accountId, String number, String reason) {
    return change(accountId, number, Level.create, false, (c, me, now) -> {
      requireState(c, CaseState.resolved, "reject a resolution");
      c.moveTo(CaseState.in_progress, me, reason, now);
    });
  }

  SupportCase reopen(String accountId, String number, String reason) {
    return change(accountId, number, Level.create, false, (c, me, now) -> {
      requireState(c, CaseState.closed, "reopen it");
      if (c.closedAt() == null || now.isAfter(c.closedAt().plus(properties.reopenWindow()))) {
        throw new ConflictException("reopen-window-passed", "Case " + c.number() + " was closed more than "
            + properties.reopenWindow().toDays() + " days ago and can no longer be reopened; open a new case.");
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
    Actor me = Actor.current();
    visible(accountId, number, grant, me);
    accounts.requireActive(accountId);
    if (content.length == 0) {
      throw new io.peakhub.platform.problem.InvalidInputException("file", "'file' is empty.");
    }
    if (content.length > properties.attachmentMaxBytes()) {
      throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
          "An attachment may be at most " + properties.attachmentMaxBytes() + " bytes.");
    }
    String name = AttachmentNames.safe(originalName);
    String type = ContentSniffer.detect(content).orElseThrow(() -> new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-attachment-type",
        "Attachments may be PDF, PNG, JPEG, GIF or plain text; this file's content is none of them."));
    if (!ContentSniffer.extensionMatches(name, type)) {
      throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-attachment-type",
          "The file's name (" + name + ") does not match its content (" + type + ").");
    }
    if (scanner.scan(name, type, content) != AttachmentScanner.Verdict.clean) {
      throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "attachment-infected",
          "The virus scanner refused this file.");
    }
    String id = java.util.UUID.randomUUID().toString();
    attachments.store(new AttachmentStore.Attachment(id, number, accountId, name, type, content.length, me.id(),
        clock.instant()), content);
    try {
      return change(accountId, number, Level.create, false, (c, actor, now) -> c.attach(actor, id, name, now));
    } catch (RuntimeException e) {
      attachments.delete(id);
      throw e;
    }
  }

  Download download(String accountId, String number, String attachmentId) {
    Grant grant = access.require(accountId, Area.my_cases, Level.view);
    visible(accountId, number, grant, Actor.current());
    AttachmentStore.Attachment attachment = attachments.find(attachmentId)
        .filter(a -> a.caseNumber().equals(number) && a.accountId().equals(accountId))
        .orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
    return new Download(attachment, attachments.content(attachment));
  }

  @FunctionalInterface
  interface Change {
    void apply(SupportCase c, Actor me, Instant now);
  }

  /**
   * Checks access, then applies the change to the current document and saves it with its version; if
   * someone else saved in between (or the outbox publisher marked events sent), reloads and retries.
   */
  private SupportCase change(String accountId, String number, Level level, boolean agentsOnly, Change change) {
    Grant grant = access.require(accountId, Area.my_cases, level);
    Actor me = Actor.current();
    if (agentsOnly && !me.agent()) {
      throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Only support agents may do this.");
    }
    visible(accountId, number, grant, me);
    accounts.requireActive(accountId);
    for (int attempt = 1; ; attempt++) {
      SupportCase current = visible(accountId, number, grant, me);
      change.apply(current, me, clock.instant());
      try {
        return cases.save(current);
      } catch (OptimisticLockingFailureException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw new ConflictException("concurrent-update", "Case " + number + " is being changed by someone else; try again.");
        }
      }
    }
  }

  private SupportCase visible(String accountId, String number, Grant grant, Actor me) {
    return cases.findByNumber(number)
        .filter(c -> c.accountId().equals(accountId))
        .filter(c -> grant.allRecords() || me.agent() || c.visibleInRestrictedScopeTo(me.id()))
        .orElseThrow(() -> new NotFoundException("Case", number));
  }

  private static void requireState(SupportCase c, CaseState expected, String what) {
    if (c.state() != expected) {
      throw new ConflictException("invalid-state-transition", "Case " + c.number() + " is " + c.state().wire()
          + "; only a " + expected.wire() + " case can " + what + ".");
    }
  }

  /** Internal admin import (demo data): keeps the number it is given. */
  SupportCase put(String number, String accountId, String subject, CaseState state, String requesterId, String by) {
    Instant now = clock.instant();
    return cases.findByNumber(number)
        .map(existing -> {
          if (!existing.accountId().equals(accountId)) {
            throw new ConflictException("duplicate-case-number", "Case " + number + " belongs to another account.");
          }
          existing.reimport(subject, state, requesterId, now, by);
          return cases.save(existing);
        })
        .orElseGet(() -> cases.save(SupportCase.imported(number, accountId, subject, state, requesterId, now, by)));
  }

}
