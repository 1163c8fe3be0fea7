package io.peakhub.bff.summary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customer Accounts from the read model: search by name or number (case-insensitive substring),
 * sort by any column, keyset pages (the cursor is the last row's sort value and account id, so a
 * page costs the same at row 100,000 as at row 1), limited to the accounts a person may see.
 */
@Repository
public class AccountDirectory {

  /**
   * A sortable column: the SQL expression its index is on, its type for the cursor, and the cursor
   * text.
   */
  public enum Sort {
    name("lower(name)", "text", "lower(name)"),
    number("account_number", "text", "account_number"),
    balance("balance", "numeric", "balance::text"),
    credit("credit_balance", "numeric", "credit_balance::text"),
    overdue("overdue_amount", "numeric", "overdue_amount::text"),
    lastPaymentAt(
        "coalesce(last_payment_at, '-infinity'::timestamptz)",
        "timestamptz",
        "CASE WHEN last_payment_at IS NULL THEN '-infinity' "
            + "ELSE to_char(last_payment_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') END"),
    status("status", "text", "status"),
    manager("coalesce(lower(account_manager), '')", "text", "coalesce(lower(account_manager), '')"),
    activeSubscriptions("active_subscriptions", "integer", "active_subscriptions::text"),
    mrr("mrr", "numeric", "mrr::text");

    final String expression;
    final String type;
    final String cursorText;

    Sort(String expression, String type, String cursorText) {
      this.expression = expression;
      this.type = type;
      this.cursorText = cursorText;
    }

    /**
     * Whether a cursor value could have come from this column (a bad one is the caller's 400, not
     * SQL's 500).
     */
    public boolean accepts(String value) {
      try {
        switch (type) {
          case "numeric" -> new BigDecimal(value);
          case "integer" -> Integer.parseInt(value);
          case "timestamptz" -> {
            if (!value.equals("-infinity")) {
              Instant.parse(value);
            }
          }
          default -> {}
        }
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  public record Cursor(String value, UUID accountId) {

    public String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((value + "|" + accountId).getBytes(StandardCharsets.UTF_8));
    }

    /** Null when the text is not a cursor. */
    public static Cursor decode(String text) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        int bar = raw.lastIndexOf('|');
        return new Cursor(raw.substring(0, bar), UUID.fromString(raw.substring(bar + 1)));
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  /** {@code onlyAccounts}: null for every account, else just these (an account executive's). */
  public record Query(
      String search,
      Sort sort,
      boolean descending,
      Cursor after,
      int limit,
      Set<String> onlyAccounts) {}

  public record Entry(
      UUID accountId,
      String accountNumber,
      String name,
      String currency,
      BigDecimal balance,
      BigDecimal creditBalance,
      BigDecimal overdueAmount,
      Instant lastPaymentAt,
      String status,
      String accountManager,
      int activeSubscriptions,
      BigDecimal monthlyRecurringRevenue,
      long openCases) {}

  public record Page(List<Entry> items, String next) {}

  private final JdbcClient jdbc;
  private final Cache<Set<String>, UuidArray> arrays = Caffeine.newBuilder().weakKeys().build();

  AccountDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** How many accounts, in the list's order, a search among all accounts looks at first. */
  private static final int FIRST_LOOK = 1000;

  /** Where a query's rows come from. */
  private enum Candidates {
    /** The table; the planner picks the index (lists, and searches within an executive's book). */
    TABLE,
    /** The first {@link #FIRST_LOOK} accounts in the list's order, then searched. */
    FIRST_IN_ORDER,
    /** The search's matches from the trigram indexes, then sorted. */
    MATCHES
  }

  /**
   * A page of the list. A search among all accounts first looks at the first 1,000 accounts in the
   * list's order (after the cursor): a common term ('acme', 'a-0') fills the page there, in a
   * millisecond or two. When it does not, the matches are few (under 2.6% of the accounts), and the
   * trigram indexes find them all, to be sorted. Either alone has a bad case at 100,000 accounts:
   * sorting every match of 'a-0' took 140 to 190 ms, walking the sort index for a rare number 35
   * ms. An executive's book (up to 5,000 accounts) bounds their search, and PostgreSQL plans it for
   * the book and the term at hand.
   */
  public Page list(Query q) {
    if (q.onlyAccounts() != null && q.onlyAccounts().isEmpty()) {
      return new Page(List.of(), null);
    }
    if (q.search() == null || q.onlyAccounts() != null) {
      return page(q, Candidates.TABLE);
    }
    Page first = page(q, Candidates.FIRST_IN_ORDER);
    return first.next() != null ? first : page(q, Candidates.MATCHES);
  }

  private Page page(Query q, Candidates candidates) {
    Sort sort = q.sort();
    String direction = q.descending() ? " DESC" : " ASC";
    String order = " ORDER BY " + sort.expression + direction + ", account_id" + direction;
    String search =
        q.search() == null
            ? null
            : "(lower(name) LIKE :search OR lower(account_number) LIKE :search)";
    // one uuid[] parameter, not an IN list of up to 5,000 (an account executive's book): binding
    // and planning that many parameters cost more than the query. Sent as a uuid[] (UuidArray): a
    // text parameter cast in SQL is cast again for every row compared (570 ms).
    String book = q.onlyAccounts() == null ? null : "account_id = ANY(:accounts)";
    String after = null;
    if (q.after() != null) {
      String value =
          sort.type.equals("text") ? ":afterValue" : "CAST(:afterValue AS " + sort.type + ")";
      after =
          "("
              + sort.expression
              + ", account_id) "
              + (q.descending() ? "<" : ">")
              + " ("
              + value
              + ", :afterId)";
    }
    String from =
        switch (candidates) {
          case TABLE -> "account_summary s" + where(search, book, after);
          case FIRST_IN_ORDER ->
              "(SELECT * FROM account_summary"
                  + where(after)
                  + order
                  + " LIMIT "
                  + FIRST_LOOK
                  + ") s"
                  + where(search);
          // OFFSET 0 keeps the search a subquery, planned on its own: its matches, then sorted
          case MATCHES ->
              "(SELECT * FROM account_summary" + where(search) + " OFFSET 0) s" + where(after);
        };
    StringBuilder sql =
        new StringBuilder(
                """
        SELECT account_id, account_number, name, currency, balance, credit_balance, overdue_amount, last_payment_at,
               status, account_manager, active_subscriptions, mrr,
               (SELECT count(*) FROM open_case c WHERE c.account_id = s.account_id) AS open_cases, """)
            .append(sort.cursorText)
            .append(" AS sort_value FROM ")
            .append(from)
            .append(order)
            .append(" LIMIT :n");
    var statement = jdbc.sql(sql.toString()).param("n", q.limit() + 1);
    if (q.onlyAccounts() != null) {
      statement = statement.param("accounts", uuidArray(q.onlyAccounts()));
    }
    if (q.search() != null) {
      statement =
          statement.param("search", "%" + escapeLike(q.search().toLowerCase(Locale.ROOT)) + "%");
    }
    if (q.after() != null) {
      statement =
          statement.param("afterValue", q.after().value()).param("afterId", q.after().accountId());
    }
    record Row(Entry entry, String sortValue) {}
    List<Row> rows =
        new ArrayList<>(
            statement
                .query(
                    (rs, i) -> {
                      Timestamp lastPayment = rs.getTimestamp("last_payment_at");
                      return new Row(
                          new Entry(
                              rs.getObject("account_id", UUID.class),
                              rs.getString("account_number"),
                              rs.getString("name"),
                              rs.getString("currency"),
                              rs.getBigDecimal("balance"),
                              rs.getBigDecimal("credit_balance"),
                              rs.getBigDecimal("overdue_amount"),
                              lastPayment == null ? null : lastPayment.toInstant(),
                              rs.getString("status"),
                              rs.getString("account_manager"),
                              rs.getInt("active_subscriptions"),
                              rs.getBigDecimal("mrr"),
                              rs.getLong("open_cases")),
                          rs.getString("sort_value"));
                    })
                .list());
    String next = null;
    if (rows.size() > q.limit()) {
      rows.remove(q.limit());
      Row last = rows.get(q.limit() - 1);
      next = new Cursor(last.sortValue(), last.entry().accountId()).encode();
    }
    return new Page(rows.stream().map(Row::entry).toList(), next);
  }

  /**
   * The accounts as a uuid[] parameter, built once per set of accounts: the access scope is cached
   * per user, so an executive's requests bring the very same set back. Encoding 5,000 ids on every
   * request was half of portal-bff's CPU for the page. The set is found by identity (Caffeine's
   * weak keys compare with ==), not by equals: comparing two sets of 5,000 ids cost as much again
   * (a WeakHashMap's lookup, 47% of the page's CPU samples). Weak keys: the array goes when the
   * scope does.
   */
  private UuidArray uuidArray(Set<String> accounts) {
    return arrays.get(accounts, UuidArray::of);
  }

  /**
   * A uuid[] parameter in PostgreSQL's binary array format (the server copies 16 bytes an id), when
   * the connection sends uuid[] binary ({@code binaryTransferEnable}, application.yml); else in its
   * text form, read off the binary one. Parsing the text of 5,000 ids took the server 4 to 5 ms a
   * query, a third of the executive's page (12.5 -> 8 ms a query, 300 queries each way on one
   * connection).
   */
  static final class UuidArray extends PGobject implements PGBinaryObject {

    /** PostgreSQL's uuid type oid, the elements' type. */
    private static final int UUID_OID = 2950;

    /** Bytes of the array's header (dimensions, nulls, element type, length, lower bound). */
    private static final int HEADER = 20;

    /** Bytes of each element: its length (16), then the uuid. */
    private static final int ELEMENT = 20;

    private final byte[] binary;

    private UuidArray(byte[] binary) {
      this.binary = binary;
      this.type = "uuid[]";
    }

    /** Each id checked to be a UUID, so nothing else gets in. */
    static UuidArray of(Set<String> ids) {
      // one dimension, no nulls, uuid elements, ids.size() of them from index 1; then each id as
      // its length (16) and its bytes
      ByteBuffer binary =
          ByteBuffer.allocate(HEADER + ids.size() * ELEMENT)
              .putInt(1)
              .putInt(0)
              .putInt(UUID_OID)
              .putInt(ids.size())
              .putInt(1);
      for (String id : ids) {
        UUID uuid = UUID.fromString(id);
        binary
            .putInt(16)
            .putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits());
      }
      return new UuidArray(binary.array());
    }

    /** The text form, read off the binary one: only a connection without binary uuid[] asks. */
    @Override
    public String getValue() {
      ByteBuffer b = ByteBuffer.wrap(binary);
      StringBuilder text = new StringBuilder((binary.length / ELEMENT) * 37 + 2).append('{');
      for (int at = HEADER; at < binary.length; at += ELEMENT) {
        text.append(at > HEADER ? "," : "").append(new UUID(b.getLong(at + 4), b.getLong(at + 12)));
      }
      return text.append('}').toString();
    }

    @Override
    public void setValue(String value) {
      throw new UnsupportedOperationException("a UuidArray is built from its ids");
    }

    @Override
    public void setByteValue(byte[] value, int offset) {
      throw new UnsupportedOperationException("a UuidArray is built from its ids");
    }

    @Override
    public int lengthInBytes() {
      return binary.length;
    }

    @Override
    public void toBytes(byte[] bytes, int offset) {
      System.arraycopy(binary, 0, bytes, offset, binary.length);
    }
  }

  /** " WHERE" and the conditions given (null ones left out) joined by AND, or nothing. */
  private static String where(String... conditions) {
    String joined =
        Arrays.stream(conditions).filter(Objects::nonNull).collect(Collectors.joining(" AND "));
    return joined.isEmpty() ? "" : " WHERE " + joined;
  }

  /** Backslash is LIKE's default escape character in PostgreSQL. */
  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
