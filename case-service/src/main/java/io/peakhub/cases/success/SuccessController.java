package io.peakhub.cases.success;

import io.peakhub.cases.success.SuccessVisibility.Scope;
import io.peakhub.cases.supportcase.Activity;
import io.peakhub.cases.supportcase.CaseAttachments;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Customer success: initiatives, success cases, case tasks and touchpoints of an account ({@code
 * /accounts/{accountId}/success/{initiatives|cases|tasks|touchpoints}}), the grouped search, and
 * the admin's header fields and import. Who sees what is {@link SuccessVisibility}.
 */
@RestController
@Validated
class SuccessController {

  static final String ID = "[A-Za-z0-9-]{1,64}";
  static final String TOUCHPOINT_TYPE = "call|meeting|email|workshop|review";

  record Summary(
      String number,
      String kind,
      String accountId,
      String parentNumber,
      String subject,
      String state,
      String product,
      LocalDate dueDate,
      Long daysRemaining,
      String assigneeId,
      String assigneeName,
      boolean visibleToCustomer,
      String touchpointType,
      Instant updatedAt) {}

  record SummaryPage(List<Summary> items, int offset, int limit, boolean more) {}

  record ActivityView(
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
      Instant at) {}

  record ArticleLink(String id, String title, String product) {}

  record Detail(
      String number,
      String kind,
      String accountId,
      String parentNumber,
      String subject,
      String state,
      List<String> states,
      String shortDescription,
      String description,
      String product,
      LocalDate dueDate,
      Long daysRemaining,
      String assigneeId,
      String assigneeName,
      boolean visibleToCustomer,
      List<String> contactIds,
      String touchpointType,
      List<String> attendees,
      Instant createdAt,
      Instant updatedAt,
      List<String> headerFields,
      List<ArticleLink> articles,
      List<Summary> children,
      List<ActivityView> activity) {}

  record Fields(
      @NotBlank @Size(max = 300) String subject,
      @Size(max = 500) String shortDescription,
      @Size(max = 20000) String description,
      @Size(max = 100) String product,
      LocalDate dueDate,
      @Pattern(regexp = TOUCHPOINT_TYPE) String touchpointType,
      @Size(max = 20) List<@NotBlank @Size(max = 200) String> attendees) {

    SuccessRecord.Fields domain() {
      return new SuccessRecord.Fields(
          subject.strip(),
          shortDescription,
          description,
          product,
          dueDate,
          touchpointType,
          attendees == null ? List.of() : attendees);
    }
  }

  record Create(
      @Pattern(regexp = SuccessKind.NUMBER) String parentNumber,
      @NotBlank @Size(max = 300) String subject,
      @Size(max = 500) String shortDescription,
      @Size(max = 20000) String description,
      @Size(max = 100) String product,
      LocalDate dueDate,
      @Pattern(regexp = TOUCHPOINT_TYPE) String touchpointType,
      @Size(max = 20) List<@NotBlank @Size(max = 200) String> attendees,
      Boolean visibleToCustomer,
      @Size(max = 50) List<@Pattern(regexp = ID) String> contactIds,
      @Pattern(regexp = ID) String assigneeId,
      @Size(max = 200) String assigneeName) {}

  record Assignee(
      @NotBlank @Pattern(regexp = ID) String assigneeId,
      @NotBlank @Size(max = 200) String assigneeName) {}

  record StateChange(
      @NotBlank @Pattern(regexp = "[a-z_]{1,30}") String state, @Size(max = 2000) String reason) {}

  record Visibility(
      @NotNull Boolean visibleToCustomer,
      @NotNull @Size(max = 50) List<@Pattern(regexp = ID) String> contactIds) {}

  record Text(@NotBlank @Size(max = 20000) String text) {}

  record Share(@NotBlank @Pattern(regexp = ID) String articleId) {}

  record Article(
      String id, String title, String body, String product, boolean published, Instant updatedAt) {}

  record SearchResult(String q, List<SuccessService.Group> groups) {}

  record HeaderFields(
      @NotNull @Size(min = 1, max = 10)
          List<
                  @Pattern(
                      regexp =
                          "number|state|account|subject|dueDate|daysRemaining|product|assigneeName|parentNumber|updatedAt")
                  String>
              fields) {}

  record Import(
      @NotNull UUID accountId,
      @Pattern(regexp = SuccessKind.NUMBER) String parentNumber,
      @NotBlank @Size(max = 300) String subject,
      @Size(max = 500) String shortDescription,
      @Size(max = 20000) String description,
      @Size(max = 100) String product,
      LocalDate dueDate,
      @Pattern(regexp = TOUCHPOINT_TYPE) String touchpointType,
      @Size(max = 20) List<String> attendees,
      @Pattern(regexp = "[a-z_]{1,30}") String state,
      Boolean visibleToCustomer,
      @Size(max = 50) List<@Pattern(regexp = ID) String> contactIds,
      @Pattern(regexp = ID) String assigneeId,
      @Size(max = 200) String assigneeName) {}

  private final SuccessService service;
  private final SuccessSettings settings;
  private final Clock clock;
  private final int searchMaxLength;

  SuccessController(
      SuccessService service,
      SuccessSettings settings,
      Clock clock,
      io.peakhub.cases.supportcase.CaseProperties properties) {
    this.service = service;
    this.settings = settings;
    this.clock = clock;
    this.searchMaxLength = properties.searchMaxLength();
  }

  @GetMapping("/accounts/{accountId}/success/{kind}")
  SummaryPage list(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @RequestParam(defaultValue = "all") Scope list,
      @RequestParam(required = false) @Pattern(regexp = "[a-z_]{1,30}") String state,
      @RequestParam(defaultValue = "number")
          @Pattern(regexp = "number|dueDate|updatedAt|state|subject")
          String sort,
      @RequestParam(defaultValue = "desc") @Pattern(regexp = "asc|desc") String direction,
      @RequestParam(defaultValue = "0") @Min(0) int offset,
      @RequestParam(defaultValue = "25") @Min(1) @Max(100) int limit) {
    SuccessService.Page page =
        service.list(
            accountId.toString(),
            SuccessKind.fromPath(kind),
            list,
            state,
            sort,
            Sort.Direction.fromString(direction),
            offset,
            limit);
    return new SummaryPage(
        page.items().stream().map(this::summary).toList(), offset, limit, page.more());
  }

  @GetMapping("/accounts/{accountId}/success/{kind}/{number}")
  Detail get(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number) {
    return detail(service.detail(accountId.toString(), SuccessKind.fromPath(kind), number));
  }

  @PostMapping("/accounts/{accountId}/success/{kind}")
  ResponseEntity<Detail> create(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @Valid @RequestBody Create request) {
    SuccessKind k = SuccessKind.fromPath(kind);
    SuccessRecord created =
        service.create(
            accountId.toString(),
            k,
            new SuccessService.NewRecord(
                request.parentNumber(),
                new Fields(
                        request.subject(),
                        request.shortDescription(),
                        request.description(),
                        request.product(),
                        request.dueDate(),
                        request.touchpointType(),
                        request.attendees())
                    .domain(),
                Boolean.TRUE.equals(request.visibleToCustomer()),
                request.contactIds() == null ? List.of() : request.contactIds(),
                request.assigneeId(),
                request.assigneeName()));
    return ResponseEntity.created(
            URI.create("/accounts/" + accountId + "/success/" + kind + "/" + created.number()))
        .body(get(accountId, kind, created.number()));
  }

  @PutMapping("/accounts/{accountId}/success/{kind}/{number}")
  Detail edit(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @Valid @RequestBody Fields request) {
    service.edit(accountId.toString(), SuccessKind.fromPath(kind), number, request.domain());
    return get(accountId, kind, number);
  }

  @PutMapping("/accounts/{accountId}/success/{kind}/{number}/assignee")
  Detail assign(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @Valid @RequestBody Assignee request) {
    service.assign(
        accountId.toString(),
        SuccessKind.fromPath(kind),
        number,
        request.assigneeId(),
        request.assigneeName());
    return get(accountId, kind, number);
  }

  @PostMapping("/accounts/{accountId}/success/{kind}/{number}/state")
  Detail changeState(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @Valid @RequestBody StateChange request) {
    service.changeState(
        accountId.toString(),
        SuccessKind.fromPath(kind),
        number,
        request.state(),
        request.reason());
    return get(accountId, kind, number);
  }

  @PutMapping("/accounts/{accountId}/success/{kind}/{number}/visibility")
  Detail visibility(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @Valid @RequestBody Visibility request) {
    service.setVisibility(
        accountId.toString(),
        SuccessKind.fromPath(kind),
        number,
        request.visibleToCustomer(),
        request.contactIds());
    return get(accountId, kind, number);
  }

  @PostMapping("/accounts/{accountId}/success/{kind}/{number}/comments")
  Detail comment(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @Valid @RequestBody Text request) {
    service.comment(accountId.toString(), SuccessKind.fromPath(kind), number, request.text());
    return get(accountId, kind, number);
  }

  @PostMapping("/accounts/{accountId}/success/{kind}/{number}/internal-notes")
  Detail internalNote(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @Valid @RequestBody Text request) {
    service.internalNote(accountId.toString(), SuccessKind.fromPath(kind), number, request.text());
    return get(accountId, kind, number);
  }

  @PostMapping("/accounts/{accountId}/success/{kind}/{number}/articles")
  Detail share(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @Valid @RequestBody Share request) {
    service.shareArticle(
        accountId.toString(), SuccessKind.fromPath(kind), number, request.articleId());
    return get(accountId, kind, number);
  }

  @GetMapping("/accounts/{accountId}/success/{kind}/{number}/articles/{articleId}")
  Article sharedArticle(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @PathVariable @Pattern(regexp = ID) String articleId) {
    return article(
        service.sharedArticle(accountId.toString(), SuccessKind.fromPath(kind), number, articleId));
  }

  @PostMapping(
      path = "/accounts/{accountId}/success/{kind}/{number}/attachments",
      consumes = "multipart/form-data")
  ResponseEntity<Detail> attach(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @RequestParam("file") MultipartFile file)
      throws IOException {
    service.attach(
        accountId.toString(),
        SuccessKind.fromPath(kind),
        number,
        file.getOriginalFilename(),
        file.getBytes());
    return ResponseEntity.status(HttpStatus.CREATED).body(get(accountId, kind, number));
  }

  @GetMapping("/accounts/{accountId}/success/{kind}/{number}/attachments/{attachmentId}")
  ResponseEntity<byte[]> download(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @PathVariable UUID attachmentId) {
    CaseAttachments.File f =
        service.download(
            accountId.toString(), SuccessKind.fromPath(kind), number, attachmentId.toString());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(f.attachment().contentType()))
        .contentLength(f.content().length)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(f.attachment().fileName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox")
        .cacheControl(CacheControl.noStore().cachePrivate())
        .body(f.content());
  }

  @GetMapping("/accounts/{accountId}/success-search")
  SearchResult search(@PathVariable UUID accountId, @RequestParam @Size(max = 1000) String q) {
    return new SearchResult(q.strip(), service.search(accountId.toString(), q, searchMaxLength));
  }

  @GetMapping("/success/header-fields")
  HeaderFields headerFields() {
    return new HeaderFields(settings.headerFields());
  }

  @PutMapping("/admin/success/header-fields")
  @PreAuthorize("hasRole('admin')")
  HeaderFields setHeaderFields(@Valid @RequestBody HeaderFields request) {
    return new HeaderFields(
        settings.setHeaderFields(
            request.fields().stream().distinct().toList(),
            CurrentUser.get().username(),
            clock.instant()));
  }

  @PutMapping("/admin/success/{kind}/{number}")
  @PreAuthorize("hasRole('admin')")
  Summary put(
      @PathVariable @Pattern(regexp = SuccessKind.PATH) String kind,
      @PathVariable @Pattern(regexp = SuccessKind.NUMBER) String number,
      @Valid @RequestBody Import request) {
    return summary(
        service.put(
            SuccessKind.fromPath(kind),
            number,
            request.accountId().toString(),
            request.parentNumber(),
            new Fields(
                    request.subject(),
                    request.shortDescription(),
                    request.description(),
                    request.product(),
                    request.dueDate(),
                    request.touchpointType(),
                    request.attendees())
                .domain(),
            request.state(),
            Boolean.TRUE.equals(request.visibleToCustomer()),
            request.contactIds() == null ? List.of() : request.contactIds(),
            request.assigneeId(),
            request.assigneeName(),
            CurrentUser.get().username()));
  }

  private Long daysRemaining(SuccessRecord r) {
    if (r.dueDate() == null || r.kind().finished(r.state())) {
      return null;
    }
    return ChronoUnit.DAYS.between(
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), r.dueDate());
  }

  private Summary summary(SuccessRecord r) {
    return new Summary(
        r.number(),
        r.kind().name(),
        r.accountId(),
        r.parentNumber(),
        r.subject(),
        r.state(),
        r.product(),
        r.dueDate(),
        daysRemaining(r),
        r.assigneeId(),
        r.assigneeName(),
        r.visibleToCustomer(),
        r.touchpointType(),
        r.updatedAt());
  }

  private static Article article(KnowledgeArticle a) {
    return new Article(a.id(), a.title(), a.body(), a.product(), a.published(), a.updatedAt());
  }

  /**
   * Customers get neither internal notes nor the contact filter (who else may see it is the agents'
   * business).
   */
  private Detail detail(SuccessService.Detail d) {
    SuccessRecord r = d.record();
    boolean staff = d.staff();
    List<ActivityView> activity =
        r.activity().stream()
            .filter(a -> staff || !a.internal())
            .map(SuccessController::activity)
            .toList();
    return new Detail(
        r.number(),
        r.kind().name(),
        r.accountId(),
        r.parentNumber(),
        r.subject(),
        r.state(),
        r.kind().states(),
        r.shortDescription(),
        r.description(),
        r.product(),
        r.dueDate(),
        daysRemaining(r),
        r.assigneeId(),
        r.assigneeName(),
        r.visibleToCustomer(),
        staff ? r.contactIds() : List.of(),
        r.touchpointType(),
        r.attendees(),
        r.createdAt(),
        r.updatedAt(),
        d.headerFields(),
        d.articles().stream().map(a -> new ArticleLink(a.id(), a.title(), a.product())).toList(),
        d.children().stream().map(this::summary).toList(),
        activity);
  }

  private static ActivityView activity(Activity a) {
    return new ActivityView(
        a.id(),
        a.kind().name(),
        a.text(),
        a.fromState(),
        a.toState(),
        a.fileName(),
        a.attachmentId(),
        a.actorId(),
        a.actorName(),
        a.impersonatorId(),
        a.at());
  }
}
