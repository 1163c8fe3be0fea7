package io.peakhub.cases.servicenow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakhub.cases.supportcase.Activity;
import io.peakhub.cases.supportcase.Actor;
import io.peakhub.cases.supportcase.CaseSource;
import io.peakhub.cases.supportcase.CaseState;
import io.peakhub.cases.supportcase.SupportCase;
import io.peakhub.platform.problem.ServiceUnavailableException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Customer service cases in ServiceNow through its Table API ({@code
 * /api/now/table/sn_customerservice_case}): list and read ({@code GET} with {@code sysparm_query}),
 * open ({@code POST}), comment ({@code PATCH} of the {@code comments} journal field); a case's
 * public comments are read from {@code sys_journal_field}. Reads go through a short cache
 * (peakhub.cases.servicenow.cache-ttl); an open or a comment drops that account's entries. The
 * hub's account and user ids are the values of the case's {@code account} and {@code contact}
 * references. Anything but an answer (down, slow, refused credentials, 5xx) is a 503 "cases
 * unavailable".
 */
public class ServiceNowCases implements CaseSource {

  public static final String NAME = "servicenow";
  static final String TABLE = "/api/now/table/sn_customerservice_case";
  static final String JOURNAL = "/api/now/table/sys_journal_field";
  static final String FIELDS =
      "sys_id,number,short_description,description,state,priority,account,contact,product,"
          + "sys_created_on,sys_updated_on,resolved_at,closed_at";
  private static final DateTimeFormatter GLIDE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Logger log = LoggerFactory.getLogger(ServiceNowCases.class);

  /**
   * One record of sn_customerservice_case as the Table API answers it (plain values, reference
   * sys_ids).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record CaseRecord(
      String sys_id,
      String number,
      String short_description,
      String description,
      String state,
      String priority,
      String account,
      String contact,
      String product,
      String sys_created_on,
      String sys_updated_on,
      String resolved_at,
      String closed_at) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record JournalEntry(String sys_id, String value, String sys_created_by, String sys_created_on) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Many<T>(List<T> result) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record One<T>(T result) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record NewRecord(
      String account,
      String contact,
      String short_description,
      String description,
      String priority,
      String product) {}

  record Comment(String comments) {}

  private record Cached(Object value, Instant until) {}

  private final RestClient http;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public ServiceNowCases(RestClient.Builder builder, ServiceNowProperties settings, Clock clock) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
    requests.setReadTimeout(settings.readTimeout());
    this.http =
        builder
            .clone()
            .baseUrl(settings.url())
            .requestFactory(requests)
            .defaultHeaders(
                h -> {
                  h.setBasicAuth(
                      settings.user() == null ? "" : settings.user(),
                      settings.password() == null ? "" : settings.password());
                  h.setAccept(List.of(MediaType.APPLICATION_JSON));
                })
            .build();
    this.clock = clock;
    this.ttl = settings.cacheTtl();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Page list(Query q) {
    StringBuilder query = new StringBuilder("account=").append(q.accountId());
    if (q.requesterId() != null) {
      query.append("^contact=").append(q.requesterId());
    }
    switch (q.filter()) {
      case "open" -> query.append("^active=true");
      case "closed" -> query.append("^active=false");
      case "archived" -> {
        // ServiceNow archives on its own; archived cases are not listed here
        return new Page(List.of(), null);
      }
      default -> {}
    }
    if (q.number() != null) {
      query.append("^number=").append(q.number());
    } else if (q.subjectText() != null) {
      // the text was checked by CaseSearch: no ^ or = can reach the encoded query
      query.append("^short_descriptionLIKE").append(q.subjectText());
    }
    query.append("^ORDERBYDESCnumber");
    String key = q.accountId() + "|list|" + query + "|" + q.limit();
    List<CaseRecord> records =
        cached(
            key,
            () ->
                call(() ->
                        http.get()
                            .uri(
                                u ->
                                    u.path(TABLE)
                                        .queryParam("sysparm_query", "{q}")
                                        .queryParam("sysparm_limit", q.limit())
                                        .queryParam("sysparm_fields", FIELDS)
                                        .queryParam("sysparm_exclude_reference_link", "true")
                                        .build(query.toString()))
                            .retrieve()
                            .body(
                                new org.springframework.core.ParameterizedTypeReference<
                                    Many<CaseRecord>>() {}))
                    .result());
    // one page, newest first: no keyset paging through ServiceNow
    return new Page(
        records == null ? List.of() : records.stream().map(r -> toCase(r, List.of())).toList(),
        null);
  }

  @Override
  public Optional<SupportCase> find(String accountId, String number) {
    String key = accountId + "|case|" + number;
    return Optional.ofNullable(
        cached(
            key,
            () -> {
              CaseRecord record = byNumber(accountId, number);
              return record == null ? null : toCase(record, comments(record.sys_id()));
            }));
  }

  @Override
  public SupportCase open(NewCase c) {
    String description =
        c.description() == null || c.description().isBlank()
            ? c.shortDescription()
            : c.shortDescription() + "\n\n" + c.description();
    CaseRecord created =
        call(() ->
                http.post()
                    .uri(TABLE)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                        new NewRecord(
                            c.accountId(),
                            c.requesterId(),
                            c.subject(),
                            description,
                            priorityOut(c.priority()),
                            c.product()))
                    .retrieve()
                    .body(
                        new org.springframework.core.ParameterizedTypeReference<
                            One<CaseRecord>>() {}))
            .result();
    forget(c.accountId());
    if (created == null) {
      throw unavailable("ServiceNow answered the new case without it.");
    }
    return toCase(created, List.of());
  }

  @Override
  public SupportCase comment(String accountId, String number, Actor author, String text) {
    CaseRecord record = byNumber(accountId, number);
    if (record == null) {
      throw new io.peakhub.platform.problem.NotFoundException("Case", number);
    }
    call(
        () ->
            http.patch()
                .uri(TABLE + "/{id}", record.sys_id())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Comment(text))
                .retrieve()
                .toBodilessEntity());
    forget(accountId);
    return find(accountId, number)
        .orElseThrow(() -> new io.peakhub.platform.problem.NotFoundException("Case", number));
  }

  private CaseRecord byNumber(String accountId, String number) {
    List<CaseRecord> found =
        call(() ->
                http.get()
                    .uri(
                        u ->
                            u.path(TABLE)
                                .queryParam("sysparm_query", "{q}")
                                .queryParam("sysparm_limit", 1)
                                .queryParam("sysparm_fields", FIELDS)
                                .queryParam("sysparm_exclude_reference_link", "true")
                                .build("account=" + accountId + "^number=" + number))
                    .retrieve()
                    .body(
                        new org.springframework.core.ParameterizedTypeReference<
                            Many<CaseRecord>>() {}))
            .result();
    return found == null || found.isEmpty() ? null : found.get(0);
  }

  /** The case's public comments (journal field comments; work notes are never read). */
  private List<Activity> comments(String sysId) {
    List<JournalEntry> entries =
        call(() ->
                http.get()
                    .uri(
                        u ->
                            u.path(JOURNAL)
                                .queryParam("sysparm_query", "{q}")
                                .queryParam(
                                    "sysparm_fields", "sys_id,value,sys_created_by,sys_created_on")
                                .build(
                                    "element_id="
                                        + sysId
                                        + "^element=comments^ORDERBYsys_created_on"))
                    .retrieve()
                    .body(
                        new org.springframework.core.ParameterizedTypeReference<
                            Many<JournalEntry>>() {}))
            .result();
    if (entries == null) {
      return List.of();
    }
    List<Activity> activity = new ArrayList<>();
    for (JournalEntry e : entries) {
      activity.add(
          new Activity(
              e.sys_id(),
              Activity.Kind.comment,
              e.value(),
              null,
              null,
              null,
              e.sys_created_by(),
              e.sys_created_by(),
              null,
              time(e.sys_created_on()),
              null,
              null,
              null));
    }
    return activity;
  }

  private SupportCase toCase(CaseRecord r, List<Activity> activity) {
    CaseState state = stateIn(r.state());
    return SupportCase.external(
        r.number(),
        r.account(),
        r.contact(),
        null,
        r.short_description(),
        r.short_description(),
        r.description(),
        blankToNull(r.product()),
        priorityIn(r.priority()),
        state,
        time(r.sys_created_on()),
        time(r.sys_updated_on()),
        time(r.resolved_at()),
        time(r.closed_at()),
        activity);
  }

  /**
   * sn_customerservice_case states: 1 New, 10 Open, 18 Awaiting Info, 6 Resolved, 3 Closed, 7
   * Cancelled.
   */
  static CaseState stateIn(String state) {
    return switch (state == null ? "" : state) {
      case "10" -> CaseState.in_progress;
      case "18" -> CaseState.awaiting_customer;
      case "6" -> CaseState.resolved;
      case "3", "7" -> CaseState.closed;
      default -> CaseState.new_;
    };
  }

  static String priorityIn(String priority) {
    return switch (priority == null ? "" : priority) {
      case "1" -> "critical";
      case "2" -> "high";
      case "4" -> "low";
      default -> "medium";
    };
  }

  static String priorityOut(String priority) {
    return switch (priority) {
      case "critical" -> "1";
      case "high" -> "2";
      case "low" -> "4";
      default -> "3";
    };
  }

  private static Instant time(String glide) {
    if (glide == null || glide.isBlank()) {
      return null;
    }
    return LocalDateTime.parse(glide, GLIDE).toInstant(ZoneOffset.UTC);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @SuppressWarnings("unchecked")
  private <T> T cached(String key, Supplier<T> read) {
    Instant now = clock.instant();
    Cached hit = cache.get(key);
    if (hit != null && hit.until().isAfter(now)) {
      return (T) hit.value();
    }
    T value = read.get();
    if (cache.size() > 10_000) {
      cache.clear();
    }
    if (value != null) {
      cache.put(key, new Cached(value, now.plus(ttl)));
    }
    return value;
  }

  private void forget(String accountId) {
    cache.keySet().removeIf(k -> k.startsWith(accountId + "|"));
  }

  private static <T> T call(Supplier<T> request) {
    try {
      T answer = request.get();
      if (answer == null) {
        throw unavailable("ServiceNow answered without a body.");
      }
      return answer;
    } catch (RestClientException e) {
      log.warn("ServiceNow call failed, answering 503: {}", e.toString());
      throw unavailable("ServiceNow does not answer.");
    }
  }

  private static ServiceUnavailableException unavailable(String why) {
    return new ServiceUnavailableException(
        NAME, "Cases unavailable: " + why, Duration.ofSeconds(30));
  }
}
