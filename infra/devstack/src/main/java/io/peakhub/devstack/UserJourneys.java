package io.peakhub.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bench's user journeys: Gatling (infra/journeys, its own build: {@code ./hub bench} builds it)
 * runs the customer's and the account manager's journeys through the gateway with an open arrival
 * model, from sessions the bench signed in through Keycloak. One uncounted run warms the journeys'
 * paths (the saturation runs before it did not touch payments, subscriptions or cases); the counted
 * run writes Gatling's HTML report under the bench's folder, and its statistics table becomes the
 * report's rows.
 */
final class UserJourneys {

  /** New customers a second (each opens My Account and four tabs: 8 requests). */
  static final double CUSTOMERS_PER_SECOND = 5;

  /** New account managers a second (each: Customer Accounts, a search, an account, 5 pages). */
  static final double MANAGERS_PER_SECOND = 1;

  static final int WARMUP_SECONDS = 20;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * A signed-in browser: its two gateway cookies, and the account its journey opens (the account
   * manager's: the one with the deep invoice history).
   */
  record Session(String session, String xsrf, String account) {

    static Session of(String cookieHeader, String account) {
      Map<String, String> cookies = new LinkedHashMap<>();
      for (String pair : cookieHeader.split(";\\s*")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
      return new Session(cookies.get("SESSION"), cookies.get("XSRF-TOKEN"), account);
    }
  }

  private final Settings settings;
  private final Path out;

  UserJourneys(Settings settings, Path out) {
    this.settings = settings;
    this.out = out;
  }

  /** The journeys' classpath, or null when infra/journeys is not built (Gatling not served). */
  private String classpath() throws IOException {
    Path target = settings.root().resolve("infra/journeys/target");
    Path listed = target.resolve("classpath.txt");
    if (!Files.isRegularFile(listed) || !Files.isDirectory(target.resolve("classes"))) {
      return null;
    }
    return target.resolve("classes") + ":" + Files.readString(listed).trim();
  }

  /**
   * Runs the journeys: customers always, the account manager's when {@code manager} is not null
   * (data at scale: its account is the deep one, and {@code search} finds some of its accounts).
   */
  Map<String, Object> run(
      String gateway, List<Session> customers, Session manager, String search, int seconds)
      throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    String classpath = classpath();
    if (classpath == null) {
      r.put(
          "skipped",
          "infra/journeys is not built (./hub bench builds it; Gatling must resolve from the Maven"
              + " registry)");
      return r;
    }
    Path dir = Files.createDirectories(out.resolve("journeys"));
    Path customersFile = dir.resolve("customers.json");
    JSON.writeValue(customersFile.toFile(), customers.stream().map(UserJourneys::feed).toList());
    Path managersFile = null;
    if (manager != null) {
      managersFile = dir.resolve("managers.json");
      JSON.writeValue(managersFile.toFile(), List.of(feed(manager)));
    }
    Bench.say(
        String.format(
            Locale.ROOT,
            "user journeys (Gatling, open model): %.0f customers/s%s, %d s uncounted, then %d s",
            CUSTOMERS_PER_SECOND,
            manager == null
                ? ""
                : String.format(Locale.ROOT, " and %.0f account manager/s", MANAGERS_PER_SECOND),
            WARMUP_SECONDS,
            seconds));
    gatling(classpath, gateway, customersFile, managersFile, search, WARMUP_SECONDS, dir, false);
    Path report =
        gatling(classpath, gateway, customersFile, managersFile, search, seconds, dir, true);
    List<Map<String, Object>> rows = statistics(Files.readString(report));
    if (rows.isEmpty()) {
      throw new IllegalStateException(
          "Gatling's report " + report + " has no statistics table the bench can read");
    }
    r.put("customersPerSecond", CUSTOMERS_PER_SECOND);
    r.put("managersPerSecond", manager == null ? 0 : MANAGERS_PER_SECOND);
    r.put("uncountedWarmupSeconds", WARMUP_SECONDS);
    r.put("seconds", seconds);
    r.put("htmlReport", out.relativize(report).toString());
    r.put("requests", rows);
    for (Map<String, Object> row : rows) {
      Bench.say(
          String.format(
              Locale.ROOT,
              "  %-30s %6s requests, %s failed, p50 %s ms, p99 %s ms, p99.9 %s ms",
              row.get("request"),
              row.get("count"),
              row.get("failed"),
              row.get("p50Ms"),
              row.get("p99Ms"),
              row.get("p999Ms")));
    }
    return r;
  }

  private static Map<String, String> feed(Session s) {
    return Map.of("session", s.session(), "xsrf", s.xsrf(), "account", s.account());
  }

  /** One Gatling run in its own JVM; returns its HTML report (counted runs only). */
  private Path gatling(
      String classpath,
      String gateway,
      Path customers,
      Path managers,
      String search,
      int seconds,
      Path dir,
      boolean counted)
      throws Exception {
    Path results = dir.resolve(counted ? "report" : "warmup");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                settings.javaCommand(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                // Gatling reads String internals and loads Netty's native transport
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classpath,
                "-Djourneys.base=" + gateway,
                "-Djourneys.customers=" + customers,
                "-Djourneys.customersPerSecond=" + CUSTOMERS_PER_SECOND,
                "-Djourneys.managersPerSecond=" + MANAGERS_PER_SECOND,
                "-Djourneys.seconds=" + seconds,
                "-Djourneys.search=" + search));
    if (managers != null) {
      cmd.add("-Djourneys.managers=" + managers);
    }
    cmd.addAll(
        List.of(
            "io.gatling.app.Gatling",
            "--simulation",
            "io.peakhub.journeys.Journeys",
            "--results-folder",
            results.toString(),
            "--run-description",
            String.format(
                Locale.ROOT,
                "./hub bench: %.0f customers/s%s for %d s",
                CUSTOMERS_PER_SECOND,
                managers == null
                    ? ""
                    : String.format(Locale.ROOT, ", %.0f account manager/s", MANAGERS_PER_SECOND),
                seconds),
            "--launcher",
            "hub"));
    if (!counted) {
      cmd.add("--no-reports");
    }
    Path log = dir.resolve(counted ? "gatling.log" : "gatling-warmup.log");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(dir.toFile())
            .start();
    if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "Gatling did not finish in " + (seconds + 120) + " s: " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("Gatling exited with " + p.exitValue() + ": see " + log);
    }
    if (!counted) {
      return null;
    }
    try (Stream<Path> found = Files.walk(results)) {
      return found
          .filter(f -> f.getFileName().toString().equals("index.html"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("Gatling wrote no report: see " + log));
    }
  }

  private static final Pattern HEADER =
      Pattern.compile("<th id=\"(col-\\d+)\"[^>]*>(.*?)</th>", Pattern.DOTALL);
  private static final Pattern ROW = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)<");
  private static final Pattern CELL =
      Pattern.compile("<td class=\"value [a-z]+ (col-\\d+)\">([^<]*)</td>");
  private static final Pattern TAG = Pattern.compile("<[^>]+>");

  /**
   * The rows of Gatling's statistics table (its HTML report's "Requests" table, whose columns it
   * names by the percentiles in infra/journeys' gatling.conf): "All Requests" first, then each
   * request by name. Empty when the table is not there or lacks a column the bench quotes.
   */
  static List<Map<String, Object>> statistics(String html) {
    Map<String, String> labels = new LinkedHashMap<>();
    Matcher h = HEADER.matcher(html);
    while (h.find()) {
      labels.put(h.group(1), TAG.matcher(h.group(2)).replaceAll("").trim());
    }
    Map<String, String> columns = new LinkedHashMap<>();
    labels.forEach((col, label) -> columns.put(label, col));
    List<String> quoted =
        List.of("Total", "KO", "Cnt/s", "50th pct", "95th pct", "99th pct", "99.9th pct", "Max");
    if (!columns.keySet().containsAll(quoted)) {
      return List.of();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    Matcher row = ROW.matcher(html);
    while (row.find()) {
      Matcher name = NAME.matcher(row.group(1));
      if (!name.find()) {
        continue;
      }
      Map<String, String> cells = new LinkedHashMap<>();
      Matcher cell = CELL.matcher(row.group(1));
      while (cell.find()) {
        cells.put(cell.group(1), cell.group(2).trim());
      }
      if (!cells.keySet().containsAll(quoted.stream().map(columns::get).toList())) {
        continue;
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("request", name.group(1).trim());
      r.put("count", number(cells.get(columns.get("Total"))));
      r.put("failed", number(cells.get(columns.get("KO"))));
      r.put("perSecond", number(cells.get(columns.get("Cnt/s"))));
      r.put("p50Ms", number(cells.get(columns.get("50th pct"))));
      r.put("p95Ms", number(cells.get(columns.get("95th pct"))));
      r.put("p99Ms", number(cells.get(columns.get("99th pct"))));
      r.put("p999Ms", number(cells.get(columns.get("99.9th pct"))));
      r.put("maxMs", number(cells.get(columns.get("Max"))));
      rows.add(r);
    }
    return rows;
  }

  /** Gatling writes "-" for none. */
  private static Number number(String cell) {
    if (cell == null || cell.equals("-") || cell.isBlank()) {
      return 0;
    }
    double d = Double.parseDouble(cell.replace(",", ""));
    return d == Math.rint(d) ? (Number) (long) d : (Number) d;
  }

  /** The report's Markdown section. */
  @SuppressWarnings("unchecked")
  static void markdown(Map<String, Object> r, StringBuilder md) {
    md.append("\n## User journeys through the gateway (Gatling, open arrival model)\n\n");
    if (r.containsKey("skipped")) {
      md.append("Not run: ").append(r.get("skipped")).append(".\n");
      return;
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%s new customers a second (My Account with the header and settings beside it, then"
                + " Invoices, Payments, Subscriptions and Cases a second apart) and %s new account"
                + " managers a second (Customer Accounts by balance, a search, an account, its"
                + " invoice history 5 pages deep), each signed in through Keycloak beforehand, for"
                + " %s s after %s s uncounted. Gatling's report: `%s`.%n%n",
            r.get("customersPerSecond"),
            r.get("managersPerSecond"),
            r.get("seconds"),
            r.get("uncountedWarmupSeconds"),
            r.get("htmlReport")));
    md.append(
            "| request | count | failed | req/s | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> row : (List<Map<String, Object>>) r.get("requests")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              row.get("request"),
              row.get("count"),
              row.get("failed"),
              row.get("perSecond"),
              row.get("p50Ms"),
              row.get("p95Ms"),
              row.get("p99Ms"),
              row.get("p999Ms"),
              row.get("maxMs")));
    }
  }
}
