package io.peakhub.cases.supportcase;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.problem.ConflictException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer's support case, its activity stream and its not yet published events, all in one
 * document: every change is one versioned document update, so a change, its activity entry and its
 * event are written together or not at all, without transactions (ADR 8).
 */
@Document("support_case")
@CompoundIndexes({
  @CompoundIndex(name = "account_number", def = "{'accountId': 1, 'number': -1}"),
  @CompoundIndex(
      name = "account_requester_number",
      def = "{'accountId': 1, 'requesterId': 1, 'number': -1}"),
  @CompoundIndex(name = "outbox", def = "{'outboxPending': 1, 'updatedAt': 1}"),
  // My Cases across accounts: accountId $in [...] (or every account for agents), newest updated
  @CompoundIndex(
      name = "account_updated_number",
      def = "{'accountId': 1, 'updatedAt': -1, 'number': -1}"),
  @CompoundIndex(name = "updated_number", def = "{'updatedAt': -1, 'number': -1}")
})
public class SupportCase {

  @Id private String id;

  @Indexed(unique = true)
  private String number;

  /**
   * The caller's key of an imported case (e.g. the demo data's old number), so an import is done
   * once.
   */
  @Indexed(sparse = true)
  private String importKey;

  private String accountId;
  private String requesterId;
  private String requesterName;

  /**
   * Who opened the case: the requester, or the account manager who opened it on behalf of the
   * requester.
   */
  private String openedById;

  private String openedByName;

  /**
   * Other contacts named on the case: a restricted profile sees the cases it raised or is named on.
   */
  private List<String> namedContactIds = new ArrayList<>();

  private String subject;

  /** Lower-cased subject for case-insensitive search (the stand-in ignores collation). */
  private String subjectKey;

  private String shortDescription;
  private String description;
  private String product;
  private String priority;
  private String state;
  private String assigneeId;
  private String assigneeName;
  private LocalDate dueDate;
  private Instant createdAt;
  private Instant updatedAt;
  private String updatedBy;
  private Instant resolvedAt;
  private Instant closedAt;
  private Instant archivedAt;
  private String archivedBy;
  private List<Activity> activity = new ArrayList<>();
  private List<PendingEvent> pendingEvents = new ArrayList<>();
  private boolean outboxPending;
  @Version private Long version;

  SupportCase() {}

  static SupportCase open(
      String number,
      String accountId,
      Actor requester,
      String subject,
      String shortDescription,
      String description,
      String product,
      String priority,
      LocalDate dueDate,
      Instant now) {
    return open(
        number,
        accountId,
        requester,
        requester,
        subject,
        shortDescription,
        description,
        product,
        priority,
        dueDate,
        now);
  }

  /**
   * Opens a case; when {@code openedBy} is not the requester (an account manager for a contact of
   * the account), the stream starts with an {@code opened} entry naming both.
   */
  static SupportCase open(
      String number,
      String accountId,
      Actor requester,
      Actor openedBy,
      String subject,
      String shortDescription,
      String description,
      String product,
      String priority,
      LocalDate dueDate,
      Instant now) {
    SupportCase c = new SupportCase();
    c.id = UUID.randomUUID().toString();
    c.number = number;
    c.accountId = accountId;
    c.requesterId = requester.id();
    c.requesterName = requester.name();
    c.subject = subject;
    c.subjectKey = subject.toLowerCase(java.util.Locale.ROOT);
    c.shortDescription = shortDescription;
    c.description = description;
    c.product = product;
    c.priority = priority;
    c.state = CaseState.new_.wire();
    c.dueDate = dueDate;
    c.createdAt = now;
    c.openedById = openedBy.id();
    c.openedByName = openedBy.name();
    if (!openedBy.id().equals(requester.id())) {
      c.add(
          openedBy,
          Activity.Kind.opened,
          "Opened on behalf of " + requester.name(),
          null,
          null,
          null,
          now);
    }
    c.touch(openedBy, now);
    c.raise(
        now,
        "CaseOpened.v1",
        new CaseEvents.CaseOpened(
            number,
            accountId,
            subject,
            priority,
            c.state,
            requester.id(),
            openedBy.id(),
            openedBy.impersonatorId(),
            now));
    return c;
  }

  /**
   * An import through the normal path: a new number, opened for the requester (CaseOpened.v1), then
   * moved to the state it had (CaseStateChanged.v1, CaseClosed.v1) by {@code by}; so imported cases
   * count like any other.
   */
  static SupportCase importedAsOpened(
      String importKey,
      String number,
      String accountId,
      Actor requester,
      Actor by,
      String subject,
      CaseState state,
      LocalDate dueDate,
      Instant now) {
    SupportCase c =
        open(
            number, accountId, requester, requester, subject, subject, null, null, "medium",
            dueDate, now);
    c.importKey = importKey;
    if (state != CaseState.new_) {
      c.moveTo(state, by, "imported", now);
    }
    return c;
  }

  public String importKey() {
    return importKey;
  }

  /** A case as an external source (ServiceNow) answers it: never saved here, no events. */
  public static SupportCase external(
      String number,
      String accountId,
      String requesterId,
      String requesterName,
      String subject,
      String shortDescription,
      String description,
      String product,
      String priority,
      CaseState state,
      Instant createdAt,
      Instant updatedAt,
      Instant resolvedAt,
      Instant closedAt,
      List<Activity> activity) {
    SupportCase c = new SupportCase();
    c.number = number;
    c.accountId = accountId;
    c.requesterId = requesterId;
    c.requesterName = requesterName;
    c.openedById = requesterId;
    c.subject = subject;
    c.shortDescription = shortDescription;
    c.description = description;
    c.product = product;
    c.priority = priority;
    c.state = state.wire();
    c.createdAt = createdAt;
    c.updatedAt = updatedAt;
    c.resolvedAt = resolvedAt;
    c.closedAt = closedAt;
    c.activity = new ArrayList<>(activity);
    return c;
  }

  /** Records a case as given (admin import / demo data): no activity, no event. */
  static SupportCase imported(
      String number,
      String accountId,
      String subject,
      CaseState state,
      String requesterId,
      Instant now,
      String by) {
    SupportCase c = new SupportCase();
    c.id = UUID.randomUUID().toString();
    c.number = number;
    c.accountId = accountId;
    c.createdAt = now;
    c.priority = "medium";
    c.reimport(subject, state, requesterId, now, by);
    return c;
  }

  void reimport(String subject, CaseState state, String requesterId, Instant now, String by) {
    this.subject = subject;
    this.subjectKey = subject.toLowerCase(java.util.Locale.ROOT);
    this.state = state.wire();
    this.requesterId = requesterId;
    this.updatedAt = now;
    this.updatedBy = by;
  }

  void comment(Actor author, String text, Instant now) {
    Activity entry = add(author, Activity.Kind.comment, text, null, null, null, now);
    touch(author, now);
    raise(
        now,
        "CaseCommented.v1",
        new CaseEvents.CaseCommented(
            number,
            accountId,
            entry.id(),
            author.id(),
            author.name(),
            author.impersonatorId(),
            now));
  }

  /**
   * Agents only; no event and no public trace (updatedAt stays, so customers cannot see that a note
   * was added).
   */
  void internalNote(Actor agent, String text, Instant now) {
    add(agent, Activity.Kind.internal_note, text, null, null, null, now);
  }

  void moveTo(CaseState next, Actor by, String reason, Instant now) {
    CaseState current = state();
    if (archivedAt != null) {
      throw new ConflictException(
          "case-archived", "Case " + number + " is archived; open a new case.");
    }
    if (!current.canMoveTo(next)) {
      throw new ConflictException(
              "invalid-state-transition",
              "Case " + number + " cannot move from " + current.wire() + " to " + next.wire() + ".")
          .with("from", current.wire())
          .with("to", next.wire());
    }
    state = next.wire();
    if (next == CaseState.resolved) {
      resolvedAt = now;
    }
    if (next == CaseState.closed) {
      closedAt = now;
    } else {
      closedAt = null;
    }
    add(by, Activity.Kind.state_change, reason, current.wire(), next.wire(), null, now);
    touch(by, now);
    raise(
        now,
        "CaseStateChanged.v1",
        new CaseEvents.CaseStateChanged(
            number,
            accountId,
            current.wire(),
            next.wire(),
            reason,
            by.id(),
            by.impersonatorId(),
            now));
    if (next == CaseState.closed) {
      raise(
          now,
          "CaseClosed.v1",
          new CaseEvents.CaseClosed(number, accountId, by.id(), by.impersonatorId(), now));
    }
  }

  void attach(Actor by, String attachmentId, String fileName, Instant now) {
    add(by, Activity.Kind.attachment, null, null, null, fileName, now, attachmentId);
    touch(by, now);
  }

  /**
   * Agents archive a case closed for at least {@code after}; it then shows under the archived
   * filter only.
   */
  void archive(Actor agent, java.time.Duration after, Instant now) {
    if (state() != CaseState.closed
        || archivedAt != null
        || closedAt == null
        || now.isBefore(closedAt.plus(after))) {
      throw new ConflictException(
          "case-not-archivable",
          "Only a case closed for at least " + after.toDays() + " days can be archived, once.");
    }
    archivedAt = now;
    archivedBy = agent.name();
    touch(agent, now);
  }

  /**
   * An agent moves a case logged under the wrong account: the case, its stream and its events go
   * with it; the stream records from and to, who and why.
   */
  void moveToAccount(Actor agent, String toAccountId, String reason, Instant now) {
    if (toAccountId.equals(accountId)) {
      throw new ConflictException(
          "same-account", "Case " + number + " already belongs to that account.");
    }
    String from = accountId;
    accountId = toAccountId;
    activity.add(
        new Activity(
            UUID.randomUUID().toString(),
            Activity.Kind.account_change,
            reason,
            null,
            null,
            null,
            agent.id(),
            agent.name(),
            agent.impersonatorId(),
            now,
            null,
            from,
            toAccountId));
    touch(agent, now);
    raise(
        now,
        "CaseAccountChanged.v1",
        new CaseEvents.CaseAccountChanged(
            number,
            from,
            toAccountId,
            state,
            state() != CaseState.closed,
            reason,
            agent.id(),
            agent.impersonatorId(),
            now));
  }

  void assign(Actor agent, String assigneeId, String assigneeName, Instant now) {
    this.assigneeId = assigneeId;
    this.assigneeName = assigneeName;
    touch(agent, now);
  }

  boolean visibleInRestrictedScopeTo(String userId) {
    return userId.equals(requesterId) || namedContactIds.contains(userId);
  }

  private Activity add(
      Actor actor,
      Activity.Kind kind,
      String text,
      String from,
      String to,
      String fileName,
      Instant now) {
    return add(actor, kind, text, from, to, fileName, now, null);
  }

  private Activity add(
      Actor actor,
      Activity.Kind kind,
      String text,
      String from,
      String to,
      String fileName,
      Instant now,
      String attachmentId) {
    Activity entry =
        new Activity(
            UUID.randomUUID().toString(),
            kind,
            text,
            from,
            to,
            fileName,
            actor.id(),
            actor.name(),
            actor.impersonatorId(),
            now,
            attachmentId,
            null,
            null);
    activity.add(entry);
    return entry;
  }

  private void touch(Actor actor, Instant now) {
    updatedAt = now;
    updatedBy = actor.name();
  }

  private void raise(Instant now, String type, Object body) {
    EventEnvelope event =
        new EventEnvelope(UUID.randomUUID(), type, now, accountId, EventJson.tree(body));
    pendingEvents.add(
        new PendingEvent(
            event.id().toString(), CaseEvents.TOPIC, type, now, EventJson.write(event)));
    outboxPending = true;
  }

  public CaseState state() {
    return CaseState.fromWire(state);
  }

  public String id() {
    return id;
  }

  public String number() {
    return number;
  }

  public String accountId() {
    return accountId;
  }

  public String requesterId() {
    return requesterId;
  }

  public String requesterName() {
    return requesterName;
  }

  public String openedById() {
    return openedById;
  }

  public String openedByName() {
    return openedByName;
  }

  public List<String> namedContactIds() {
    return List.copyOf(namedContactIds);
  }

  public String subject() {
    return subject;
  }

  public String shortDescription() {
    return shortDescription;
  }

  public String description() {
    return description;
  }

  public String product() {
    return product;
  }

  public String priority() {
    return priority;
  }

  public String assigneeId() {
    return assigneeId;
  }

  public String assigneeName() {
    return assigneeName;
  }

  public LocalDate dueDate() {
    return dueDate;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public String updatedBy() {
    return updatedBy;
  }

  public Instant resolvedAt() {
    return resolvedAt;
  }

  public Instant closedAt() {
    return closedAt;
  }

  public Instant archivedAt() {
    return archivedAt;
  }

  public String archivedBy() {
    return archivedBy;
  }

  public List<Activity> activity() {
    return List.copyOf(activity);
  }

  public List<PendingEvent> pendingEvents() {
    return List.copyOf(pendingEvents);
  }

  public Long version() {
    return version;
  }
}
