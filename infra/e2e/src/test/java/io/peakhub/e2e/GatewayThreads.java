package io.peakhub.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The running gateway's thread dump (jcmd Thread.print), from the stack's pid file. */
final class GatewayThreads {

  private GatewayThreads() {}

  static String dump() {
    try {
      String root = System.getenv().getOrDefault("HUB_ROOT", "../..");
      String home = System.getenv().getOrDefault("HUB_HOME", ".hub");
      Path pidFile = Path.of(root).resolve(home).resolve("pids/gateway-service.pid");
      String pid = Files.readString(pidFile).trim();
      Path jcmd =
          Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
      Process p =
          new ProcessBuilder(jcmd.toString(), pid, "Thread.print")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (Exception e) {
      return "(no thread dump: " + e + ")";
    }
  }
}
