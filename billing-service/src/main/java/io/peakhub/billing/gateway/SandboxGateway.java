package io.peakhub.billing.gateway;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A processor in test mode. Test cards: 4242 4242 4242 4242 and 5555 5555 5555 4444 succeed,
 * 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds, 4000 0000 0000 0119
 * times out. Tokens carry only the behaviour and the display fields, never the number.
 */
@Component
public class SandboxGateway implements PaymentGateway {

  private static final String PREFIX = "tok_sbx_";

  private final Duration timeoutDelay;

  SandboxGateway(@Value("${peakhub.payments.sandbox.timeout-delay:PT2S}") Duration timeoutDelay) {
    this.timeoutDelay = timeoutDelay;
  }

  /** What the processor's tokenization does with a card the browser sends to it. */
  public String tokenize(String number, int expMonth, int expYear) {
    Outcome behaviour = switch (number) {
      case "4000000000000002" -> Outcome.DECLINED;
      case "4000000000009995" -> Outcome.INSUFFICIENT_FUNDS;
      case "4000000000000119" -> Outcome.TIMEOUT;
      default -> Outcome.SUCCEEDED;
    };
    String payload = behaviour.name() + "|" + brand(number) + "|" + number.substring(number.length() - 4) + "|"
        + expMonth + "|" + expYear + "|" + UUID.randomUUID();
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
  }

  public static String brand(String number) {
    if (number.startsWith("4")) {
      return "visa";
    }
    if (number.matches("5[1-5].*|2[2-7].*")) {
      return "mastercard";
    }
    if (number.matches("3[47].*")) {
      return "amex";
    }
    return "card";
  }

  @Override
  public Optional<CardDetails> describe(String cardToken) {
    return decode(cardToken).map(p -> new CardDetails(p[1], p[2], Integer.parseInt(p[3]), Integer.parseInt(p[4])));
  }

  @Override
  public Charge charge(String token, BigDecimal amount, String currency, String idempotencyKey) {
    Outcome outcome = token.startsWith("ba_sbx_") ? Outcome.SUCCEEDED
        : decode(token).map(p -> Outcome.valueOf(p[0])).orElse(Outcome.DECLINED);
    if (outcome == Outcome.TIMEOUT) {
      sleep(timeoutDelay);
      return new Charge(Outcome.TIMEOUT, null);
    }
    return new Charge(outcome, "ch_sbx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
  }

  private static Optional<String[]> decode(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.UTF_8)
          .split("\\|");
      Outcome.valueOf(parts[0]);
      return parts.length == 6 ? Optional.of(parts) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
