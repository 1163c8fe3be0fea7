package io.peakhub.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples of a JFR recording (jdk.ExecutionSample) as folded stacks ("root;...;leaf count",
 * the input of Brendan Gregg's flamegraph.pl and speedscope) and as a self-contained SVG flame
 * graph: the root at the bottom, each frame as wide as its share of the samples.
 */
final class FlameGraph {

  private static final int WIDTH = 1200;
  private static final int ROW = 16;

  /** Folded stack to samples, root first. */
  private final Map<String, Long> folded = new TreeMap<>();

  private long samples;

  static FlameGraph of(Path jfr) throws IOException {
    FlameGraph graph = new FlameGraph();
    for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null) {
        continue;
      }
      List<RecordedFrame> frames = stack.getFrames();
      // a stack deeper than the recording's depth lost its outermost frames: kept together under
      // one root instead of scattered as many
      StringBuilder key = new StringBuilder(stack.isTruncated() ? "[truncated]" : "");
      for (int i = frames.size() - 1; i >= 0; i--) {
        RecordedFrame f = frames.get(i);
        if (!key.isEmpty()) {
          key.append(';');
        }
        key.append(f.getMethod().getType().getName()).append('.').append(f.getMethod().getName());
      }
      graph.folded.merge(key.toString(), 1L, Long::sum);
      graph.samples++;
    }
    return graph;
  }

  long samples() {
    return samples;
  }

  /** The frames where the samples were taken (self time), largest first, as percentages. */
  Map<String, Double> topSelf(int n) {
    Map<String, Long> self = new TreeMap<>();
    folded.forEach((stack, count) -> self.merge(leaf(stack), count, Long::sum));
    Map<String, Double> top = new LinkedHashMap<>();
    self.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .forEach(e -> top.put(e.getKey(), Math.round(1000.0 * e.getValue() / samples) / 10.0));
    return top;
  }

  void writeFolded(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    folded.forEach((stack, count) -> out.append(stack).append(' ').append(count).append('\n'));
    Files.writeString(file, out);
  }

  void writeSvg(Path file, String title) throws IOException {
    Node root = new Node("all");
    folded.forEach(
        (stack, count) -> {
          Node node = root;
          node.total += count;
          for (String frame : stack.split(";")) {
            node = node.children.computeIfAbsent(frame, Node::new);
            node.total += count;
          }
        });
    int depth = root.depth();
    int height = (depth + 3) * ROW;
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " font-family=\"monospace\" font-size=\"11\">%n",
                WIDTH,
                height))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#fdfdf6\"/>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"14\" text-anchor=\"middle\" font-size=\"13\">%s (%d samples)"
                    + "</text>%n",
                WIDTH / 2,
                escape(title),
                samples));
    draw(svg, root, 0, WIDTH, height - ROW, (double) WIDTH / Math.max(1, root.total));
    svg.append("</svg>\n");
    Files.writeString(file, svg);
  }

  private void draw(StringBuilder svg, Node node, double x, double width, int y, double scale) {
    if (width < 0.3) {
      return;
    }
    int hash = node.name.hashCode();
    String color =
        String.format(
            Locale.ROOT,
            "rgb(%d,%d,%d)",
            205 + Math.floorMod(hash, 50),
            80 + Math.floorMod(hash >> 8, 130),
            40 + Math.floorMod(hash >> 16, 40));
    String label =
        String.format(
            Locale.ROOT,
            "%s (%d samples, %.1f%%)",
            node.name,
            node.total,
            100.0 * node.total / Math.max(1, samples));
    svg.append(
        String.format(
            Locale.ROOT,
            "<g><title>%s</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\""
                + " rx=\"2\"/>",
            escape(label),
            x,
            y,
            width,
            ROW - 1,
            color));
    int chars = (int) ((width - 4) / 7);
    if (chars >= 3) {
      String name =
          node.name.length() <= chars ? node.name : node.name.substring(0, chars - 2) + "..";
      svg.append(
          String.format(
              Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", x + 2, y + 11, escape(name)));
    }
    svg.append("</g>\n");
    double childX = x;
    List<Node> children = new ArrayList<>(node.children.values());
    children.sort(Comparator.comparing(c -> c.name));
    for (Node child : children) {
      double w = child.total * scale;
      draw(svg, child, childX, w, y - ROW, scale);
      childX += w;
    }
  }

  private static String leaf(String stack) {
    return stack.substring(stack.lastIndexOf(';') + 1);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static final class Node {
    final String name;
    final Map<String, Node> children = new TreeMap<>();
    long total;

    Node(String name) {
      this.name = name;
    }

    int depth() {
      int d = 0;
      for (Node c : children.values()) {
        d = Math.max(d, c.depth());
      }
      return d + 1;
    }
  }
}
