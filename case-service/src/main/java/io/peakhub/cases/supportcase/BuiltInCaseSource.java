package io.peakhub.cases.supportcase;

import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The default case source: case documents in case-service's MongoDB, each with its activity stream
 * and its pending events (the outbox). Every change is a versioned save of the whole document,
 * retried on a concurrent save.
 */
@Component
class BuiltInCaseSource implements CaseSource {

  static final String NAME = io.peakhub.cases.identity.PortalSettings.BUILTIN;
  static final int MAX_ATTEMPTS = 5;

  private final SupportCaseRepository cases;
  private final MongoTemplate mongo;
  private final CaseNumbers numbers;
  private final Clock clock;

  BuiltInCaseSource(
      SupportCaseRepository cases, MongoTemplate mongo, CaseNumbers numbers, Clock clock) {
    this.cases = cases;
    this.mongo = mongo;
    this.numbers = numbers;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Page list(Query q) {
    List<Criteria> where = new ArrayList<>();
    where.add(Criteria.where("accountId").is(q.accountId()));
    where.addAll(matching(q.requesterId(), q.filter(), q.search()));
    if (q.after() != null) {
      where.add(Criteria.where("number").lt(q.after()));
    }
    org.springframework.data.mongodb.core.query.Query query =
        org.springframework.data.mongodb.core.query.Query.query(new Criteria().andOperator(where))
            .with(Sort.by(Sort.Direction.DESC, "number"))
            .limit(q.limit() + 1);
    query.fields().exclude("activity", "pendingEvents");
    List<SupportCase> found = mongo.find(query, SupportCase.class);
    if (found.size() > q.limit()) {
      return new Page(found.subList(0, q.limit()), found.get(q.limit() - 1).number());
    }
    return new Page(found, null);
  }

  /**
   * Up to {@code limit} cases of these accounts (null: every account), newest updated first, after
   * the given position; the same scope, filter and search as {@link #list}.
   */
  List<SupportCase> listAcross(
      java.util.Collection<String> accountIds,
      String requesterId,
      String filter,
      CaseSearch.Text search,
      SupportCaseService.Position after,
      int limit) {
    List<Criteria> where = new ArrayList<>();
    if (accountIds != null) {
      where.add(Criteria.where("accountId").in(accountIds));
    }
    where.addAll(matching(requesterId, filter, search));
    if (after != null) {
      where.add(
          new Criteria()
              .orOperator(
                  Criteria.where("updatedAt").lt(after.updatedAt()),
                  new Criteria()
                      .andOperator(
                          Criteria.where("updatedAt").is(after.updatedAt()),
                          Criteria.where("number").lt(after.number()))));
    }
    org.springframework.data.mongodb.core.query.Query query =
        org.springframework.data.mongodb.core.query.Query.query(
                where.isEmpty() ? new Criteria() : new Criteria().andOperator(where))
            .with(Sort.by(Sort.Direction.DESC, "updatedAt", "number"))
            .limit(limit);
    query.fields().exclude("activity", "pendingEvents");
    return mongo.find(query, SupportCase.class);
  }

  /**
   * What both lists ask beyond the account: the caller's scope (a requester: the cases the person
   * raised or is named on; null: every case), the filter and the search.
   */
  private static List<Criteria> matching(
      String requesterId, String filter, CaseSearch.Text search) {
    List<Criteria> where = new ArrayList<>();
    if (requesterId != null) {
      where.add(
          new Criteria()
              .orOperator(
                  Criteria.where("requesterId").is(requesterId),
                  Criteria.where("namedContactIds").is(requesterId)));
    }
    switch (filter) {
      case "open" -> where.add(Criteria.where("state").ne(CaseState.closed.wire()));
      case "closed" ->
          where.add(
              new Criteria()
                  .andOperator(
                      Criteria.where("state").is(CaseState.closed.wire()),
                      Criteria.where("archivedAt").is(null)));
      case "archived" -> where.add(Criteria.where("archivedAt").ne(null));
      default -> {}
    }
    if (search != null && search.number() != null) {
      where.add(Criteria.where("number").is(search.number()));
    } else if (search != null) {
      where.add(Criteria.where("subjectKey").regex(search.subjectRegex()));
    }
    return where;
  }

  @Override
  public Optional<SupportCase> find(String accountId, String number) {
    return cases.findByNumber(number).filter(c -> c.accountId().equals(accountId));
  }

  @Override
  public SupportCase open(NewCase c) {
    return cases.save(
        SupportCase.open(
            numbers.next(),
            c.accountId(),
            c.requester(),
            c.openedBy(),
            c.subject(),
            c.shortDescription(),
            c.description(),
            c.product(),
            c.priority(),
            c.dueDate(),
            clock.instant()));
  }

  @Override
  public SupportCase comment(String accountId, String number, Actor author, String text) {
    return update(accountId, number, c -> c.comment(author, text, clock.instant()));
  }

  /**
   * Applies the change to the current document and saves it with its version; if someone else saved
   * in between (or the outbox publisher marked events sent), reloads and retries.
   */
  SupportCase update(String accountId, String number, Consumer<SupportCase> change) {
    for (int attempt = 1; ; attempt++) {
      SupportCase current =
          find(accountId, number).orElseThrow(() -> new NotFoundException("Case", number));
      change.accept(current);
      try {
        return cases.save(current);
      } catch (OptimisticLockingFailureException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw new ConflictException(
              "concurrent-update",
              "Case " + number + " is being changed by someone else; try again.");
        }
      }
    }
  }
}
