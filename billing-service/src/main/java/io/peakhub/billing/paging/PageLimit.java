package io.peakhub.billing.paging;

import io.peakhub.platform.problem.InvalidInputException;

/**
 * The page size of billing's keyset-paged lists (invoices, payments): one parameter name, {@code
 * limit}, from 1 to {@value #MAX}, {@value #DEFAULT} when absent. {@code size} (the name paged APIs
 * elsewhere use) is refused with a pointer to {@code limit} rather than silently ignored.
 */
public final class PageLimit {

  public static final int DEFAULT = 25;
  public static final int MAX = 100;

  private PageLimit() {}

  public static int of(Integer limit, String size) {
    if (size != null) {
      throw new InvalidInputException(
          "size", "This list pages with 'limit' (1 to " + MAX + "), not 'size'.");
    }
    int n = limit == null ? DEFAULT : limit;
    if (n < 1 || n > MAX) {
      throw new InvalidInputException("limit", "'limit' must be from 1 to " + MAX + ".");
    }
    return n;
  }
}
