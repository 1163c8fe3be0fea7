package io.peakhub.cases.supportcase;

import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The case attachment store as other features use it (customer success records): the same checks as
 * a support case's upload (size, type by content, name agreeing with content, the scanner) and the
 * same chunked storage; the caller decides who may see the record the file belongs to.
 */
@Component
public class CaseAttachments {

  public record Stored(String id, String fileName, String contentType, long size) {}

  public record File(Stored attachment, byte[] content) {}

  private final AttachmentStore store;
  private final AttachmentScanner scanner;
  private final CaseProperties properties;
  private final Clock clock;

  CaseAttachments(
      AttachmentStore store, AttachmentScanner scanner, CaseProperties properties, Clock clock) {
    this.store = store;
    this.scanner = scanner;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Checks and stores the bytes under the record {@code ownerNumber}; the caller then writes its
   * activity entry.
   */
  public Stored store(
      String accountId, String ownerNumber, String originalName, byte[] content, Actor by) {
    if (content.length == 0) {
      throw new InvalidInputException("file", "'file' is empty.");
    }
    if (content.length > properties.attachmentMaxBytes()) {
      throw new ProblemException(
          HttpStatus.CONTENT_TOO_LARGE,
          "payload-too-large",
          "An attachment may be at most " + properties.attachmentMaxBytes() + " bytes.");
    }
    String name = AttachmentNames.safe(originalName);
    String type =
        ContentSniffer.detect(content)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-attachment-type",
                        "Attachments may be PDF, PNG, JPEG, GIF or plain text; this file's content is none of them."));
    if (!ContentSniffer.extensionMatches(name, type)) {
      throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-attachment-type",
          "The file's name (" + name + ") does not match its content (" + type + ").");
    }
    if (scanner.scan(name, type, content) != AttachmentScanner.Verdict.clean) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "attachment-infected",
          "The virus scanner refused this file.");
    }
    String id = UUID.randomUUID().toString();
    store.store(
        new AttachmentStore.Attachment(
            id, ownerNumber, accountId, name, type, content.length, by.id(), clock.instant()),
        content);
    return new Stored(id, name, type, content.length);
  }

  /** The file, only if it belongs to that record of that account (else 404). */
  public File load(String accountId, String ownerNumber, String attachmentId) {
    Optional<AttachmentStore.Attachment> found =
        store
            .find(attachmentId)
            .filter(a -> a.caseNumber().equals(ownerNumber) && a.accountId().equals(accountId));
    AttachmentStore.Attachment a =
        found.orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
    return new File(new Stored(a.id(), a.fileName(), a.contentType(), a.size()), store.content(a));
  }

  public void delete(String attachmentId) {
    store.delete(attachmentId);
  }
}
