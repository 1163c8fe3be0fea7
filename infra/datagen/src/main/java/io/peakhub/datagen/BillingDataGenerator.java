package io.peakhub.datagen;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads realistic billing data at a chosen size straight into billing's PostgreSQL with COPY:
 * accounts in several currencies, monthly invoices with 1 to 3 lines, most older invoices paid by a
 * payment, some partly paid, the newest open. Deterministic for a given --seed. Used by ./hub up
 * (small, from the devstack), {@code ./hub generate}, {@code ./hub bench} (its own --prefix, with
 * one deep account) and billing's benchmark (large). It tops up: accounts of the prefix already
 * there are kept, and only the missing ones up to --accounts are added. It writes past billing's
 * outbox, so it lives here and never in billing's jar: after a load the devstack asks billing to
 * announce its accounts. billing-service's DataGeneratorTest checks that billing's API serves what
 * it writes, so a schema change that breaks it fails billing's build.
 *
 * <pre>
 * --accounts N (default 100)  --invoices-per-account M (default 12)  --seed S (default 42)
 * --prefix P (default G: account numbers G-0000001...)  --deep-invoices D (default 0: else the first
 * account has D invoices, one a day)
 * --db-url / --db-user / --db-password (default: DB_URL, DB_USERNAME, DB_PASSWORD or the devstack's)
 * </pre>
 */
public final class BillingDataGenerator {

  static final String PREFIX = "G";

  /** What the command line prints when every account asked for is already there. */
  public static final String NOTHING_TO_DO = "nothing to do";

  private static final java.util.regex.Pattern PREFIXES =
      java.util.regex.Pattern.compile("[A-Z]{1,3}");
  private static final String[][] CURRENCIES = {
    {"USD", "en-US"},
    {"EUR", "de-DE"},
    {"GBP", "en-GB"},
    {"JPY", "ja-JP"},
    {"EUR", "fr-FR"},
    {"KWD", "ar-KW"}
  };
  private static final String[] PRODUCTS = {
    "Peak Analytics Pro, seats",
    "Peak Analytics Standard, seats",
    "Peak Support Premium",
    "Data export add-on",
    "Onboarding workshop",
    "API calls, overage"
  };
  private static final String[] NAMES = {
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Wingtip",
    "Litware",
    "Proseware",
    "Adventure Works",
    "Alpine Ski House",
    "Coho Vineyard",
    "Fourth Coffee",
    "Lamna",
    "Margie's Travel",
    "Trey Research"
  };
  private static final String[] SUFFIXES = {"Ltd", "GmbH", "Inc", "SA", "KK", "BV", "AB", "LLC"};

  public record Options(
      int accounts,
      int invoicesPerAccount,
      long seed,
      String url,
      String user,
      String password,
      String prefix,
      int deepInvoices) {

    public Options(
        int accounts, int invoicesPerAccount, long seed, String url, String user, String password) {
      this(accounts, invoicesPerAccount, seed, url, user, password, PREFIX, 0);
    }
  }

  public record Result(int accounts, long invoices, long payments, long millis, boolean skipped) {}

  private BillingDataGenerator() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("generator: " + e.getMessage());
      System.exit(2);
      return;
    }
    Result result = generate(options, System.out::println);
    if (result.skipped()) {
      System.out.println(
          "the "
              + options.accounts()
              + " accounts of prefix "
              + options.prefix()
              + " are there: "
              + NOTHING_TO_DO);
    } else {
      System.out.printf(
          "generated %d accounts, %d invoices, %d payments in %.1f s%n",
          result.accounts(), result.invoices(), result.payments(), result.millis() / 1000.0);
    }
  }

  static Options parse(String[] args) {
    Map<String, String> env = System.getenv();
    int accounts = 100;
    int invoices = 12;
    long seed = 42;
    String prefix = PREFIX;
    int deep = 0;
    String url = env.getOrDefault("DB_URL", "jdbc:postgresql://localhost:5433/billing");
    String user = env.getOrDefault("DB_USERNAME", "postgres");
    String password = env.getOrDefault("DB_PASSWORD", "postgres");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--accounts" -> accounts = Integer.parseInt(args[i + 1]);
        case "--invoices-per-account" -> invoices = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--prefix" -> prefix = args[i + 1];
        case "--deep-invoices" -> deep = Integer.parseInt(args[i + 1]);
        case "--db-url" -> url = args[i + 1];
        case "--db-user" -> user = args[i + 1];
        case "--db-password" -> password = args[i + 1];
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + " (use --accounts, --invoices-per-account, --seed, --prefix, --deep-invoices, --db-url,"
                    + " --db-user, --db-password)");
      }
    }
    if (accounts < 1 || accounts > 9_999_999 || invoices < 0 || invoices > 600) {
      throw new IllegalArgumentException(
          "--accounts must be 1 to 9999999 and --invoices-per-account 0 to 600");
    }
    if (!PREFIXES.matcher(prefix).matches() || deep < 0 || deep > 100_000) {
      throw new IllegalArgumentException(
          "--prefix must be 1 to 3 capital letters and --deep-invoices 0 to 100000");
    }
    return new Options(accounts, invoices, seed, url, user, password, prefix, deep);
  }

  public static Result generate(Options o, java.util.function.Consumer<String> progress)
      throws SQLException, IOException {
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(o.url(), o.user(), o.password())) {
      int present;
      try (var count =
          c.prepareStatement("SELECT count(*) FROM billing_account WHERE number LIKE ?")) {
        count.setString(1, o.prefix() + "-%");
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          present = rs.getInt(1);
        }
      }
      if (present >= o.accounts()) {
        return new Result(0, 0, 0, 0, true);
      }
      if (present > 0) {
        progress.accept(
            String.format(
                "[generator] %d accounts of prefix %s already there: adding %d",
                present, o.prefix(), o.accounts() - present));
      }
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      Random random = new Random(o.seed());
      LocalDate today = LocalDate.now();
      Instant now = Instant.now();
      long invoices = 0;
      int added = 0;
      long payments = 0;
      int batch = Math.max(1, Math.min(5_000, 200_000 / Math.max(1, o.invoicesPerAccount())));
      StringBuilder accountsCsv = new StringBuilder();
      StringBuilder invoiceCsv = new StringBuilder();
      StringBuilder lineCsv = new StringBuilder();
      StringBuilder paymentCsv = new StringBuilder();
      StringBuilder allocationCsv = new StringBuilder();
      for (int a = 1; a <= o.accounts(); a++) {
        // the accounts already there draw the same numbers, unwritten: a seed gives the same data
        // whether loaded at once or topped up
        boolean write = a > present;
        boolean deep = a == 1 && o.deepInvoices() > 0;
        int invoiceCount = deep ? o.deepInvoices() : o.invoicesPerAccount();
        UUID accountId = accountId(o.seed(), a);
        String[] currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        int scale = java.util.Currency.getInstance(currency[0]).getDefaultFractionDigits();
        String accountNumber = o.prefix() + String.format("-%07d", a);
        // account names are unique (billing's V10 index): the number makes them so, however many;
        // the
        // same draws as before, so a seed gives the same data otherwise
        String name =
            NAMES[random.nextInt(NAMES.length)]
                + " "
                + (char) ('A' + random.nextInt(26))
                + " "
                + SUFFIXES[random.nextInt(SUFFIXES.length)]
                + " "
                + accountNumber;
        BigDecimal unit =
            BigDecimal.valueOf(20 + random.nextInt(480)).multiply(factor(currency[0]));
        int[] marks = {
          accountsCsv.length(),
          invoiceCsv.length(),
          lineCsv.length(),
          paymentCsv.length(),
          allocationCsv.length()
        };
        long invoicesBefore = invoices;
        long paymentsBefore = payments;
        accountsCsv
            .append(accountId)
            .append(',')
            .append(accountNumber)
            .append(",\"")
            .append(name)
            .append("\",")
            .append(currency[0])
            .append(",active,0,")
            .append(currency[1])
            .append(',')
            .append(now)
            .append(',')
            .append(now)
            .append('\n');
        for (int m = invoiceCount; m >= 1; m--) {
          UUID invoiceId = UUID.randomUUID();
          // monthly; the deep account is invoiced daily (usage billing), the newest yesterday
          LocalDate date =
              deep
                  ? today.minusDays(m)
                  : today.minusMonths(m).withDayOfMonth(1 + random.nextInt(28));
          boolean recent = deep ? m <= 60 : m <= 2;
          int lineCount = 1 + random.nextInt(3);
          BigDecimal total = BigDecimal.ZERO;
          for (int l = 1; l <= lineCount; l++) {
            BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(40));
            BigDecimal price =
                unit.multiply(BigDecimal.valueOf(50 + random.nextInt(100), 2))
                    .setScale(scale, RoundingMode.HALF_UP);
            BigDecimal amount = quantity.multiply(price).setScale(scale, RoundingMode.HALF_UP);
            BigDecimal rate = BigDecimal.valueOf(random.nextInt(3) * 10L);
            BigDecimal tax =
                amount.multiply(rate).divide(BigDecimal.valueOf(100), scale, RoundingMode.HALF_UP);
            lineCsv
                .append(invoiceId)
                .append(',')
                .append(l)
                .append(",\"")
                .append(PRODUCTS[random.nextInt(PRODUCTS.length)])
                .append("\",")
                .append(quantity)
                .append(',')
                .append(price)
                .append(',')
                .append(rate)
                .append(',')
                .append(tax)
                .append(',')
                .append(amount)
                .append('\n');
            total = total.add(amount).add(tax);
          }
          // older invoices are mostly paid, the last two months mostly open
          int roll = random.nextInt(100);
          BigDecimal paid =
              !recent
                  ? (roll < 85 ? total : roll < 93 ? half(total, scale) : BigDecimal.ZERO)
                  : (roll < 20 ? total : BigDecimal.ZERO);
          BigDecimal balance = total.subtract(paid);
          String status =
              balance.signum() == 0 ? "paid" : paid.signum() > 0 ? "partially_paid" : "posted";
          // numbered within the account, so a top-up never meets a number already taken
          String number = String.format("INV-%s%07d-%05d", o.prefix(), a, invoiceCount - m + 1);
          invoices++;
          invoiceCsv
              .append(invoiceId)
              .append(',')
              .append(accountId)
              .append(',')
              .append(number)
              .append(',')
              .append(date)
              .append(',')
              .append(date.plusDays(30))
              .append(',')
              .append(total)
              .append(',')
              .append(balance)
              .append(',')
              .append(status)
              .append(',')
              .append(now)
              .append(",generator,")
              .append(currency[0])
              .append('\n');
          if (paid.signum() > 0) {
            UUID paymentId = UUID.randomUUID();
            Instant paidAt =
                date.plusDays(5 + random.nextInt(25))
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant();
            paymentCsv
                .append(paymentId)
                .append(',')
                .append(accountId)
                .append(',')
                .append(paid)
                .append(',')
                .append(currency[0])
                .append(",succeeded,gen-")
                .append(paymentId)
                .append(",generated,")
                .append(paidAt)
                .append(",generator,visa •••• 4242,ch_gen_")
                .append(paymentId)
                .append('\n');
            allocationCsv
                .append(paymentId)
                .append(',')
                .append(invoiceId)
                .append(',')
                .append(paid)
                .append('\n');
            payments++;
          }
        }
        if (write) {
          added++;
        } else {
          // drawn, not written: this account is already there
          StringBuilder[] sinks = {accountsCsv, invoiceCsv, lineCsv, paymentCsv, allocationCsv};
          for (int k = 0; k < sinks.length; k++) {
            sinks[k].setLength(marks[k]);
          }
          invoices = invoicesBefore;
          payments = paymentsBefore;
          continue;
        }
        if (a % batch == 0 || a == o.accounts()) {
          copy.copyIn(
              "COPY billing_account (id, number, name, currency, status, credit_balance, locale, created_at, updated_at)"
                  + " FROM STDIN WITH (FORMAT csv)",
              new StringReader(accountsCsv.toString()));
          copy.copyIn(
              "COPY invoice (id, account_id, number, invoice_date, due_date, amount, balance, status, created_at,"
                  + " created_by, currency) FROM STDIN WITH (FORMAT csv)",
              new StringReader(invoiceCsv.toString()));
          copy.copyIn(
              "COPY invoice_line (invoice_id, line_no, description, quantity, unit_price, tax_rate, tax, amount)"
                  + " FROM STDIN WITH (FORMAT csv)",
              new StringReader(lineCsv.toString()));
          copy.copyIn(
              "COPY payment (id, account_id, amount, currency, status, idempotency_key, request_hash, created_at,"
                  + " created_by, method_label, gateway_reference) FROM STDIN WITH (FORMAT csv)",
              new StringReader(paymentCsv.toString()));
          copy.copyIn(
              "COPY payment_allocation (payment_id, invoice_id, amount) FROM STDIN WITH (FORMAT csv)",
              new StringReader(allocationCsv.toString()));
          c.commit();
          for (StringBuilder sb :
              List.of(accountsCsv, invoiceCsv, lineCsv, paymentCsv, allocationCsv)) {
            sb.setLength(0);
          }
          progress.accept(
              String.format(
                  "[generator] %d/%d accounts, %d invoices (%.1f s)",
                  a, o.accounts(), invoices, (System.nanoTime() - t0) / 1e9));
        }
      }
      c.setAutoCommit(true);
      c.createStatement()
          .execute(
              "ANALYZE billing_account; ANALYZE invoice; ANALYZE payment; ANALYZE payment_allocation");
      return new Result(added, invoices, payments, (System.nanoTime() - t0) / 1_000_000, false);
    }
  }

  /** The id of the n-th account (from 1) a seed generates. */
  public static UUID accountId(long seed, int n) {
    return new UUID(0x6e0000000000L + seed, n);
  }

  private static BigDecimal factor(String currency) {
    return switch (currency) {
      case "JPY" -> BigDecimal.valueOf(150);
      case "KWD" -> new BigDecimal("0.3");
      default -> BigDecimal.ONE;
    };
  }

  private static BigDecimal half(BigDecimal total, int scale) {
    return total.divide(BigDecimal.valueOf(2), scale, RoundingMode.DOWN);
  }
}
