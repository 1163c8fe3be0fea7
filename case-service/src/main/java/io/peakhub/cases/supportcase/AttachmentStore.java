package io.peakhub.cases.supportcase;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Attachment bytes as chunked documents (255 KiB each, like GridFS's default, but with plain CRUD
 * the stand-in surely supports) plus one metadata document. The chunks are written before the
 * metadata and the case's activity entry, so a download never finds a half-written file; an upload
 * that fails after storing is deleted again.
 */
@Component
class AttachmentStore {

  static final int CHUNK = 255 * 1024;

  @Document("case_attachment")
  record Attachment(
      @Id String id,
      String caseNumber,
      String accountId,
      String fileName,
      String contentType,
      long size,
      String uploadedBy,
      Instant uploadedAt) {}

  @Document("case_attachment_chunk")
  @CompoundIndex(name = "attachment_n", def = "{'attachmentId': 1, 'n': 1}", unique = true)
  record Chunk(@Id String id, String attachmentId, int n, byte[] data) {}

  private final MongoTemplate mongo;

  AttachmentStore(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  void store(Attachment attachment, byte[] content) {
    for (int n = 0, from = 0; from < content.length; n++, from += CHUNK) {
      byte[] data = Arrays.copyOfRange(content, from, Math.min(content.length, from + CHUNK));
      mongo.insert(new Chunk(attachment.id() + ":" + n, attachment.id(), n, data));
    }
    mongo.insert(attachment);
  }

  Optional<Attachment> find(String id) {
    return Optional.ofNullable(mongo.findById(id, Attachment.class));
  }

  byte[] content(Attachment attachment) {
    List<Chunk> chunks =
        mongo.find(
            Query.query(Criteria.where("attachmentId").is(attachment.id())).with(Sort.by("n")),
            Chunk.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) attachment.size());
    chunks.forEach(c -> out.writeBytes(c.data()));
    return out.toByteArray();
  }

  void delete(String id) {
    mongo.remove(Query.query(Criteria.where("_id").is(id)), Attachment.class);
    mongo.remove(Query.query(Criteria.where("attachmentId").is(id)), Chunk.class);
  }

  long count() {
    return mongo.count(new Query(), Attachment.class) + mongo.count(new Query(), Chunk.class);
  }
}
