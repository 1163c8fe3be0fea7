package io.peakhub.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's routes with a signed-in session (see {@link TestLogin}) and WireMock standing in
 * for portal-bff and billing-service: the sandbox tokenization route, server-sent events streamed
 * through unbuffered, the web app's client-side routes, the sign-in that comes back to a page, and
 * a bearer token from the browser never relayed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({
  BrowserSecurityTest.OfflineKeycloak.class,
  TestLogin.class,
  GatewayRoutesTest.RouteWithoutRelay.class
})
@AutoConfigureWebTestClient(timeout = "20s")
class GatewayRoutesTest {

  static final WireMockServer DOWNSTREAM =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  /**
   * identity-service, apart: billing's and portal-bff's routes must not reach it, nor it theirs.
   */
  static final WireMockServer IDENTITY =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  static {
    DOWNSTREAM.start();
    IDENTITY.start();
  }

  @DynamicPropertySource
  static void downstream(DynamicPropertyRegistry registry) {
    String url = "http://127.0.0.1:" + DOWNSTREAM.port();
    registry.add("PORTAL_BFF_URL", () -> url);
    registry.add("BILLING_SERVICE_URL", () -> url);
    registry.add("IDENTITY_SERVICE_URL", () -> "http://127.0.0.1:" + IDENTITY.port());
  }

  @AfterAll
  static void stop() {
    DOWNSTREAM.stop();
    IDENTITY.stop();
  }

  /**
   * A route as a careless change might add one, without TokenRelay: the browser's Authorization
   * header must not pass through it either.
   */
  @TestConfiguration
  static class RouteWithoutRelay {
    @Bean
    RouteLocator routeWithoutTokenRelay(RouteLocatorBuilder routes) {
      return routes
          .routes()
          .route(
              "test-without-token-relay",
              r ->
                  r.order(-10)
                      .path("/api/test/no-relay")
                      .uri("http://127.0.0.1:" + DOWNSTREAM.port()))
          .build();
    }
  }

  /**
   * What a browser could send as its own: an unsigned token saying ada, an admin, impersonating.
   */
  static final String FORGED =
      "Bearer "
          + base64Url("{\"alg\":\"none\"}")
          + "."
          + base64Url(
              "{\"sub\":\"ada\",\"preferred_username\":\"ada\",\"realm_access\":{\"roles\":[\"admin\"]},"
                  + "\"impersonator\":{\"id\":\"ada\",\"username\":\"ada\"}}")
          + ".";

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Autowired WebTestClient web;

  @BeforeEach
  void reset() {
    DOWNSTREAM.resetAll();
    IDENTITY.resetAll();
  }

  @Test
  void sandboxTokensGoToBillingsTokenizationWithTheUsersTokenAndNoCookies() {
    DOWNSTREAM.stubFor(
        WireMock.post(urlPathEqualTo("/sandbox/tokens"))
            .willReturn(
                WireMock.okJson(
                    "{\"token\":\"tok_sbx_1\",\"brand\":\"visa\",\"last4\":\"4242\",\"expMonth\":12,\"expYear\":2030}")));
    web.post()
        .uri("/api/sandbox/tokens")
        .header(TestLogin.HEADER, "alice")
        .cookie("XSRF-TOKEN", "csrf-1")
        .header("X-XSRF-TOKEN", "csrf-1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\"}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.token")
        .isEqualTo("tok_sbx_1")
        .jsonPath("$.last4")
        .isEqualTo("4242");
    DOWNSTREAM.verify(
        postRequestedFor(urlPathEqualTo("/sandbox/tokens"))
            .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN))
            .withHeader("Cookie", absent())
            .withHeader("X-XSRF-TOKEN", absent())
            .withRequestBody(
                equalToJson(
                    "{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\"}")));
  }

  @Test
  void anAdminsAccountChangeGoesToBillingWithTheUsersTokenAndNoCookies() {
    String account = "/admin/accounts/a0000000-0000-4000-8000-000000000101";
    String body =
        "{\"number\":\"A-000101\",\"name\":\"Acme\",\"currency\":\"USD\",\"status\":\"inactive\"}";
    DOWNSTREAM.stubFor(
        WireMock.put(urlPathEqualTo(account))
            .willReturn(WireMock.okJson("{\"status\":\"inactive\"}")));
    web.put()
        .uri("/api" + account)
        .header(TestLogin.HEADER, "ada")
        .cookie("XSRF-TOKEN", "csrf-1")
        .header("X-XSRF-TOKEN", "csrf-1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("inactive");
    DOWNSTREAM.verify(
        WireMock.putRequestedFor(urlPathEqualTo(account))
            .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN))
            .withHeader("Cookie", absent())
            .withHeader("X-XSRF-TOKEN", absent())
            .withRequestBody(equalToJson(body)));
  }

  @Test
  void settingsAreReadFromIdentityAndChangedThroughTheAdminRouteWithTheUsersToken() {
    IDENTITY.stubFor(
        WireMock.get(urlPathEqualTo("/settings"))
            .willReturn(WireMock.okJson("{\"caseSource\":\"builtin\"}")));
    IDENTITY.stubFor(
        WireMock.put(urlPathEqualTo("/admin/settings"))
            .willReturn(WireMock.okJson("{\"caseSource\":\"servicenow\"}")));
    web.get()
        .uri("/api/settings")
        .header(TestLogin.HEADER, "alice")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.caseSource")
        .isEqualTo("builtin");
    web.put()
        .uri("/api/admin/settings")
        .header(TestLogin.HEADER, "ada")
        .cookie("XSRF-TOKEN", "csrf-1")
        .header("X-XSRF-TOKEN", "csrf-1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"caseSource\":\"servicenow\"}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.caseSource")
        .isEqualTo("servicenow");
    IDENTITY.verify(
        getRequestedFor(urlPathEqualTo("/settings"))
            .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN))
            .withHeader("Cookie", absent()));
    IDENTITY.verify(
        WireMock.putRequestedFor(urlPathEqualTo("/admin/settings"))
            .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN))
            .withHeader("X-XSRF-TOKEN", absent())
            .withRequestBody(equalToJson("{\"caseSource\":\"servicenow\"}")));
    // a PUT to the read-only path is not sent to identity as a settings change
    web.put()
        .uri("/api/settings")
        .header(TestLogin.HEADER, "ada")
        .cookie("XSRF-TOKEN", "c")
        .header("X-XSRF-TOKEN", "c")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange();
    IDENTITY.verify(0, WireMock.putRequestedFor(urlPathEqualTo("/settings")));
  }

  @Test
  void accountContactsAndAgentsAreReadFromIdentityWithTheUsersTokenAndNoCookies() {
    String account = "a0000000-0000-4000-8000-000000000101";
    IDENTITY.stubFor(
        WireMock.get(urlPathEqualTo("/accounts/" + account + "/contacts"))
            .willReturn(WireMock.okJson("[{\"id\":\"c1\",\"name\":\"Carol\"}]")));
    IDENTITY.stubFor(
        WireMock.get(urlPathEqualTo("/agents"))
            .willReturn(WireMock.okJson("[{\"id\":\"s1\",\"name\":\"Sam\"}]")));
    web.get()
        .uri("/api/accounts/" + account + "/portal-contacts")
        .header(TestLogin.HEADER, "sam")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].name")
        .isEqualTo("Carol");
    web.get()
        .uri("/api/agents")
        .header(TestLogin.HEADER, "sam")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].name")
        .isEqualTo("Sam");
    IDENTITY.verify(
        getRequestedFor(urlPathEqualTo("/accounts/" + account + "/contacts"))
            .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN))
            .withHeader("Cookie", absent()));
    IDENTITY.verify(
        getRequestedFor(urlPathEqualTo("/agents"))
            .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN))
            .withHeader("Cookie", absent()));
    assertThat(DOWNSTREAM.getAllServeEvents()).isEmpty();
  }

  @Test
  void accountFieldDefinitionsAndAnAccountsValuesGoToBillingWithTheUsersToken() {
    DOWNSTREAM.stubFor(
        WireMock.any(urlPathEqualTo("/admin/account-fields")).willReturn(WireMock.okJson("[]")));
    DOWNSTREAM.stubFor(
        WireMock.any(urlPathEqualTo("/admin/account-fields/f1")).willReturn(WireMock.okJson("{}")));
    DOWNSTREAM.stubFor(
        WireMock.get(urlPathEqualTo("/accounts/a1/fields")).willReturn(WireMock.okJson("[]")));
    web.get()
        .uri("/api/admin/account-fields")
        .header(TestLogin.HEADER, "ada")
        .exchange()
        .expectStatus()
        .isOk();
    web.post()
        .uri("/api/admin/account-fields")
        .header(TestLogin.HEADER, "ada")
        .cookie("XSRF-TOKEN", "c")
        .header("X-XSRF-TOKEN", "c")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"tier\"}")
        .exchange()
        .expectStatus()
        .isOk();
    web.delete()
        .uri("/api/admin/account-fields/f1")
        .header(TestLogin.HEADER, "ada")
        .cookie("XSRF-TOKEN", "c")
        .header("X-XSRF-TOKEN", "c")
        .exchange()
        .expectStatus()
        .isOk();
    web.get()
        .uri("/api/admin/accounts/a1/fields")
        .header(TestLogin.HEADER, "ada")
        .exchange()
        .expectStatus()
        .isOk();
    DOWNSTREAM.verify(
        getRequestedFor(urlPathEqualTo("/admin/account-fields"))
            .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN))
            .withHeader("Cookie", absent()));
    DOWNSTREAM.verify(
        postRequestedFor(urlPathEqualTo("/admin/account-fields"))
            .withHeader("X-XSRF-TOKEN", absent())
            .withRequestBody(equalToJson("{\"name\":\"tier\"}")));
    DOWNSTREAM.verify(WireMock.deleteRequestedFor(urlPathEqualTo("/admin/account-fields/f1")));
    DOWNSTREAM.verify(
        getRequestedFor(urlPathEqualTo("/accounts/a1/fields"))
            .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN)));
    assertThat(IDENTITY.getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|/api/me|portal-bff|/api/me",
        "POST|/api/sandbox/tokens|billing|/sandbox/tokens",
        "PUT|/api/admin/accounts/a1|billing|/admin/accounts/a1",
        "GET|/api/admin/account-fields|billing|/admin/account-fields",
        "GET|/api/admin/accounts/a1/fields|billing|/accounts/a1/fields",
        "GET|/api/settings|identity|/settings",
        "GET|/api/admin/users|identity|/admin/users",
        "GET|/api/accounts/a1/portal-contacts|identity|/accounts/a1/contacts",
        "GET|/api/agents|identity|/agents"
      })
  void aBearerTokenTheBrowserSendsIsReplacedByTheSessionsOwnOnEveryRoute(
      String method, String path, String service, String servicePath) {
    WireMockServer server = service.equals("identity") ? IDENTITY : DOWNSTREAM;
    server.stubFor(WireMock.any(urlPathEqualTo(servicePath)).willReturn(WireMock.okJson("{}")));
    var request =
        web.method(HttpMethod.valueOf(method))
            .uri(path)
            .header(TestLogin.HEADER, "alice")
            .header("Authorization", FORGED)
            .header("Impersonator", "ada")
            .cookie("XSRF-TOKEN", "csrf-1")
            .header("X-XSRF-TOKEN", "csrf-1");
    (method.equals("GET")
            ? request
            : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}"))
        .exchange()
        .expectStatus()
        .isOk();
    server.verify(
        1,
        RequestPatternBuilder.newRequestPattern(
                RequestMethod.fromString(method), urlPathEqualTo(servicePath))
            .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN))
            .withHeader("Impersonator", absent()));
    assertThat(server.getAllServeEvents())
        .allSatisfy(
            e -> assertThat(e.getRequest().getHeader("Authorization")).isNotEqualTo(FORGED));
  }

  @Test
  void aRouteWithoutTokenRelayStillNeverPassesTheBrowsersAuthorizationOn() {
    DOWNSTREAM.stubFor(
        WireMock.get(urlPathEqualTo("/api/test/no-relay")).willReturn(WireMock.okJson("{}")));
    web.get()
        .uri("/api/test/no-relay")
        .header(TestLogin.HEADER, "alice")
        .header("Authorization", FORGED)
        .exchange()
        .expectStatus()
        .isOk();
    DOWNSTREAM.verify(
        getRequestedFor(urlPathEqualTo("/api/test/no-relay"))
            .withHeader("Authorization", absent()));
  }

  @Test
  void billingsOtherAdminCallsAreNotReachableFromTheBrowser() {
    // invoices of an account (the seeder's) and the announce-all call stay internal: no route sends
    // them to billing
    web.put()
        .uri("/api/admin/accounts/a1/invoices/INV-1")
        .header(TestLogin.HEADER, "ada")
        .cookie("XSRF-TOKEN", "c")
        .header("X-XSRF-TOKEN", "c")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange();
    web.post()
        .uri("/api/admin/accounts/announce")
        .header(TestLogin.HEADER, "ada")
        .cookie("XSRF-TOKEN", "c")
        .header("X-XSRF-TOKEN", "c")
        .exchange();
    assertThat(DOWNSTREAM.getAllServeEvents()).isEmpty();
  }

  @Test
  void sandboxTokensNeedTheCsrfTokenAndASession() {
    web.post()
        .uri("/api/sandbox/tokens")
        .header(TestLogin.HEADER, "alice")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isForbidden();
    web.post()
        .uri("/api/sandbox/tokens")
        .cookie("XSRF-TOKEN", "c")
        .header("X-XSRF-TOKEN", "c")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    assertThat(DOWNSTREAM.getAllServeEvents()).isEmpty();
  }

  @Test
  void headerEventsStreamThroughAsTheyComeNotWhenTheStreamEnds() {
    String event = "event:header\ndata:{\"balance\":%d00.00}\n\n";
    DOWNSTREAM.stubFor(
        WireMock.get(urlPathEqualTo("/api/accounts/a1/header/events"))
            .willReturn(
                WireMock.aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(event.formatted(1) + event.formatted(2) + event.formatted(3))
                    .withChunkedDribbleDelay(3, 3000)));
    List<reactor.util.function.Tuple2<Long, String>> received =
        web.get()
            .uri("/api/accounts/a1/header/events")
            .header(TestLogin.HEADER, "alice")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody()
            .elapsed()
            .take(3)
            .collectList()
            .block(Duration.ofSeconds(15));
    assertThat(received)
        .extracting(reactor.util.function.Tuple2::getT2)
        .containsExactly("{\"balance\":100.00}", "{\"balance\":200.00}", "{\"balance\":300.00}");
    long first = received.get(0).getT1();
    long rest = received.get(1).getT1() + received.get(2).getT1();
    assertThat(first).as("the first event came before the stream ended").isLessThan(2000);
    assertThat(rest).as("the later events came later, one by one").isGreaterThan(1000);
    DOWNSTREAM.verify(
        getRequestedFor(urlPathEqualTo("/api/accounts/a1/header/events"))
            .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/accounts/0b7e4a3c-0000-4000-8000-000000000001/my-account",
        "/customer-accounts",
        "/accounts/a/invoices/b/pay",
        "/"
      })
  void clientSideRoutesOpenedDirectlyGetTheApp(String path) throws Exception {
    String index =
        new ClassPathResource("static/index.html").getContentAsString(StandardCharsets.UTF_8);
    web.get()
        .uri(path)
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class)
        .isEqualTo(index);
  }

  @Test
  void filesApiAndLoginPathsAreNotTheApp() {
    web.get().uri("/no-such-file.js").exchange().expectStatus().isNotFound();
    web.get()
        .uri("/api/no-such-thing")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    web.get().uri("/oauth2/authorization/keycloak").exchange().expectStatus().is3xxRedirection();
    web.get()
        .uri("/actuator/env")
        .exchange()
        .expectStatus()
        .value(s -> assertThat(s).isIn(302, 401, 404));
  }

  @Test
  void reauthenticationSendsTheBrowserToKeycloakAskingForThePasswordAgain() {
    var result =
        web.get()
            .uri("/login/reauthenticate?return=/accounts/a1/contacts/edit")
            .exchange()
            .expectStatus()
            .isFound()
            .returnResult(Void.class);
    String location = result.getResponseHeaders().getLocation().toString();
    assertThat(location)
        .startsWith("http://localhost:8180/realms/peak/protocol/openid-connect/auth")
        .contains("prompt=login")
        .contains("max_age=0")
        .contains("client_id=peak-gateway")
        .contains("code_challenge_method=S256")
        .contains("state=");
    assertThat(result.getResponseHeaders().get("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("SESSION="));
  }

  @Test
  void anOrdinarySignInCanComeBackToAPageToo() {
    String location =
        web.get()
            .uri("/login/start?return=/customer-accounts")
            .exchange()
            .expectStatus()
            .isFound()
            .returnResult(Void.class)
            .getResponseHeaders()
            .getLocation()
            .toString();
    assertThat(location).contains("response_type=code").doesNotContain("prompt=login");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "//evil.example/x",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "evil.example",
        "/ok\r\nSet-Cookie:x",
        "/ok page"
      })
  void reauthenticationReturnsOnlyToAPathOfThisSite(String target) {
    web.get()
        .uri(b -> b.path("/login/reauthenticate").queryParam("return", "{r}").build(target))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://peakhub.io/problems/invalid-input");
  }
}
