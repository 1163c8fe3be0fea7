package io.peakhub.cases.supportcase;

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
 * My Cases for customers and agents, and the internal admin API that records a case (demo data,
 * imports).
 */
@RestController
@Validated
class SupportCaseController {

  static final String NUMBER = "CS[0-9]{7}|CS-[0-9]{6}";
  static final String PRIORITY = "low|medium|high|critical";

  /** A position in the list across accounts: updatedAt in epoch milliseconds, "_", the number. */
  static final String POSITION = "[0-9]{1,15}_(" + NUMBER + ")";

  record CaseSummary(
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

  record CasePage(List<CaseSummary> items, String next) {}

  record ActivityView(
      String id,
      String kind,
      String text,
      String fromState,
      String toState,
      String fileName,
      String actorId,
      String actorName,
      String impersonatorId,
      Instant at,
      String attachmentId,
      String fromAccountId,
      String toAccountId) {}

  record CaseDetail(
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
      List<ActivityView> activity) {}

  record OpenCase(
      @NotBlank @Size(max = 300) String subject,
      @NotBlank @Size(max = 500) String shortDescription,
      @Size(max = 20000) String description,
      @Size(max = 100) String product,
      @NotNull @Pattern(regexp = PRIORITY) String priority,
      @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String onBehalfOf) {}

  record AccountChange(@NotNull UUID accountId, @NotBlank @Size(max = 2000) String reason) {}

  record Text(@NotBlank @Size(max = 20000) String text) {}

  record StateChange(
      @NotNull @Pattern(regexp = CaseState.WIRE_PATTERN) String state,
      @Size(max = 2000) String reason) {}

  record Assignee(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String assigneeId,
      @NotBlank @Size(max = 200) String assigneeName) {}

  record Reason(@NotBlank @Size(max = 2000) String reason) {}

  record PutCase(
      @NotNull UUID accountId,
      @NotBlank @Size(max = 300) String subject,
      @NotBlank @Pattern(regexp = CaseState.WIRE_PATTERN + "|open|pending") String status,
      @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String requesterId) {}

  private final SupportCaseService service;
  private final Clock clock;

  SupportCaseController(SupportCaseService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  @GetMapping("/accounts/{accountId}/cases")
  CasePage list(
      @PathVariable UUID accountId,
      @RequestParam(required = false) @Size(max = 1000) String q,
      @RequestParam(defaultValue = "all") SupportCaseService.Filter filter,
      @RequestParam(required = false) @Pattern(regexp = NUMBER) String after,
      @RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit) {
    CaseSource.Page page = service.list(accountId.toString(), q, filter, after, limit);
    return new CasePage(page.items().stream().map(this::summary).toList(), page.next());
  }

  /**
   * My Cases across every account the caller may see (an account manager's accounts, agents': all),
   * newest updated first; each row names its account.
   */
  @GetMapping("/cases")
  CasePage listAcrossAccounts(
      @RequestParam(required = false) @Size(max = 1000) String q,
      @RequestParam(defaultValue = "all") SupportCaseService.Filter filter,
      @RequestParam(required = false) @Pattern(regexp = POSITION) String after,
      @RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit) {
    SupportCaseService.AcrossPage page =
        service.listAcrossAccounts(q, filter, SupportCaseService.Position.of(after), limit);
    return new CasePage(
        page.items().stream().map(this::summary).toList(),
        page.next() == null ? null : page.next().token());
  }

  @GetMapping("/accounts/{accountId}/cases/{number}")
  CaseDetail get(
      @PathVariable UUID accountId, @PathVariable @Pattern(regexp = NUMBER) String number) {
    return detail(service.get(accountId.toString(), number));
  }

  @PostMapping("/accounts/{accountId}/cases")
  ResponseEntity<CaseDetail> open(
      @PathVariable UUID accountId, @Valid @RequestBody OpenCase request) {
    SupportCase opened =
        service.open(
            accountId.toString(),
            request.subject().strip(),
            request.shortDescription(),
            request.description(),
            request.product(),
            request.priority(),
            request.onBehalfOf());
    return ResponseEntity.created(
            URI.create("/accounts/" + accountId + "/cases/" + opened.number()))
        .body(detail(opened));
  }

  /**
   * For the new-case form: whether the caller (an account manager) may open on behalf of a contact,
   * and of whom.
   */
  @GetMapping("/accounts/{accountId}/cases/on-behalf-of")
  SupportCaseService.OnBehalfOf onBehalfOf(@PathVariable UUID accountId) {
    return service.onBehalfOf(accountId.toString());
  }

  /**
   * Agents move a case to the account it belongs to; the answer is the case under its new account.
   */
  @PostMapping("/accounts/{accountId}/cases/{number}/account")
  CaseDetail changeAccount(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody AccountChange request) {
    return detail(
        service.changeAccount(
            accountId.toString(), number, request.accountId().toString(), request.reason()));
  }

  @PostMapping("/accounts/{accountId}/cases/{number}/comments")
  CaseDetail comment(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Text request) {
    return detail(service.comment(accountId.toString(), number, request.text()));
  }

  @PostMapping("/accounts/{accountId}/cases/{number}/internal-notes")
  CaseDetail internalNote(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Text request) {
    return detail(service.internalNote(accountId.toString(), number, request.text()));
  }

  @PostMapping("/accounts/{accountId}/cases/{number}/state")
  CaseDetail changeState(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody StateChange request) {
    return detail(
        service.changeState(
            accountId.toString(), number, CaseState.fromWire(request.state()), request.reason()));
  }

  @PutMapping("/accounts/{accountId}/cases/{number}/assignee")
  CaseDetail assign(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Assignee request) {
    return detail(
        service.assign(accountId.toString(), number, request.assigneeId(), request.assigneeName()));
  }

  @PostMapping("/accounts/{accountId}/cases/{number}/archive")
  CaseDetail archive(
      @PathVariable UUID accountId, @PathVariable @Pattern(regexp = NUMBER) String number) {
    return detail(service.archive(accountId.toString(), number));
  }

  @PostMapping("/accounts/{accountId}/cases/{number}/resolution/accept")
  CaseDetail accept(
      @PathVariable UUID accountId, @PathVariable @Pattern(regexp = NUMBER) String number) {
    return detail(service.acceptResolution(accountId.toString(), number));
  }

  @PostMapping("/accounts/{accountId}/cases/{number}/resolution/reject")
  CaseDetail reject(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Reason request) {
    return detail(service.rejectResolution(accountId.toString(), number, request.reason()));
  }

  @PostMapping("/accounts/{accountId}/cases/{number}/reopen")
  CaseDetail reopen(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Reason request) {
    return detail(service.reopen(accountId.toString(), number, request.reason()));
  }

  @PostMapping(
      path = "/accounts/{accountId}/cases/{number}/attachments",
      consumes = "multipart/form-data")
  ResponseEntity<CaseDetail> attach(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @RequestParam("file") MultipartFile file)
      throws IOException {
    SupportCase c =
        service.attach(accountId.toString(), number, file.getOriginalFilename(), file.getBytes());
    return ResponseEntity.status(HttpStatus.CREATED).body(detail(c));
  }

  /**
   * Always a download, never rendered inline: attachment disposition, the type detected at upload,
   * nosniff.
   */
  @GetMapping("/accounts/{accountId}/cases/{number}/attachments/{attachmentId}")
  ResponseEntity<byte[]> download(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @PathVariable UUID attachmentId) {
    SupportCaseService.Download d =
        service.download(accountId.toString(), number, attachmentId.toString());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(d.attachment().contentType()))
        .contentLength(d.content().length)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(d.attachment().fileName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox")
        .cacheControl(CacheControl.noStore().cachePrivate())
        .body(d.content());
  }

  record ImportCase(
      @NotNull UUID accountId,
      @NotBlank @Size(max = 300) String subject,
      @NotBlank @Pattern(regexp = CaseState.WIRE_PATTERN + "|open|pending") String status,
      @NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String requesterId,
      @Size(max = 200) String requesterName) {}

  /**
   * Internal import through the normal path (demo data): the first call with a key opens a case
   * with a new number and its events (201), later ones answer it unchanged (200).
   */
  @PutMapping("/admin/case-imports/{importKey}")
  @PreAuthorize("hasRole('admin')")
  ResponseEntity<CaseSummary> importCase(
      @PathVariable @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String importKey,
      @Valid @RequestBody ImportCase request) {
    SupportCaseService.Imported imported =
        service.importCase(
            importKey,
            request.accountId().toString(),
            request.subject(),
            stateOf(request.status()),
            request.requesterId(),
            request.requesterName() == null ? request.requesterId() : request.requesterName());
    return ResponseEntity.status(imported.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(summary(imported.c()));
  }

  private static CaseState stateOf(String status) {
    return switch (status) {
      case "open" -> CaseState.new_;
      case "pending" -> CaseState.awaiting_customer;
      default -> CaseState.fromWire(status);
    };
  }

  @PutMapping("/admin/cases/{number}")
  @PreAuthorize("hasRole('admin')")
  CaseSummary put(
      @PathVariable @Pattern(regexp = NUMBER) String number, @Valid @RequestBody PutCase request) {
    CaseState state =
        switch (request.status()) {
          case "open" -> CaseState.new_;
          case "pending" -> CaseState.awaiting_customer;
          default -> CaseState.fromWire(request.status());
        };
    return summary(
        service.put(
            number,
            request.accountId().toString(),
            request.subject(),
            state,
            request.requesterId(),
            CurrentUser.get().username()));
  }

  private Long daysRemaining(SupportCase c) {
    if (c.dueDate() == null || !c.state().open() || c.state() == CaseState.resolved) {
      return null;
    }
    return ChronoUnit.DAYS.between(
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), c.dueDate());
  }

  private CaseSummary summary(SupportCase c) {
    return new CaseSummary(
        c.number(),
        c.accountId(),
        c.subject(),
        c.priority(),
        c.state().wire(),
        c.requesterId(),
        c.assigneeName(),
        c.dueDate(),
        daysRemaining(c),
        c.createdAt(),
        c.updatedAt(),
        c.archivedAt());
  }

  /** Internal notes only for agents: a customer's answer never holds one. */
  CaseDetail detail(SupportCase c) {
    boolean agent = Actor.current().agent();
    List<ActivityView> activity =
        c.activity().stream()
            .filter(a -> agent || !a.internal())
            .map(
                a ->
                    new ActivityView(
                        a.id(),
                        a.kind().name(),
                        a.text(),
                        a.fromState(),
                        a.toState(),
                        a.fileName(),
                        a.actorId(),
                        a.actorName(),
                        a.impersonatorId(),
                        a.at(),
                        a.attachmentId(),
                        a.fromAccountId(),
                        a.toAccountId()))
            .toList();
    return new CaseDetail(
        c.number(),
        c.accountId(),
        c.requesterId(),
        c.requesterName(),
        c.openedById(),
        c.openedByName(),
        c.subject(),
        c.shortDescription(),
        c.description(),
        c.product(),
        c.priority(),
        c.state().wire(),
        c.assigneeName(),
        c.dueDate(),
        daysRemaining(c),
        c.createdAt(),
        c.updatedAt(),
        c.resolvedAt(),
        c.closedAt(),
        c.archivedAt(),
        c.archivedBy(),
        activity);
  }
}
