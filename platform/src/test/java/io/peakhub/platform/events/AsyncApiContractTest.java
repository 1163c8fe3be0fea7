package io.peakhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.peakhub.platform.testing.EventContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml against the code: every message it defines is on a channel that some operation
 * sends to and has a producer in a service's main code; and the checker that every ServiceTest runs
 * on the outbox (EventContract) refuses an event that does not match.
 */
class AsyncApiContractTest {

  static final Path ROOT = Path.of("..");
  static final Pattern TYPE_LITERAL = Pattern.compile("\"([A-Z][A-Za-z]+\\.v[0-9]+)\"");

  /** subscription-service names its events after their records: getSimpleName() + ".v1". */
  static final Pattern RECORD = Pattern.compile("record ([A-Z][A-Za-z]+)\\(");

  static final Pattern SIMPLE_NAME_TYPE =
      Pattern.compile("getSimpleName\\(\\) \\+ \"(\\.v[0-9]+)\"");

  final EventContract contract = EventContract.get();

  @Test
  void everyMessageIsOnAChannelSomeServiceSendsTo() {
    Set<String> sent = contract.sentChannels();
    for (String type : contract.messageTypes()) {
      assertThat(contract.channelsOf(type)).as(type + "'s channels").isNotEmpty();
      assertThat(sent)
          .as("a send operation for " + type)
          .containsAnyElementsOf(contract.channelsOf(type));
    }
  }

  @Test
  void everyMessageHasAProducerAndEveryProducedTypeIsAMessage() throws IOException {
    Set<String> produced = producedTypes();
    assertThat(produced)
        .as("event types named in the services' main code")
        .containsAll(contract.messageTypes());
    assertThat(contract.messageTypes()).as("messages of docs/asyncapi.yaml").containsAll(produced);
  }

  @Test
  void anEventThatMatchesItsMessageIsAccepted() {
    assertThat(
            contract.problems(
                "billing.invoice",
                envelope(
                    "InvoiceVoided.v1",
                    "{\"invoiceId\":\"8d3c1a6e-2b7f-4d7e-9a51-0f4c2e6b9d11\",\"number\":\"INV-2026-000101\",\"reason\":\"duplicate\",\"by\":\"admin\"}")))
        .isEmpty();
  }

  @Test
  void anEventThatDoesNotMatchIsRefusedWithWhatIsWrong() {
    assertThat(
            contract.problems(
                "billing.invoice", envelope("InvoiceVoided.v1", "{\"invoiceId\":\"not-a-uuid\"}")))
        .anySatisfy(p -> assertThat(p).contains("invoiceId"));
    assertThat(
            contract.problems(
                "billing.account", envelope("AccountUpdated.v1", "{\"contacts\":{}}")))
        .as("a contact change is not an AccountUpdated.v1")
        .isNotEmpty();
    assertThat(
            contract.problems(
                "billing.invoice",
                envelope("InvoiceVoided.v1", "{}").replace("InvoiceVoided", "InvoiceVanished")))
        .containsExactly("InvoiceVanished.v1 is not a message of docs/asyncapi.yaml");
    assertThat(
            contract.problems(
                "billing.payment",
                envelope(
                    "InvoiceVoided.v1",
                    "{\"invoiceId\":\"8d3c1a6e-2b7f-4d7e-9a51-0f4c2e6b9d11\",\"number\":\"INV-2026-000101\",\"reason\":\"duplicate\",\"by\":\"admin\"}")))
        .as("on the wrong topic")
        .isNotEmpty();
  }

  private static String envelope(String type, String body) {
    return "{\"id\":\"0b9f3c52-7a4e-4f7c-8d1e-3a2b5c6d7e8f\",\"type\":\""
        + type
        + "\",\"occurredAt\":\"2026-04-01T10:00:00Z\",\"accountId\":\"5f0e6a1b-9c3d-4e2f-8a7b-1c2d3e4f5a6b\",\"body\":"
        + body
        + "}";
  }

  private static Set<String> producedTypes() throws IOException {
    Set<String> types = new TreeSet<>();
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).forEach(sources::add);
    }
    for (Path source : sources) {
      try (Stream<Path> files = Files.walk(source)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String code = Files.readString(f);
          Matcher literal = TYPE_LITERAL.matcher(code);
          while (literal.find()) {
            types.add(literal.group(1));
          }
          Matcher suffix = SIMPLE_NAME_TYPE.matcher(code);
          if (suffix.find()) {
            Matcher record = RECORD.matcher(code);
            while (record.find()) {
              types.add(record.group(1) + suffix.group(1));
            }
          }
        }
      }
    }
    return types;
  }
}
