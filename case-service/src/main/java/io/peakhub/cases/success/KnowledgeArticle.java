package io.peakhub.cases.success;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A knowledge article agents write and share on success records; customers read the shared,
 * published ones.
 */
@Document("knowledge_article")
record KnowledgeArticle(
    @Id String id,
    String title,
    String body,
    String product,
    boolean published,
    Instant updatedAt,
    String updatedBy) {}
