package io.peakhub.cases.success;

import java.util.List;
import java.util.Set;

/**
 * The four kinds of customer success record, all kept in one collection so that one visibility
 * rule, one words index and one outbox serve them: each kind has its number series, its path
 * segment in the API and its states (agents set any of them; the first is where a new record
 * starts).
 */
public enum SuccessKind {
  initiative(
      "initiatives",
      "SINI%07d",
      List.of("planned", "active", "completed", "cancelled"),
      Set.of("completed", "cancelled")),
  success_case(
      "cases",
      "SCS%07d",
      List.of("new", "in_progress", "on_hold", "resolved", "closed"),
      Set.of("resolved", "closed")),
  task(
      "tasks",
      "STASK%07d",
      List.of("open", "in_progress", "done", "cancelled"),
      Set.of("done", "cancelled")),
  touchpoint(
      "touchpoints",
      "STP%07d",
      List.of("planned", "held", "cancelled"),
      Set.of("held", "cancelled"));

  public static final String NUMBER = "(SINI|SCS|STASK|STP)[0-9]{7}";
  public static final String PATH = "initiatives|cases|tasks|touchpoints";

  private final String path;
  private final String format;
  private final List<String> states;
  private final Set<String> finished;

  SuccessKind(String path, String format, List<String> states, Set<String> finished) {
    this.path = path;
    this.format = format;
    this.states = states;
    this.finished = finished;
  }

  public String path() {
    return path;
  }

  public String numberFormat() {
    return format;
  }

  public List<String> states() {
    return states;
  }

  /** A finished record has no days remaining. */
  public boolean finished(String state) {
    return finished.contains(state);
  }

  public boolean owns(String number) {
    return number.startsWith(format.substring(0, format.indexOf('%')))
        && number.length() == format.indexOf('%') + 7;
  }

  public static SuccessKind fromPath(String path) {
    for (SuccessKind k : values()) {
      if (k.path.equals(path)) {
        return k;
      }
    }
    throw new IllegalArgumentException(path);
  }
}
