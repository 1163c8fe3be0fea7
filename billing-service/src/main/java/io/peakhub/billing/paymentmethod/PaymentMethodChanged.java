package io.peakhub.billing.paymentmethod;

/**
 * PaymentMethodChanged.v1: a payment method was added, made the default, or removed; {@code change}
 * is "added", "default" or "removed". Display fields only: tokens and card numbers never travel.
 */
record PaymentMethodChanged(String change, PaymentMethodView paymentMethod) {

  static final String TYPE = "PaymentMethodChanged.v1";

  static PaymentMethodChanged added(PaymentMethodView method) {
    return new PaymentMethodChanged("added", method);
  }

  static PaymentMethodChanged madeDefault(PaymentMethodView method) {
    return new PaymentMethodChanged("default", method);
  }

  static PaymentMethodChanged removed(PaymentMethodView method) {
    return new PaymentMethodChanged("removed", method);
  }
}
