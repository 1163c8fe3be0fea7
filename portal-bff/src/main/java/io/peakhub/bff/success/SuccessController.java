package io.peakhub.bff.success;

import io.peakhub.bff.downstream.SuccessClient;
import io.peakhub.bff.screen.Section;
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
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Customer success for the web app: the six lists of the My Lists home, a record's detail, the
 * grouped search, and the agents' changes, passed through to case-service with the user's token.
 * The profile's {@code my_cases} area decides here first (an account the user may not see is 404, a
 * level short 403, a change by someone who is no agent 403); case-service applies the visibility
 * rule to every answer.
 */
@RestController
@Validated
class SuccessController {

  static final String KIND = "initiatives|cases|tasks|touchpoints";
  static final String NUMBER = "(SINI|SCS|STASK|STP)[0-9]{7}";
  static final String ID = "[A-Za-z0-9-]{1,64}";
  static final String QUERY = "[\\p{L}\\p{N} .,:;'\"#/&@()_-]{1,100}";
  static final String TOUCHPOINT_TYPE = "call|meeting|email|workshop|review";
  static final String HEADER_FIELD =
      "number|state|account|subject|dueDate|daysRemaining|product|assigneeName|parentNumber|updatedAt";

  /**
   * What the web app may offer: agents (success agents, admins with edit in My Cases) work the
   * records.
   */
  record Permissions(boolean work, boolean comment) {}

  record ListView(Section<Map<String, Object>> records, Permissions permissions) {}

  record DetailView(Map<String, Object> detail, Permissions permissions) {}

  record Fields(
      @NotBlank @Size(max = 300) String subject,
      @Size(max = 500) String shortDescription,
      @Size(max = 20000) String description,
      @Size(max = 100) String product,
      LocalDate dueDate,
      @Pattern(regexp = TOUCHPOINT_TYPE) String touchpointType,
      @Size(max = 20) List<@NotBlank @Size(max = 200) String> attendees) {}

  record Create(
      @Pattern(regexp = NUMBER) String parentNumber,
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
      @NotBlank @Size(max = 300) String title,
      @NotBlank @Size(max = 50000) String body,
      @Size(max = 100) String product,
      Boolean published) {}

  record HeaderFields(
      @NotNull @Size(min = 1, max = 10) List<@Pattern(regexp = HEADER_FIELD) String> fields) {}

  private final AccountAccess access;
  private final SuccessClient success;

  SuccessController(AccountAccess access, SuccessClient success) {
    this.access = access;
    this.success = success;
  }

  /**
   * One of the six lists (list=all|my of initiatives, cases, touchpoints; tasks too) as a section:
   * an outage says so.
   */
  @GetMapping("/api/accounts/{accountId}/success/{kind}")
  ListView list(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @RequestParam(required = false) @Pattern(regexp = "all|my") String list,
      @RequestParam(required = false) @Pattern(regexp = "[a-z_]{1,30}") String state,
      @RequestParam(required = false) @Pattern(regexp = "number|dueDate|updatedAt|state|subject")
          String sort,
      @RequestParam(required = false) @Pattern(regexp = "asc|desc") String direction,
      @RequestParam(required = false) @Min(0) @Max(10000) Integer offset,
      @RequestParam(required = false) @Min(1) @Max(100) Integer limit) {
    Grant grant = access.require(accountId.toString(), Area.my_cases, Level.view);
    Map<String, String> query = new LinkedHashMap<>();
    put(query, "list", list);
    put(query, "state", state);
    put(query, "sort", sort);
    put(query, "direction", direction);
    put(query, "offset", offset);
    put(query, "limit", limit == null ? 25 : limit);
    Section<Map<String, Object>> records;
    try {
      records = Section.ok(success.list(accountId, kind, query));
    } catch (ServiceUnavailableException e) {
      records = Section.unavailable(e.getMessage());
    }
    return new ListView(records, permissions(grant));
  }

  @GetMapping("/api/accounts/{accountId}/success/{kind}/{number}")
  DetailView get(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number) {
    Grant grant = access.require(accountId.toString(), Area.my_cases, Level.view);
    return new DetailView(success.get(accountId, kind, number), permissions(grant));
  }

  @GetMapping("/api/accounts/{accountId}/success-search")
  Map<String, Object> search(
      @PathVariable UUID accountId, @RequestParam @Pattern(regexp = QUERY) String q) {
    access.require(accountId.toString(), Area.my_cases, Level.view);
    return success.search(accountId, q.strip());
  }

  @GetMapping("/api/accounts/{accountId}/success/{kind}/{number}/articles/{articleId}")
  Map<String, Object> article(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @PathVariable @Pattern(regexp = ID) String articleId) {
    access.require(accountId.toString(), Area.my_cases, Level.view);
    return success.article(accountId, kind, number, articleId);
  }

  /** Always a download, never shown inline. */
  @GetMapping("/api/accounts/{accountId}/success/{kind}/{number}/attachments/{attachmentId}")
  ResponseEntity<byte[]> attachment(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @PathVariable UUID attachmentId) {
    access.require(accountId.toString(), Area.my_cases, Level.view);
    ResponseEntity<byte[]> file = success.attachment(accountId, kind, number, attachmentId);
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
                    StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox")
        .header(HttpHeaders.CACHE_CONTROL, "no-store, private")
        .body(file.getBody());
  }

  /**
   * multipart {@code file}, from whoever may comment on the record (as in My Cases); case-service
   * checks that the record is visible to the caller, the type (by content), the size and the
   * scanner.
   */
  @PostMapping(
      path = "/api/accounts/{accountId}/success/{kind}/{number}/attachments",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> attach(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @RequestParam("file") MultipartFile file) {
    access.require(accountId.toString(), Area.my_cases, Level.create);
    if (file.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-input", "The file is empty.", "file");
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(success.attach(accountId, kind, number, file));
  }

  @PostMapping("/api/accounts/{accountId}/success/{kind}")
  ResponseEntity<Map<String, Object>> create(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @Valid @RequestBody Create request) {
    requireAgent(accountId);
    Map<String, Object> created = success.create(accountId, kind, request);
    return ResponseEntity.created(
            URI.create(
                "/api/accounts/" + accountId + "/success/" + kind + "/" + created.get("number")))
        .body(created);
  }

  @PutMapping("/api/accounts/{accountId}/success/{kind}/{number}")
  Map<String, Object> edit(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Fields request) {
    requireAgent(accountId);
    return success.edit(accountId, kind, number, request);
  }

  @PutMapping("/api/accounts/{accountId}/success/{kind}/{number}/assignee")
  Map<String, Object> assign(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Assignee request) {
    requireAgent(accountId);
    return success.put(accountId, kind, number, "assignee", request);
  }

  @PutMapping("/api/accounts/{accountId}/success/{kind}/{number}/visibility")
  Map<String, Object> visibility(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Visibility request) {
    requireAgent(accountId);
    return success.put(accountId, kind, number, "visibility", request);
  }

  @PostMapping("/api/accounts/{accountId}/success/{kind}/{number}/state")
  Map<String, Object> state(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody StateChange request) {
    requireAgent(accountId);
    return success.post(accountId, kind, number, "state", request);
  }

  @PostMapping("/api/accounts/{accountId}/success/{kind}/{number}/internal-notes")
  Map<String, Object> internalNote(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Text request) {
    requireAgent(accountId);
    return success.post(accountId, kind, number, "internal-notes", request);
  }

  @PostMapping("/api/accounts/{accountId}/success/{kind}/{number}/articles")
  Map<String, Object> share(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Share request) {
    requireAgent(accountId);
    return success.post(accountId, kind, number, "articles", request);
  }

  @PostMapping("/api/accounts/{accountId}/success/{kind}/{number}/comments")
  Map<String, Object> comment(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = KIND) String kind,
      @PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody Text request) {
    access.require(accountId.toString(), Area.my_cases, Level.create);
    return success.post(accountId, kind, number, "comments", request);
  }

  @GetMapping("/api/knowledge/articles")
  @PreAuthorize("hasAnyRole('success_agent', 'admin')")
  List<Map<String, Object>> articles() {
    return success.articles();
  }

  @PostMapping("/api/knowledge/articles")
  @PreAuthorize("hasAnyRole('success_agent', 'admin')")
  ResponseEntity<Map<String, Object>> createArticle(@Valid @RequestBody Article request) {
    Map<String, Object> created = success.createArticle(request);
    return ResponseEntity.created(URI.create("/api/knowledge/articles/" + created.get("id")))
        .body(created);
  }

  @GetMapping("/api/knowledge/articles/{id}")
  @PreAuthorize("hasAnyRole('success_agent', 'admin')")
  Map<String, Object> knowledgeArticle(@PathVariable @Pattern(regexp = ID) String id) {
    return success.knowledgeArticle(id);
  }

  @PutMapping("/api/knowledge/articles/{id}")
  @PreAuthorize("hasAnyRole('success_agent', 'admin')")
  Map<String, Object> editArticle(
      @PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody Article request) {
    return success.editArticle(id, request);
  }

  /**
   * The admin's header-field setting; not under /api/admin, which the gateway sends to
   * identity-service.
   */
  @GetMapping("/api/success/header-fields")
  @PreAuthorize("hasRole('admin')")
  Map<String, Object> headerFields() {
    return success.headerFields();
  }

  @PutMapping("/api/success/header-fields")
  @PreAuthorize("hasRole('admin')")
  Map<String, Object> setHeaderFields(@Valid @RequestBody HeaderFields request) {
    return success.setHeaderFields(request);
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
    return new Permissions(isAgent() && grant.allows(Level.edit), grant.allows(Level.create));
  }

  private static void put(Map<String, String> query, String name, Object value) {
    if (value != null) {
      query.put(name, value.toString());
    }
  }
}
