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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's routes with a signed-in session (see {@link TestLogin}) and WireMock standing in for
 * portal-bff and billing-service: the sandbox tokenization route, server-sent events streamed
 * through unbuffered, the web app's client-side routes, and the sign-in that comes back to a page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({BrowserSecurityTest.OfflineKeycloak.class, TestLogin.class})
@AutoConfigureWebTestClient(timeout = "20s")
class GatewayRoutesTest {

  static final WireMockServer DOWNSTREAM = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  static {
    DOWNSTREAM.start();
  }

  @DynamicPropertySource
  static void downstream(DynamicPropertyRegistry registry) {
    String url = "http://127.0.0.1:" + DOWNSTREAM.port();
    registry.add("PORTAL_BFF_URL", () -> url);
    registry.add("BILLING_SERVICE_URL", () -> url);
  }

  @AfterAll
  static void stop() {
    DOWNSTREAM.stop();
  }

  @Autowired WebTestClient web;

  @BeforeEach
  void reset() {
    DOWNSTREAM.resetAll();
  }

  @Test
  void sandboxTokensGoToBillingsTokenizationWithTheUsersTokenAndNoCookies() {
    DOWNSTREAM.stubFor(WireMock.post(urlPathEqualTo("/sandbox/tokens")).willReturn(WireMock.okJson(
        "{\"token\":\"tok_sbx_1\",\"brand\":\"visa\",\"last4\":\"4242\",\"expMonth\":12,\"expYear\":2030}")));
    web.post().uri("/api/sandbox/tokens").header(TestLogin.HEADER, "alice")
        .cookie("XSRF-TOKEN", "csrf-1").header("X-XSRF-TOKEN", "csrf-1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\"}")
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.token").isEqualTo("tok_sbx_1").jsonPath("$.last4").isEqualTo("4242");
    DOWNSTREAM.verify(postRequestedFor(urlPathEqualTo("/sandbox/tokens"))
        .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN))
        .withHeader("Cookie", absent()).withHeader("X-XSRF-TOKEN", absent())
        .withRequestBody(equalToJson("{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\"}")));
  }

  @Test
  void anAdminsAccountChangeGoesToBillingWithTheUsersTokenAndNoCookies() {
    String account = "/admin/accounts/a0000000-0000-4000-8000-000000000101";
    String body = "{\"number\":\"A-000101\",\"name\":\"Acme\",\"currency\":\"USD\",\"status\":\"inactive\"}";
    DOWNSTREAM.stubFor(WireMock.put(urlPathEqualTo(account)).willReturn(WireMock.okJson("{\"status\":\"inactive\"}")));
    web.put().uri("/api" + account).header(TestLogin.HEADER, "ada")
        .cookie("XSRF-TOKEN", "csrf-1").header("X-XSRF-TOKEN", "csrf-1")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.status").isEqualTo("inactive");
    DOWNSTREAM.verify(WireMock.putRequestedFor(urlPathEqualTo(account))
        .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN))
        .withHeader("Cookie", absent()).withHeader("X-XSRF-TOKEN", absent())
        .withRequestBody(equalToJson(body)));
  }

  @Test
  void billingsOtherAdminCallsAreNotReachableFromTheBrowser() {
    // invoices of an account (the seeder's) and the announce-all call stay internal: no route sends them to billing
    web.put().uri("/api/admin/accounts/a1/invoices/INV-1").header(TestLogin.HEADER, "ada")
        .cookie("XSRF-TOKEN", "c").header("X-XSRF-TOKEN", "c").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
        .exchange();
    web.post().uri("/api/admin/accounts/announce").header(TestLogin.HEADER, "ada")
        .cookie("XSRF-TOKEN", "c").header("X-XSRF-TOKEN", "c").exchange();
    assertThat(DOWNSTREAM.getAllServeEvents()).isEmpty();
  }

  @Test
  void sandboxTokensNeedTheCsrfTokenAndASession() {
    web.post().uri("/api/sandbox/tokens").header(TestLogin.HEADER, "alice").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}").exchange().expectStatus().isForbidden();
    web.post().uri("/api/sandbox/tokens").cookie("XSRF-TOKEN", "c").header("X-XSRF-TOKEN", "c")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isUnauthorized();
    assertThat(DOWNSTREAM.getAllServeEvents()).isEmpty();
  }

  @Test
  void headerEventsStreamThroughAsTheyComeNotWhenTheStreamEnds() {
    String event = "event:header\ndata:{\"balance\":%d00.00}\n\n";
    DOWNSTREAM.stubFor(WireMock.get(urlPathEqualTo("/api/accounts/a1/header/events")).willReturn(WireMock.aResponse()
        .withStatus(200).withHeader("Content-Type", "text/event-stream")
        .withBody(event.formatted(1) + event.formatted(2) + event.formatted(3))
        .withChunkedDribbleDelay(3, 3000)));
    List<reactor.util.function.Tuple2<Long, String>> received = web.get().uri("/api/accounts/a1/header/events")
        .header(TestLogin.HEADER, "alice").accept(MediaType.TEXT_EVENT_STREAM)
        .exchange().expectStatus().isOk()
        .returnResult(String.class).getResponseBody()
        .elapsed().take(3).collectList().block(Duration.ofSeconds(15));
    assertThat(received).extracting(reactor.util.function.Tuple2::getT2)
        .containsExactly("{\"balance\":100.00}", "{\"balance\":200.00}", "{\"balance\":300.00}");
    long first = received.get(0).getT1();
    long rest = received.get(1).getT1() + received.get(2).getT1();
    assertThat(first).as("the first event came before the stream ended").isLessThan(2000);
    assertThat(rest).as("the later events came later, one by one").isGreaterThan(1000);
    DOWNSTREAM.verify(getRequestedFor(urlPathEqualTo("/api/accounts/a1/header/events"))
        .withHeader("Authorization", equalTo("Bearer " + TestLogin.ACCESS_TOKEN)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/accounts/0b7e4a3c-0000-4000-8000-000000000001/my-account", "/customer-accounts",
      "/accounts/a/invoices/b/pay", "/"})
  void clientSideRoutesOpenedDirectlyGetTheApp(String path) throws Exception {
    String index = new ClassPathResource("static/index.html").getContentAsString(StandardCharsets.UTF_8);
    web.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class).isEqualTo(index);
  }

  @Test
  void filesApiAndLoginPathsAreNotTheApp() {
    web.get().uri("/no-such-file.js").exchange().expectStatus().isNotFound();
    web.get().uri("/api/no-such-thing").exchange().expectStatus().isUnauthorized()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    web.get().uri("/oauth2/authorization/keycloak").exchange().expectStatus().is3xxRedirection();
    web.get().uri("/actuator/env").exchange().expectStatus().value(s -> assertThat(s).isIn(302, 401, 404));
  }

  @Test
  void reauthenticationSendsTheBrowserToKeycloakAskingForThePasswordAgain() {
    var result = web.get().uri("/login/reauthenticate?return=/accounts/a1/contacts/edit").exchange()
        .expectStatus().isFound().returnResult(Void.class);
    String location = result.getResponseHeaders().getLocation().toString();
    assertThat(location).startsWith("http://localhost:8180/realms/peak/protocol/openid-connect/auth")
        .contains("prompt=login").contains("max_age=0").contains("client_id=peak-gateway")
        .contains("code_challenge_method=S256").contains("state=");
    assertThat(result.getResponseHeaders().get("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("SESSION="));
  }

  @Test
  void anOrdinarySignInCanComeBackToAPageToo() {
    String location = web.get().uri("/login/start?return=/customer-accounts").exchange()
        .expectStatus().isFound().returnResult(Void.class).getResponseHeaders().getLocation().toString();
    assertThat(location).contains("response_type=code").doesNotContain("prompt=login");
  }

  @ParameterizedTest
  @ValueSource(strings = {"//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
      "evil.example", "/ok\r\nSet-Cookie:x", "/ok page"})
  void reauthenticationReturnsOnlyToAPathOfThisSite(String target) {
    web.get().uri(b -> b.path("/login/reauthenticate").queryParam("return", "{r}").build(target)).exchange()
        .expectStatus().isBadRequest()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.type").isEqualTo("https://peakhub.io/problems/invalid-input");
  }
}
