package io.peakhub.billing.gateway;

import io.peakhub.platform.jdbc.RecordRows;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A processor in test mode. Test cards: 4242 4242 4242 4242 and 5555 5555 5555 4444 succeed, 4000
 * 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds, 4000 0000 0000 0119 is
 * charged but its answer is lost (the caller sees a timeout), 4000 0000 0000 3063 is charged at
 * once and answered late. Tokens carry only the behaviour and the display fields, never the number.
 *
 * <p>Like a real processor it keeps its own ledger ({@code sandbox_charge}), written in its own
 * transaction before it answers, charges an idempotency key once and answers a repeated key with
 * the first charge, and can be asked what happened to a key.
 */
@Component
public class SandboxGateway implements PaymentGateway {

  private static final String PREFIX = "tok_sbx_";

  /**
   * What a test card does; the token holds the name (tokens issued before SLOW existed stay valid).
   */
  enum Behaviour {
    SUCCEEDED,
    DECLINED,
    INSUFFICIENT_FUNDS,
    TIMEOUT,
    SLOW
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final Duration timeoutDelay;
  private final Duration slowDelay;

  SandboxGateway(
      JdbcClient jdbc,
      PlatformTransactionManager txManager,
      Clock clock,
      @Value("${peakhub.payments.sandbox.timeout-delay:PT2S}") Duration timeoutDelay,
      @Value("${peakhub.payments.sandbox.slow-delay:PT8S}") Duration slowDelay) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(txManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.timeoutDelay = timeoutDelay;
    this.slowDelay = slowDelay;
  }

  /** What the processor's tokenization does with a card the browser sends to it. */
  public String tokenize(String number, int expMonth, int expYear) {
    Behaviour behaviour =
        switch (number) {
          case "4000000000000002" -> Behaviour.DECLINED;
          case "4000000000009995" -> Behaviour.INSUFFICIENT_FUNDS;
          case "4000000000000119" -> Behaviour.TIMEOUT;
          case "4000000000003063" -> Behaviour.SLOW;
          default -> Behaviour.SUCCEEDED;
        };
    String payload =
        behaviour.name()
            + "|"
            + brand(number)
            + "|"
            + number.substring(number.length() - 4)
            + "|"
            + expMonth
            + "|"
            + expYear
            + "|"
            + UUID.randomUUID();
    return PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(StandardCharsets.UTF_8));
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
    return decode(cardToken)
        .map(p -> new CardDetails(p[1], p[2], Integer.parseInt(p[3]), Integer.parseInt(p[4])));
  }

  @Override
  public Charge charge(String token, BigDecimal amount, String currency, String idempotencyKey) {
    Behaviour behaviour =
        token.startsWith("ba_sbx_")
            ? Behaviour.SUCCEEDED
            : decode(token).map(p -> Behaviour.valueOf(p[0])).orElse(Behaviour.DECLINED);
    Outcome outcome =
        switch (behaviour) {
          case DECLINED -> Outcome.DECLINED;
          case INSUFFICIENT_FUNDS -> Outcome.INSUFFICIENT_FUNDS;
          case SUCCEEDED, TIMEOUT, SLOW -> Outcome.SUCCEEDED;
        };
    Charge recorded = record(idempotencyKey, token, amount, currency, outcome);
    switch (behaviour) {
      case TIMEOUT -> {
        sleep(timeoutDelay);
        return new Charge(Outcome.TIMEOUT, null);
      }
      case SLOW -> sleep(slowDelay);
      default -> {}
    }
    return recorded;
  }

  @Override
  public Optional<Charge> lookup(String idempotencyKey) {
    return jdbc.sql("SELECT outcome, reference FROM sandbox_charge WHERE idempotency_key = :k")
        .param("k", idempotencyKey)
        .query(RecordRows.of(Charge.class))
        .optional();
  }

  /** Charges a key once: a repeated key answers the first charge, whatever this call asked. */
  private Charge record(
      String key, String token, BigDecimal amount, String currency, Outcome outcome) {
    return ownTransaction.execute(
        status -> {
          jdbc.sql(
                  """
              INSERT INTO sandbox_charge (idempotency_key, reference, token, amount, currency, outcome, created_at)
              VALUES (:k, :ref, :token, :amount, :currency, :outcome, :now) ON CONFLICT (idempotency_key) DO NOTHING""")
              .param("k", key)
              .param(
                  "ref", "ch_sbx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20))
              .param("token", token)
              .param("amount", amount)
              .param("currency", currency)
              .param("outcome", outcome.name())
              .param("now", Timestamp.from(clock.instant()))
              .update();
          return lookup(key).orElseThrow();
        });
  }

  private static Optional<String[]> decode(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      String[] parts =
          new String(
                  Base64.getUrlDecoder().decode(token.substring(PREFIX.length())),
                  StandardCharsets.UTF_8)
              .split("\\|");
      Behaviour.valueOf(parts[0]);
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
