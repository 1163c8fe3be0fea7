package io.peakhub.cases.supportcase;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Hands out case numbers CS0000001, CS0000002, ... from one counter document (atomic $inc, upsert).
 */
@Component
public class CaseNumbers {

  static final String PATTERN = "CS[0-9]{7}";

  private final MongoTemplate mongo;

  CaseNumbers(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  String next() {
    return next("support_case", "CS%07d");
  }

  /**
   * The next number of another series (its own counter document), e.g. {@code next("success_case",
   * "SCS%07d")}.
   */
  public String next(String series, String format) {
    Document counter =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(series)),
            new Update().inc("value", 1L),
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Document.class,
            "case_counter");
    long value = ((Number) counter.get("value")).longValue();
    return format.formatted(value);
  }
}
