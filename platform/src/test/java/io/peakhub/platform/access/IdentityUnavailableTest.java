package io.peakhub.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testapp.PlatformTestApplication;
import io.peakhub.platform.testing.TestJwts;
import java.time.Duration;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The access check every service makes, through the whole HTTP stack, against a real local server
 * standing in for identity-service: down, slow, failing repeatedly. The caller always gets a 503
 * problem naming identity-service with a Retry-After, in bounded time, never a 500 or a hang.
 */
@SpringBootTest(
    classes = PlatformTestApplication.class,
    properties = {
      PlatformTestApplication.WITHOUT_DATABASE,
      "spring.kafka.listener.auto-startup=false",
      "peakhub.access.connect-timeout=PT0.5S",
      "peakhub.access.read-timeout=PT0.5S",
      "peakhub.access.circuit-breaker.window=3",
      "peakhub.access.circuit-breaker.minimum-calls=3",
      "peakhub.access.circuit-breaker.open-for=PT2S"
    })
@AutoConfigureMockMvc
@Import(TestJwts.Decoder.class)
class IdentityUnavailableTest {

  static final FakeIdentity IDENTITY = new FakeIdentity();
  static final Duration READ_TIMEOUT = Duration.ofMillis(500);

  @DynamicPropertySource
  static void identity(DynamicPropertyRegistry registry) {
    registry.add("peakhub.identity.url", IDENTITY::url);
  }

  @AfterAll
  static void stopIdentity() {
    IDENTITY.close();
  }

  @Autowired MockMvc mvc;
  @Autowired IdentityAccountAccess access;

  @BeforeEach
  void identityUpAndBreakerClosed() {
    IDENTITY.start();
    IDENTITY.answerAfter(Duration.ZERO);
    access.circuitBreaker().reset();
    access.forgetAll();
  }

  /** A fresh user each time, so no cached answer hides the call to identity-service. */
  private ResultActions readAccount() throws Exception {
    String user = UUID.randomUUID().toString();
    return mvc.perform(
        get("/accounts/" + UUID.randomUUID())
            .header("Authorization", "Bearer " + TestJwts.token(user, "u-" + user, "customer")));
  }

  private static ResultActions expectIdentityUnavailable(ResultActions result) throws Exception {
    return result
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/service-unavailable"))
        .andExpect(jsonPath("$.service").value("identity-service"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("identity-service")))
        .andExpect(header().string("Retry-After", "2"));
  }

  @Test
  void whenIdentityAnswersTheAccessCheckPasses() throws Exception {
    readAccount().andExpect(status().isOk());
    assertThat(IDENTITY.requests()).isPositive();
  }

  @Test
  void identityDownIsA503WithinTheConnectTimeoutNotA500() throws Exception {
    IDENTITY.stop();
    long started = System.nanoTime();
    expectIdentityUnavailable(readAccount());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void identitySlowIsA503AfterTheReadTimeout() throws Exception {
    IDENTITY.answerAfter(Duration.ofSeconds(10));
    long started = System.nanoTime();
    expectIdentityUnavailable(readAccount());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took)
        .isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(50))
        .isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void afterRepeatedFailuresIdentityIsNotAskedForAWhileThenAskedAgain() throws Exception {
    IDENTITY.stop();
    for (int i = 0; i < 3; i++) {
      expectIdentityUnavailable(readAccount());
    }
    IDENTITY.start();
    int asked = IDENTITY.requests();

    // the breaker is open: an immediate 503 although identity-service is back, and it was not asked
    long started = System.nanoTime();
    expectIdentityUnavailable(readAccount());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
    assertThat(IDENTITY.requests()).isEqualTo(asked);

    // once the open period is over, one trial call goes through and the check works again
    await()
        .atMost(Duration.ofSeconds(6))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> readAccount().andExpect(status().isOk()));
    assertThat(IDENTITY.requests()).isGreaterThan(asked);
  }
}
