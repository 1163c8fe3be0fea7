package io.peakhub.platform.access;

/** How much a profile allows in an area; each level includes the ones before it. */
public enum Level {
  none,
  view,
  create,
  edit,
  full;

  public boolean allows(Level needed) {
    return compareTo(needed) >= 0;
  }
}
