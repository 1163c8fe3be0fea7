package io.peakhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

  record BalanceChanged(String accountId, BigDecimal balance, String currency) {}

  @Test
  void roundTripsThroughJsonKeepingMoneyExact() {
    var body = new BalanceChanged("a1", new BigDecimal("1234.50"), "EUR");
    var event =
        new EventEnvelope(
            UUID.randomUUID(),
            "BalanceChanged.v1",
            Instant.parse("2026-11-23T10:15:30Z"),
            "a1",
            EventJson.tree(body));
    String json = EventJson.write(event);
    assertThat(json)
        .contains("\"occurredAt\":\"2026-11-23T10:15:30Z\"")
        .contains("\"type\":\"BalanceChanged.v1\"");
    EventEnvelope back = EventJson.read(json);
    assertThat(back.id()).isEqualTo(event.id());
    assertThat(back.name()).isEqualTo("BalanceChanged");
    assertThat(back.version()).isEqualTo(1);
    assertThat(EventJson.body(back, BalanceChanged.class).balance())
        .isEqualByComparingTo("1234.50");
  }

  @Test
  void typeMustCarryAVersion() {
    assertThatThrownBy(
            () ->
                new EventEnvelope(
                    UUID.randomUUID(),
                    "BalanceChanged",
                    Instant.now(),
                    "a1",
                    EventJson.tree(java.util.Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Name.v1");
  }

  @Test
  void everyFieldIsRequired() {
    assertThatThrownBy(
            () ->
                new EventEnvelope(
                    UUID.randomUUID(),
                    "X.v1",
                    Instant.now(),
                    null,
                    EventJson.tree(java.util.Map.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
