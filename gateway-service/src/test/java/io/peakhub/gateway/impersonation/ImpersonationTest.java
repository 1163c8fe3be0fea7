package io.peakhub.gateway.impersonation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * "Login as Customer" through the gateway against a stubbed Keycloak and identity-service: a real
 * code-flow login into a real session, then the token exchange, the session swap, exit, expiry,
 * revocation by another admin, logout, and what is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ImpersonationTest.Stubs.class)
@ExtendWith(ThreadDumpOnTimeout.class)
class ImpersonationTest {

  /**
   * The browser's own event loop, apart from the gateway's (a browser is another process), and a
   * new connection for every request, so that nothing of one request's connection carries into the
   * next. With the shared loop and pool, a login's first request hung 30 s in one CI run in ~50
   * (not reproduced in 15 runs here, also under load); the thread dump will say where if it comes
   * back.
   */
  static final LoopResources BROWSER_LOOP = LoopResources.create("browser", 1, true);

  static final FakeKeycloak KEYCLOAK = new FakeKeycloak();
  static final String ADA = "ad000000-0000-4000-8000-000000000001";
  static final String ALICE = "c0000000-0000-4000-8000-000000000001";
  static final String SAM = "50000000-0000-4000-8000-000000000001";

  /** A clock the tests move; the session's own timeouts stay on real time. */
  static final class MovableClock extends Clock {
    Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  @TestConfiguration
  static class Stubs {
    @Bean
    ReactiveClientRegistrationRepository clientRegistrations() {
      return new InMemoryReactiveClientRegistrationRepository(KEYCLOAK.registration());
    }

    @Bean
    MovableClock clock() {
      return new MovableClock();
    }
  }

  @DynamicPropertySource
  static void stubs(DynamicPropertyRegistry registry) {
    registry.add("peakhub.impersonation.identity-service-url", KEYCLOAK::url);
    registry.add("PORTAL_BFF_URL", KEYCLOAK::url);
  }

  @LocalServerPort int port;
  @Autowired MovableClock clock;
  WebTestClient web;

  /** The browser's cookies. */
  static final class Browser {
    String session;
    String xsrf;

    void take(EntityExchangeResult<?> result) {
      ResponseCookie s = result.getResponseCookies().getFirst("SESSION");
      if (s != null) {
        session = s.getValue();
      }
      ResponseCookie x = result.getResponseCookies().getFirst("XSRF-TOKEN");
      if (x != null) {
        xsrf = x.getValue();
      }
    }
  }

  UUID impersonation;

  @BeforeEach
  void reset() {
    web =
        WebTestClient.bindToServer(
                new ReactorClientHttpConnector(
                    HttpClient.create(ConnectionProvider.newConnection()).runOn(BROWSER_LOOP)))
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30)) // a loaded 2-core machine can take over 5 s
            .build();
    KEYCLOAK.reset();
    clock.offset = Duration.ZERO;
    impersonation = UUID.randomUUID();
    KEYCLOAK.server.stubFor(
        get(urlPathMatching("/admin/impersonations/check/.*"))
            .willReturn(aResponse().withStatus(200)));
    Instant now = Instant.now();
    KEYCLOAK.server.stubFor(
        post("/admin/impersonations")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"%s\",\"startedAt\":\"%s\",\"expiresAt\":\"%s\"}"
                            .formatted(impersonation, now, now.plus(Duration.ofMinutes(30))))));
    KEYCLOAK.server.stubFor(
        post(urlPathMatching("/admin/impersonations/.*/end")).willReturn(okJson("{}")));
    KEYCLOAK.server.stubFor(
        get(urlPathMatching("/impersonations/.*")).willReturn(okJson("{\"active\":true}")));
    // portal-bff's /api/me, still echoing the token, now with the account the banner names
    KEYCLOAK.server.stubFor(
        get(urlEqualTo("/api/me"))
            .willReturn(
                okJson(
                    "{\"authorization\":\"{{request.headers.Authorization}}\",\"accounts\":[{\"accountId\":\"a1\",\"name\":\"Acme Corporation\"}]}")));
    KEYCLOAK.server.stubFor(
        post(FakeKeycloak.TOKEN_PATH)
            .withFormParam("grant_type", equalTo(FakeKeycloak.TOKEN_EXCHANGE))
            .withFormParam("requested_subject", equalTo(ALICE))
            .willReturn(
                okJson(
                    KEYCLOAK.tokenResponse(
                        KEYCLOAK.accessToken(
                            ALICE,
                            "alice",
                            Map.of("impersonator", Map.of("id", ADA, "username", "ada")),
                            "customer"),
                        "rt-alice-impersonated",
                        KEYCLOAK.idToken(
                            ALICE,
                            "alice",
                            null,
                            Map.of("impersonator", Map.of("id", ADA, "username", "ada")))))));
  }

  /**
   * A real authorization-code login into a new browser session, with Keycloak's token endpoint
   * stubbed.
   */
  Browser login(String id, String username, String... roles) {
    Browser browser = new Browser();
    var start =
        web.get()
            .uri("/oauth2/authorization/keycloak")
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .expectBody()
            .returnResult();
    browser.take(start);
    String query = start.getResponseHeaders().getLocation().getRawQuery();
    String state = param(query, "state");
    String nonce =
        java.net.URLDecoder.decode(param(query, "nonce"), java.nio.charset.StandardCharsets.UTF_8);
    KEYCLOAK.answersLogin("code-" + username, id, username, nonce, roles);
    var callback =
        web.get()
            .uri(
                "/login/oauth2/code/keycloak?code={code}&state={state}",
                "code-" + username,
                java.net.URLDecoder.decode(state, java.nio.charset.StandardCharsets.UTF_8))
            .cookie("SESSION", browser.session)
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .expectBody()
            .returnResult();
    assertThat(callback.getResponseHeaders().getLocation().toString()).doesNotContain("error");
    browser.take(callback);
    browser.take(
        web.get()
            .uri("/api/impersonation")
            .cookie("SESSION", browser.session)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult());
    return browser;
  }

  private static String param(String query, String name) {
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    throw new IllegalStateException(name + " missing in " + query);
  }

  WebTestClient.ResponseSpec startImpersonation(Browser browser, String body) {
    return web.post()
        .uri("/api/impersonation")
        .cookie("SESSION", browser.session)
        .cookie("XSRF-TOKEN", browser.xsrf)
        .header("X-XSRF-TOKEN", browser.xsrf)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  WebTestClient.ResponseSpec postAs(Browser browser, String path) {
    return web.post()
        .uri(path)
        .cookie("SESSION", browser.session)
        .cookie("XSRF-TOKEN", browser.xsrf)
        .header("X-XSRF-TOKEN", browser.xsrf)
        .exchange();
  }

  /** Whom portal-bff saw: the claims of the token the gateway relayed to /api/me. */
  Map<String, Object> relayedClaims(Browser browser) throws Exception {
    var result =
        web.get()
            .uri("/api/me")
            .cookie("SESSION", browser.session)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult();
    browser.take(result);
    String authorization = (String) result.getResponseBody().get("authorization");
    assertThat(authorization).startsWith("Bearer ");
    return SignedJWT.parse(authorization.substring(7)).getJWTClaimsSet().getClaims();
  }

  @Test
  void adminImpersonatesACustomerAndExitRestoresTheAdmin() throws Exception {
    Browser ada = login(ADA, "ada", "admin");
    String adasSession = ada.session;
    var started =
        startImpersonation(ada, "{\"userId\":\"" + ALICE + "\",\"reason\":\"ticket 4711\"}")
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.active")
            .isEqualTo(true)
            .jsonPath("$.user.id")
            .isEqualTo(ALICE)
            .jsonPath("$.user.username")
            .isEqualTo("alice")
            .jsonPath("$.id")
            .isEqualTo(impersonation.toString())
            .returnResult();
    ada.take(started);
    assertThat(ada.session).isNotEqualTo(adasSession);

    // the exchange: the admin's token as subject, the customer as requested subject, a refresh
    // token asked once
    var exchanges =
        KEYCLOAK.server.findAll(
            postRequestedFor(urlEqualTo(FakeKeycloak.TOKEN_PATH))
                .withFormParam("grant_type", equalTo(FakeKeycloak.TOKEN_EXCHANGE)));
    assertThat(exchanges).hasSize(1);
    String form = exchanges.getFirst().getBodyAsString();
    assertThat(form)
        .contains("requested_subject=" + ALICE)
        .contains("subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token");
    assertThat(form.split("requested_token_type=", -1)).hasSize(2);
    assertThat(form)
        .contains("requested_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Arefresh_token");
    String subjectToken =
        java.net.URLDecoder.decode(
            param(form, "subject_token"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(SignedJWT.parse(subjectToken).getJWTClaimsSet().getSubject()).isEqualTo(ADA);
    // the portal's rule was asked first, with the admin's token; the start was recorded
    KEYCLOAK.server.verify(
        getRequestedFor(urlEqualTo("/admin/impersonations/check/" + ALICE))
            .withHeader("Authorization", equalTo("Bearer " + subjectToken)));
    KEYCLOAK.server.verify(
        postRequestedFor(urlEqualTo("/admin/impersonations"))
            .withRequestBody(
                equalToJson(
                    "{\"userId\":\"" + ALICE + "\",\"reason\":\"ticket 4711\"}", true, true)));

    Map<String, Object> asAlice = relayedClaims(ada);
    assertThat(asAlice.get("sub")).isEqualTo(ALICE);
    assertThat(asAlice.get("impersonator")).isEqualTo(Map.of("id", ADA, "username", "ada"));
    web.get()
        .uri("/api/impersonation")
        .cookie("SESSION", ada.session)
        .exchange()
        .expectBody()
        .jsonPath("$.active")
        .isEqualTo(true)
        .jsonPath("$.user.name")
        .isEqualTo("Alice Example")
        .jsonPath("$.user.accountName")
        .isEqualTo("Acme Corporation");
    // asked with alice's new token (the account she sees), never with the admin's
    var subjects = new java.util.ArrayList<String>();
    for (var asked : KEYCLOAK.server.findAll(getRequestedFor(urlEqualTo("/api/me")))) {
      subjects.add(
          SignedJWT.parse(asked.getHeader("Authorization").substring(7))
              .getJWTClaimsSet()
              .getSubject());
    }
    assertThat(subjects).contains(ALICE).doesNotContain(ADA);

    // a second one in the same session is refused
    startImpersonation(ada, "{\"userId\":\"" + ALICE + "\",\"reason\":\"again\"}")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://peakhub.io/problems/impersonation-active");

    String alicesSession = ada.session;
    var exit =
        postAs(ada, "/api/impersonation/exit")
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.redirectTo")
            .isEqualTo("/admin/users")
            .returnResult();
    ada.take(exit);
    assertThat(ada.session).isNotEqualTo(alicesSession);
    KEYCLOAK.server.verify(
        postRequestedFor(urlEqualTo(FakeKeycloak.LOGOUT_PATH))
            .withFormParam("refresh_token", equalTo("rt-alice-impersonated")));
    KEYCLOAK.server.verify(
        postRequestedFor(urlEqualTo("/admin/impersonations/" + impersonation + "/end"))
            .withHeader("Authorization", equalTo("Bearer " + subjectToken))
            .withRequestBody(equalToJson("{\"how\":\"exit\"}")));
    assertThat(relayedClaims(ada).get("sub")).isEqualTo(ADA);
    web.get()
        .uri("/api/impersonation")
        .cookie("SESSION", ada.session)
        .exchange()
        .expectBody()
        .jsonPath("$.active")
        .isEqualTo(false);
    postAs(ada, "/api/impersonation/exit").expectStatus().isEqualTo(409);
  }

  @Test
  void aCustomerOrAgentCannotImpersonateAndNothingIsExchanged() {
    Browser alice = login(ALICE, "alice", "customer");
    startImpersonation(alice, "{\"userId\":\"" + SAM + "\",\"reason\":\"curious\"}")
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://peakhub.io/problems/forbidden");
    Browser sam = login(SAM, "sam", "success_agent");
    startImpersonation(sam, "{\"userId\":\"" + ALICE + "\",\"reason\":\"curious\"}")
        .expectStatus()
        .isForbidden();
    assertThat(
            KEYCLOAK.server.findAll(
                postRequestedFor(urlEqualTo(FakeKeycloak.TOKEN_PATH))
                    .withFormParam("grant_type", equalTo(FakeKeycloak.TOKEN_EXCHANGE))))
        .isEmpty();
  }

  @Test
  void withoutTheCsrfTokenOrWithoutASessionItIsRefused() {
    web.get().uri("/api/impersonation").exchange().expectStatus().isUnauthorized();
    Browser ada = login(ADA, "ada", "admin");
    // CSRF is checked before the body is read, so the request carries none: a body the gateway
    // answers 403 to without reading it hung the client now and then (twice in CI runs, also with
    // "Connection: close").
    web.post()
        .uri("/api/impersonation")
        .cookie("SESSION", ada.session)
        .contentType(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(
            KEYCLOAK.server.findAll(
                postRequestedFor(urlEqualTo(FakeKeycloak.TOKEN_PATH))
                    .withFormParam("grant_type", equalTo(FakeKeycloak.TOKEN_EXCHANGE))))
        .isEmpty();
  }

  @Test
  void theIdentityServiceRuleRefusesAnAdminOrDisabledTargetBeforeAnyExchange() {
    KEYCLOAK.server.stubFor(
        get("/admin/impersonations/check/" + SAM)
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(
                        "{\"type\":\"https://peakhub.io/problems/impersonation-not-allowed\",\"status\":403}")));
    Browser ada = login(ADA, "ada", "admin");
    startImpersonation(ada, "{\"userId\":\"" + SAM + "\",\"reason\":\"x\"}")
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://peakhub.io/problems/impersonation-not-allowed");
    assertThat(
            KEYCLOAK.server.findAll(
                postRequestedFor(urlEqualTo(FakeKeycloak.TOKEN_PATH))
                    .withFormParam("grant_type", equalTo(FakeKeycloak.TOKEN_EXCHANGE))))
        .isEmpty();
    assertThat(relayedClaimsUnchecked(ada)).isEqualTo(ADA);
  }

  @Test
  void keycloakRefusingTheExchangeIs403AndTheAdminStaysSignedIn() {
    KEYCLOAK.server.stubFor(
        post(FakeKeycloak.TOKEN_PATH)
            .withFormParam("grant_type", equalTo(FakeKeycloak.TOKEN_EXCHANGE))
            .withFormParam("requested_subject", equalTo(SAM))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"access_denied\",\"error_description\":\"Client not allowed to exchange\"}")));
    Browser ada = login(ADA, "ada", "admin");
    startImpersonation(ada, "{\"userId\":\"" + SAM + "\",\"reason\":\"x\"}")
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://peakhub.io/problems/impersonation-not-allowed");
    KEYCLOAK.server.verify(0, postRequestedFor(urlEqualTo("/admin/impersonations")));
    assertThat(relayedClaimsUnchecked(ada)).isEqualTo(ADA);
  }

  @Test
  void badRequestsAre400Problems() {
    Browser ada = login(ADA, "ada", "admin");
    startImpersonation(ada, "{\"userId\":\"" + ALICE + "\"}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://peakhub.io/problems/invalid-input");
    startImpersonation(ada, "{\"userId\":\"../admin\",\"reason\":\"x\"}")
        .expectStatus()
        .isBadRequest();
    startImpersonation(ada, "{not json")
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  /**
   * The web app's parallel calls that find the session's token about to expire wait for one refresh
   * grant, and all go on with its token (before, each sent its own grant to Keycloak).
   */
  @Test
  void aSessionsRequestsAtItsTokensExpiryShareOneRefresh() throws Exception {
    Browser alice = login(ALICE, "alice", "customer");
    String refreshed = keycloakRefreshesAlice(500);
    clock.offset = Duration.ofSeconds(7200 - 30); // the login's token expires in 30 s
    var browser =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    var read =
        java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
            .header("Cookie", "SESSION=" + alice.session)
            .build();
    var reads =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(
                i -> browser.sendAsync(read, java.net.http.HttpResponse.BodyHandlers.ofString()))
            .toList();
    for (var answer : reads) {
      var response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("Bearer " + refreshed);
    }
    KEYCLOAK.server.verify(
        1,
        postRequestedFor(urlEqualTo(FakeKeycloak.TOKEN_PATH))
            .withFormParam("grant_type", equalTo("refresh_token"))
            .withFormParam("refresh_token", equalTo("rt-alice")));
    // the session keeps the refreshed token: the next read needs no grant
    assertThat(relayedClaims(alice).get("refreshed")).isEqualTo(true);
    KEYCLOAK.server.verify(
        1,
        postRequestedFor(urlEqualTo(FakeKeycloak.TOKEN_PATH))
            .withFormParam("grant_type", equalTo("refresh_token")));
  }

  /**
   * A read in the token's last minute goes on at once with the token the session has, while one
   * refresh runs beside it (Keycloak takes 1.5 s here); the reads after it carry the refreshed
   * token.
   */
  @Test
  void readsInTheTokensLastMinuteDoNotWaitForItsRefresh() throws Exception {
    Browser alice = login(ALICE, "alice", "customer");
    assertThat(alice.xsrf).as("the web app's CSRF cookie").isNotNull();
    keycloakRefreshesAlice(1500);
    clock.offset = Duration.ofSeconds(7200 - 30); // the login's token expires in 30 s
    // the read that starts the refresh did not wait for it: it went on with the login's token
    assertThat(webAppRead(alice)).doesNotContainKey("refreshed");
    Map<String, Object> claims = Map.of();
    for (int i = 0; i < 100 && !claims.containsKey("refreshed"); i++) {
      Thread.sleep(50);
      claims = webAppRead(alice);
    }
    assertThat(claims).containsEntry("refreshed", true);
    KEYCLOAK.server.verify(
        1,
        postRequestedFor(urlEqualTo(FakeKeycloak.TOKEN_PATH))
            .withFormParam("grant_type", equalTo("refresh_token"))
            .withFormParam("refresh_token", equalTo("rt-alice")));
  }

  /**
   * Keycloak answers alice's refresh grant after {@code delayMs} with a token carrying the claim
   * {@code refreshed}, valid for a day (on the moved clock too); returns that token.
   */
  private String keycloakRefreshesAlice(int delayMs) {
    String refreshed = KEYCLOAK.accessToken(ALICE, "alice", Map.of("refreshed", true), "customer");
    KEYCLOAK.server.stubFor(
        post(FakeKeycloak.TOKEN_PATH)
            .withFormParam("grant_type", equalTo("refresh_token"))
            .willReturn(
                okJson(
                        """
                        {"access_token":"%s","token_type":"Bearer","expires_in":86400,
                         "refresh_token":"rt-alice-2","scope":"openid profile email"}"""
                            .formatted(refreshed))
                    .withFixedDelay(delayMs)));
    return refreshed;
  }

  /** The claims of the token a read of the web app (session and CSRF cookies) carried. */
  private Map<String, Object> webAppRead(Browser browser) throws Exception {
    var result =
        web.get()
            .uri("/api/me")
            .cookie("SESSION", browser.session)
            .cookie("XSRF-TOKEN", browser.xsrf)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult();
    String authorization = (String) result.getResponseBody().get("authorization");
    return SignedJWT.parse(authorization.substring(7)).getJWTClaimsSet().getClaims();
  }

  @Test
  void itEndsByItselfAfterTheMaximumDurationAndTheAdminComesBack() throws Exception {
    Browser ada = login(ADA, "ada", "admin");
    ada.take(
        startImpersonation(ada, "{\"userId\":\"" + ALICE + "\",\"reason\":\"x\"}")
            .expectStatus()
            .isCreated()
            .expectBody()
            .returnResult());
    clock.offset = Duration.ofMinutes(29);
    KEYCLOAK.server.stubFor(
        get(urlPathMatching("/impersonations/.*")).willReturn(okJson("{\"active\":true}")));
    assertThat(relayedClaims(ada).get("sub")).isEqualTo(ALICE);
    clock.offset = Duration.ofMinutes(31);
    assertThat(relayedClaims(ada).get("sub")).isEqualTo(ADA);
    KEYCLOAK.server.verify(
        postRequestedFor(urlEqualTo("/admin/impersonations/" + impersonation + "/end"))
            .withRequestBody(equalToJson("{\"how\":\"expiry\"}")));
    KEYCLOAK.server.verify(
        postRequestedFor(urlEqualTo(FakeKeycloak.LOGOUT_PATH))
            .withFormParam("refresh_token", equalTo("rt-alice-impersonated")));
  }

  @Test
  void anotherAdminEndingItIsSeenAtTheNextCheckAndTheAdminComesBack() throws Exception {
    Browser ada = login(ADA, "ada", "admin");
    ada.take(
        startImpersonation(ada, "{\"userId\":\"" + ALICE + "\",\"reason\":\"x\"}")
            .expectStatus()
            .isCreated()
            .expectBody()
            .returnResult());
    KEYCLOAK.server.stubFor(
        get("/impersonations/" + impersonation).willReturn(okJson("{\"active\":false}")));
    // within the check interval identity is not asked
    assertThat(relayedClaims(ada).get("sub")).isEqualTo(ALICE);
    KEYCLOAK.server.verify(0, getRequestedFor(urlEqualTo("/impersonations/" + impersonation)));
    clock.offset = Duration.ofSeconds(16);
    assertThat(relayedClaims(ada).get("sub")).isEqualTo(ADA);
    // asked with the impersonated session's own token
    var asked =
        KEYCLOAK.server.findAll(getRequestedFor(urlEqualTo("/impersonations/" + impersonation)));
    assertThat(asked).hasSize(1);
    assertThat(
            SignedJWT.parse(asked.getFirst().getHeader("Authorization").substring(7))
                .getJWTClaimsSet()
                .getSubject())
        .isEqualTo(ALICE);
    // identity ended it: the gateway does not report an end of its own
    KEYCLOAK.server.verify(0, postRequestedFor(urlPathMatching("/admin/impersonations/.*/end")));
    KEYCLOAK.server.verify(postRequestedFor(urlEqualTo(FakeKeycloak.LOGOUT_PATH)));
  }

  @Test
  void signingOutWhileImpersonatingEndsBothKeycloakSessions() throws Exception {
    Browser ada = login(ADA, "ada", "admin");
    ada.take(
        startImpersonation(ada, "{\"userId\":\"" + ALICE + "\",\"reason\":\"x\"}")
            .expectStatus()
            .isCreated()
            .expectBody()
            .returnResult());
    var logout =
        postAs(ada, "/logout").expectStatus().is3xxRedirection().expectBody().returnResult();
    String location = logout.getResponseHeaders().getLocation().toString();
    // the customer's session ended from the server, the admin's by the browser's redirect with
    // ada's ID token
    KEYCLOAK.server.verify(
        postRequestedFor(urlEqualTo(FakeKeycloak.LOGOUT_PATH))
            .withFormParam("refresh_token", equalTo("rt-alice-impersonated")));
    KEYCLOAK.server.verify(
        postRequestedFor(urlEqualTo("/admin/impersonations/" + impersonation + "/end"))
            .withRequestBody(equalToJson("{\"how\":\"logout\"}")));
    assertThat(location)
        .startsWith(KEYCLOAK.url() + FakeKeycloak.LOGOUT_PATH)
        .contains("id_token_hint=");
    String hint = param(URI.create(location).getRawQuery(), "id_token_hint");
    assertThat(SignedJWT.parse(hint).getJWTClaimsSet().getSubject()).isEqualTo(ADA);
    web.get()
        .uri("/api/me")
        .cookie("SESSION", ada.session)
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void aForgedImpersonatorHeaderFromTheBrowserNeverReachesAService() throws Exception {
    Browser alice = login(ALICE, "alice", "customer");
    web.get()
        .uri("/api/me")
        .cookie("SESSION", alice.session)
        .header("X-Impersonator-Id", ADA)
        .header("Impersonator", "ada")
        .exchange()
        .expectStatus()
        .isOk();
    var seen = KEYCLOAK.server.findAll(getRequestedFor(urlEqualTo("/api/me")));
    assertThat(seen).hasSize(1);
    assertThat(seen.getFirst().getHeaders().keys())
        .noneMatch(h -> h.toLowerCase().contains("impersonat"));
    assertThat(
            SignedJWT.parse(seen.getFirst().getHeader("Authorization").substring(7))
                .getJWTClaimsSet()
                .getClaim("impersonator"))
        .isNull();
    web.get()
        .uri("/api/impersonation")
        .cookie("SESSION", alice.session)
        .header("X-Impersonator-Id", ADA)
        .exchange()
        .expectBody()
        .jsonPath("$.active")
        .isEqualTo(false);
  }

  /**
   * A browser holding a token (here one Keycloak really signed, as during Login as Customer: alice,
   * impersonated by ada) and sending it as its own: the service gets the session's token, and
   * /api/me is the session's user, not impersonated.
   */
  @Test
  void aForgedBearerTokenWithAnImpersonatorClaimFromTheBrowserChangesNothing() throws Exception {
    Browser alice = login(ALICE, "alice", "customer");
    String own =
        (String)
            web.get()
                .uri("/api/me")
                .cookie("SESSION", alice.session)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("authorization");
    String forged =
        KEYCLOAK.accessToken(
            ALICE,
            "alice",
            Map.of("impersonator", Map.of("id", ADA, "username", "ada")),
            "customer",
            "admin");
    KEYCLOAK.server.resetRequests();

    web.get()
        .uri("/api/me")
        .cookie("SESSION", alice.session)
        .header("Authorization", "Bearer " + forged)
        .header("Impersonator", "ada")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.authorization")
        .isEqualTo(own);

    var seen = KEYCLOAK.server.findAll(getRequestedFor(urlEqualTo("/api/me")));
    assertThat(seen).hasSize(1);
    assertThat(seen.getFirst().getHeader("Authorization")).isEqualTo(own).doesNotContain(forged);
    assertThat(seen.getFirst().getHeaders().keys())
        .noneMatch(h -> h.toLowerCase().contains("impersonat"));
    var claims = SignedJWT.parse(own.substring(7)).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(ALICE);
    assertThat(claims.getClaim("impersonator")).isNull();
    web.get()
        .uri("/api/impersonation")
        .cookie("SESSION", alice.session)
        .header("Authorization", "Bearer " + forged)
        .exchange()
        .expectBody()
        .jsonPath("$.active")
        .isEqualTo(false);
  }

  @Test
  void adminApisAreRoutedToIdentityServiceWithTheSessionsToken() throws Exception {
    KEYCLOAK.server.stubFor(get("/admin/impersonations?active=true").willReturn(okJson("[]")));
    Browser ada = login(ADA, "ada", "admin");
    web.get()
        .uri("/api/admin/impersonations?active=true")
        .cookie("SESSION", ada.session)
        .exchange()
        .expectStatus()
        .isOk();
    var seen =
        KEYCLOAK.server.findAll(getRequestedFor(urlEqualTo("/admin/impersonations?active=true")));
    assertThat(seen).hasSize(1);
    assertThat(seen.getFirst().getHeader("Cookie")).isNull();
    assertThat(
            SignedJWT.parse(seen.getFirst().getHeader("Authorization").substring(7))
                .getJWTClaimsSet()
                .getSubject())
        .isEqualTo(ADA);
  }

  private String relayedClaimsUnchecked(Browser browser) {
    try {
      return (String) relayedClaims(browser).get("sub");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
