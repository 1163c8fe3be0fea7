package io.peakhub.devstack;

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
 * blocking sockets, one platform thread a connection, and reads answers from its own buffer. The
 * generator shares the box with what it measures, so what it costs shows in the latencies: Java's
 * HttpClient, used first, cost much of a core at 900 requests/s; virtual threads reading through a
 * BufferedInputStream byte by byte (a lock per byte) cost 0.34 to 0.47 ms of CPU a request, as much
 * as the gateway. {@link Result#cpuMsPerRequest()} reports what a run cost.
 */
final class FixedRate {

  /**
   * What one run measured: sorted latencies of the counted requests, in nanoseconds, and this JVM's
   * CPU time per request sent (counted or not) while it ran.
   */
  record Result(long[] latencyNs, int failed, long sent, double cpuMsPerRequest) {
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
    long cpuBefore = processCpuNs();
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < connections; k++) {
      int slot = k;
      threads.add(
          Thread.ofPlatform()
              .daemon()
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
    long sent = (end - t0 + periodNs - 1) / periodNs;
    double cpuMs = (processCpuNs() - cpuBefore) / 1e6 / Math.max(1, sent);
    long[] all = Arrays.stream(perConnection).flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(all, failed.get(), sent, cpuMs);
  }

  private static long processCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private long[] connection(
      long t0, long periodNs, int first, int step, long countFrom, long end, AtomicInteger failed) {
    long[] latencies = new long[1024];
    int n = 0;
    Socket socket = null;
    Wire in = null;
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
          in = new Wire(socket.getInputStream());
          out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        Answer a = in.answer();
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

  /**
   * One connection's answers, read from a buffer of its own (no lock or copy per byte): status
   * line, headers, and a body by Content-Length or chunked.
   */
  static final class Wire {
    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    Wire(InputStream in) {
      this.in = in;
    }

    Answer answer() throws IOException {
      String status = line();
      if (status == null || !status.startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP answer: " + status);
      }
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean close = status.startsWith("HTTP/1.0");
      for (String h = line(); h != null && !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("content-length")) {
          length = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        } else if (name.equalsIgnoreCase("connection")) {
          close = value.equalsIgnoreCase("close");
        }
      }
      if (chunked) {
        for (long size = chunkSize(); size > 0; size = chunkSize()) {
          skip(size);
          line();
        }
        for (String t = line(); t != null && !t.isEmpty(); t = line()) {
          // trailers
        }
      } else if (length > 0) {
        skip(length);
      } else if (length < 0 && code != 204 && code != 304) {
        // no length: the body ends with the connection
        while (more()) {
          position = limit;
        }
        close = true;
      }
      return new Answer(code, close);
    }

    /** True once the stream has ended and the buffer is empty. */
    boolean atEnd() throws IOException {
      return position == limit && !more();
    }

    private long chunkSize() throws IOException {
      String l = line();
      if (l == null) {
        throw new IOException("the connection closed inside a chunked body");
      }
      int semi = l.indexOf(';');
      return Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
    }

    /** One CRLF-terminated line, without the CRLF; null at the end of the stream. */
    private String line() throws IOException {
      int scanned = position;
      while (true) {
        for (int i = scanned; i < limit; i++) {
          if (buffer[i] == '\n') {
            int to = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
            String line = new String(buffer, position, to - position, StandardCharsets.ISO_8859_1);
            position = i + 1;
            return line;
          }
        }
        // more() keeps the unread bytes at the front: the scan goes on where it stopped
        scanned = limit - position;
        if (!more()) {
          String rest =
              position == limit
                  ? null
                  : new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1);
          position = limit;
          return rest;
        }
      }
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        if (position == limit && !more()) {
          throw new IOException("the connection closed inside a body");
        }
        int step = (int) Math.min(n, limit - position);
        position += step;
        n -= step;
      }
    }

    /**
     * Reads more after what is buffered, moving the unread bytes to the front first, so a line is
     * always whole in the buffer; false at the end of the stream.
     */
    private boolean more() throws IOException {
      if (position > 0) {
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
      }
      if (limit == buffer.length) {
        throw new IOException("a line longer than " + buffer.length + " bytes");
      }
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read <= 0) {
        return false;
      }
      limit += read;
      return true;
    }
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
