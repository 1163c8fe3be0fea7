package io.peakhub.billing.paymentmethod;

import io.peakhub.billing.paymentmethod.PaymentMethodRepository.StoredMethod;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The payment-method feature's API for payments: an account's saved methods, read only. */
@Service
public class SavedPaymentMethods {

  private final PaymentMethodRepository methods;

  SavedPaymentMethods(PaymentMethodRepository methods) {
    this.methods = methods;
  }

  /** Only a method of this account, and not removed: another account's id is simply not found. */
  public Optional<StoredMethod> find(UUID accountId, UUID id) {
    return methods.find(accountId, id);
  }

  public Optional<StoredMethod> defaultOf(UUID accountId) {
    return methods.defaultOf(accountId);
  }
}
