package io.peakhub.subscription.catalog;

import io.peakhub.platform.jdbc.RecordRows;
import io.peakhub.platform.problem.ConflictException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Products, plans and add-ons. Other features read plans and add-ons through here only. */
@Repository
public class CatalogRepository {

  private static final String PLAN_SELECT =
      """
      SELECT p.id, p.code, pr.code AS product_code, pr.name AS product_name, p.name, p.billing_period, p.currency,
             p.unit_price, p.trial_days
      FROM plan p JOIN product pr ON pr.id = p.product_id""";
  private static final String ADD_ON_SELECT =
      """
      SELECT a.id, a.code, pr.code AS product_code, a.name, a.billing_period, a.currency, a.unit_price
      FROM add_on a JOIN product pr ON pr.id = a.product_id""";

  private final JdbcClient jdbc;

  CatalogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Product> products() {
    return jdbc.sql("SELECT id, code, name, description FROM product ORDER BY code")
        .query(RecordRows.of(Product.class))
        .list();
  }

  public Optional<Product> product(String code) {
    return jdbc.sql("SELECT id, code, name, description FROM product WHERE code = :c")
        .param("c", code)
        .query(RecordRows.of(Product.class))
        .optional();
  }

  public List<Plan> plans(String currency) {
    return jdbc.sql(
            PLAN_SELECT
                + " WHERE (CAST(:c AS TEXT) IS NULL OR p.currency = :c) ORDER BY p.currency, pr.code, p.unit_price, p.code")
        .param("c", currency)
        .query(RecordRows.of(Plan.class))
        .list();
  }

  public Optional<Plan> plan(String code) {
    return jdbc.sql(PLAN_SELECT + " WHERE p.code = :c")
        .param("c", code)
        .query(RecordRows.of(Plan.class))
        .optional();
  }

  public Optional<Plan> plan(UUID id) {
    return jdbc.sql(PLAN_SELECT + " WHERE p.id = :id")
        .param("id", id)
        .query(RecordRows.of(Plan.class))
        .optional();
  }

  /**
   * For the admin API that records subscriptions by plan name: the USD monthly plan first when
   * several share it.
   */
  public Optional<Plan> planNamed(String name) {
    return jdbc.sql(
            PLAN_SELECT
                + """
             WHERE p.name = :n
            ORDER BY (p.currency = 'USD') DESC, (p.billing_period = 'monthly') DESC, p.code LIMIT 1""")
        .param("n", name)
        .query(RecordRows.of(Plan.class))
        .optional();
  }

  public List<AddOn> addOns(String currency) {
    return jdbc.sql(
            ADD_ON_SELECT
                + " WHERE (CAST(:c AS TEXT) IS NULL OR a.currency = :c) ORDER BY a.currency, a.code")
        .param("c", currency)
        .query(RecordRows.of(AddOn.class))
        .list();
  }

  public Optional<AddOn> addOn(String code) {
    return jdbc.sql(ADD_ON_SELECT + " WHERE a.code = :c")
        .param("c", code)
        .query(RecordRows.of(AddOn.class))
        .optional();
  }

  public Optional<AddOn> addOn(UUID id) {
    return jdbc.sql(ADD_ON_SELECT + " WHERE a.id = :id")
        .param("id", id)
        .query(RecordRows.of(AddOn.class))
        .optional();
  }

  Product insertProduct(String code, String name, String description, Instant now, String by) {
    UUID id = UUID.randomUUID();
    try {
      jdbc.sql(
              """
              INSERT INTO product (id, code, name, description, created_at, created_by)
              VALUES (:id, :code, :name, :d, :now, :by)""")
          .param("id", id)
          .param("code", code)
          .param("name", name)
          .param("d", description)
          .param("now", Timestamp.from(now))
          .param("by", by)
          .update();
    } catch (DuplicateKeyException e) {
      throw new ConflictException(
          "duplicate-code", "A product with code " + code + " exists already.");
    }
    return new Product(id, code, name, description);
  }

  void insertPlan(
      UUID id,
      String code,
      UUID productId,
      String name,
      BillingPeriod period,
      String currency,
      BigDecimal unitPrice,
      int trialDays,
      Instant now,
      String by) {
    try {
      jdbc.sql(
              """
              INSERT INTO plan (id, code, product_id, name, billing_period, currency, unit_price, trial_days, created_at, created_by)
              VALUES (:id, :code, :p, :name, :period, :c, :price, :trial, :now, :by)""")
          .param("id", id)
          .param("code", code)
          .param("p", productId)
          .param("name", name)
          .param("period", period.name())
          .param("c", currency)
          .param("price", unitPrice)
          .param("trial", trialDays)
          .param("now", Timestamp.from(now))
          .param("by", by)
          .update();
    } catch (DuplicateKeyException e) {
      throw new ConflictException(
          "duplicate-code", "A plan with code " + code + " exists already.");
    }
  }

  void insertAddOn(
      UUID id,
      String code,
      UUID productId,
      String name,
      BillingPeriod period,
      String currency,
      BigDecimal unitPrice,
      Instant now,
      String by) {
    try {
      jdbc.sql(
              """
              INSERT INTO add_on (id, code, product_id, name, billing_period, currency, unit_price, created_at, created_by)
              VALUES (:id, :code, :p, :name, :period, :c, :price, :now, :by)""")
          .param("id", id)
          .param("code", code)
          .param("p", productId)
          .param("name", name)
          .param("period", period.name())
          .param("c", currency)
          .param("price", unitPrice)
          .param("now", Timestamp.from(now))
          .param("by", by)
          .update();
    } catch (DuplicateKeyException e) {
      throw new ConflictException(
          "duplicate-code", "An add-on with code " + code + " exists already.");
    }
  }
}
