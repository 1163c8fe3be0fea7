package io.peakhub.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The devstack: starts PostgreSQL, Kafka, the MongoDB stand-in and Keycloak (each its own process,
 * no Docker), then the six services, waits for each to be healthy, and seeds demo data. Commands:
 * up, down, status, infra (servers only), bench (see Bench).
 */
public final class Hub {

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Settings settings;
  private final Processes processes;
  private final Components components;
  private final List<String> startedNow = new CopyOnWriteArrayList<>();
  private final long t0 = System.nanoTime();

  /** Per component: when this run started it and when it answered healthy, in ms since t0. */
  private final Map<String, long[]> timings = new java.util.concurrent.ConcurrentHashMap<>();

  private volatile boolean finished;

  Hub(Settings settings) {
    this.settings = settings;
    this.processes = new Processes(settings);
    this.components = new Components(settings, processes);
  }

  public static void main(String[] args) throws Exception {
    Hub hub = new Hub(Settings.fromEnvironment());
    String command = args.length == 0 ? "status" : args[0];
    int code =
        switch (command) {
          case "up" -> hub.up(true, !List.of(args).contains("--no-seed"));
          case "infra" -> hub.up(false, false);
          case "down" -> hub.down();
          case "status" -> hub.status();
          case "bench" ->
              Bench.main(Settings.fromEnvironment(), List.of(args).subList(1, args.length));
          default -> {
            System.err.println(
                "unknown devstack command '" + command + "': use up, infra, down, status or bench");
            yield 2;
          }
        };
    System.exit(code);
  }

  int up(boolean withServices, boolean seed) throws Exception {
    Files.createDirectories(settings.home());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!finished && !startedNow.isEmpty()) {
                    System.out.println(
                        "\ninterrupted: stopping what this run started " + startedNow);
                    stopAll(startedNow);
                  }
                }));
    say("starting the devstack in " + settings.home() + " (logs in " + settings.logs() + ")");
    try {
      List<Component> infra = components.infrastructure();
      List<Component> first = infra.stream().filter(c -> !c.name().equals("keycloak")).toList();
      List<Component> second =
          new ArrayList<>(infra.stream().filter(c -> c.name().equals("keycloak")).toList());
      startAll(first);
      // Keycloak needs only PostgreSQL: it starts while Kafka and MongoDB are still coming up.
      awaitAll(first, Map.of("postgres", () -> startAll(second)));
      List<Component> services = withServices ? components.services() : List.of();
      // The services need PostgreSQL, Kafka and MongoDB now but Keycloak only on the first request
      // (the gateway, too, reads Keycloak's discovery document at the first sign-in): they start
      // while Keycloak is still starting.
      startAll(services);
      List<Component> keycloakAndServices = new ArrayList<>(second);
      keycloakAndServices.addAll(services);
      awaitAll(keycloakAndServices);
      if (seed) {
        say("seeding demo data");
        long seedStart = elapsedMs();
        new DemoData(settings).seed();
        timings.put("demo data", new long[] {seedStart, elapsedMs()});
        say("demo data ready");
      }
      finished = true;
      printWelcome(withServices);
      return 0;
    } catch (StartupFailure e) {
      System.err.println("\n" + e.getMessage());
      finished = true;
      say("stopping what this run started");
      stopAll(startedNow);
      return 1;
    }
  }

  void startAll(List<Component> list) {
    for (Component c : list) {
      if (c.external()) {
        say(c.name() + ": using the existing server at " + c.address());
        continue;
      }
      var running = processes.running(c.name());
      if (running.isPresent()) {
        say(c.name() + ": already running (pid " + running.get().pid() + ")");
        continue;
      }
      for (int port : c.ports()) {
        if (Processes.portOpen(port)) {
          throw new StartupFailure(
              "port "
                  + port
                  + " ("
                  + c.name()
                  + ") is taken by another process. Stop it, or set "
                  + c.portVariable()
                  + " to a free port, then run ./hub up again.");
        }
      }
      long prepareStart = elapsedMs();
      c.prepare().run();
      timings.put(c.name(), new long[] {prepareStart, -1});
      ProcessHandle handle = processes.start(c.name(), c.command().get(), c.env(), c.workDir());
      startedNow.add(c.name());
      say(c.name() + ": starting (pid " + handle.pid() + ", port " + c.ports().get(0) + ")");
    }
  }

  private void awaitAll(List<Component> list) throws InterruptedException {
    awaitAll(list, Map.of());
  }

  /**
   * Waits until each is healthy; {@code onReady} starts what waits on one of them as soon as it is.
   */
  private void awaitAll(List<Component> list, Map<String, Runnable> onReady)
      throws InterruptedException {
    Map<Component, Long> pending = new LinkedHashMap<>();
    list.forEach(c -> pending.put(c, System.nanoTime()));
    long lastProgress = System.nanoTime();
    while (!pending.isEmpty()) {
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        Component c = entry.getKey();
        if (c.healthy().getAsBoolean()) {
          long[] t = timings.get(c.name());
          if (t != null) {
            t[1] = elapsedMs();
          }
          say(c.name() + ": ready" + (t != null ? " (" + seconds(t[1] - t[0]) + " s)" : ""));
          it.remove();
          onReady.getOrDefault(c.name(), () -> {}).run();
          continue;
        }
        long waited = (System.nanoTime() - entry.getValue()) / 1_000_000_000L;
        if (!c.external() && processes.running(c.name()).isEmpty()) {
          throw new StartupFailure(c.name() + " exited during start-up.\n" + tail(c.name()));
        }
        if (waited > c.timeout().toSeconds()) {
          throw new StartupFailure(
              c.name()
                  + " did not become ready within "
                  + c.timeout().toSeconds()
                  + " s.\n"
                  + tail(c.name()));
        }
      }
      if (!pending.isEmpty() && System.nanoTime() - lastProgress > 10_000_000_000L) {
        lastProgress = System.nanoTime();
        say(
            "waiting for "
                + pending.keySet().stream().map(Component::name).toList()
                + (pending.keySet().stream().anyMatch(c -> c.name().equals("keycloak"))
                    ? " (Keycloak's first start builds itself: about a minute)"
                    : ""));
      }
      Thread.sleep(300);
    }
  }

  private String tail(String name) {
    Path log = processes.logFile(name);
    try {
      List<String> lines = Files.readAllLines(log);
      return "Last lines of "
          + log
          + ":\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "See " + log;
    }
  }

  int down() {
    List<String> names = new ArrayList<>();
    components.services().forEach(c -> names.add(c.name()));
    components.infrastructure().forEach(c -> names.add(c.name()));
    stopAll(names);
    say("stopped");
    return 0;
  }

  /** Services first (newest first), then Keycloak before the PostgreSQL it uses. */
  private void stopAll(List<String> names) {
    List<String> order = new ArrayList<>();
    for (String n :
        List.of(
            "gateway-service",
            "portal-bff",
            "case-service",
            "subscription-service",
            "billing-service",
            "identity-service",
            "keycloak",
            "kafka",
            "mongodb",
            "postgres")) {
      if (names.contains(n)) {
        order.add(n);
      }
    }
    List<Thread> threads = new ArrayList<>();
    List<String> services =
        order.stream().filter(n -> n.endsWith("-service") || n.equals("portal-bff")).toList();
    for (String n : services) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    // a service writes its class-data archive as it exits: allow for that on a busy
                    // machine
                    if (processes.stop(n, Duration.ofSeconds(60))) {
                      say(n + ": stopped");
                    }
                  }));
    }
    threads.forEach(Hub::join);
    for (String n : order) {
      if (!services.contains(n) && processes.stop(n, Duration.ofSeconds(30))) {
        say(n + ": stopped");
      }
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int status() {
    List<Component> all = new ArrayList<>(components.infrastructure());
    all.addAll(components.services());
    System.out.printf("%-22s %-6s %-7s %s%n", "COMPONENT", "STATE", "PORT", "PID");
    int up = 0;
    for (Component c : all) {
      var running = processes.running(c.name());
      boolean healthy = c.healthy().getAsBoolean();
      String state = healthy ? "up" : running.isPresent() ? "start" : "down";
      if (healthy) {
        up++;
      }
      System.out.printf(
          "%-22s %-6s %-7d %s%n",
          c.name(),
          state,
          c.ports().get(0),
          c.external() ? "external" : running.map(p -> Long.toString(p.pid())).orElse("-"));
    }
    return up == all.size() ? 0 : 3;
  }

  private void printWelcome(boolean withServices) {
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    System.out.println();
    System.out.println("Peak Customer Hub is up (" + seconds + " s).");
    if (withServices) {
      System.out.println(
          "  Open      http://localhost:" + settings.port("HUB_GATEWAY_PORT", 8080) + "/");
    }
    System.out.println("  Keycloak  " + settings.keycloakUrl() + "/admin (admin / admin)");
    System.out.println("  Demo logins (password " + DemoData.PASSWORD + "):");
    for (DemoData.User u : DemoData.USERS) {
      System.out.printf("    %-6s %-18s %s%n", u.username(), u.role(), u.note());
    }
    printTimings();
    System.out.println("  Stop with ./hub down; see ./hub status and ./hub logs SERVICE.");
  }

  void say(String message) {
    System.out.printf("[hub %5.1fs] %s%n", elapsedMs() / 1000.0, message);
  }

  private long elapsedMs() {
    return (System.nanoTime() - t0) / 1_000_000L;
  }

  private static String seconds(long ms) {
    return String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
  }

  /**
   * Where the start-up time went: each component this run started, from its start to its first
   * healthy answer.
   */
  private void printTimings() {
    if (timings.isEmpty()) {
      return;
    }
    System.out.println("  Start-up times (s):  component             started   ready    took");
    timings.entrySet().stream()
        .filter(e -> e.getValue()[1] >= 0)
        .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparingLong((long[] t) -> t[0])))
        .forEach(
            e ->
                System.out.printf(
                    java.util.Locale.ROOT,
                    "                       %-20s %7.1f %7.1f %7.1f%n",
                    e.getKey(),
                    e.getValue()[0] / 1000.0,
                    e.getValue()[1] / 1000.0,
                    (e.getValue()[1] - e.getValue()[0]) / 1000.0));
  }

  static boolean httpOk(String url) {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One server or service the devstack runs. */
  record Component(
      String name,
      List<Integer> ports,
      String portVariable,
      java.util.function.Supplier<List<String>> command,
      Map<String, String> env,
      Path workDir,
      Runnable prepare,
      BooleanSupplier healthy,
      Duration timeout,
      boolean external,
      String address) {}

  static final class StartupFailure extends RuntimeException {
    StartupFailure(String message) {
      super(message);
    }
  }
}
