package io.peakhub.devstack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open-loop load generator in wrk2's model: {@code connections} kept-alive HTTP/1.1 connections
 * share one fixed schedule (request i is due at {@code start + i / rate}, on connection {@code i
 * mod connections}), and each latency counts from the request's scheduled start, so a slow answer
 * delays the next ones on its connection and they count that wait (no coordinated omission).
 *
 * <p>It speaks just enough HTTP/1.1 (a prepared GET, answers with Content-Length or chunked) on
 * blocking sockets, one virtual thread a connection. Java's HttpClient, used before, cost the box
 * much of a core at 900 requests/s: the generator took the CPU the gateway it measured needed.
 */
final class FixedRate {

  /** What one run measured: sorted latencies of the counted requests, in nanoseconds. */
  record Result(long[] latencyNs, int failed) {
    double percentileMs(double p) {
      if (latencyNs.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(latencyNs.length - 1, Math.ceil(latencyNs.length * p / 100.0) - 1);
      return latencyNs[Math.max(0, i)] / 1e6;
    }
  }

  private static final int TIMEOUT_MS = 10_000;

  private final URI uri;
  private final byte[] request;

  FixedRate(URI uri, List<String> headers) {
    this.uri = uri;
    StringBuilder b =
        new StringBuilder("GET ")
            .append(uri.getRawPath())
            .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
            .append(" HTTP/1.1\r\nHost: ")
            .append(uri.getHost())
            .append(':')
            .append(uri.getPort())
            .append("\r\n");
    headers.forEach(h -> b.append(h).append("\r\n"));
    this.request = b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Runs {@code uncountedSeconds + seconds} of the schedule; only the requests due in the last
   * {@code seconds} count.
   */
  Result run(double rate, int connections, int uncountedSeconds, int seconds)
      throws InterruptedException {
    long periodNs = (long) (1e9 / rate);
    long t0 = System.nanoTime() + 50_000_000L;
    long countFrom = t0 + TimeUnit.SECONDS.toNanos(uncountedSeconds);
    long end = countFrom + TimeUnit.SECONDS.toNanos(seconds);
    long[][] perConnection = new long[connections][];
    AtomicInteger failed = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < connections; k++) {
      int slot = k;
      threads.add(
          Thread.ofVirtual()
              .name("fixed-rate-" + k)
              .start(
                  () ->
                      perConnection[slot] =
                          connection(t0, periodNs, slot, connections, countFrom, end, failed)));
    }
    // join: each thread's array is visible once it has ended
    for (Thread t : threads) {
      t.join();
    }
    long[] all = Arrays.stream(perConnection).flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(all, failed.get());
  }

  private long[] connection(
      long t0, long periodNs, int first, int step, long countFrom, long end, AtomicInteger failed) {
    long[] latencies = new long[1024];
    int n = 0;
    Socket socket = null;
    InputStream in = null;
    OutputStream out = null;
    for (long i = first; ; i += step) {
      long due = t0 + i * periodNs;
      if (due >= end) {
        break;
      }
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      boolean counted = due >= countFrom;
      boolean ok;
      try {
        if (socket == null) {
          socket = new Socket();
          socket.setTcpNoDelay(true);
          socket.setSoTimeout(TIMEOUT_MS);
          socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MS);
          in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
          out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        Answer a = readAnswer(in);
        ok = a.status() == 200;
        if (a.close()) {
          close(socket);
          socket = null;
        }
      } catch (IOException e) {
        ok = false;
        close(socket);
        socket = null;
      }
      if (counted) {
        if (!ok) {
          failed.incrementAndGet();
        }
        if (n == latencies.length) {
          latencies = Arrays.copyOf(latencies, n * 2);
        }
        latencies[n++] = System.nanoTime() - due;
      }
    }
    close(socket);
    return Arrays.copyOf(latencies, n);
  }

  record Answer(int status, boolean close) {}

  /** Reads one answer: status line, headers, and a body by Content-Length or chunked. */
  static Answer readAnswer(InputStream in) throws IOException {
    String status = line(in);
    if (status == null || !status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = status.startsWith("HTTP/1.0");
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        default -> {}
      }
    }
    if (chunked) {
      for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
        in.skipNBytes(size);
        line(in);
      }
      for (String t = line(in); t != null && !t.isEmpty(); t = line(in)) {
        // trailers
      }
    } else if (length > 0) {
      in.skipNBytes(length);
    } else if (length < 0 && code != 204 && code != 304) {
      // no length: the body ends with the connection
      while (in.read() >= 0) {}
      close = true;
    }
    return new Answer(code, close);
  }

  private static long chunkSize(InputStream in) throws IOException {
    String l = line(in);
    if (l == null) {
      throw new IOException("the connection closed inside a chunked body");
    }
    int semi = l.indexOf(';');
    return Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
  }

  /** One CRLF-terminated line, without the CRLF; null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = b.size();
        byte[] bytes = b.toByteArray();
        return new String(
            bytes,
            0,
            len > 0 && bytes[len - 1] == '\r' ? len - 1 : len,
            StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  private static void close(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing after a failure
      }
    }
  }
}
