package io.peakhub.platform.access;

/**
 * One area's grant: the level, and whether it covers all of the account's records ("all") or only
 * those the person owns or is named on ("restricted", ServiceNow's "My" lists).
 */
public record Grant(Level level, Scope scope) {

  public enum Scope {
    restricted,
    all
  }

  public static final Grant NONE = new Grant(Level.none, Scope.restricted);

  public boolean allows(Level needed) {
    return level.allows(needed);
  }

  public boolean allRecords() {
    return scope == Scope.all;
  }
}
