package io.peakhub.billing.paymentmethod;

import java.util.UUID;

/** A saved method as shown to people: brand, last 4, expiry; the token never leaves the service. */
public record PaymentMethodView(
    UUID id,
    String type,
    String brand,
    String last4,
    Integer expMonth,
    Integer expYear,
    String holder,
    boolean isDefault,
    boolean expired) {}
