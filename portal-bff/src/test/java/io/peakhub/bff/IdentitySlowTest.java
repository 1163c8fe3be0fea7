package io.peakhub.bff;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.peakhub.platform.testing.FreshDatabase;
import io.peakhub.platform.testing.TestJwts;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The real access check (platform's, asking identity-service) when identity is slow: a 503 once the
 * access read timeout (300 ms here) runs out, long before identity's answer (5 s) would come. The
 * bound is far from both figures, so a loaded machine's slow first request cannot fail it, and
 * waiting for identity would.
 */
@SpringBootTest(
    properties = {
      "peakhub.outbox.relay.enabled=false",
      "spring.kafka.listener.auto-startup=false",
      "spring.http.clients.read-timeout=500ms",
      "peakhub.access.read-timeout=300ms"
    })
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FreshDatabase.class)
@Import(TestJwts.Decoder.class)
class IdentitySlowTest {

  @DynamicPropertySource
  static void identity(DynamicPropertyRegistry registry) {
    registry.add("peakhub.identity.url", BillingStub::url);
    registry.add("peakhub.billing.url", BillingStub::url);
  }

  @Autowired MockMvc mvc;

  @BeforeEach
  void reset() {
    BillingStub.server().resetAll();
  }

  @Test
  void aSlowAccessCheckIsA503WithRetryAfterWithinTheLimit() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/access/me"))
                .willReturn(
                    BillingStub.json("{\"allAccounts\":true,\"accountIds\":[],\"grants\":{}}")
                        .withFixedDelay(5000)));
    String token = "Bearer " + TestJwts.token(UUID.randomUUID().toString(), "alice", "customer");
    long started = System.nanoTime();
    mvc.perform(
            get("/api/accounts/" + UUID.randomUUID() + "/header").header("Authorization", token))
        .andExpect(status().isServiceUnavailable())
        .andExpect(
            header().string("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*")))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/service-unavailable"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("identity-service")));
    assertThat((System.nanoTime() - started) / 1_000_000)
        .as("ms until the 503; identity answers after 5,000")
        .isLessThan(3500);
  }
}
