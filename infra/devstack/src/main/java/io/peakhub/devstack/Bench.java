package io.peakhub.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ./hub bench: figures for the header of one account through the gateway, straight to portal-bff
 * and through nginx as a plain reverse proxy; the CPU each process spends per request; latency at a
 * fixed arrival rate; how fresh the header is after a payment; start-up time and resident memory.
 *
 * <p>Uses the running stack, or starts one in the production JVM profile (and stops it afterwards).
 * Load comes from wrk (saturation, closed loop) and from an open-loop generator here (fixed arrival
 * rate, latency measured from each request's scheduled start, so a stall is not hidden), and the
 * user journeys from Gatling ({@link UserJourneys}). Everything, the load tools included, shares
 * this machine: read the ratios, measured in the same run, rather than the absolute figures. The
 * report goes to .hub/bench/&lt;time&gt;/ as JSON and Markdown.
 */
final class Bench {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CUSTOMER = "alice";
  private static final String PASSWORD = "demo1234";

  /** Customer Accounts' search in the bench: the generator names some accounts after it. */
  private static final String SEARCH = "northwind";

  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  /**
   * Uncounted load before a screen's counted runs: the header's warm-up does not compile the other
   * screens' paths. Without it My Account's CPU per screen fell from 12.7 to 4.1 ms (portal-bff)
   * over its three counted runs, and Customer Accounts had 5 s.
   */
  private static final int SCREEN_WARMUP_SECONDS = 30;

  private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");
  private static final List<String> SERVICES =
      List.of(
          "gateway-service",
          "identity-service",
          "billing-service",
          "subscription-service",
          "case-service",
          "portal-bff");
  private static final List<String> SERVERS = List.of("postgres", "kafka", "keycloak", "mongodb");

  record Options(
      int runs,
      int seconds,
      List<Integer> connections,
      int payments,
      int warmupMaxRounds,
      int warmupMinRounds,
      int accounts,
      boolean keep) {

    static Options parse(List<String> args) {
      int runs = 3;
      int seconds = 10;
      int payments = 1000; // freshness is quoted as p50/p99 over 1,000 payments
      int warmup = 36;
      // C2 took 18 to 25 rounds to settle in every run measured here; on a cold JIT the CPU per
      // request can hold still for three rounds at four times its final value
      int warmupMin = 20;
      int accounts = 5000;
      boolean keep = false;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        switch (a) {
          case "--runs" -> runs = Integer.parseInt(args.get(++i));
          case "--seconds" -> seconds = Integer.parseInt(args.get(++i));
          case "--payments" -> payments = Integer.parseInt(args.get(++i));
          case "--warmup-rounds" -> warmup = Integer.parseInt(args.get(++i));
          case "--warmup-min-rounds" -> warmupMin = Integer.parseInt(args.get(++i));
          case "--accounts" -> accounts = Integer.parseInt(args.get(++i));
          case "--keep" -> keep = true;
          default ->
              throw new IllegalArgumentException(
                  "unknown bench option "
                      + a
                      + ": use --runs N, --seconds S, --payments N, --warmup-rounds N, --warmup-min-rounds N,"
                      + " --accounts N, --keep");
        }
      }
      if (accounts < 0 || accounts > 1_000_000) {
        throw new IllegalArgumentException("--accounts must be 0 (no data at scale) to 1000000");
      }
      return new Options(
          runs, seconds, List.of(16, 64), payments, warmup, warmupMin, accounts, keep);
    }
  }

  /**
   * One wrk run: requests, errors, throughput and latency percentiles (ms), and each process's CPU
   * per request (ms).
   */
  record Run(
      String target,
      int connections,
      long requests,
      long errors,
      double perSecond,
      double p50,
      double p99,
      double p999,
      Map<String, Double> cpuMsPerRequest) {}

  private final Settings settings;
  private final Processes processes;
  private final Options options;
  private final Path out;
  private final Map<String, Object> report = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final long clockTicks = clockTicksPerSecond();
  private String account;

  Bench(Settings settings, Options options) {
    this.settings = settings;
    this.processes = new Processes(settings);
    this.options = options;
    this.out =
        settings
            .home()
            .resolve("bench")
            .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  static int main(Settings settings, List<String> args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (RuntimeException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    for (String tool : List.of("wrk", "nginx")) {
      if (which(tool) == null) {
        System.err.println(
            "bench: "
                + tool
                + " is not installed; install it (apt-get install -y wrk nginx-light) and run ./hub bench again");
        return 1;
      }
    }
    boolean running = Hub.httpOk(gateway(settings) + "/actuator/health/readiness");
    Settings used = running ? settings : settings.with("HUB_JVM_PROFILE", "production");
    Hub hub = new Hub(used);
    if (!running) {
      say("no stack is running: starting one in the production JVM profile");
      if (hub.up(true, true) != 0) {
        return 1;
      }
    } else {
      say("using the running stack (its JVM flags are in the report)");
    }
    try {
      return new Bench(used, options).run();
    } catch (IllegalStateException | Hub.StartupFailure e) {
      System.err.println(
          "bench: " + e.getMessage() + " (the stack's logs are in " + used.logs() + ")");
      return 1;
    } finally {
      if (!running && !options.keep()) {
        say("stopping the stack the bench started (--keep leaves it running)");
        hub.down();
      }
    }
  }

  int run() throws Exception {
    Files.createDirectories(out);
    report.put(
        "machine",
        Map.of(
            "cores",
            Runtime.getRuntime().availableProcessors(),
            "note",
            "the load tools run on the same machine as the stack"));
    report.put("jvmFlags", jvmFlags());
    report.put("startupSeconds", startupSeconds());
    report.put("residentMbIdle", residentMb("status", "VmRSS:"));
    report.put("proportionalMbIdle", residentMb("smaps_rollup", "Pss:"));

    Scale scale = options.accounts() > 0 ? loadAtScale() : null;
    String cookie = signInThroughGateway(CUSTOMER, PASSWORD);
    account = firstAccount(cookie);
    Keycloak keycloak = new Keycloak();
    try {
      String bearer = keycloak.userToken(CUSTOMER, PASSWORD);
      Path lua = writeLua();
      String path = "/api/accounts/" + account + "/header";
      Target gateway =
          new Target(
              "gateway",
              gateway(settings) + path,
              List.of("Cookie: " + cookie),
              List.of("gateway-service", "portal-bff"));
      Target direct =
          new Target(
              "portal-bff",
              bff() + path,
              List.of("Authorization: Bearer " + bearer),
              List.of("portal-bff"));
      try (Nginx nginx = Nginx.start(out, bffPort())) {
        Target proxied =
            new Target(
                "nginx",
                "http://localhost:" + nginx.port() + path,
                List.of("Authorization: Bearer " + bearer),
                List.of("nginx", "portal-bff"));
        nginx.pidsInto(pids);
        for (Target t : List.of(gateway, direct, proxied)) {
          expectOk(t);
        }
        report.put("warmup", warmUp(gateway, lua));
        List<Run> runs = new ArrayList<>();
        for (int r = 1; r <= options.runs(); r++) {
          // a bearer token lives 5 minutes: take a fresh one for every round
          String fresh = keycloak.userToken(CUSTOMER, PASSWORD);
          direct = direct.withHeader("Authorization: Bearer " + fresh);
          proxied = proxied.withHeader("Authorization: Bearer " + fresh);
          for (int c : options.connections()) {
            for (Target t : List.of(gateway, direct, proxied)) {
              Run run = wrk(t, c, options.seconds(), lua);
              say(
                  String.format(
                      Locale.ROOT,
                      "run %d/%d %-10s %3d conns %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  cpu/req %s",
                      r,
                      options.runs(),
                      t.name(),
                      c,
                      run.perSecond(),
                      run.p50(),
                      run.p99(),
                      format(run.cpuMsPerRequest())));
              runs.add(run);
            }
          }
        }
        report.put("saturation", medians(runs));
        report.put("profile", profile(gateway, lua));
        report.put("residentMbAfterLoad", residentMb("status", "VmRSS:"));
        report.put("proportionalMbAfterLoad", residentMb("smaps_rollup", "Pss:"));
        double gatewayRate =
            median(
                runs.stream()
                    .filter(x -> x.target().equals("gateway") && x.connections() == 16)
                    .mapToDouble(Run::perSecond)
                    .toArray());
        String fresh = keycloak.userToken(CUSTOMER, PASSWORD);
        // My Account asks billing five things: its own saturation sets its fixed rate (a tenth of
        // the header's was more than this box sustains, and the tail was billing's time limit)
        Target myAccount =
            new Target(
                "my-account via gateway",
                gateway(settings) + "/api/accounts/" + account + "/my-account",
                gateway.headers(),
                List.of("gateway-service", "portal-bff", "billing-service"));
        List<Run> screenRuns = new ArrayList<>();
        Path screenLua = writeScreenLua();
        say("warming up My Account (" + SCREEN_WARMUP_SECONDS + " s, uncounted)");
        wrk(myAccount, 16, SCREEN_WARMUP_SECONDS, screenLua);
        for (int r = 1; r <= options.runs(); r++) {
          Run run = wrk(myAccount, 16, options.seconds(), screenLua);
          say(
              String.format(
                  Locale.ROOT,
                  "run %d/%d my-account 16 conns %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  cpu/req %s",
                  r,
                  options.runs(),
                  run.perSecond(),
                  run.p50(),
                  run.p99(),
                  format(run.cpuMsPerRequest())));
          screenRuns.add(run);
        }
        Map<String, Object> screen = medianRow(screenRuns);
        // a screen with a section unavailable is not served: its rate counts whole answers only
        double screenRate =
            median(
                screenRuns.stream()
                    .mapToDouble(
                        x ->
                            x.perSecond() * (x.requests() - x.errors()) / Math.max(1, x.requests()))
                    .toArray());
        screen.put("wholePerSecond", Math.round(screenRate));
        report.put("myAccountSaturation", screen);
        report.put(
            "fixedRate",
            List.of(
                openLoop(gateway, gatewayRate / 2, options.seconds()),
                openLoop(
                    direct.withHeader("Authorization: Bearer " + fresh),
                    gatewayRate / 2,
                    options.seconds()),
                openLoop(myAccount, Math.max(5, screenRate / 2), options.seconds())));
        report.put("freshness", freshness(keycloak.userToken(CUSTOMER, PASSWORD)));
        report.put(
            "payments",
            steadyPayments(keycloak.userToken(CUSTOMER, PASSWORD), 10, options.seconds()));
        if (scale != null) {
          report.put("atScale", atScale(scale, lua));
        }
        report.put("journeys", journeys(cookie, scale));
      }
    } finally {
      keycloak.close();
    }
    write();
    return 0;
  }

  // ------------------------------------------------------------------ load

  record Target(String name, String url, List<String> headers, List<String> processes) {
    Target withHeader(String header) {
      String name = header.substring(0, header.indexOf(':'));
      List<String> h =
          new ArrayList<>(headers.stream().filter(x -> !x.startsWith(name + ":")).toList());
      h.add(header);
      return new Target(this.name, url, h, processes);
    }
  }

  /**
   * Process name to pid, for CPU and memory: the stack's components, and nginx's workers when it
   * runs.
   */
  private final Map<String, List<Long>> pids = new LinkedHashMap<>();

  private List<Long> pidsOf(String name) {
    return pids.computeIfAbsent(
        name,
        n ->
            processes
                .running(n)
                .map(
                    h -> {
                      List<Long> all = new ArrayList<>();
                      all.add(h.pid());
                      h.descendants().forEach(d -> all.add(d.pid()));
                      return all;
                    })
                .orElse(List.of()));
  }

  private Run wrk(Target t, int connections, int seconds, Path lua) throws Exception {
    Map<String, Long> before = cpuTicks(t.processes());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "wrk",
                "-t2",
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                lua.toString()));
    for (String h : t.headers()) {
      cmd.add("-H");
      cmd.add(h);
    }
    cmd.add(t.url());
    String output = exec(cmd, Duration.ofSeconds(seconds + 60));
    Map<String, Long> after = cpuTicks(t.processes());
    Matcher m = Pattern.compile("BENCHJSON (\\{.*})").matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("wrk printed no summary:\n" + output);
    }
    JsonNode j = JSON.readTree(m.group(1));
    long requests = j.get("requests").asLong();
    long errors = j.get("errors").asLong() + j.get("non2xx").asLong();
    if (requests == 0 || errors * 2 > requests) {
      throw new IllegalStateException(
          t.name() + ": " + errors + " of " + requests + " requests failed; is the stack healthy?");
    }
    // a screen answered with a section unavailable (its service too slow or down) is an error too
    errors += j.path("degraded").asLong(0);
    Map<String, Double> cpu = new LinkedHashMap<>();
    for (String p : t.processes()) {
      cpu.put(
          p, requests == 0 ? 0 : (after.get(p) - before.get(p)) * 1000.0 / clockTicks / requests);
    }
    double secs = j.get("duration_us").asDouble() / 1e6;
    return new Run(
        t.name(),
        connections,
        requests,
        errors,
        requests / secs,
        j.get("p50").asDouble() / 1000,
        j.get("p99").asDouble() / 1000,
        j.get("p999").asDouble() / 1000,
        cpu);
  }

  /**
   * Rounds of 5 s through the gateway (which warms portal-bff too) until the gateway's CPU per
   * request changes by under 10% three rounds running, and at least --warmup-min-rounds have run:
   * then the JIT has settled. Reports when that happened.
   */
  private Map<String, Object> warmUp(Target gateway, Path lua) throws Exception {
    say(
        "warming up through the gateway until its CPU per request settles (5 s rounds, at most "
            + options.warmupMaxRounds()
            + ")");
    List<Double> perRound = new ArrayList<>();
    int stable = 0;
    long start = System.nanoTime();
    for (int round = 1; round <= options.warmupMaxRounds(); round++) {
      Run r = wrk(gateway, 16, 5, lua);
      double cpu = r.cpuMsPerRequest().get("gateway-service");
      if (!perRound.isEmpty() && Math.abs(cpu - perRound.getLast()) <= 0.10 * perRound.getLast()) {
        stable++;
      } else {
        stable = 0;
      }
      perRound.add(cpu);
      say(
          String.format(
              Locale.ROOT,
              "warm-up round %d: %.0f req/s, gateway %.3f ms CPU/request",
              round,
              r.perSecond(),
              cpu));
      if (stable >= 3 && round >= options.warmupMinRounds()) {
        break;
      }
    }
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("rounds", perRound.size());
    w.put("seconds", (System.nanoTime() - start) / 1_000_000_000L);
    w.put("settled", stable >= 3);
    w.put("gatewayCpuMsPerRequestByRound", perRound);
    return w;
  }

  /**
   * An open-loop load ({@link FixedRate}): requests start on a fixed schedule whatever the answers
   * do, over {@link #OPEN_LOOP_CONNECTIONS} kept-alive connections; latency counts from the
   * scheduled start. The first {@link #OPEN_LOOP_WARMUP_S} seconds run the same schedule on the
   * same connections but are not counted (the connections opening, this JVM compiling the send
   * path).
   */
  private static final int OPEN_LOOP_WARMUP_S = 3;

  private static final int OPEN_LOOP_CONNECTIONS = 16;

  private Map<String, Object> openLoop(Target t, double rate, int seconds) throws Exception {
    say(
        String.format(
            Locale.ROOT,
            "fixed arrival rate: %.0f req/s for %d s to %s (%d connections)",
            rate,
            seconds,
            t.name(),
            OPEN_LOOP_CONNECTIONS));
    // p99 of one 10 s run on this box ranged from 30 to 300 ms at the same rate: medians over runs
    List<FixedRate.Result> results = new ArrayList<>();
    List<Map<String, Double>> waits = new ArrayList<>();
    for (int run = 1; run <= options.runs(); run++) {
      Map<String, Map<String, Long>> waitedBefore = threadWaitsNs(t.processes());
      FixedRate.Result result =
          new FixedRate(URI.create(t.url()), t.headers())
              .run(rate, OPEN_LOOP_CONNECTIONS, OPEN_LOOP_WARMUP_S, seconds);
      Map<String, Map<String, Long>> waitedAfter = threadWaitsNs(t.processes());
      Map<String, Double> waited = new LinkedHashMap<>();
      waitedAfter.forEach(
          (n, ns) ->
              waited.put(
                  n,
                  round(waitedSince(waitedBefore.get(n), ns) / 1e6 / Math.max(1, result.sent()))));
      results.add(result);
      waits.add(waited);
      say(
          String.format(
              Locale.ROOT,
              "  run %d/%d %s at %.0f req/s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, %d failed,"
                  + " generator CPU %.3f ms a request; waited for a CPU, ms a request: %s",
              run,
              options.runs(),
              t.name(),
              rate,
              result.percentileMs(50),
              result.percentileMs(99),
              result.percentileMs(99.9),
              result.failed(),
              result.cpuMsPerRequest(),
              format(waited)));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("target", t.name());
    r.put("rate", Math.round(rate));
    r.put("connections", OPEN_LOOP_CONNECTIONS);
    r.put("uncountedWarmupSeconds", OPEN_LOOP_WARMUP_S);
    r.put("runs", results.size());
    r.put("requests", results.stream().mapToInt(x -> x.latencyNs().length).sum());
    r.put("failed", results.stream().mapToInt(FixedRate.Result::failed).sum());
    r.put("p50Ms", median(results.stream().mapToDouble(x -> x.percentileMs(50)).toArray()));
    r.put("p99Ms", median(results.stream().mapToDouble(x -> x.percentileMs(99)).toArray()));
    r.put("p999Ms", median(results.stream().mapToDouble(x -> x.percentileMs(99.9)).toArray()));
    r.put("p99MsByRun", results.stream().map(x -> round(x.percentileMs(99))).toList());
    r.put(
        "generatorCpuMsPerRequest",
        median(results.stream().mapToDouble(FixedRate.Result::cpuMsPerRequest).toArray()));
    Map<String, Double> waited = new LinkedHashMap<>();
    for (String n : t.processes()) {
      waited.put(n, round(median(waits.stream().mapToDouble(w -> w.get(n)).toArray())));
    }
    r.put("cpuWaitMsPerRequest", waited);
    return r;
  }

  /**
   * Payments of 0.01 straight to portal-bff, one after another; after each, the header is read
   * every 2 ms until it shows the new balance. Freshness = from the payment's answer (billing has
   * committed) to the first header read that shows it: billing's outbox relay, Kafka, the BFF's
   * read model.
   */
  private Map<String, Object> freshness(String bearer) throws Exception {
    say(
        "event freshness: "
            + options.payments()
            + " payments, each followed until the header shows it");
    String header = bff() + "/api/accounts/" + account + "/header";
    java.math.BigDecimal balance = balance(header, bearer);
    long[] ms = new long[options.payments()];
    int retried = 0;
    for (int i = 0; i < options.payments(); i++) {
      // a 503 (a dependency slow just after the saturating runs) is retried with the same key, as
      // the web app does; freshness counts from the answer that committed it
      String key = UUID.randomUUID().toString();
      HttpResponse<String> paid = null;
      for (int attempt = 1; attempt <= 10; attempt++) {
        paid =
            http.send(
                HttpRequest.newBuilder(URI.create(bff() + "/api/accounts/" + account + "/payments"))
                    .header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"amount\":\"0.01\",\"currency\":\"USD\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (paid.statusCode() != 503) {
          break;
        }
        retried++;
        Thread.sleep(1000L * attempt);
      }
      long committed = System.nanoTime();
      if (paid.statusCode() != 201 && paid.statusCode() != 200) {
        throw new IllegalStateException(
            "payment answered " + paid.statusCode() + ": " + paid.body());
      }
      java.math.BigDecimal expected = balance.subtract(new java.math.BigDecimal("0.01"));
      while (balance(header, bearer).compareTo(expected) != 0) {
        if (System.nanoTime() - committed > 30_000_000_000L) {
          throw new IllegalStateException(
              "the header did not show payment " + (i + 1) + " within 30 s");
        }
        Thread.sleep(2);
      }
      ms[i] = (System.nanoTime() - committed) / 1_000_000L;
      balance = expected;
    }
    Arrays.sort(ms);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("payments", ms.length);
    r.put("p50Ms", ms[ms.length / 2]);
    r.put("p99Ms", ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)]);
    r.put("maxMs", ms[ms.length - 1]);
    r.put("pollEveryMs", 2);
    r.put("retriedAfter503", retried);
    say(
        "  freshness p50 "
            + r.get("p50Ms")
            + " ms, p99 "
            + r.get("p99Ms")
            + " ms, max "
            + r.get("maxMs")
            + " ms, "
            + retried
            + " payments retried after a 503");
    return r;
  }

  /**
   * One more run through the gateway at 16 connections, not counted, with JFR (settings=profile)
   * recording the gateway and portal-bff: each process's CPU samples as a flame graph (SVG) and as
   * folded stacks beside the report, and the frames where most samples were taken.
   */
  private Map<String, Object> profile(Target gateway, Path lua) throws Exception {
    List<String> names = List.of("gateway-service", "portal-bff");
    say("profile: one uncounted run through the gateway with JFR on " + names);
    Map<String, Path> recordings = new LinkedHashMap<>();
    for (String name : names) {
      long pid = pidsOf(name).getFirst();
      Path jfr = out.resolve(name + ".jfr");
      // reactive stacks run deeper than JFR's default 64 frames (effective before a first
      // recording)
      exec(
          List.of(jcmd(pid), Long.toString(pid), "JFR.configure", "stackdepth=512"),
          Duration.ofSeconds(30));
      exec(
          List.of(jcmd(pid), Long.toString(pid), "JFR.start", "name=bench", "settings=profile"),
          Duration.ofSeconds(30));
      recordings.put(name, jfr);
    }
    Run run = wrk(gateway, 16, options.seconds(), lua);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("perSecondWhileRecording", round(run.perSecond()));
    for (var e : recordings.entrySet()) {
      long pid = pidsOf(e.getKey()).getFirst();
      exec(
          List.of(
              jcmd(pid),
              Long.toString(pid),
              "JFR.stop",
              "name=bench",
              "filename=" + e.getValue().toAbsolutePath()),
          Duration.ofSeconds(60));
      FlameGraph graph = FlameGraph.of(e.getValue());
      Path svg = out.resolve(e.getKey() + "-flame.svg");
      graph.writeSvg(svg, e.getKey() + ": CPU samples, header through the gateway, 16 connections");
      graph.writeFolded(out.resolve(e.getKey() + ".folded"));
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("samples", graph.samples());
      entry.put("flameGraph", svg.getFileName().toString());
      entry.put("topSelfPercent", graph.topSelf(8));
      result.put(e.getKey(), entry);
      say("  " + e.getKey() + ": " + graph.samples() + " samples, flame graph " + svg);
    }
    return result;
  }

  /** The jcmd beside the java that runs the process. */
  private static String jcmd(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(h -> h.info().command())
        .map(java -> Path.of(java).resolveSibling("jcmd").toString())
        .filter(j -> Files.isExecutable(Path.of(j)))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
  }

  /** The account in focus: the signed-in customer's first, as the web app picks it. */
  private String firstAccount(String cookie) throws Exception {
    HttpResponse<String> me =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway(settings) + "/api/me"))
                .header("Cookie", cookie)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (me.statusCode() != 200) {
      throw new IllegalStateException(
          "/api/me answered " + me.statusCode() + " for " + CUSTOMER + ": " + me.body());
    }
    return JSON.readTree(me.body()).get("accounts").get(0).get("accountId").asString();
  }

  /**
   * Payments of 0.01 at a steady {@code rate} per second straight to portal-bff, each sent twice at
   * once with the same Idempotency-Key (a double click). Afterwards the balance must have fallen by
   * exactly one cent per key: anything more is a double charge.
   */
  private Map<String, Object> steadyPayments(String bearer, int rate, int seconds)
      throws Exception {
    say(
        "payments: "
            + rate
            + " a second for "
            + seconds
            + " s, each sent twice with one Idempotency-Key");
    String header = bff() + "/api/accounts/" + account + "/header";
    String url = bff() + "/api/accounts/" + account + "/payments";
    java.math.BigDecimal before = balance(header, bearer);
    HttpClient client =
        HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    int keys = rate * seconds;
    long periodNs = 1_000_000_000L / rate;
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    long t0 = System.nanoTime() + 50_000_000L;
    List<HttpRequest> requests = new ArrayList<>();
    java.util.Set<Integer> answered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < keys; i++) {
        long due = t0 + i * periodNs;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"amount\":\"0.01\",\"currency\":\"USD\"}"))
                .build();
        requests.add(request);
        int key = i;
        for (int copy = 0; copy < 2; copy++) {
          executor.submit(
              () -> {
                int status;
                try {
                  status =
                      client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                  status = -1;
                }
                statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                latencies.add(System.nanoTime() - due);
                if (status == 200 || status == 201) {
                  answered.add(key);
                }
              });
        }
      }
    }
    // A client whose payment got no answer (a timeout, a 503) retries it with the same key, as the
    // web app
    // does: every key ends answered, and the account must then be charged exactly once per key.
    int retried = 0;
    for (int i = 0; i < keys; i++) {
      // an open circuit breaker in portal-bff answers 503 for a while: keep trying for up to 30 s a
      // key
      for (int attempt = 0; attempt < 30 && !answered.contains(i); attempt++) {
        retried++;
        int status =
            client.send(requests.get(i), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200 || status == 201) {
          answered.add(i);
        } else {
          Thread.sleep(1000);
        }
      }
    }
    java.math.BigDecimal expected =
        before.subtract(
            new java.math.BigDecimal("0.01").multiply(java.math.BigDecimal.valueOf(keys)));
    long deadline = System.nanoTime() + 60_000_000_000L;
    java.math.BigDecimal after = balance(header, bearer);
    while (after.compareTo(expected) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      after = balance(header, bearer);
    }
    Thread.sleep(
        1000); // a double charge would arrive after the expected balance: give it the time to show
    after = balance(header, bearer);
    long charged = before.subtract(after).movePointRight(2).longValueExact();
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("keys", keys);
    r.put("requests", sorted.length);
    r.put("ratePerSecond", rate);
    r.put(
        "statuses",
        statuses.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    e -> Integer.toString(e.getKey()),
                    e -> e.getValue().get(),
                    (a, b) -> a,
                    java.util.TreeMap::new)));
    r.put("p50Ms", pct(sorted, 50));
    r.put("p99Ms", pct(sorted, 99));
    r.put("retriedAfterwards", retried);
    r.put("unanswered", keys - answered.size());
    r.put("charged", charged);
    r.put("doubleCharges", charged - keys);
    say(
        String.format(
            Locale.ROOT,
            "  %d keys, %d requests: p50 %.2f ms, p99 %.2f ms, statuses %s; %d retries afterwards, "
                + "%d keys never answered; charged %d times (double charges: %d)",
            keys,
            sorted.length,
            pct(sorted, 50),
            pct(sorted, 99),
            r.get("statuses"),
            retried,
            keys - answered.size(),
            charged,
            charged - keys));
    return r;
  }

  // ------------------------------------------------------------------ data at scale

  /** Invoices of every generated account but the deep one (billing's monthly history of a year). */
  private static final int INVOICES_PER_ACCOUNT = 12;

  /** The deep account's invoices: one a day, so 80 pages of the web app's 25. */
  private static final int DEEP_INVOICES = 2000;

  /** The loaded data and the account manager's browser cookies. */
  record Scale(DemoData.BenchData data, String cookie, int accounts, double loadSeconds) {}

  /**
   * Loads the bench's accounts (--accounts, topped up from an earlier bench), signs in their
   * account manager through Keycloak, and waits until portal-bff's read model lists the last of
   * them: the figures are then taken on a settled stack.
   */
  private Scale loadAtScale() throws Exception {
    say(
        String.format(
            Locale.ROOT,
            "data at scale: %,d accounts (%d invoices each, the first %,d), an account manager over"
                + " %,d of them",
            options.accounts(),
            INVOICES_PER_ACCOUNT,
            DEEP_INVOICES,
            Math.min(options.accounts(), DemoData.MANAGED_AT_MOST)));
    long t0 = System.nanoTime();
    DemoData demo = new DemoData(settings);
    DemoData.BenchData data =
        demo.benchData(options.accounts(), INVOICES_PER_ACCOUNT, DEEP_INVOICES);
    String cookie = signInThroughGateway(data.login(), data.password());
    String last = String.format(Locale.ROOT, "%s-%07d", DemoData.BENCH_PREFIX, data.managed());
    String url = gateway(settings) + "/api/customer-accounts?sort=number&direction=desc&limit=1";
    long deadline = System.nanoTime() + 300_000_000_000L;
    long announceAfter = System.nanoTime() + 15_000_000_000L;
    while (true) {
      HttpResponse<String> r = get(url, cookie);
      if (r.statusCode() == 200 && r.body().contains("\"" + last + "\"")) {
        break;
      }
      if (announceAfter > 0 && System.nanoTime() > announceAfter) {
        // loaded by an earlier bench, but the BFF's read model does not have them (reset since)
        say("  portal-bff does not list them: billing announces its accounts again");
        demo.announce();
        announceAfter = 0;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "portal-bff did not list account "
                + last
                + " for "
                + data.login()
                + " within 5 minutes of the load (last answer "
                + r.statusCode()
                + ")");
      }
      Thread.sleep(500);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    say(String.format(Locale.ROOT, "  loaded and listed in %.1f s", seconds));
    return new Scale(data, cookie, options.accounts(), seconds);
  }

  /**
   * Customer Accounts for the account manager (first page by balance, a search) and the deep
   * account's invoice history: its first page and its last (a cursor 79 pages in), each at
   * saturation through the gateway; and the whole history walked page by page as the web app's
   * "more" does, every invoice once.
   */
  private Map<String, Object> atScale(Scale scale, Path lua) throws Exception {
    String base = gateway(settings);
    String invoices = base + "/api/accounts/" + scale.data().deepAccount() + "/invoices?limit=25";
    List<Long> pageNs = new ArrayList<>();
    String lastCursor = null;
    int pages = 0;
    for (int walk = 1; walk <= options.runs(); walk++) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      String after = null;
      pages = 0;
      do {
        long t0 = System.nanoTime();
        HttpResponse<String> r =
            get(after == null ? invoices : invoices + "&after=" + after, scale.cookie());
        pageNs.add(System.nanoTime() - t0);
        if (r.statusCode() != 200) {
          throw new IllegalStateException(
              "invoice history answered " + r.statusCode() + " on page " + (pages + 1));
        }
        JsonNode page = JSON.readTree(r.body());
        for (JsonNode item : page.get("items")) {
          if (!seen.add(item.get("number").asString())) {
            throw new IllegalStateException(
                "invoice " + item.get("number").asString() + " came twice in one walk");
          }
        }
        pages++;
        JsonNode next = page.path("next");
        if (next.isString()) {
          after = next.asString();
        } else {
          lastCursor = after; // the cursor that fetched the last page
          after = null;
        }
      } while (after != null);
      if (seen.size() != DEEP_INVOICES) {
        throw new IllegalStateException(
            "the deep account's history held "
                + seen.size()
                + " invoices, not "
                + DEEP_INVOICES
                + " (was it loaded by an older bench? ./hub reset clears the data)");
      }
    }
    long[] walked = pageNs.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<String, Object> walk = new LinkedHashMap<>();
    walk.put("walks", options.runs());
    walk.put("pagesPerWalk", pages);
    walk.put("invoices", DEEP_INVOICES);
    walk.put("p50Ms", round(pct(walked, 50)));
    walk.put("p99Ms", round(pct(walked, 99)));
    walk.put("maxMs", round(walked[walked.length - 1] / 1e6));
    say(
        String.format(
            Locale.ROOT,
            "  invoice history walked %d times, %d pages each: p50 %.2f ms, p99 %.2f ms a page",
            options.runs(),
            pages,
            pct(walked, 50),
            pct(walked, 99)));

    List<String> header = List.of("Cookie: " + scale.cookie());
    List<String> lists = List.of("gateway-service", "portal-bff", "identity-service");
    List<String> history =
        List.of("gateway-service", "portal-bff", "billing-service", "identity-service");
    List<Target> targets =
        List.of(
            new Target(
                "customer accounts, by balance",
                base + "/api/customer-accounts?sort=balance&direction=desc&limit=25",
                header,
                lists),
            new Target(
                "customer accounts, search",
                base + "/api/customer-accounts?q=" + SEARCH + "&limit=25",
                header,
                lists),
            new Target("invoices, first page", invoices, header, history),
            new Target(
                "invoices, page " + pages, invoices + "&after=" + lastCursor, header, history));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Target t : targets) {
      wrk(t, 16, SCREEN_WARMUP_SECONDS, lua); // uncounted: the JIT meets this path
      List<Run> runs = new ArrayList<>();
      for (int r = 1; r <= options.runs(); r++) {
        Run run = wrk(t, 16, options.seconds(), lua);
        say(
            String.format(
                Locale.ROOT,
                "run %d/%d %-30s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  cpu/req %s",
                r,
                options.runs(),
                t.name(),
                run.perSecond(),
                run.p50(),
                run.p99(),
                format(run.cpuMsPerRequest())));
        runs.add(run);
      }
      rows.add(medianRow(runs));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("accounts", scale.accounts());
    result.put("managedByTheAccountManager", scale.data().managed());
    result.put("loadSeconds", round(scale.loadSeconds()));
    result.put("invoiceWalk", walk);
    result.put("saturation", rows);
    return result;
  }

  private HttpResponse<String> get(String url, String cookie) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Cookie", cookie)
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private java.math.BigDecimal balance(String url, String bearer) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("the header answered " + r.statusCode() + ": " + r.body());
    }
    // what the account owes net of its credit: payments beyond the balance become credit
    JsonNode h = JSON.readTree(r.body());
    return new java.math.BigDecimal(h.get("balance").asString())
        .subtract(new java.math.BigDecimal(h.get("creditBalance").asString()));
  }

  private void expectOk(Target t) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.url()));
    t.headers()
        .forEach(
            h -> b.header(h.substring(0, h.indexOf(':')), h.substring(h.indexOf(':') + 1).trim()));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || !r.body().contains("\"balance\"")) {
      throw new IllegalStateException(
          t.name() + " answered " + r.statusCode() + " for the header: " + r.body());
    }
    // a browser's steady state: it sends every cookie it holds, so nothing is set again (a missing
    // XSRF-TOKEN cookie made the gateway generate and write a new CSRF token on every request)
    if (!r.headers().allValues("Set-Cookie").isEmpty()) {
      throw new IllegalStateException(
          t.name() + " set cookies on a signed-in request: " + r.headers().allValues("Set-Cookie"));
    }
  }

  /**
   * The user journeys (Gatling): the three demo customers signed in through Keycloak, and with data
   * at scale its account manager on the deep account.
   */
  private Map<String, Object> journeys(String aliceCookie, Scale scale) throws Exception {
    List<UserJourneys.Session> customers = new ArrayList<>();
    customers.add(UserJourneys.Session.of(aliceCookie, account));
    for (String other : List.of("bob", "carol")) {
      String cookie = signInThroughGateway(other, PASSWORD);
      customers.add(UserJourneys.Session.of(cookie, firstAccount(cookie)));
    }
    UserJourneys.Session manager =
        scale == null
            ? null
            : UserJourneys.Session.of(scale.cookie(), scale.data().deepAccount().toString());
    return new UserJourneys(settings, out)
        .run(gateway(settings), customers, manager, SEARCH, options.seconds() * 3);
  }

  // ------------------------------------------------------------------ sign-in

  /**
   * Authorization code + PKCE through the gateway with Keycloak's own login form, then the web
   * app's first call; returns the cookies a browser then holds for the gateway (SESSION and
   * XSRF-TOKEN) as one Cookie header value.
   */
  private String signInThroughGateway(String username, String password) throws Exception {
    var cookies =
        new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL) {
          @Override
          public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            Map<String, List<String>> relaxed = new java.util.HashMap<>();
            // browsers send localhost's Secure cookies over http; java.net's cookie jar does not
            headers.forEach(
                (n, v) ->
                    relaxed.put(
                        n,
                        n != null && n.equalsIgnoreCase("Set-Cookie")
                            ? v.stream().map(x -> x.replaceAll("(?i);\\s*Secure", "")).toList()
                            : v));
            super.put(uri, relaxed);
          }
        };
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(URI.create(gateway(settings) + "/oauth2/authorization/keycloak"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher action = FORM_ACTION.matcher(page.body());
    if (!action.find()) {
      throw new IllegalStateException("no Keycloak login form at " + page.uri());
    }
    browser.send(
        HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "username=" + username + "&password=" + password + "&credentialId="))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    // the web app's first call: the gateway writes the CSRF cookie on it
    browser.send(
        HttpRequest.newBuilder(URI.create(gateway(settings) + "/api/me")).build(),
        HttpResponse.BodyHandlers.discarding());
    Map<String, String> held = new java.util.TreeMap<>();
    cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("SESSION") || c.getName().equals("XSRF-TOKEN"))
        .forEach(c -> held.put(c.getName(), c.getValue()));
    if (held.size() != 2) {
      throw new IllegalStateException(
          username + " could not sign in through the gateway (cookies: " + held.keySet() + ")");
    }
    return held.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(java.util.stream.Collectors.joining("; "));
  }

  /**
   * Direct calls and nginx carry a bearer token Keycloak issues for the same user: the bench adds a
   * temporary public client with the password grant to the realm and deletes it when done, so the
   * realm the hub ships never allows that grant.
   */
  private final class Keycloak implements AutoCloseable {
    private final String clientId = "hub-bench-" + UUID.randomUUID().toString().substring(0, 8);
    private String clientUuid;

    String userToken(String username, String password) throws Exception {
      if (clientUuid == null) {
        String admin = adminToken();
        HttpResponse<String> created =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(settings.keycloakUrl() + "/admin/realms/peak/clients"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"clientId\":\""
                                + clientId
                                + "\",\"publicClient\":true,\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
          throw new IllegalStateException(
              "could not add the bench client to Keycloak: "
                  + created.statusCode()
                  + " "
                  + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        clientUuid = location.substring(location.lastIndexOf('/') + 1);
      }
      return token(
          settings.keycloakUrl() + "/realms/peak/protocol/openid-connect/token",
          "grant_type=password&client_id="
              + clientId
              + "&username="
              + username
              + "&password="
              + password);
    }

    private String adminToken() throws Exception {
      return token(
          settings.keycloakUrl() + "/realms/master/protocol/openid-connect/token",
          "grant_type=password&client_id=admin-cli&username=admin&password=admin");
    }

    private String token(String url, String form) throws Exception {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "Keycloak refused a token (" + r.statusCode() + "): " + r.body());
      }
      return JSON.readTree(r.body()).get("access_token").asString();
    }

    @Override
    public void close() {
      if (clientUuid == null) {
        return;
      }
      try {
        http.send(
            HttpRequest.newBuilder(
                    URI.create(settings.keycloakUrl() + "/admin/realms/peak/clients/" + clientUuid))
                .header("Authorization", "Bearer " + adminToken())
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (Exception e) {
        System.err.println(
            "bench: could not delete Keycloak client " + clientId + ": " + e.getMessage());
      }
    }
  }

  // ------------------------------------------------------------------ nginx

  /**
   * nginx as a plain reverse proxy in front of portal-bff, on a free port, run by the bench and
   * stopped after.
   */
  record Nginx(Process process, int port) implements AutoCloseable {

    static Nginx start(Path dir, int upstreamPort) throws IOException, InterruptedException {
      int port;
      try (var socket = new java.net.ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path conf = dir.resolve("nginx.conf");
      Files.createDirectories(dir.resolve("nginx-temp"));
      Files.writeString(
          conf,
          """
          worker_processes 1;
          daemon off;
          pid %1$s/nginx.pid;
          error_log %1$s/nginx-error.log warn;
          events { worker_connections 1024; }
          http {
            access_log off;
            client_body_temp_path %1$s/nginx-temp;
            proxy_temp_path %1$s/nginx-temp;
            fastcgi_temp_path %1$s/nginx-temp;
            uwsgi_temp_path %1$s/nginx-temp;
            scgi_temp_path %1$s/nginx-temp;
            upstream bff { server 127.0.0.1:%2$d; keepalive 64; }
            server {
              listen 127.0.0.1:%3$d;
              location / {
                proxy_pass http://bff;
                proxy_http_version 1.1;
                proxy_set_header Connection "";
                proxy_set_header Host $host;
              }
            }
          }
          """
              .formatted(dir, upstreamPort, port));
      Process p =
          new ProcessBuilder(
                  which("nginx"),
                  "-c",
                  conf.toString(),
                  "-p",
                  dir.toString(),
                  "-e",
                  dir.resolve("nginx-error.log").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("nginx.out").toFile())
              .start();
      for (int i = 0; i < 100 && !Processes.portOpen(port); i++) {
        Thread.sleep(50);
      }
      if (!Processes.portOpen(port)) {
        p.destroyForcibly();
        throw new IllegalStateException("nginx did not start: see " + dir.resolve("nginx.out"));
      }
      return new Nginx(p, port);
    }

    void pidsInto(Map<String, List<Long>> pids) {
      List<Long> all = new ArrayList<>();
      all.add(process.pid());
      process.descendants().forEach(d -> all.add(d.pid()));
      pids.put("nginx", all);
    }

    @Override
    public void close() {
      process.destroy();
    }
  }

  // ------------------------------------------------------------------ process figures

  /** CPU time of each process, in clock ticks (utime + stime from /proc/PID/stat). */
  private Map<String, Long> cpuTicks(List<String> names) {
    return sumPerProcess(
        names,
        pid -> {
          String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        });
  }

  /**
   * How long each thread of each process (all of them, the JIT's and GC's included) has waited for
   * a CPU while runnable (the scheduler's run delay, the second field of
   * /proc/PID/task/TID/schedstat), in ns, by "pid/tid". At a fixed rate the tail is made of such
   * waits on this shared 2-core box: in one stall the gateway's event loops waited 25 ms while the
   * kernel's kdamond, the machine's Redis and another service held both cores (perf sched).
   */
  private Map<String, Map<String, Long>> threadWaitsNs(List<String> names) {
    Map<String, Map<String, Long>> waits = new LinkedHashMap<>();
    for (String n : names) {
      Map<String, Long> threads = new java.util.HashMap<>();
      for (long pid : pidsOf(n)) {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
          for (Path task : tasks.toList()) {
            try {
              threads.put(
                  pid + "/" + task.getFileName(),
                  Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[1]));
            } catch (IOException e) {
              // a thread that has ended waits no more
            }
          }
        } catch (IOException e) {
          // a process that has gone has no more to count
        }
      }
      waits.put(n, threads);
    }
    return waits;
  }

  /**
   * What the threads alive at the end waited in between (a thread started since counts from zero).
   * A thread that ended in between is left out: summing the process's threads instead took a thread
   * pool's retired threads off the total and read negative (portal-bff: -0.633 ms a request).
   */
  static long waitedSince(Map<String, Long> before, Map<String, Long> after) {
    long sum = 0;
    for (var thread : after.entrySet()) {
      sum += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
    }
    return sum;
  }

  /** A figure read from /proc for each process of a name, summed over its pids. */
  private interface ProcFigure {
    long of(long pid) throws IOException;
  }

  private Map<String, Long> sumPerProcess(List<String> names, ProcFigure figure) {
    Map<String, Long> sums = new LinkedHashMap<>();
    for (String n : names) {
      long sum = 0;
      for (long pid : pidsOf(n)) {
        try {
          sum += figure.of(pid);
        } catch (IOException e) {
          // a process that has gone has no more to count
        }
      }
      sums.put(n, sum);
    }
    return sums;
  }

  /**
   * Memory of each process tree, from /proc: "VmRSS:" in status (resident, shared pages counted in
   * every process that maps them) or "Pss:" in smaps_rollup (proportional: a shared page is split
   * among the processes sharing it, so PostgreSQL's shared buffers count once and the total is what
   * the stack really holds).
   */
  private Map<String, Long> residentMb(String file, String field) {
    List<String> all = new ArrayList<>(SERVICES);
    all.addAll(SERVERS);
    Map<String, Long> mb = new LinkedHashMap<>();
    sumPerProcess(
            all,
            pid -> {
              long kb = 0;
              for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
                if (line.startsWith(field)) {
                  kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
              }
              return kb;
            })
        .forEach((n, kb) -> mb.put(n, kb / 1024));
    mb.put("total", mb.values().stream().mapToLong(Long::longValue).sum());
    return mb;
  }

  private Map<String, String> jvmFlags() {
    Map<String, String> flags = new LinkedHashMap<>();
    for (String n : SERVICES) {
      List<Long> p = pidsOf(n);
      if (p.isEmpty()) {
        continue;
      }
      try {
        String cmdline =
            Files.readString(Path.of("/proc/" + p.get(0) + "/cmdline")).replace('\0', ' ');
        flags.put(
            n,
            Arrays.stream(cmdline.split(" "))
                .filter(
                    a ->
                        (a.startsWith("-X") && !a.startsWith("-Xlog"))
                            || a.startsWith("--")
                            || a.startsWith("-D"))
                .reduce((a, b) -> a + " " + b)
                .orElse("(JVM defaults)"));
      } catch (IOException e) {
        flags.put(n, "?");
      }
    }
    return flags;
  }

  /** Each service's own "Started ... in N seconds", the last one in its log. */
  private Map<String, Double> startupSeconds() throws IOException {
    Map<String, Double> s = new LinkedHashMap<>();
    for (String n : SERVICES) {
      Path log = processes.logFile(n);
      if (!Files.exists(log)) {
        continue;
      }
      Double last = null;
      for (String line : Files.readAllLines(log)) {
        Matcher m = STARTED.matcher(line);
        if (m.find()) {
          last = Double.parseDouble(m.group(1));
        }
      }
      if (last != null) {
        s.put(n, last);
      }
    }
    return s;
  }

  // ------------------------------------------------------------------ report

  private List<Map<String, Object>> medians(List<Run> runs) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int c : options.connections()) {
      for (String target : List.of("gateway", "portal-bff", "nginx")) {
        rows.add(
            medianRow(
                runs.stream()
                    .filter(r -> r.target().equals(target) && r.connections() == c)
                    .toList()));
      }
      // ratios within each run, then their median: a slow moment of the machine hits both sides of
      // a ratio
      for (Map<String, Object> row : rows) {
        if ((int) row.get("connections") != c) {
          continue;
        }
        String target = (String) row.get("target");
        row.put("vsDirect", round(medianRatio(runs, target, "portal-bff", c)));
        row.put("vsNginx", round(medianRatio(runs, target, "nginx", c)));
      }
    }
    return rows;
  }

  /** The medians of runs of one target at one number of connections. */
  private static Map<String, Object> medianRow(List<Run> mine) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("target", mine.getFirst().target());
    row.put("connections", mine.getFirst().connections());
    row.put("runs", mine.size());
    row.put("errors", mine.stream().mapToLong(Run::errors).sum());
    row.put("perSecond", Math.round(median(mine.stream().mapToDouble(Run::perSecond).toArray())));
    row.put("p50Ms", round(median(mine.stream().mapToDouble(Run::p50).toArray())));
    row.put("p99Ms", round(median(mine.stream().mapToDouble(Run::p99).toArray())));
    row.put("p999Ms", round(median(mine.stream().mapToDouble(Run::p999).toArray())));
    Map<String, Double> cpu = new LinkedHashMap<>();
    for (String p : mine.getFirst().cpuMsPerRequest().keySet()) {
      cpu.put(
          p, round(median(mine.stream().mapToDouble(r -> r.cpuMsPerRequest().get(p)).toArray())));
    }
    row.put("cpuMsPerRequest", cpu);
    return row;
  }

  private double medianRatio(List<Run> runs, String a, String b, int c) {
    List<Double> ratios = new ArrayList<>();
    List<Run> as = runs.stream().filter(r -> r.target().equals(a) && r.connections() == c).toList();
    List<Run> bs = runs.stream().filter(r -> r.target().equals(b) && r.connections() == c).toList();
    for (int i = 0; i < Math.min(as.size(), bs.size()); i++) {
      ratios.add(as.get(i).perSecond() / bs.get(i).perSecond());
    }
    return median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @SuppressWarnings("unchecked")
  private void write() throws IOException {
    Files.writeString(
        out.resolve("report.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    StringBuilder md = new StringBuilder("# ./hub bench\n\n");
    md.append("Everything on one machine (")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores), the load tools included. Medians over ")
        .append(options.runs())
        .append(" runs of ")
        .append(options.seconds())
        .append(" s; ratios are taken within each run.\n\n");
    md.append("## Header of one account, saturation (wrk, closed loop)\n\n");
    md.append(
        "| path | conns | req/s | p50 ms | p99 ms | p99.9 ms | vs direct | vs nginx | CPU ms/request | errors |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> row : (List<Map<String, Object>>) report.get("saturation")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              row.get("target"),
              row.get("connections"),
              row.get("perSecond"),
              row.get("p50Ms"),
              row.get("p99Ms"),
              row.get("p999Ms"),
              row.get("vsDirect"),
              row.get("vsNginx"),
              format((Map<String, Double>) row.get("cpuMsPerRequest")),
              row.get("errors")));
    }
    Map<String, Object> screen = (Map<String, Object>) report.get("myAccountSaturation");
    md.append("\n## My Account through the gateway, saturation (wrk, closed loop)\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "%s connections: %s req/s (%s whole answers/s), p50 %s ms, p99 %s ms, p99.9 %s ms, %s errors (an answer with a section unavailable counts); CPU ms/request %s%n",
                screen.get("connections"),
                screen.get("perSecond"),
                screen.get("wholePerSecond"),
                screen.get("p50Ms"),
                screen.get("p99Ms"),
                screen.get("p999Ms"),
                screen.get("errors"),
                format((Map<String, Double>) screen.get("cpuMsPerRequest"))));
    md.append(
        "\n## Latency at a fixed arrival rate (open loop, medians over runs: the header at half the gateway's saturation, My Account at half its own)\n\n");
    md.append(
        "| path | req/s | p50 ms | p99 ms | p99.9 ms | p99 ms by run | failed | generator CPU ms/request | waited for a CPU, ms/request |\n|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : (List<Map<String, Object>>) report.get("fixedRate")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.2f | %.2f | %.2f | %s | %s | %.3f | %s |%n",
              r.get("target"),
              r.get("rate"),
              r.get("p50Ms"),
              r.get("p99Ms"),
              r.get("p999Ms"),
              r.get("p99MsByRun"),
              r.get("failed"),
              r.get("generatorCpuMsPerRequest"),
              format((Map<String, Double>) r.get("cpuWaitMsPerRequest"))));
    }
    Map<String, Object> f = (Map<String, Object>) report.get("freshness");
    md.append("\n## Event freshness (payment committed to the header showing it)\n\n")
        .append(
            String.format(
                "%s payments: p50 %s ms, p99 %s ms, max %s ms (header read every %s ms)%n",
                f.get("payments"),
                f.get("p50Ms"),
                f.get("p99Ms"),
                f.get("maxMs"),
                f.get("pollEveryMs")));
    Map<String, Object> pay = (Map<String, Object>) report.get("payments");
    md.append("\n## Payments at a steady rate, each sent twice with one Idempotency-Key\n\n")
        .append(
            String.format(
                "%s keys at %s/s, %s requests: p50 %s ms, p99 %s ms, answers %s; %s retries of unanswered keys "
                    + "afterwards, %s never answered; charged %s times: %s double charges%n",
                pay.get("keys"),
                pay.get("ratePerSecond"),
                pay.get("requests"),
                pay.get("p50Ms"),
                pay.get("p99Ms"),
                pay.get("statuses"),
                pay.get("retriedAfterwards"),
                pay.get("unanswered"),
                pay.get("charged"),
                pay.get("doubleCharges")));
    Map<String, Object> scaled = (Map<String, Object>) report.get("atScale");
    if (scaled != null) {
      Map<String, Object> walk = (Map<String, Object>) scaled.get("invoiceWalk");
      md.append("\n## Data at scale, through the gateway (wrk, closed loop, 16 connections)\n\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "%s accounts (topped up from an earlier bench's, and listed by portal-bff, in %s s); an account manager signed in"
                      + " through Keycloak manages %s of them; the first has %s invoices. Its history walked"
                      + " %s times, %s pages of 25 each, every invoice once: p50 %s ms, p99 %s ms, max %s ms a"
                      + " page.%n%n",
                  scaled.get("accounts"),
                  scaled.get("loadSeconds"),
                  scaled.get("managedByTheAccountManager"),
                  walk.get("invoices"),
                  walk.get("walks"),
                  walk.get("pagesPerWalk"),
                  walk.get("p50Ms"),
                  walk.get("p99Ms"),
                  walk.get("maxMs")));
      md.append("| screen | req/s | p50 ms | p99 ms | p99.9 ms | CPU ms/request | errors |\n")
          .append("|---|---|---|---|---|---|---|\n");
      for (Map<String, Object> row : (List<Map<String, Object>>) scaled.get("saturation")) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s |%n",
                row.get("target"),
                row.get("perSecond"),
                row.get("p50Ms"),
                row.get("p99Ms"),
                row.get("p999Ms"),
                format((Map<String, Double>) row.get("cpuMsPerRequest")),
                row.get("errors")));
      }
    }
    UserJourneys.markdown((Map<String, Object>) report.get("journeys"), md);
    Map<String, Object> w = (Map<String, Object>) report.get("warmup");
    md.append("\n## Warm-up\n\n")
        .append(
            String.format(
                "%s rounds of 5 s (%s s), settled: %s; gateway CPU ms/request by round: %s%n",
                w.get("rounds"),
                w.get("seconds"),
                w.get("settled"),
                w.get("gatewayCpuMsPerRequestByRound")));
    md.append(
        "\n## Footprint\n\n| process | start-up s | RSS idle MB | PSS idle MB | RSS after load MB | PSS after load MB"
            + " |\n|---|---|---|---|---|---|\n");
    Map<String, Double> startup = (Map<String, Double>) report.get("startupSeconds");
    Map<String, Long> idle = (Map<String, Long>) report.get("residentMbIdle");
    Map<String, Long> idlePss = (Map<String, Long>) report.get("proportionalMbIdle");
    Map<String, Long> loaded = (Map<String, Long>) report.get("residentMbAfterLoad");
    Map<String, Long> loadedPss = (Map<String, Long>) report.get("proportionalMbAfterLoad");
    for (String n : idle.keySet()) {
      md.append(
          String.format(
              "| %s | %s | %s | %s | %s | %s |%n",
              n,
              startup.getOrDefault(n, null) == null ? "" : startup.get(n),
              idle.get(n),
              idlePss.get(n),
              loaded.get(n),
              loadedPss.get(n)));
    }
    Map<String, Object> profile = (Map<String, Object>) report.get("profile");
    if (profile != null) {
      md.append("\n## Profile (JFR, one uncounted run through the gateway at 16 connections)\n\n");
      profile.forEach(
          (name, value) -> {
            if (value instanceof Map<?, ?> p) {
              md.append("- ")
                  .append(name)
                  .append(": ")
                  .append(p.get("samples"))
                  .append(" samples, flame graph `")
                  .append(p.get("flameGraph"))
                  .append("`; most samples in: ")
                  .append(p.get("topSelfPercent"))
                  .append('\n');
            }
          });
    }
    md.append("\n## JVM flags\n\n");
    ((Map<String, String>) report.get("jvmFlags"))
        .forEach((n, fl) -> md.append("- ").append(n).append(": `").append(fl).append("`\n"));
    Files.writeString(out.resolve("report.md"), md.toString());
    System.out.println();
    System.out.println(md);
    say("report: " + out.resolve("report.md") + " and report.json");
  }

  // ------------------------------------------------------------------ helpers

  /**
   * {@link #writeLua()}'s summary plus the answers with a section {@code unavailable} (a screen
   * degraded because a service was too slow), counted by each wrk thread from the bodies.
   */
  private Path writeScreenLua() throws IOException {
    Path lua = out.resolve("screen.lua");
    Files.writeString(
        lua,
        """
        local threads = {}
        setup = function(thread)
          table.insert(threads, thread)
        end
        degraded = 0
        response = function(status, headers, body)
          if body ~= nil and string.find(body, '"status":"unavailable"', 1, true) then
            degraded = degraded + 1
          end
        end
        done = function(summary, latency, requests)
          local e = summary.errors
          local d = 0
          for _, t in ipairs(threads) do
            d = d + t:get("degraded")
          end
          io.write(string.format('BENCHJSON {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"degraded":%d,"p50":%d,"p99":%d,"p999":%d}\\n',
            summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status, d,
            latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
        end
        """);
    return lua;
  }

  private Path writeLua() throws IOException {
    Path lua = out.resolve("summary.lua");
    Files.writeString(
        lua,
        """
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('BENCHJSON {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"p50":%d,"p99":%d,"p999":%d}\\n',
            summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
            latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
        end
        """);
    return lua;
  }

  private String exec(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd.getFirst() + " did not finish in " + timeout);
    }
    return new String(output);
  }

  private static String gateway(Settings s) {
    return "http://localhost:" + s.port("HUB_GATEWAY_PORT", 8080);
  }

  private int bffPort() {
    return settings.port("HUB_BFF_PORT", 8085);
  }

  private String bff() {
    return "http://localhost:" + bffPort();
  }

  private static String which(String tool) {
    for (String dir :
        (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin").split(":")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  private static long clockTicksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
      return Long.parseLong(new String(p.getInputStream().readAllBytes()).trim());
    } catch (IOException | NumberFormatException e) {
      return 100;
    }
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double pct(long[] sortedNs, double p) {
    if (sortedNs.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sortedNs.length - 1, Math.ceil(sortedNs.length * p / 100) - 1);
    return round(sortedNs[Math.max(0, i)] / 1e6);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String format(Map<String, Double> cpu) {
    StringBuilder s = new StringBuilder();
    cpu.forEach(
        (k, v) ->
            s.append(s.isEmpty() ? "" : ", ")
                .append(k)
                .append(String.format(Locale.ROOT, " %.3f", v)));
    return s.toString();
  }

  static void say(String message) {
    System.out.println("[bench] " + message);
  }
}
