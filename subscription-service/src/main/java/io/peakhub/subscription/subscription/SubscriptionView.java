package io.peakhub.subscription.subscription;

import java.time.LocalDate;
import java.util.UUID;

public record SubscriptionView(UUID id, UUID accountId, String number, String planName, int quantity, String status,
    LocalDate startDate) {}
