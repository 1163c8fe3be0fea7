package io.peakhub.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts components as detached processes with a pid file and a log, and stops whole process trees.
 */
final class Processes {

  private final Settings settings;

  Processes(Settings settings) {
    this.settings = settings;
  }

  Path pidFile(String name) {
    return settings.pids().resolve(name + ".pid");
  }

  Path logFile(String name) {
    return settings.logs().resolve(name + ".log");
  }

  /**
   * Each component's own temporary directory under the stack's home, so a new home (the test stack
   * is deleted before every run) starts as a new machine would: nothing that an earlier run or the
   * module tests unpacked into the system temporary directory (embedded PostgreSQL's binaries, say)
   * is reused.
   */
  Path tmpDir(String name) {
    Path dir = settings.home().resolve("tmp").resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + dir + ": " + e.getMessage(), e);
    }
    return dir;
  }

  /**
   * Keeps what the caller set (e.g. a debugging agent) and adds the component's temporary directory
   * last, so it wins.
   */
  static String javaToolOptions(String inherited, Path tmpDir) {
    String own = "-Djava.io.tmpdir=" + tmpDir;
    return inherited == null || inherited.isBlank() ? own : inherited.trim() + " " + own;
  }

  Optional<ProcessHandle> running(String name) {
    try {
      Path file = pidFile(name);
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(file).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Starts in its own session (setsid) so a closed terminal does not take the stack down with it.
   */
  ProcessHandle start(String name, List<String> command, Map<String, String> env, Path workDir) {
    try {
      Files.createDirectories(settings.logs());
      Files.createDirectories(settings.pids());
      List<String> full = new ArrayList<>();
      if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
        full.add("/usr/bin/setsid");
      }
      full.addAll(command);
      ProcessBuilder pb =
          new ProcessBuilder(full)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name).toFile()));
      pb.environment().putAll(env);
      pb.environment()
          .put(
              "JAVA_TOOL_OPTIONS",
              javaToolOptions(pb.environment().get("JAVA_TOOL_OPTIONS"), tmpDir(name)));
      pb.environment().put("TMPDIR", tmpDir(name).toString());
      Process process = pb.start();
      Files.writeString(pidFile(name), Long.toString(process.pid()));
      return process.toHandle();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs a one-off step of a component (same environment and log as the component) and waits for
   * it.
   */
  int run(String name, List<String> command) {
    try {
      Files.createDirectories(settings.logs());
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name).toFile()));
      pb.environment()
          .put(
              "JAVA_TOOL_OPTIONS",
              javaToolOptions(pb.environment().get("JAVA_TOOL_OPTIONS"), tmpDir(name)));
      pb.environment().put("TMPDIR", tmpDir(name).toString());
      return pb.start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run a step of " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Hub.StartupFailure("interrupted");
    }
  }

  /**
   * Asks the process to stop, then its whole tree; forces whatever is left after the grace time.
   */
  boolean stop(String name, Duration grace) {
    Optional<ProcessHandle> handle = running(name);
    try {
      Files.deleteIfExists(pidFile(name));
    } catch (IOException ignored) {
      // the pid file is advisory; the process is what matters
    }
    if (handle.isEmpty()) {
      return false;
    }
    ProcessHandle root = handle.get();
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    root.destroy();
    waitFor(root, grace);
    for (ProcessHandle child : tree) {
      if (child.isAlive()) {
        child.destroy();
      }
    }
    for (ProcessHandle child : tree) {
      waitFor(child, Duration.ofSeconds(10));
    }
    tree.add(root);
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    return true;
  }

  private static void waitFor(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception ignored) {
      // still alive after the grace time: the caller forces it
    }
  }

  static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
