package io.peakhub.subscription;

import static io.peakhub.subscription.SubscriptionMother.BASIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestClock;
import io.peakhub.subscription.SubscriptionMother.User;
import io.peakhub.subscription.subscription.Renewals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The producer half of "the preview equals the invoice": a quantity change's preview and the events
 * that move money (the first term, the change billed now, the renewal, a cancellation's credit),
 * exactly as serialized into the outbox, are the ones kept in
 * docs/examples/subscription-charges.json, which billing-service's SubscriptionInvoicingTest sends
 * through Kafka and bills. Run with -Dcontract.write=true to write the file again.
 */
@ServiceTest
class SubscriptionChargesContractTest {

  static final Path EXAMPLE = Path.of("..", "docs", "examples", "subscription-charges.json");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired Renewals renewals;

  /** Reads amounts as written (10.00 stays 10.00), so the example holds the outbox's own JSON. */
  final JsonMapper exact =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  @Test
  void aQuantityChangesPreviewAndItsEventsAreTheOnesBillingIsTestedWith() throws Exception {
    SubscriptionMother mother = new SubscriptionMother(mvc, jdbc, json);
    UUID account = UUID.randomUUID();
    User alice = SubscriptionMother.user(Level.full, account);
    TestClock.CLOCK.set(LocalDate.of(2026, 3, 1));
    UUID id = mother.create(alice, account, BASIC, 2, true);
    TestClock.CLOCK.set(LocalDate.of(2026, 3, 17));
    String change = "{\"quantity\":5,\"when\":\"now\"}";
    JsonNode preview =
        exact.readTree(
            mother
                .post(alice, mother.path(account, id) + "/changes/preview", "p-1", change)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    mother
        .post(alice, mother.path(account, id) + "/changes", "c-1", change)
        .andExpect(status().isOk());
    TestClock.CLOCK.set(LocalDate.of(2026, 4, 1));
    renewals.runDue();
    TestClock.CLOCK.set(LocalDate.of(2026, 4, 11));
    mother
        .post(
            alice,
            mother.path(account, id) + "/cancel",
            "x-1",
            "{\"when\":\"now\",\"reason\":\"not_using\"}")
        .andExpect(status().isOk());
    List<JsonNode> events =
        jdbc.sql(
                """
            SELECT payload FROM outbox_event WHERE message_key = :k AND type <> 'SubscriptionUpdated.v1' ORDER BY seq""")
            .param("k", account.toString())
            .query((rs, n) -> exact.readTree(rs.getString(1)))
            .list();

    ObjectNode produced = exact.createObjectNode();
    produced.set("preview", preview);
    produced.putArray("events").addAll(events);
    if (Boolean.getBoolean("contract.write")) {
      Files.writeString(
          EXAMPLE, exact.writerWithDefaultPrettyPrinter().writeValueAsString(produced) + "\n");
    }
    JsonNode kept = exact.readTree(Files.readString(EXAMPLE));

    assertThat(preview).isEqualTo(kept.get("preview"));
    assertThat(events)
        .extracting(e -> e.get("type").asString())
        .containsExactly(
            "SubscriptionCreated.v1",
            "SubscriptionChanged.v1",
            "SubscriptionRenewed.v1",
            "SubscriptionCancelled.v1");
    for (int i = 0; i < events.size(); i++) {
      JsonNode body = events.get(i).get("body");
      JsonNode keptBody = kept.get("events").get(i).get("body");
      assertThat(body.get("lines")).isEqualTo(keptBody.get("lines"));
      assertThat(body.get("amountDueNow")).isEqualTo(keptBody.get("amountDueNow"));
      assertThat(body.get("amountDue")).isEqualTo(keptBody.get("amountDue"));
      assertThat(body.get("subscription").get("currency"))
          .isEqualTo(keptBody.get("subscription").get("currency"));
      assertThat(body.get("subscription").get("quantity"))
          .isEqualTo(keptBody.get("subscription").get("quantity"));
    }
    // the change's lines are the preview's, so the invoice billing issues from them shows the
    // preview's numbers
    assertThat(events.get(1).get("body").get("lines")).isEqualTo(preview.get("lines"));
    assertThat(events.get(1).get("body").get("amountDueNow"))
        .isEqualTo(preview.get("amountDueNow"));
  }
}
