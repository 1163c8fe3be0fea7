package io.peakhub.cases.supportcase;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A case's state and the one table of moves between states. Agents move a case along this table;
 * customers only accept (resolved to closed), reject (resolved to in_progress) and reopen (closed
 * to in_progress, within the reopen window).
 */
public enum CaseState {
  new_,
  in_progress,
  awaiting_customer,
  resolved,
  closed;

  private static final Map<CaseState, Set<CaseState>> MOVES =
      Map.of(
          new_, EnumSet.of(in_progress, awaiting_customer, resolved, closed),
          in_progress, EnumSet.of(awaiting_customer, resolved, closed),
          awaiting_customer, EnumSet.of(in_progress, resolved, closed),
          resolved, EnumSet.of(in_progress, closed),
          closed, EnumSet.of(in_progress));

  /** The wire name: {@code new} is a Java keyword, hence the constant {@code new_}. */
  public String wire() {
    return this == new_ ? "new" : name();
  }

  public static CaseState fromWire(String value) {
    return "new".equals(value) ? new_ : valueOf(value);
  }

  public boolean canMoveTo(CaseState next) {
    return MOVES.get(this).contains(next);
  }

  public boolean open() {
    return this != closed;
  }

  /** The pattern request fields are validated against. */
  public static final String WIRE_PATTERN = "new|in_progress|awaiting_customer|resolved|closed";
}
