package io.peakhub.cases.supportcase;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A customer's support case (request). Updates are single-document and versioned: no transactions needed. */
@Document("support_case")
@CompoundIndex(name = "account_updated", def = "{'accountId': 1, 'updatedAt': -1}")
public record SupportCase(@Id String id, @Indexed(unique = true) String number, String accountId, String subject,
    String status, String requesterId, Instant createdAt, Instant updatedAt, String updatedBy, @Version Long version) {}
