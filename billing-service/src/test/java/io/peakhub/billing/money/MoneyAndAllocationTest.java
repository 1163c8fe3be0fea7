package io.peakhub.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peakhub.billing.payment.PaymentAllocator;
import io.peakhub.billing.payment.PaymentAllocator.OpenInvoice;
import io.peakhub.platform.money.Money;
import io.peakhub.platform.problem.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyAndAllocationTest {

  @ParameterizedTest
  @CsvSource({"USD,10.5,10.50", "JPY,1500,1500", "KWD,1.234,1.234", "EUR,7,7.00", "KWD,2.10,2.100"})
  void amountsTakeTheirCurrencysScale(String currency, String amount, String expected) {
    assertThat(Money.positive("amount", new BigDecimal(amount), currency).toPlainString())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"USD,10.001", "JPY,1500.5", "KWD,1.2345", "USD,0", "USD,-5"})
  void amountsThatCannotBeChargedAreRefused(String currency, String amount) {
    assertThatThrownBy(() -> Money.positive("amount", new BigDecimal(amount), currency))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void unknownCurrencyIsRefused() {
    assertThatThrownBy(() -> Money.scaleOf("XYZ")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Money.scaleOf("XAU")).isInstanceOf(InvalidInputException.class);
  }

  private static OpenInvoice open(String balance) {
    return new OpenInvoice(UUID.randomUUID(), new BigDecimal(balance));
  }

  @Test
  void paymentPaysOldestInvoicesFirstAndPartlyTheNext() {
    var first = open("100.00");
    var second = open("50.00");
    var third = open("25.00");
    var result = PaymentAllocator.allocate(new BigDecimal("120.00"), List.of(first, second, third));
    assertThat(result.allocations())
        .containsExactly(
            new PaymentAllocator.Allocation(first.id(), new BigDecimal("100.00")),
            new PaymentAllocator.Allocation(second.id(), new BigDecimal("20.00")));
    assertThat(result.credit()).isEqualByComparingTo("0");
  }

  @Test
  void overpaymentBecomesCredit() {
    var only = open("10.000");
    var result = PaymentAllocator.allocate(new BigDecimal("12.345"), List.of(only));
    assertThat(result.allocations()).hasSize(1);
    assertThat(result.credit()).isEqualByComparingTo("2.345");
  }

  @Test
  void withNoOpenInvoicesEverythingIsCredit() {
    var result = PaymentAllocator.allocate(new BigDecimal("500"), List.of());
    assertThat(result.allocations()).isEmpty();
    assertThat(result.credit()).isEqualByComparingTo("500");
  }
}
