package io.peakhub.billing.account;

import java.util.List;

/**
 * One field of an account as the account shows it: the definition's label and type, and the value
 * (null: none).
 */
public record AccountFieldValue(
    String name, String label, String type, List<String> options, boolean required, String value) {}
