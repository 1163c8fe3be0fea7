package io.peakhub.cases.success;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * The admin's choice of header fields on a success record's detail page (one settings document).
 */
@Component
class SuccessSettings {

  static final List<String> FIELDS =
      List.of(
          "number",
          "state",
          "account",
          "subject",
          "dueDate",
          "daysRemaining",
          "product",
          "assigneeName",
          "parentNumber",
          "updatedAt");
  static final List<String> DEFAULT_HEADER =
      List.of("number", "state", "account", "subject", "dueDate", "daysRemaining");

  @Document("success_setting")
  record HeaderFields(@Id String id, List<String> fields, Instant updatedAt, String updatedBy) {}

  private final MongoTemplate mongo;

  SuccessSettings(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  List<String> headerFields() {
    HeaderFields stored = mongo.findById("header", HeaderFields.class);
    return stored == null ? DEFAULT_HEADER : stored.fields();
  }

  List<String> setHeaderFields(List<String> fields, String by, Instant now) {
    mongo.save(new HeaderFields("header", List.copyOf(fields), now, by));
    return headerFields();
  }
}
