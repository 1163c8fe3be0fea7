package io.peakhub.bff.cases;

import io.peakhub.bff.downstream.CaseClient;
import io.peakhub.bff.downstream.CaseViews;
import io.peakhub.bff.downstream.CaseViews.CaseDetail;
import io.peakhub.bff.downstream.CaseViews.CasePage;
import io.peakhub.bff.downstream.CaseViews.OpenCase;
import io.peakhub.bff.downstream.CaseViews.Reason;
import io.peakhub.bff.downstream.CaseViews.StateChange;
import io.peakhub.bff.downstream.CaseViews.Text;
import io.peakhub.bff.screen.Section;
import io.peakhub.bff.summary.AccountName;
import io.peakhub.bff.summary.AccountSummaries;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.problem.ServiceUnavailableException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * My Cases: the list screen of the account in focus (one call, the cases as a section, so a
 * case-service outage shows "unavailable", never an empty list), one case with its activity stream,
 * and the changes passed through to case-service with the user's token. The profile's {@code
 * my_cases} area decides here first (an account the user may not see is 404 before case-service is
 * asked; a level the profile lacks 403); case-service decides again on the case itself (scope,
 * states, internal notes).
 */
@RestController
@Validated
class MyCasesController {

  static final String NUMBER = "CS[0-9]{7}|CS-[0-9]{6}";
  static final String QUERY = "[\\p{L}\\p{N} .,:;'\"#/&@()_-]{0,100}";
  static final String PRIORITY = "low|medium|high|critical";
  static final String STATE = "new|in_progress|awaiting_customer|resolved|closed";

  /** case-service's position in the list across accounts: updatedAt epoch ms, "_", the number. */
  static final String POSITION = "[0-9]{1,15}_(" + NUMBER + ")";

  /** What the profile lets the user do on this screen. */
  record Permissions(
      boolean open,
      boolean comment,
      boolean respond,
      boolean changeState,
      boolean internalNote,
      boolean changeAccount) {}

  record CasesView(Section<CasePage> cases, Permissions permissions) {}

  /**
   * A row of the list across accounts: case-service's summary and the account's number and name.
   */
  record AccountCase(
      String number,
      String accountId,
      String accountNumber,
      String accountName,
      String subject,
      String priority,
      String state,
      String requesterId,
      String assigneeName,
      java.time.LocalDate dueDate,
      Long daysRemaining,
      java.time.Instant createdAt,
      java.time.Instant updatedAt,
      java.time.Instant archivedAt) {}

  record AccountCasePage(java.util.List<AccountCase> items, String next) {}

  record CaseView(CaseDetail detail, Permissions permissions) {}

  record OpenRequest(
      @NotBlank @Size(max = 300) String subject,
      @NotBlank @Size(max = 500) String shortDescription,
      @Size(max = 20000) String description,
      @Size(max = 100) String product,
      @NotNull @Pattern(regexp = PRIORITY) String priority,
      @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String onBehalfOf) {}

  record AccountChangeRequest(@NotNull UUID accountId, @NotBlank @Size(max = 2000) String reason) {}

  record TextRequest(@NotBlank @Size(max = 20000) String text) {}

  record ReasonRequest(@NotBlank @Size(max = 2000) String reason) {}

  record StateRequest(
      @NotNull @Pattern(regexp = STATE) String state, @Size(max = 2000) String reason) {}

  private final AccountAccess access;
  private final CaseClient cases;
  private final AccountSummaries summaries;

  MyCasesController(AccountAccess access, CaseClient cases, AccountSummaries summaries) {
    this.access = access;
    this.cases = cases;
    this.summaries = summaries;
  }

  @GetMapping("/api/accounts/{accountId}/cases")
  CasesView list(
      @PathVariable UUID accountId,
      @RequestParam(required = false) @Pattern(regexp = QUERY) String q,
      @RequestParam(required = false) @Pattern(regexp = "open|closed|archived|all") String filter,
      @RequestParam(required = false) @Pattern(regexp = NUMBER) String after,
      @RequestParam(required = false) @Min(1) @Max(100) Integer limit) {
    Grant grant = access.require(accountId.toString(), Area.my_cases, Level.view);
    Map<String, String> query = new LinkedHashMap<>();
    put(query, "q", q == null || q.isBlank() ? null : q.strip());
    put(query, "filter", filter);
    put(query, "after", after);
    put(query, "limit", limit == null ? 25 : limit);
    Section<CasePage> page;
    try {
      page = Section.ok(cases.cases(accountId, query));
    } catch (ServiceUnavailableException e) {
      // down, slow or failing (its own 4xx passes on): the screen says so, it never shows an empty
      // list
      page = Section.unavailable(e.getMessage());
    }
    return new CasesView(page, permissions(grant));
  }

  /**
   * My Cases across every account the user may see (an account manager's accounts; agents: all),
   * newest updated first, each row naming its account from the read model (no billing call; an
   * account it does not hold yet has no name). The whole screen is this list, so case-service down
   * is a 503 (never an empty list).
   */
  @GetMapping("/api/cases")
  AccountCasePage listAcrossAccounts(
      @RequestParam(required = false) @Pattern(regexp = QUERY) String q,
      @RequestParam(required = false) @Pattern(regexp = "open|closed|archived|all") String filter,
      @RequestParam(required = false) @Pattern(regexp = POSITION) String after,
      @RequestParam(required = false) @Min(1) @Max(100) Integer limit) {
    access.requireAcrossAccounts(Area.my_cases, Level.view);
    Map<String, String> query = new LinkedHashMap<>();
    put(query, "q", q == null || q.isBlank() ? null : q.strip());
    put(query, "filter", filter);
    put(query, "after", after);
    put(query, "limit", limit == null ? 25 : limit);
    CasePage page = cases.casesAcrossAccounts(query);
    java.util.List<CaseViews.CaseSummary> items =
        page.items() == null ? java.util.List.of() : page.items();
    Map<UUID, AccountName> names =
        summaries.names(
            items.stream()
                .map(CaseViews.CaseSummary::accountId)
                .filter(java.util.Objects::nonNull)
                .map(UUID::fromString)
                .toList());
    return new AccountCasePage(
        items.stream()
            .map(
                c -> {
                  AccountName name =
                      c.accountId() == null ? null : names.get(UUID.fromString(c.accountId()));
                  return new AccountCase(
                      c.number(),
                      c.accountId(),
                      name == null ? null : name.accountNumber(),
                      name == null ? null : name.name(),
                      c.subject(),
                      c.priority(),
                      c.state(),
                      c.requesterId(),
                      c.assigneeName(),
                      c.dueDate(),
                      c.daysRemaining(),
                      c.createdAt(),
                      c.updatedAt(),
                      c.archivedAt());
                })
            .toList(),
        page.next());
  }

  @GetMapping("/api/accounts/{accountId}/cases/{number}")
  CaseView get(
      @PathVariable UUID accountId, @PathVariable @Pattern(regexp = NUMBER) String number) {
    Grant grant = access.require(accountId.toString(), Area.my_cases, Level.view);
    return new CaseView(cases.get(accountId, number), permissions(grant));
  }

  @PostMapping("/api/accounts/{accountId}/cases")
  ResponseEntity<CaseDetail> open(
      @PathVariable UUID accountId, @Valid @RequestBody OpenRequest request) {
    access.require(accountId.toString(), Area.my_cases, Level.create);
    CaseDetail opened =
        cases.open(
            accountId,
            new OpenCase(
                request.subject(),
                request.shortDescription(),
                request.description(),
                request.product(),
                request.priority(),
                request.onBehalfOf()));
    return ResponseEntity.created(
            URI.create("/api/accounts/" + accountId + "/cases/" + opened.number()))
        .body(opened);
  }

  /**
   * For the new-case form of an account manager: whether "New request on behalf of" shows
   * (identity's setting allowManagersToCreateRequests, read by case-service) and the account's
   * contacts to pick from.
   */
  @GetMapping("/api/accounts/{accountId}/cases/on-behalf-of")
  CaseViews.OnBehalfOf onBehalfOf(@PathVariable UUID accountId) {
    access.require(accountId.toString(), Area.my_cases, Level.create);
    return cases.onBehalfOf(accountId);
  }

  /**
   * Agents move a case to the account it belongs to (reason required); the answer is the case under
   * the new account.
   */
  @PostMapping("/api/accounts/{accountId}/cases/{number}/account")
  CaseDetail changeAccount(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody AccountChangeRequest request) {
    requireAgent(accountId);
    return cases.changeAccount(
        accountId,
        number,
        new CaseViews.AccountChange(request.accountId().toString(), request.reason()));
  }

  @PostMapping("/api/accounts/{accountId}/cases/{number}/comments")
  CaseDetail comment(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody TextRequest request) {
    access.require(accountId.toString(), Area.my_cases, Level.create);
    return cases.comment(accountId, number, new Text(request.text()));
  }

  @PostMapping("/api/accounts/{accountId}/cases/{number}/resolution/accept")
  CaseDetail accept(
      @PathVariable UUID accountId, @PathVariable @Pattern(regexp = NUMBER) String number) {
    access.require(accountId.toString(), Area.my_cases, Level.create);
    return cases.accept(accountId, number);
  }

  @PostMapping("/api/accounts/{accountId}/cases/{number}/resolution/reject")
  CaseDetail reject(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody ReasonRequest request) {
    access.require(accountId.toString(), Area.my_cases, Level.create);
    return cases.reject(accountId, number, new Reason(request.reason()));
  }

  @PostMapping("/api/accounts/{accountId}/cases/{number}/reopen")
  CaseDetail reopen(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody ReasonRequest request) {
    access.require(accountId.toString(), Area.my_cases, Level.create);
    return cases.reopen(accountId, number, new Reason(request.reason()));
  }

  /** Agents (success agents, admins) with edit in My Cases. */
  @PostMapping("/api/accounts/{accountId}/cases/{number}/state")
  CaseDetail changeState(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody StateRequest request) {
    requireAgent(accountId);
    return cases.changeState(accountId, number, new StateChange(request.state(), request.reason()));
  }

  /**
   * Agents archive a case closed for at least the archive time (case-service decides; 409 before).
   */
  @PostMapping("/api/accounts/{accountId}/cases/{number}/archive")
  CaseDetail archive(
      @PathVariable UUID accountId, @PathVariable @Pattern(regexp = NUMBER) String number) {
    requireAgent(accountId);
    return cases.archive(accountId, number);
  }

  @PostMapping("/api/accounts/{accountId}/cases/{number}/internal-notes")
  CaseDetail internalNote(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody TextRequest request) {
    requireAgent(accountId);
    return cases.internalNote(accountId, number, new Text(request.text()));
  }

  /**
   * multipart {@code file}; case-service checks the type (by content), the size and the scanner.
   */
  @PostMapping(
      path = "/api/accounts/{accountId}/cases/{number}/attachments",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<CaseDetail> attach(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @RequestParam("file") MultipartFile file) {
    access.require(accountId.toString(), Area.my_cases, Level.create);
    if (file.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-input", "The file is empty.", "file");
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(cases.attach(accountId, number, file));
  }

  /**
   * Always a download, never shown inline: case-service's type, attachment disposition, nosniff,
   * sandbox.
   */
  @GetMapping("/api/accounts/{accountId}/cases/{number}/attachments/{attachmentId}")
  ResponseEntity<byte[]> attachment(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @PathVariable UUID attachmentId) {
    access.require(accountId.toString(), Area.my_cases, Level.view);
    ResponseEntity<byte[]> file = cases.attachment(accountId, number, attachmentId);
    String given = file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
    String filename = given == null ? null : ContentDisposition.parse(given).getFilename();
    MediaType type = file.getHeaders().getContentType();
    return ResponseEntity.ok()
        .contentType(type == null ? MediaType.APPLICATION_OCTET_STREAM : type)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(
                    filename == null ? "attachment-" + attachmentId : filename,
                    java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox")
        .header(HttpHeaders.CACHE_CONTROL, "no-store, private")
        .body(file.getBody());
  }

  private void requireAgent(UUID accountId) {
    access.require(accountId.toString(), Area.my_cases, Level.edit);
    if (!isAgent()) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN, "forbidden", "Only success agents and admins do this.");
    }
  }

  private static boolean isAgent() {
    CurrentUser user = CurrentUser.get();
    return user.hasRole("success_agent") || user.hasRole("admin");
  }

  private static Permissions permissions(Grant grant) {
    boolean create = grant.allows(Level.create);
    boolean agent = isAgent() && grant.allows(Level.edit);
    return new Permissions(create, create, create, agent, agent, agent);
  }

  private static void put(Map<String, String> query, String name, Object value) {
    if (value != null) {
      query.put(name, value.toString());
    }
  }
}
