package io.peakhub.billing.paymentmethod;

import io.peakhub.billing.account.Accounts;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.gateway.PaymentGateway;
import io.peakhub.billing.subscription.ActiveSubscriptions;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.outbox.Outbox;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.security.CurrentUser;
import io.peakhub.platform.security.WhileImpersonating;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Saved payment methods: list, add (a processor card token, or a bank account), set default,
 * remove.
 */
@RestController
class PaymentMethodController {

  static final String TOPIC = "billing.paymentmethod";

  record AddPaymentMethod(
      @NotBlank @Pattern(regexp = "card|bank_account") String type,
      @Size(max = 2000) String token,
      @Size(max = 100) String holder,
      @Size(max = 40) String iban) {}

  private final AccountAccess access;
  private final Accounts accounts;
  private final PaymentMethodRepository methods;
  private final PaymentGateway gateway;
  private final ActiveSubscriptions subscriptions;
  private final Outbox outbox;
  private final Clock clock;

  PaymentMethodController(
      AccountAccess access,
      Accounts accounts,
      PaymentMethodRepository methods,
      PaymentGateway gateway,
      ActiveSubscriptions subscriptions,
      Outbox outbox,
      Clock clock) {
    this.access = access;
    this.accounts = accounts;
    this.methods = methods;
    this.gateway = gateway;
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.clock = clock;
  }

  @GetMapping("/accounts/{accountId}/payment-methods")
  List<PaymentMethodView> list(@PathVariable UUID accountId) {
    access.requireAny(accountId.toString(), Level.view, Area.my_account, Area.pay_invoices);
    YearMonth now = YearMonth.now(clock);
    return methods.active(accountId).stream().map(m -> m.view(now)).toList();
  }

  @PostMapping("/accounts/{accountId}/payment-methods")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  public PaymentMethodView add(
      @PathVariable UUID accountId, @Valid @RequestBody AddPaymentMethod request) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    WhileImpersonating.refuse("add a payment method");
    BillingAccount account = activeAccount(accountId);
    UUID id = UUID.randomUUID();
    boolean first = methods.defaultOf(accountId).isEmpty();
    Instant now = clock.instant();
    String by = CurrentUser.get().username();
    if (request.type().equals("card")) {
      if (request.token() == null) {
        throw new InvalidInputException(
            "token", "Send the card token from the processor's tokenization, never card data.");
      }
      var card =
          gateway
              .describe(request.token())
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "token", "The processor does not know this card token."));
      if (YearMonth.of(card.expYear(), card.expMonth()).isBefore(YearMonth.now(clock))) {
        throw new InvalidInputException("token", "This card has expired.");
      }
      methods.insert(
          id,
          account.id(),
          "card",
          request.token(),
          card.brand(),
          card.last4(),
          card.expMonth(),
          card.expYear(),
          request.holder(),
          first,
          by,
          now);
    } else {
      String iban = request.iban() == null ? "" : request.iban().replace(" ", "").toUpperCase();
      if (!validIban(iban)) {
        throw new InvalidInputException("iban", "The IBAN is not valid.");
      }
      if (request.holder() == null || request.holder().isBlank()) {
        throw new InvalidInputException("holder", "'holder' is required for a bank account.");
      }
      methods.insert(
          id,
          account.id(),
          "bank_account",
          "ba_sbx_" + UUID.randomUUID(),
          "bank",
          iban.substring(iban.length() - 4),
          null,
          null,
          request.holder(),
          first,
          by,
          now);
    }
    PaymentMethodView view = methods.find(accountId, id).orElseThrow().view(YearMonth.now(clock));
    outbox.append(
        TOPIC, accountId.toString(), PaymentMethodChanged.TYPE, PaymentMethodChanged.added(view));
    return view;
  }

  @PostMapping("/accounts/{accountId}/payment-methods/{methodId}/default")
  @Transactional
  public PaymentMethodView makeDefault(@PathVariable UUID accountId, @PathVariable UUID methodId) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    activeAccount(accountId);
    var method =
        methods
            .find(accountId, methodId)
            .orElseThrow(() -> new NotFoundException("Payment method", methodId));
    if (method.expired(YearMonth.now(clock))) {
      throw new ConflictException(
          "payment-method-expired", "An expired card cannot be the default payment method.");
    }
    methods.makeDefault(accountId, methodId);
    PaymentMethodView view =
        methods.find(accountId, methodId).orElseThrow().view(YearMonth.now(clock));
    outbox.append(
        TOPIC,
        accountId.toString(),
        PaymentMethodChanged.TYPE,
        PaymentMethodChanged.madeDefault(view));
    return view;
  }

  @DeleteMapping("/accounts/{accountId}/payment-methods/{methodId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Transactional
  public void remove(@PathVariable UUID accountId, @PathVariable UUID methodId) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    WhileImpersonating.refuse("remove a payment method");
    activeAccount(accountId);
    var method =
        methods
            .find(accountId, methodId)
            .orElseThrow(() -> new NotFoundException("Payment method", methodId));
    List<PaymentMethodRepository.StoredMethod> active = methods.active(accountId);
    if (active.size() == 1 && subscriptions.any(accountId)) {
      throw new ConflictException(
          "payment-method-required",
          "This is the account's last payment method and a subscription (on trial, active or paused) will be charged to it. Add another one first.");
    }
    methods.remove(methodId, clock.instant());
    if (method.isDefault()) {
      active.stream()
          .filter(m -> !m.id().equals(methodId))
          .findFirst()
          .ifPresent(m -> methods.makeDefault(accountId, m.id()));
    }
    outbox.append(
        TOPIC,
        accountId.toString(),
        PaymentMethodChanged.TYPE,
        PaymentMethodChanged.removed(method.view(YearMonth.now(clock))));
  }

  private BillingAccount activeAccount(UUID accountId) {
    return accounts.lockActive(accountId, "no changes are allowed");
  }

  static boolean validIban(String iban) {
    if (!iban.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }
}
