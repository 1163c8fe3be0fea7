package io.peakhub.billing.account;

import java.util.List;
import java.util.UUID;

/**
 * A field an admin defines for every account: {@code name} is its stable key in requests, {@code
 * label} what people read; a pick-list's value is one of {@code options}.
 */
public record AccountField(
    UUID id,
    String name,
    String label,
    String type,
    List<String> options,
    boolean required,
    int position) {

  public static final List<String> TYPES = List.of("text", "number", "date", "picklist");
}
