package io.peakhub.platform.testapp;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.problem.ConflictException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service that uses the platform the way real services do. */
@SpringBootApplication
public class PlatformTestApplication {

  /**
   * The property that runs it without a database (the tests that need none: only the outbox's keeps
   * one).
   */
  public static final String WITHOUT_DATABASE =
      "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

  public record Greeting(@NotBlank @Size(max = 20) String name) {}

  public enum Method {
    card,
    bank_account
  }

  public record Address(@NotBlank String country) {}

  /**
   * A body with the kinds of fields real requests have: money, ids, an enum, a list, a nested
   * object, a time.
   */
  public record Payment(
      @NotNull BigDecimal amount,
      UUID paymentMethodId,
      Method method,
      List<UUID> invoiceIds,
      @Valid Address billTo,
      Integer installments,
      Instant at) {}

  @RestController
  static class SampleController {
    private final AccountAccess access;

    SampleController(AccountAccess access) {
      this.access = access;
    }

    @GetMapping("/accounts/{accountId}")
    Map<String, Object> account(@PathVariable UUID accountId) {
      access.requireView(accountId.toString());
      return Map.of("id", accountId);
    }

    @PostMapping("/greetings")
    Map<String, Object> greet(@Valid @RequestBody Greeting greeting) {
      return Map.of("hello", greeting.name());
    }

    @PostMapping("/payments")
    Map<String, Object> pay(@Valid @RequestBody Payment payment) {
      return Map.of("amount", payment.amount());
    }

    @PostMapping("/conflicts")
    Map<String, Object> conflict() {
      throw new ConflictException("duplicate-login-name", "That login name is taken.");
    }

    @GetMapping("/boom")
    Map<String, Object> boom() {
      throw new IllegalStateException("secret internal detail");
    }
  }
}
