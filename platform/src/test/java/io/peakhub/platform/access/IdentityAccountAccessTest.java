package io.peakhub.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withServerError;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.testing.TestJwts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.client.ExpectedCount;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

/** The access check asks identity-service with the caller's own token and denies by default. */
class IdentityAccountAccessTest {

  MockRestServiceServer identity;
  IdentityAccountAccess access;
  String token;

  @BeforeEach
  void setUp() {
    RestClient.Builder builder = RestClient.builder().baseUrl("http://identity");
    identity = MockRestServiceServer.bindTo(builder).build();
    access = new IdentityAccountAccess(builder.build(), Clock.systemUTC(), Duration.ofSeconds(30));
    token = TestJwts.token("user-1", "alice", "customer");
    Jwt jwt = TestJwts.decoder().decode(token);
    SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
  }

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void grantedAccountPassesOthersAreNotFound() {
    identity
        .expect(ExpectedCount.once(), requestTo("http://identity/access/me"))
        .andExpect(header("Authorization", "Bearer " + token))
        .andRespond(
            withSuccess(
                """
            {"allAccounts":false,"accountIds":["acc-1"],"profile":{"id":"p1","name":"Customer standard"},
             "grants":{"pay_invoices":{"level":"create","scope":"all"}}}""",
                MediaType.APPLICATION_JSON));

    access.requireView("acc-1");
    assertThat(
            access
                .require(
                    "acc-1",
                    io.peakhub.platform.access.Area.pay_invoices,
                    io.peakhub.platform.access.Level.create)
                .allRecords())
        .isTrue();
    assertThatThrownBy(() -> access.requireView("acc-2")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> access.requireView(null)).isInstanceOf(NotFoundException.class);
    identity.verify(); // asked once: the second check came from the cache
  }

  @Test
  void identityDownMeansRefusedWith503NotAllowed() {
    identity.expect(requestTo("http://identity/access/me")).andRespond(withServerError());
    assertThatThrownBy(() -> access.requireView("acc-1"))
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).status().value()).isEqualTo(503));
  }

  @Test
  void allAccountsScopeIncludesAny() {
    identity
        .expect(requestTo("http://identity/access/me"))
        .andRespond(
            withSuccess("{\"allAccounts\":true,\"accountIds\":[]}", MediaType.APPLICATION_JSON));
    assertThat(access.currentUserScope().includes("anything")).isTrue();
  }

  @Test
  void aUsersConcurrentRequestsAskIdentityOnceWhileItAnswers() throws Exception {
    try (FakeIdentity slow = new FakeIdentity();
        ExecutorService requests = Executors.newFixedThreadPool(8)) {
      slow.answerAfter(Duration.ofMillis(300));
      IdentityAccountAccess shared =
          new IdentityAccountAccess(
              IdentityAccountAccess.client(
                  RestClient.builder(), slow.url(), AccessProperties.defaults()),
              Clock.systemUTC(),
              Duration.ofSeconds(30));
      Jwt jwt = TestJwts.decoder().decode(token);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<AccountScope>> scopes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        scopes.add(
            requests.submit(
                () -> {
                  SecurityContextHolder.getContext()
                      .setAuthentication(new JwtAuthenticationToken(jwt));
                  start.await();
                  return shared.currentUserScope();
                }));
      }
      start.countDown();
      for (Future<AccountScope> scope : scopes) {
        assertThat(scope.get(5, TimeUnit.SECONDS).includes("any-account")).isTrue();
      }
      assertThat(slow.requests()).isEqualTo(1);
    }
  }
}
