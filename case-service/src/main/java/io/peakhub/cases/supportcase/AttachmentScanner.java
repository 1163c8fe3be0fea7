package io.peakhub.cases.supportcase;

/**
 * Where a virus scanner plugs in (e.g. a clamd client): called with the whole upload before
 * anything is stored. An infected verdict refuses the upload with 422 {@code attachment-infected}.
 */
public interface AttachmentScanner {

  enum Verdict {
    clean,
    infected
  }

  Verdict scan(String fileName, String contentType, byte[] content);
}
