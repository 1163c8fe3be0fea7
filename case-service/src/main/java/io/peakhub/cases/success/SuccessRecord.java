package io.peakhub.cases.success;

import io.peakhub.cases.supportcase.Activity;
import io.peakhub.cases.supportcase.Actor;
import io.peakhub.cases.supportcase.PendingEvent;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer success record (initiative, success case, case task or touchpoint) with its activity
 * stream, its words index and its not yet published events, in one document, as a support case is:
 * every change is one versioned update carrying its activity entry and its event (ADR 8).
 */
@Document("success_record")
@CompoundIndexes({
  @CompoundIndex(name = "account_kind_number", def = "{'accountId': 1, 'kind': 1, 'number': -1}"),
  @CompoundIndex(
      name = "account_kind_assignee",
      def = "{'accountId': 1, 'kind': 1, 'assigneeId': 1}"),
  @CompoundIndex(
      name = "account_kind_contacts",
      def = "{'accountId': 1, 'kind': 1, 'contactIds': 1}"),
  @CompoundIndex(name = "parent", def = "{'parentNumber': 1}"),
  @CompoundIndex(name = "outbox", def = "{'outboxPending': 1, 'updatedAt': 1}")
})
public class SuccessRecord {

  /**
   * What agents write on a record; a touchpoint's summary is its short description, its date the
   * due date.
   */
  public record Fields(
      String subject,
      String shortDescription,
      String description,
      String product,
      LocalDate dueDate,
      String touchpointType,
      List<String> attendees) {}

  @Id private String id;

  @Indexed(unique = true)
  private String number;

  private String kind;
  private String accountId;
  private String parentNumber;
  private String state;
  private String subject;
  private String shortDescription;
  private String description;
  private String product;
  private LocalDate dueDate;
  private String touchpointType;
  private List<String> attendees = new ArrayList<>();
  private String assigneeId;
  private String assigneeName;
  private boolean visibleToCustomer;

  /** The customer contacts (user ids) who may see it; a case manager sees every visible record. */
  private List<String> contactIds = new ArrayList<>();

  private List<String> articleIds = new ArrayList<>();
  private List<String> words = new ArrayList<>();
  private List<Activity> activity = new ArrayList<>();
  private List<PendingEvent> pendingEvents = new ArrayList<>();
  private boolean outboxPending;
  private Instant createdAt;
  private Instant updatedAt;
  private String updatedBy;
  @Version private Long version;

  SuccessRecord() {}

  static SuccessRecord create(
      String number,
      SuccessKind kind,
      String accountId,
      String parentNumber,
      Fields fields,
      boolean visibleToCustomer,
      List<String> contactIds,
      Actor by,
      Instant now) {
    SuccessRecord r = blank(number, kind, accountId, parentNumber, now);
    r.apply(fields);
    r.visibleToCustomer = visibleToCustomer;
    r.contactIds = new ArrayList<>(contactIds);
    r.touch(by, now);
    r.raise(
        now,
        "SuccessRecordCreated.v1",
        new SuccessEvents.SuccessRecordCreated(
            number,
            kind.name(),
            accountId,
            parentNumber,
            r.subject,
            r.state,
            visibleToCustomer,
            by.id(),
            by.impersonatorId(),
            now));
    return r;
  }

  /** Recorded as given (admin import, demo data): no activity, no event. */
  static SuccessRecord imported(
      String number, SuccessKind kind, String accountId, String parentNumber, Instant now) {
    return blank(number, kind, accountId, parentNumber, now);
  }

  void reimport(
      Fields fields,
      String state,
      boolean visibleToCustomer,
      List<String> contactIds,
      String assigneeId,
      String assigneeName,
      Instant now,
      String by) {
    apply(fields);
    requireState(state);
    this.state = state;
    this.visibleToCustomer = visibleToCustomer;
    this.contactIds = new ArrayList<>(contactIds);
    this.assigneeId = assigneeId;
    this.assigneeName = assigneeName;
    this.updatedAt = now;
    this.updatedBy = by;
  }

  private static SuccessRecord blank(
      String number, SuccessKind kind, String accountId, String parentNumber, Instant now) {
    SuccessRecord r = new SuccessRecord();
    r.id = UUID.randomUUID().toString();
    r.number = number;
    r.kind = kind.name();
    r.accountId = accountId;
    r.parentNumber = parentNumber;
    r.state = kind.states().getFirst();
    r.createdAt = now;
    r.updatedAt = now;
    return r;
  }

  void edit(Fields fields, Actor by, Instant now) {
    List<String> changed = new ArrayList<>();
    Fields before = fields();
    if (!Objects.equals(before.subject(), fields.subject())) changed.add("subject");
    if (!Objects.equals(before.shortDescription(), fields.shortDescription()))
      changed.add("shortDescription");
    if (!Objects.equals(before.description(), fields.description())) changed.add("description");
    if (!Objects.equals(before.product(), fields.product())) changed.add("product");
    if (!Objects.equals(before.dueDate(), fields.dueDate())) changed.add("dueDate");
    if (!Objects.equals(before.touchpointType(), fields.touchpointType()))
      changed.add("touchpointType");
    if (!Objects.equals(
        before.attendees(), fields.attendees() == null ? List.of() : fields.attendees())) {
      changed.add("attendees");
    }
    if (changed.isEmpty()) {
      return;
    }
    apply(fields);
    touch(by, now);
    raise(
        now,
        "SuccessRecordUpdated.v1",
        new SuccessEvents.SuccessRecordUpdated(
            number, kind, accountId, changed, by.id(), by.impersonatorId(), now));
  }

  void assign(String assigneeId, String assigneeName, Actor by, Instant now) {
    this.assigneeId = assigneeId;
    this.assigneeName = assigneeName;
    touch(by, now);
    raise(
        now,
        "SuccessRecordAssigned.v1",
        new SuccessEvents.SuccessRecordAssigned(
            number, kind, accountId, assigneeId, assigneeName, by.id(), by.impersonatorId(), now));
  }

  void moveTo(String next, String reason, Actor by, Instant now) {
    requireState(next);
    if (next.equals(state)) {
      throw new ConflictException("invalid-state-transition", number + " is already " + next + ".");
    }
    String from = state;
    state = next;
    addActivity(by, Activity.Kind.state_change, reason, from, next, null, null, now);
    touch(by, now);
    raise(
        now,
        "SuccessRecordStateChanged.v1",
        new SuccessEvents.SuccessRecordStateChanged(
            number, kind, accountId, from, next, by.id(), by.impersonatorId(), now));
  }

  void setVisibility(boolean visible, List<String> contacts, Actor by, Instant now) {
    this.visibleToCustomer = visible;
    this.contactIds = new ArrayList<>(contacts);
    touch(by, now);
    raise(
        now,
        "SuccessRecordVisibilityChanged.v1",
        new SuccessEvents.SuccessRecordVisibilityChanged(
            number,
            kind,
            accountId,
            visible,
            List.copyOf(contacts),
            by.id(),
            by.impersonatorId(),
            now));
  }

  void shareArticle(String articleId, Actor by, Instant now) {
    if (articleIds.contains(articleId)) {
      return;
    }
    articleIds.add(articleId);
    touch(by, now);
    raise(
        now,
        "KnowledgeArticleShared.v1",
        new SuccessEvents.KnowledgeArticleShared(
            number, kind, accountId, articleId, by.id(), by.impersonatorId(), now));
  }

  void comment(Actor by, String text, Instant now) {
    addActivity(by, Activity.Kind.comment, text, null, null, null, null, now);
    touch(by, now);
  }

  /**
   * Agents only; nothing public changes (not even updatedAt), and it is never indexed for search.
   */
  void internalNote(Actor by, String text, Instant now) {
    addActivity(by, Activity.Kind.internal_note, text, null, null, null, null, now);
  }

  void attach(Actor by, String attachmentId, String fileName, Instant now) {
    addActivity(by, Activity.Kind.attachment, null, null, null, fileName, attachmentId, now);
    touch(by, now);
  }

  private void apply(Fields f) {
    subject = f.subject();
    shortDescription = f.shortDescription();
    description = f.description();
    product = f.product();
    dueDate = f.dueDate();
    touchpointType = f.touchpointType();
    attendees = f.attendees() == null ? new ArrayList<>() : new ArrayList<>(f.attendees());
    words = SuccessWords.index(number, subject, shortDescription, description);
  }

  private void requireState(String wanted) {
    if (!kind().states().contains(wanted)) {
      throw new InvalidInputException("state", "A " + kind + " is one of " + kind().states() + ".");
    }
  }

  private void addActivity(
      Actor by,
      Activity.Kind kind,
      String text,
      String from,
      String to,
      String fileName,
      String attachmentId,
      Instant now) {
    activity.add(
        new Activity(
            UUID.randomUUID().toString(),
            kind,
            text,
            from,
            to,
            fileName,
            by.id(),
            by.name(),
            by.impersonatorId(),
            now,
            attachmentId,
            null,
            null));
  }

  private void touch(Actor by, Instant now) {
    updatedAt = now;
    updatedBy = by.name();
  }

  private void raise(Instant now, String type, Object body) {
    EventEnvelope event =
        new EventEnvelope(UUID.randomUUID(), type, now, accountId, EventJson.tree(body));
    pendingEvents.add(
        new PendingEvent(
            event.id().toString(), SuccessEvents.TOPIC, type, now, EventJson.write(event)));
    outboxPending = true;
  }

  public Fields fields() {
    return new Fields(
        subject,
        shortDescription,
        description,
        product,
        dueDate,
        touchpointType,
        List.copyOf(attendees));
  }

  public SuccessKind kind() {
    return SuccessKind.valueOf(kind);
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

  public String parentNumber() {
    return parentNumber;
  }

  public String state() {
    return state;
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

  public LocalDate dueDate() {
    return dueDate;
  }

  public String touchpointType() {
    return touchpointType;
  }

  public List<String> attendees() {
    return List.copyOf(attendees);
  }

  public String assigneeId() {
    return assigneeId;
  }

  public String assigneeName() {
    return assigneeName;
  }

  public boolean visibleToCustomer() {
    return visibleToCustomer;
  }

  public List<String> contactIds() {
    return List.copyOf(contactIds);
  }

  public List<String> articleIds() {
    return List.copyOf(articleIds);
  }

  public List<String> words() {
    return List.copyOf(words);
  }

  public List<Activity> activity() {
    return List.copyOf(activity);
  }

  public List<PendingEvent> pendingEvents() {
    return List.copyOf(pendingEvents);
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

  public Long version() {
    return version;
  }
}
