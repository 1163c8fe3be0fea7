package io.peakhub.gateway.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.peakhub.gateway.BrowserSecurityTest;
import io.peakhub.gateway.TestLogin;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;

/**
 * The read relay against the chains it stands in for: a signed-in read reaches portal-bff with the
 * session's own token and the same headers both ways as through Spring Security's and Spring Cloud
 * Gateway's chains; everything the relay must not decide (no session, a token about to expire, a
 * write, a route with other filters) is left to the chains. WireMock stands in for portal-bff and
 * identity-service; {@link ThroughTheChains} sees the requests that went through the chains.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({
  BrowserSecurityTest.OfflineKeycloak.class,
  TestLogin.class,
  ReadRelayTest.ThroughTheChains.class
})
@AutoConfigureWebTestClient(timeout = "20s")
@AutoConfigureTracing // as in production: each request's trace context goes on to the service
class ReadRelayTest {

  static final WireMockServer BFF =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  static final WireMockServer IDENTITY =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  static {
    BFF.start();
    IDENTITY.start();
  }

  @DynamicPropertySource
  static void downstream(DynamicPropertyRegistry registry) {
    registry.add("PORTAL_BFF_URL", () -> "http://127.0.0.1:" + BFF.port());
    registry.add("BILLING_SERVICE_URL", () -> "http://127.0.0.1:" + BFF.port());
    registry.add("IDENTITY_SERVICE_URL", () -> "http://127.0.0.1:" + IDENTITY.port());
  }

  @AfterAll
  static void stop() {
    BFF.stop();
    IDENTITY.stop();
  }

  /**
   * Records the paths of the requests that went on past Spring Security's chain: a relayed request
   * never gets here.
   */
  @TestConfiguration
  static class ThroughTheChains {
    static final ConcurrentLinkedQueue<String> PATHS = new ConcurrentLinkedQueue<>();

    @Bean
    @Order(0)
    WebFilter throughTheChains() {
      return (exchange, chain) -> {
        PATHS.add(exchange.getRequest().getPath().value());
        return chain.filter(exchange);
      };
    }
  }

  private static final String HEADER = "/api/accounts/a1/header";
  private static final String XSRF = "csrf-1";

  @Autowired WebTestClient web;
  @Autowired RouteTable routeTable;
  @Autowired RoutePredicateHandlerMapping gatewayRoutes;
  @LocalServerPort int port;

  @BeforeEach
  void reset() {
    BFF.resetAll();
    IDENTITY.resetAll();
    BFF.stubFor(WireMock.get(urlPathEqualTo("/api/signed-in")).willReturn(WireMock.okJson("{}")));
    ThroughTheChains.PATHS.clear();
  }

  /** Headers that end at the gateway (hop-by-hop, forwarded) with two that go on, each way. */
  private static WebTestClient.RequestHeadersSpec<?> withHopHeaders(
      WebTestClient.RequestHeadersSpec<?> read) {
    return read.header("Forwarded", "for=203.0.113.9")
        .header("X-Forwarded-For", "203.0.113.9")
        .header("X-Forwarded-Host", "evil.example")
        .header("Keep-Alive", "timeout=5")
        .header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
        .header("X-Application-Context", "browser")
        .header("TE", "trailers")
        .header("Connection", "keep-alive, X-Hop")
        .header("X-Hop", "this hop only")
        .header("X-Kept", "yes")
        .header("Upgrade-Insecure-Requests", "1");
  }

  /** Signs a user in and returns the session cookie's value, as a browser would keep it. */
  private String session(String user, String token, int tokenSeconds) {
    var cookie =
        web.get()
            .uri("/api/signed-in")
            .header(TestLogin.HEADER, user)
            .header(TestLogin.TOKEN_HEADER, token)
            .header(TestLogin.TOKEN_SECONDS_HEADER, Integer.toString(tokenSeconds))
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(Void.class)
            .getResponseCookies()
            .getFirst("SESSION");
    assertThat(cookie).as("the sign-in's session cookie").isNotNull();
    ThroughTheChains.PATHS.clear();
    return cookie.getValue();
  }

  private WebTestClient.RequestHeadersSpec<?> read(String session, String uri, boolean xsrf) {
    var request =
        web.get()
            .uri(URI.create("http://localhost:" + port + uri)) // as encoded as the browser sent it
            .cookie("SESSION", session)
            .header("Impersonator", "ada")
            .header(HttpHeaders.AUTHORIZATION, "Bearer forged")
            .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
    return xsrf ? request.cookie("XSRF-TOKEN", XSRF) : request;
  }

  private void stubHeader() {
    BFF.stubFor(
        WireMock.get(urlPathEqualTo(HEADER))
            .willReturn(
                WireMock.okJson("{\"balance\":12.5}")
                    .withHeader("X-Frame-Options", "DENY")
                    .withHeader("Cache-Control", "no-store")
                    .withHeader("X-From-Bff", "yes")));
  }

  @Test
  void aSignedInReadReachesPortalBffWithTheSessionsTokenWithoutTheChains() {
    stubHeader();
    String alice = session("alice", "token-alice", 300);
    read(alice, HEADER + "?q=a%20b&sort=balance", true)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Frame-Options", "SAMEORIGIN")
        .expectHeader()
        .valueEquals("X-From-Bff", "yes")
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectBody()
        .jsonPath("$.balance")
        .isEqualTo(12.5);
    assertThat(ThroughTheChains.PATHS).as("requests through the chains").isEmpty();
    BFF.verify(
        getRequestedFor(urlEqualTo(HEADER + "?q=a%20b&sort=balance"))
            .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer token-alice"))
            .withHeader("Cookie", absent())
            .withHeader("Impersonator", absent()));
  }

  @Test
  void aRelayedReadIsTheSameBothWaysAsOneThroughTheChains() {
    stubHeader();
    String alice = session("alice", "token-alice", 300);
    // without its XSRF-TOKEN cookie the browser's read goes through the chains (which write one)
    EntityExchangeResult<byte[]> chains =
        read(alice, HEADER, false).exchange().expectBody().returnResult();
    assertThat(ThroughTheChains.PATHS).containsExactly(HEADER);
    EntityExchangeResult<byte[]> relayed =
        read(alice, HEADER, true).exchange().expectBody().returnResult();
    assertThat(ThroughTheChains.PATHS).containsExactly(HEADER);

    assertThat(relayed.getStatus()).isEqualTo(chains.getStatus());
    assertThat(relayed.getResponseBody()).isEqualTo(chains.getResponseBody());
    Map<String, List<String>> chainHeaders = headers(chains.getResponseHeaders());
    chainHeaders.remove("set-cookie"); // the XSRF-TOKEN cookie the chains wrote
    assertThat(headers(relayed.getResponseHeaders())).isEqualTo(chainHeaders);

    List<LoggedRequest> atBff = BFF.findAll(getRequestedFor(urlPathEqualTo(HEADER)));
    assertThat(atBff).hasSize(2);
    assertThat(requestHeaders(atBff.get(1))).isEqualTo(requestHeaders(atBff.get(0)));
  }

  @Test
  void hopByHopAndForwardedHeadersEndAtTheGatewayBothWays() {
    BFF.stubFor(
        WireMock.get(urlPathEqualTo(HEADER))
            .willReturn(
                WireMock.okJson("{\"balance\":12.5}")
                    .withHeader("Proxy-Authenticate", "Basic realm=bff")
                    .withHeader("X-Application-Context", "portal-bff")
                    .withHeader("Keep-Alive", "timeout=5")
                    .withHeader("Trailer", "X-Checksum")
                    .withHeader("X-From-Bff", "yes")
                    .withHeader("X-Frame-Options", "DENY")));
    String alice = session("alice", "token-alice", 300);
    EntityExchangeResult<byte[]> chains =
        withHopHeaders(read(alice, HEADER, false)).exchange().expectBody().returnResult();
    assertThat(ThroughTheChains.PATHS).containsExactly(HEADER);
    EntityExchangeResult<byte[]> relayed =
        withHopHeaders(read(alice, HEADER, true)).exchange().expectBody().returnResult();
    assertThat(ThroughTheChains.PATHS).containsExactly(HEADER);

    Map<String, List<String>> relayedHeaders = headers(relayed.getResponseHeaders());
    assertThat(relayedHeaders)
        .containsKey("x-from-bff")
        .doesNotContainKeys("proxy-authenticate", "x-application-context", "keep-alive", "trailer");
    assertThat(relayedHeaders.get("x-frame-options")).containsExactly("SAMEORIGIN");
    Map<String, List<String>> chainHeaders = headers(chains.getResponseHeaders());
    chainHeaders.remove("set-cookie"); // the XSRF-TOKEN cookie the chains wrote
    assertThat(relayedHeaders).isEqualTo(chainHeaders);

    List<LoggedRequest> atBff = BFF.findAll(getRequestedFor(urlPathEqualTo(HEADER)));
    assertThat(atBff).hasSize(2);
    Map<String, String> relayedAtBff = requestHeaders(atBff.get(1));
    assertThat(relayedAtBff)
        .containsEntry("x-kept", "yes")
        .containsEntry("upgrade-insecure-requests", "1")
        .containsEntry("authorization", "Bearer token-alice")
        .doesNotContainKeys(
            "forwarded",
            "x-forwarded-for",
            "x-forwarded-host",
            "proxy-authorization",
            "x-application-context",
            "te",
            "x-hop",
            "cookie",
            "x-xsrf-token");
    assertThat(relayedAtBff).isEqualTo(requestHeaders(atBff.get(0)));
  }

  @Test
  void theRouteTableChoosesEachRequestsRouteAsSpringCloudGatewaysOwnLookup() {
    List<String> paths =
        List.of(
            HEADER,
            "/api/accounts/a1/header/events",
            "/api/accounts/a1/portal-contacts",
            "/api/accounts/a1/invoices?page=2",
            "/api/admin/accounts/a1",
            "/api/admin/accounts/a1/fields",
            "/api/admin/account-fields",
            "/api/admin/account-fields/f1",
            "/api/settings",
            "/api/agents",
            "/api/sandbox/tokens",
            "/api",
            "/accounts/a1/my-account",
            "/actuator/health");
    int matched = 0;
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT)) {
      for (String path : paths) {
        var ours = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
        var theirs = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
        Route route = routeTable.match(ours);
        gatewayRoutes.getHandler(theirs).block(Duration.ofSeconds(5));
        Route expected = theirs.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        assertThat(route == null ? null : route.getId())
            .as(method + " " + path)
            .isEqualTo(expected == null ? null : expected.getId());
        assertThat(ours.<Route>getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR))
            .isSameAs(route);
        matched += route == null ? 0 : 1;
      }
    }
    assertThat(matched).as("requests with a route").isGreaterThan(20);
  }

  @Test
  void eachRequestIsTimedWithoutALongTaskTimerAndTheRequestsInFlightAreAGauge(
      @Autowired MeterRegistry meters) {
    stubHeader();
    String alice = session("alice", "token-alice", 300);
    read(alice, HEADER, true).exchange().expectStatus().isOk();
    assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
    assertThat(meters.find("http.server.requests.active").longTaskTimers()).isEmpty();
    assertThat(meters.find("gateway.requests.in.flight").gauge()).isNotNull();
  }

  @Test
  void theBrowserRequestsTraceGoesOnToPortalBffBothWays() {
    stubHeader();
    String alice = session("alice", "token-alice", 300);
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    String caller = "00-" + trace + "-00f067aa0ba902b7-01";
    read(alice, HEADER, false).header("traceparent", caller).exchange().expectStatus().isOk();
    read(alice, HEADER, true).header("traceparent", caller).exchange().expectStatus().isOk();
    assertThat(ThroughTheChains.PATHS).containsExactly(HEADER); // the first only
    List<String> sent =
        BFF.findAll(getRequestedFor(urlPathEqualTo(HEADER))).stream()
            .map(r -> r.getHeader("traceparent"))
            .toList();
    // the same trace, a span of the gateway's (not the caller's) as the parent, sampled
    assertThat(sent)
        .hasSize(2)
        .allSatisfy(
            t ->
                assertThat(t)
                    .matches("00-" + trace + "-[0-9a-f]{16}-01")
                    .doesNotContain("00f067aa0ba902b7"));

    // a request without a trace starts one at the gateway, which portal-bff continues
    BFF.resetRequests();
    read(alice, HEADER, true).exchange().expectStatus().isOk();
    assertThat(
            BFF.findAll(getRequestedFor(urlPathEqualTo(HEADER)))
                .getFirst()
                .getHeader("traceparent"))
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
        .doesNotContain(trace);
  }

  private static Map<String, List<String>> headers(HttpHeaders headers) {
    Map<String, List<String>> byName = new TreeMap<>();
    headers.forEach((name, values) -> byName.put(name.toLowerCase(), values));
    byName.remove("date");
    return byName;
  }

  /** What portal-bff saw, but for what each request has its own of (trace context, test id). */
  private static Map<String, String> requestHeaders(LoggedRequest request) {
    Map<String, String> byName = new TreeMap<>();
    request
        .getHeaders()
        .all()
        .forEach(h -> byName.put(h.key().toLowerCase(), String.join(",", h.values())));
    byName.remove("traceparent");
    byName.remove("b3");
    byName.remove("webtestclient-request-id");
    return byName;
  }

  @Test
  void eachSessionRelaysOnlyItsOwnToken() {
    stubHeader();
    String alice = session("alice", "token-alice", 300);
    String bob = session("bob", "token-bob", 300);
    read(bob, HEADER, true).exchange().expectStatus().isOk();
    read(alice, HEADER, true).exchange().expectStatus().isOk();
    List<String> tokens =
        BFF.findAll(getRequestedFor(urlPathEqualTo(HEADER))).stream()
            .map(r -> r.getHeader(HttpHeaders.AUTHORIZATION))
            .toList();
    assertThat(tokens).containsExactly("Bearer token-bob", "Bearer token-alice");
    assertThat(ThroughTheChains.PATHS).isEmpty();
  }

  @Test
  void aTokenAboutToExpireIsLeftToTheChains() {
    stubHeader();
    String alice = session("alice", "token-alice", 5);
    read(alice, HEADER, true).exchange().expectStatus().isOk();
    assertThat(ThroughTheChains.PATHS).containsExactly(HEADER);
  }

  /** In its last minute the token still goes on at once; the session's refresh runs beside. */
  @Test
  void aTokenInItsLastMinuteIsStillRelayed() {
    stubHeader();
    String alice = session("alice", "token-alice", 30);
    read(alice, HEADER, true).exchange().expectStatus().isOk();
    assertThat(ThroughTheChains.PATHS).isEmpty();
    BFF.verify(
        getRequestedFor(urlEqualTo(HEADER))
            .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer token-alice")));
  }

  @Test
  void aReadWithoutASessionGetsTheChains401Problem() {
    stubHeader();
    web.get()
        .uri(HEADER)
        .cookie("XSRF-TOKEN", XSRF)
        .cookie("SESSION", "not-a-session")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    BFF.verify(0, getRequestedFor(urlPathEqualTo(HEADER)));
  }

  @Test
  void writesAndRoutesWithOtherFiltersAreLeftToTheChains() {
    IDENTITY.stubFor(
        WireMock.get(urlPathEqualTo("/settings")).willReturn(WireMock.okJson("{\"a\":1}")));
    String alice = session("alice", "token-alice", 300);
    read(alice, "/api/settings", true).exchange().expectStatus().isOk();
    assertThat(ThroughTheChains.PATHS).containsExactly("/api/settings");
    IDENTITY.verify(
        getRequestedFor(urlPathEqualTo("/settings"))
            .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer token-alice")));

    // a write without its CSRF token: the chains refuse it, portal-bff never sees it
    web.post()
        .uri(HEADER)
        .cookie("SESSION", alice)
        .cookie("XSRF-TOKEN", XSRF)
        .exchange()
        .expectStatus()
        .isForbidden();
    BFF.verify(0, WireMock.postRequestedFor(urlPathEqualTo(HEADER)));
  }

  @Test
  void theGatewaysOwnReadsUnderApiAreAnsweredHereNotRelayed() {
    BFF.stubFor(
        WireMock.get(urlPathEqualTo("/api/impersonation"))
            .willReturn(WireMock.okJson("{\"from\":\"portal-bff\"}")));
    String alice = session("alice", "token-alice", 300);
    read(alice, "/api/impersonation", true)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.active")
        .isEqualTo(false)
        .jsonPath("$.from")
        .doesNotExist();
    BFF.verify(0, getRequestedFor(urlPathEqualTo("/api/impersonation")));
    assertThat(ThroughTheChains.PATHS).containsExactly("/api/impersonation");
  }

  @Test
  void theTargetKeepsThePathAndQueryAsTheBrowserEncodedThemOnTheRoutesHost() {
    URI request = URI.create("http://hub.example:8080/api/a%2Fb/header?q=a%20b&x=%C3%A9#frag");
    assertThat(ReadRelay.targetUrl(request, URI.create("http://127.0.0.1:8085")))
        .hasToString("http://127.0.0.1:8085/api/a%2Fb/header?q=a%20b&x=%C3%A9");
    assertThat(ReadRelay.targetUrl(URI.create("http://h/api/x"), URI.create("https://bff")))
        .hasToString("https://bff/api/x");
    assertThat(ReadRelay.targetUrl(URI.create("http://h/api/x?"), URI.create("http://[::1]:9")))
        .hasToString("http://[::1]:9/api/x?");
  }

  @Test
  void aReadOnAPathOfTheGatewaysOwnWritesGetsItsMethodNotAllowedNotARelay() {
    BFF.stubFor(
        WireMock.get(urlPathEqualTo("/api/impersonation/exit")).willReturn(WireMock.okJson("{}")));
    String alice = session("alice", "token-alice", 300);
    read(alice, "/api/impersonation/exit", true).exchange().expectStatus().isEqualTo(405);
    BFF.verify(0, getRequestedFor(urlPathEqualTo("/api/impersonation/exit")));
    assertThat(ThroughTheChains.PATHS).containsExactly("/api/impersonation/exit");
  }

  @Test
  void portalBffsErrorsAndFailuresAnswerAsThroughTheChains() {
    String alice = session("alice", "token-alice", 300);
    BFF.stubFor(
        WireMock.get(urlPathEqualTo(HEADER))
            .willReturn(
                WireMock.aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"title\":\"Not found\",\"status\":404}")));
    read(alice, HEADER, true)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Not found");

    BFF.stubFor(
        WireMock.get(urlPathEqualTo(HEADER))
            .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    // portal-bff breaking the connection: 503 service-unavailable both ways, not a 500
    for (boolean xsrf : new boolean[] {false, true}) {
      read(alice, HEADER, xsrf)
          .exchange()
          .expectStatus()
          .isEqualTo(503)
          .expectHeader()
          .valueEquals("Retry-After", "5")
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("https://peakhub.io/problems/service-unavailable")
          .jsonPath("$.trace")
          .doesNotExist();
    }
    assertThat(ThroughTheChains.PATHS).containsExactly(HEADER);
  }
}
