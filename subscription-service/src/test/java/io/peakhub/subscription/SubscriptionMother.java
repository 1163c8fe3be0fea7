package io.peakhub.subscription;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test plans, users and calls for the subscription tests. */
public final class SubscriptionMother {

  /** Plans without a trial, so a term starts on the day of creation: 10 and 30 a month. */
  public static final String BASIC = "test-basic-usd";

  public static final String PLUS = "test-plus-usd";
  public static final String PLUS_EUR = "test-plus-eur";

  public record User(String id, String token) {}

  public record Event(String type, JsonNode body) {}

  private final MockMvc mvc;
  private final JdbcClient jdbc;
  private final JsonMapper json;

  public SubscriptionMother(MockMvc mvc, JdbcClient jdbc, JsonMapper json) {
    this.mvc = mvc;
    this.jdbc = jdbc;
    this.json = json;
    jdbc.sql(
            """
        INSERT INTO plan (id, code, product_id, name, billing_period, currency, unit_price, trial_days, created_at, created_by) VALUES
          (gen_random_uuid(), 'test-basic-usd', '00000000-0000-4000-8000-000000000001', 'Test Basic', 'monthly', 'USD', 10.00, 0, now(), 'test'),
          (gen_random_uuid(), 'test-plus-usd', '00000000-0000-4000-8000-000000000001', 'Test Plus', 'monthly', 'USD', 30.00, 0, now(), 'test'),
          (gen_random_uuid(), 'test-plus-eur', '00000000-0000-4000-8000-000000000001', 'Test Plus', 'monthly', 'EUR', 30.00, 0, now(), 'test')
        ON CONFLICT DO NOTHING""")
        .update();
  }

  /** A user with this level in my_subscriptions (and nothing else) on the account. */
  public static User user(Level level, UUID account) {
    String id = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(
        id, Map.of(Area.my_subscriptions, new Grant(level, Grant.Scope.all)), account.toString());
    return new User(id, "Bearer " + TestJwts.token(id, "user-" + id.substring(0, 8), "customer"));
  }

  public ResultActions post(User user, String path, String key, String body) throws Exception {
    var request =
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
            .header("Authorization", user.token())
            .contentType(MediaType.APPLICATION_JSON)
            .content(body == null ? "" : body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return mvc.perform(request);
  }

  public ResultActions get(User user, String path) throws Exception {
    return mvc.perform(
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
            .header("Authorization", user.token()));
  }

  public JsonNode body(ResultActions result) throws Exception {
    return json.readTree(result.andReturn().getResponse().getContentAsString());
  }

  /** Creates a subscription and returns its id. */
  public UUID create(User user, UUID account, String plan, int quantity, boolean autoRenew)
      throws Exception {
    JsonNode body =
        body(
            post(
                user,
                "/accounts/" + account + "/subscriptions",
                UUID.randomUUID().toString(),
                "{\"planCode\":\""
                    + plan
                    + "\",\"quantity\":"
                    + quantity
                    + ",\"autoRenew\":"
                    + autoRenew
                    + "}"));
    return UUID.fromString(body.get("subscription").get("id").asString());
  }

  public String path(UUID account, UUID id) {
    return "/accounts/" + account + "/subscriptions/" + id;
  }

  /**
   * The account's events on subscription.subscription, oldest first, without
   * SubscriptionUpdated.v1.
   */
  public List<Event> events(UUID account) {
    return jdbc.sql(
            """
            SELECT type, payload FROM outbox_event WHERE topic = 'subscription.subscription' AND message_key = :k
              AND type <> 'SubscriptionUpdated.v1' ORDER BY seq""")
        .param("k", account.toString())
        .query((rs, n) -> new Event(rs.getString(1), json.readTree(rs.getString(2)).get("body")))
        .list();
  }

  public List<String> types(UUID account) {
    return events(account).stream().map(Event::type).toList();
  }

  public int rowCount(UUID account) {
    return jdbc.sql("SELECT count(*) FROM outbox_event WHERE message_key = :k")
        .param("k", account.toString())
        .query(Integer.class)
        .single();
  }
}
