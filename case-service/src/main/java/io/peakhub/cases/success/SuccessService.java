package io.peakhub.cases.success;

import io.peakhub.cases.account.AccountStatuses;
import io.peakhub.cases.success.SuccessVisibility.Scope;
import io.peakhub.cases.success.SuccessVisibility.Viewer;
import io.peakhub.cases.supportcase.Actor;
import io.peakhub.cases.supportcase.CaseAttachments;
import io.peakhub.cases.supportcase.CaseNumbers;
import io.peakhub.cases.supportcase.SupportCaseLookup;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Customer success records: reads through {@link SuccessVisibility} only (lists, detail, children,
 * search, downloads, shared articles), writes by agents (success agents and admins with edit in My
 * Cases) on active accounts. The account comes from the path and is checked by platform's
 * AccountAccess in the {@code my_cases} area; a record outside the caller's view is 404, like an
 * account they may not see.
 */
@Service
class SuccessService {

  static final int MAX_ATTEMPTS = 5;
  static final int MAX_OFFSET = 10_000;
  static final int SEARCH_LIMIT = 10;
  static final Set<String> SORTS = Set.of("number", "dueDate", "updatedAt", "state", "subject");

  record Page(List<SuccessRecord> items, boolean more) {}

  record Detail(
      SuccessRecord record,
      List<SuccessRecord> children,
      List<KnowledgeArticle> articles,
      List<String> headerFields,
      boolean staff) {}

  record Hit(String number, String kind, String subject, String state, String parentNumber) {}

  record Group(String source, List<Hit> items) {}

  /** What an agent gives when creating a record. */
  record NewRecord(
      String parentNumber,
      SuccessRecord.Fields fields,
      boolean visibleToCustomer,
      List<String> contactIds,
      String assigneeId,
      String assigneeName) {}

  private final SuccessRecordRepository records;
  private final KnowledgeArticleRepository articles;
  private final MongoTemplate mongo;
  private final CaseNumbers numbers;
  private final AccountAccess access;
  private final AccountStatuses accounts;
  private final CaseAttachments attachments;
  private final SupportCaseLookup supportCases;
  private final SuccessSettings settings;
  private final SuccessSearchIndex index;
  private final Clock clock;

  SuccessService(
      SuccessRecordRepository records,
      KnowledgeArticleRepository articles,
      MongoTemplate mongo,
      CaseNumbers numbers,
      AccountAccess access,
      AccountStatuses accounts,
      CaseAttachments attachments,
      SupportCaseLookup supportCases,
      SuccessSettings settings,
      SuccessSearchIndex index,
      Clock clock) {
    this.records = records;
    this.articles = articles;
    this.mongo = mongo;
    this.numbers = numbers;
    this.access = access;
    this.accounts = accounts;
    this.attachments = attachments;
    this.supportCases = supportCases;
    this.settings = settings;
    this.index = index;
    this.clock = clock;
  }

  Page list(
      String accountId,
      SuccessKind kind,
      Scope scope,
      String state,
      String sort,
      Sort.Direction direction,
      int offset,
      int limit) {
    Viewer viewer = viewer(accountId);
    if (state != null && !kind.states().contains(state)) {
      throw new InvalidInputException("state", "A " + kind + " is one of " + kind.states() + ".");
    }
    if (!SORTS.contains(sort)) {
      throw new InvalidInputException("sort", "'sort' is one of " + SORTS + ".");
    }
    if (offset > MAX_OFFSET) {
      throw new InvalidInputException(
          "offset", "'offset' is at most " + MAX_OFFSET + "; narrow the list instead.");
    }
    List<Criteria> where =
        new ArrayList<>(
            List.of(
                SuccessVisibility.where(viewer, accountId, scope),
                Criteria.where("kind").is(kind.name())));
    if (state != null) {
      where.add(Criteria.where("state").is(state));
    }
    Sort order = Sort.by(direction, sort);
    if (!sort.equals("number")) {
      order = order.and(Sort.by(Sort.Direction.DESC, "number"));
    }
    Query query =
        Query.query(new Criteria().andOperator(where)).with(order).skip(offset).limit(limit + 1);
    query.fields().exclude("activity", "pendingEvents", "words");
    List<SuccessRecord> found = mongo.find(query, SuccessRecord.class);
    return found.size() > limit ? new Page(found.subList(0, limit), true) : new Page(found, false);
  }

  Detail detail(String accountId, SuccessKind kind, String number) {
    Viewer viewer = viewer(accountId);
    SuccessRecord r = visible(accountId, kind, number, viewer);
    List<SuccessRecord> children =
        mongo.find(
            Query.query(
                    new Criteria()
                        .andOperator(
                            SuccessVisibility.where(viewer, accountId, Scope.all),
                            Criteria.where("parentNumber").is(number)))
                .with(Sort.by(Sort.Direction.ASC, "number"))
                .limit(200),
            SuccessRecord.class);
    List<KnowledgeArticle> shared =
        articles.findAllById(r.articleIds()).stream()
            .filter(a -> viewer.staff() || a.published())
            .toList();
    return new Detail(r, children, shared, settings.headerFields(), viewer.staff());
  }

  KnowledgeArticle sharedArticle(
      String accountId, SuccessKind kind, String number, String articleId) {
    Viewer viewer = viewer(accountId);
    SuccessRecord r = visible(accountId, kind, number, viewer);
    return articles
        .findById(articleId)
        .filter(a -> r.articleIds().contains(a.id()))
        .filter(a -> viewer.staff() || a.published())
        .orElseThrow(() -> new NotFoundException("Article", articleId));
  }

  SuccessRecord create(String accountId, SuccessKind kind, NewRecord input) {
    Actor me = requireAgent(accountId);
    accounts.requireActive(accountId);
    String parent = input.parentNumber();
    Set<SuccessKind> parents =
        switch (kind) {
          case initiative -> Set.of();
          case success_case -> Set.of(SuccessKind.initiative);
          case task -> Set.of(SuccessKind.success_case);
          case touchpoint -> Set.of(SuccessKind.initiative, SuccessKind.success_case);
        };
    boolean parentRequired = kind == SuccessKind.task || kind == SuccessKind.touchpoint;
    if (parent == null && parentRequired || parent != null && parents.isEmpty()) {
      throw new InvalidInputException(
          "parentNumber",
          parentRequired
              ? "A " + kind + " belongs to a " + parents + "; 'parentNumber' is required."
              : "A " + kind + " has no parent.");
    }
    if (parent != null) {
      SuccessRecord p =
          records
              .findByNumber(parent)
              .filter(x -> x.accountId().equals(accountId))
              .orElseThrow(() -> new NotFoundException("Success record", parent));
      if (!parents.contains(p.kind())) {
        throw new InvalidInputException(
            "parentNumber", "A " + kind + " belongs to a " + parents + ".");
      }
    }
    if (kind == SuccessKind.touchpoint && input.fields().touchpointType() == null) {
      throw new InvalidInputException("touchpointType", "A touchpoint needs its type.");
    }
    Instant now = clock.instant();
    SuccessRecord r =
        SuccessRecord.create(
            numbers.next(kind.name(), kind.numberFormat()),
            kind,
            accountId,
            parent,
            input.fields(),
            input.visibleToCustomer(),
            input.contactIds(),
            me,
            now);
    if (input.assigneeId() != null) {
      r.assign(input.assigneeId(), input.assigneeName(), me, now);
    }
    return saveIndexed(r, List.of());
  }

  SuccessRecord edit(
      String accountId, SuccessKind kind, String number, SuccessRecord.Fields fields) {
    return change(accountId, kind, number, true, (r, me, now) -> r.edit(fields, me, now));
  }

  SuccessRecord assign(
      String accountId, SuccessKind kind, String number, String assigneeId, String assigneeName) {
    return change(
        accountId, kind, number, true, (r, me, now) -> r.assign(assigneeId, assigneeName, me, now));
  }

  SuccessRecord changeState(
      String accountId, SuccessKind kind, String number, String state, String reason) {
    return change(accountId, kind, number, true, (r, me, now) -> r.moveTo(state, reason, me, now));
  }

  SuccessRecord setVisibility(
      String accountId, SuccessKind kind, String number, boolean visible, List<String> contactIds) {
    return change(
        accountId,
        kind,
        number,
        true,
        (r, me, now) -> r.setVisibility(visible, contactIds, me, now));
  }

  SuccessRecord shareArticle(String accountId, SuccessKind kind, String number, String articleId) {
    articles.findById(articleId).orElseThrow(() -> new NotFoundException("Article", articleId));
    return change(
        accountId, kind, number, true, (r, me, now) -> r.shareArticle(articleId, me, now));
  }

  SuccessRecord comment(String accountId, SuccessKind kind, String number, String text) {
    return change(accountId, kind, number, false, (r, me, now) -> r.comment(me, text, now));
  }

  SuccessRecord internalNote(String accountId, SuccessKind kind, String number, String text) {
    return change(accountId, kind, number, true, (r, me, now) -> r.internalNote(me, text, now));
  }

  SuccessRecord attach(
      String accountId, SuccessKind kind, String number, String fileName, byte[] content) {
    Grant grant = access.require(accountId, Area.my_cases, Level.create);
    Actor me = Actor.current();
    visible(accountId, kind, number, Viewer.current(grant));
    accounts.requireActive(accountId);
    CaseAttachments.Stored stored = attachments.store(accountId, number, fileName, content, me);
    try {
      return change(
          accountId,
          kind,
          number,
          false,
          (r, actor, now) -> r.attach(actor, stored.id(), stored.fileName(), now));
    } catch (RuntimeException e) {
      attachments.delete(stored.id());
      throw e;
    }
  }

  CaseAttachments.File download(
      String accountId, SuccessKind kind, String number, String attachmentId) {
    visible(accountId, kind, number, viewer(accountId));
    return attachments.load(accountId, number, attachmentId);
  }

  /**
   * One query, grouped by source, each group through the same rule as the lists (and support cases
   * through My Cases' own list): a search never shows what a list would not.
   */
  List<Group> search(String accountId, String q, int maxLength) {
    Viewer viewer = viewer(accountId);
    List<String> words = SuccessWords.query(q, maxLength);
    List<Group> groups = new ArrayList<>();
    for (SuccessKind kind :
        List.of(
            SuccessKind.success_case,
            SuccessKind.task,
            SuccessKind.initiative,
            SuccessKind.touchpoint)) {
      groups.add(
          new Group(
              kind.path(),
              found(viewer, accountId, kind, words).stream()
                  .map(
                      r ->
                          new Hit(
                              r.number(),
                              r.kind().name(),
                              r.subject(),
                              r.state(),
                              r.parentNumber()))
                  .toList()));
    }
    groups.add(
        new Group(
            "support-cases",
            supportCases.search(accountId, q, SEARCH_LIMIT).stream()
                .map(c -> new Hit(c.number(), "support_case", c.subject(), c.state(), null))
                .toList()));
    return groups;
  }

  /**
   * The newest {@link #SEARCH_LIMIT} records of this kind holding all the words that the viewer
   * sees: the index gives candidates (newest first); each is loaded by number (the stand-in's
   * unique index) and kept only if its own words still hold the query's (a stale posting is dropped
   * here) and the list's rule shows it. Candidates are read in growing batches, so a common word
   * costs a few batches, not the whole posting.
   */
  private List<SuccessRecord> found(
      Viewer viewer, String accountId, SuccessKind kind, List<String> words) {
    Iterator<String> candidates = index.candidates(accountId, kind, words);
    List<SuccessRecord> hits = new ArrayList<>();
    int batch = SEARCH_LIMIT * 3;
    while (candidates.hasNext() && hits.size() < SEARCH_LIMIT) {
      List<String> numbers = new ArrayList<>();
      while (candidates.hasNext() && numbers.size() < batch) {
        numbers.add(candidates.next());
      }
      Query query = Query.query(Criteria.where("number").in(numbers));
      query.fields().exclude("activity", "pendingEvents");
      Map<String, SuccessRecord> loaded = new HashMap<>();
      mongo.find(query, SuccessRecord.class).forEach(r -> loaded.put(r.number(), r));
      for (String number : numbers) {
        SuccessRecord r = loaded.get(number);
        if (r != null
            && r.kind() == kind
            && r.words().containsAll(words)
            && SuccessVisibility.sees(viewer, r, accountId, Scope.all)
            && hits.size() < SEARCH_LIMIT) {
          hits.add(r);
        }
      }
      batch = Math.min(batch * 4, 1_000);
    }
    return hits;
  }

  /**
   * Saves the record and keeps its postings in step (see {@link SuccessSearchIndex} for why in this
   * order): new words posted before and after the save, dropped words pulled after it and re-posted
   * if the record, read back, holds them again.
   */
  private SuccessRecord saveIndexed(SuccessRecord r, List<String> before) {
    Set<String> added = new LinkedHashSet<>(r.words());
    before.forEach(added::remove);
    Set<String> dropped = new LinkedHashSet<>(before);
    r.words().forEach(dropped::remove);
    index.post(r.accountId(), r.kind(), r.number(), added);
    SuccessRecord saved = records.save(r);
    if (!before.isEmpty()) {
      index.post(r.accountId(), r.kind(), r.number(), added);
    }
    if (!dropped.isEmpty()) {
      index.pull(r.accountId(), r.kind(), r.number(), dropped);
      records
          .findByNumber(r.number())
          .ifPresent(
              now ->
                  index.post(
                      r.accountId(),
                      r.kind(),
                      r.number(),
                      now.words().stream().filter(dropped::contains).toList()));
    }
    return saved;
  }

  /**
   * Internal admin import (demo data): keeps the number it is given, writes no activity and no
   * event.
   */
  SuccessRecord put(
      SuccessKind kind,
      String number,
      String accountId,
      String parentNumber,
      SuccessRecord.Fields fields,
      String state,
      boolean visible,
      List<String> contactIds,
      String assigneeId,
      String assigneeName,
      String by) {
    if (!kind.owns(number)) {
      throw new InvalidInputException("number", number + " is not a " + kind + " number.");
    }
    Instant now = clock.instant();
    SuccessRecord r =
        records
            .findByNumber(number)
            .orElseGet(() -> SuccessRecord.imported(number, kind, accountId, parentNumber, now));
    if (!r.accountId().equals(accountId)) {
      throw new ConflictException("duplicate-case-number", number + " belongs to another account.");
    }
    List<String> before = r.words();
    r.reimport(
        fields,
        state == null ? kind.states().getFirst() : state,
        visible,
        contactIds,
        assigneeId,
        assigneeName,
        now,
        by);
    return saveIndexed(r, before);
  }

  @FunctionalInterface
  interface Change {
    void apply(SuccessRecord r, Actor me, Instant now);
  }

  private SuccessRecord change(
      String accountId, SuccessKind kind, String number, boolean agentsOnly, Change change) {
    Actor me;
    Viewer viewer;
    if (agentsOnly) {
      me = requireAgent(accountId);
      viewer = viewer(accountId);
    } else {
      Grant grant = access.require(accountId, Area.my_cases, Level.create);
      me = Actor.current();
      viewer = Viewer.current(grant);
    }
    visible(accountId, kind, number, viewer);
    accounts.requireActive(accountId);
    for (int attempt = 1; ; attempt++) {
      SuccessRecord current = visible(accountId, kind, number, viewer);
      List<String> before = current.words();
      change.apply(current, me, clock.instant());
      try {
        return saveIndexed(current, before);
      } catch (OptimisticLockingFailureException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw new ConflictException(
              "concurrent-update", number + " is being changed by someone else; try again.");
        }
      }
    }
  }

  private Actor requireAgent(String accountId) {
    access.require(accountId, Area.my_cases, Level.edit);
    Actor me = Actor.current();
    if (!me.agent()) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN, "forbidden", "Only success agents and admins do this.");
    }
    return me;
  }

  private Viewer viewer(String accountId) {
    return Viewer.current(access.require(accountId, Area.my_cases, Level.view));
  }

  private SuccessRecord visible(String accountId, SuccessKind kind, String number, Viewer viewer) {
    return records
        .findByNumber(number)
        .filter(r -> r.kind() == kind)
        .filter(r -> SuccessVisibility.sees(viewer, r, accountId, Scope.all))
        .orElseThrow(() -> new NotFoundException("Success record", number));
  }
}
