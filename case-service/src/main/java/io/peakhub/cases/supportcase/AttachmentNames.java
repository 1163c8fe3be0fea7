package io.peakhub.cases.supportcase;

/**
 * A stored file name: no path, no control or quoting characters, at most 200 characters with its
 * extension.
 */
final class AttachmentNames {

  private AttachmentNames() {}

  static String safe(String original) {
    String name = original == null ? "" : original;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[^\\p{L}\\p{N} ._()-]", "_").strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.length() > 200) {
      int dot = name.lastIndexOf('.');
      String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
      name = name.substring(0, 200 - extension.length()) + extension;
    }
    return name.isEmpty() ? "attachment" : name;
  }
}
