package io.peakhub.billing.gateway;

import io.peakhub.platform.problem.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.YearMonth;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the processor's tokenization API (which a browser calls directly, so card data
 * never reaches our services). Messages never repeat the number or the CVC.
 */
@RestController
class SandboxTokenController {

  record CardRequest(
      @NotBlank String number,
      @NotNull @Min(1) @Max(12) Integer expMonth,
      @NotNull @Min(2000) @Max(2100) Integer expYear,
      @NotBlank String cvc) {

    @Override
    public String toString() {
      return "CardRequest[redacted]";
    }
  }

  record CardToken(String token, String brand, String last4, int expMonth, int expYear) {}

  private final SandboxGateway sandbox;
  private final Clock clock;

  SandboxTokenController(SandboxGateway sandbox, Clock clock) {
    this.sandbox = sandbox;
    this.clock = clock;
  }

  @PostMapping("/sandbox/tokens")
  CardToken tokenize(@Valid @RequestBody CardRequest card) {
    String number = card.number().replaceAll("[ -]", "");
    if (!number.matches("[0-9]{12,19}") || !luhn(number)) {
      throw new InvalidInputException("number", "The card number is not valid.");
    }
    if (!card.cvc().matches("[0-9]{3,4}")) {
      throw new InvalidInputException("cvc", "The security code must be 3 or 4 digits.");
    }
    if (YearMonth.of(card.expYear(), card.expMonth()).isBefore(YearMonth.now(clock))) {
      throw new InvalidInputException("expYear", "The card has expired.");
    }
    String token = sandbox.tokenize(number, card.expMonth(), card.expYear());
    return new CardToken(
        token,
        SandboxGateway.brand(number),
        number.substring(number.length() - 4),
        card.expMonth(),
        card.expYear());
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
