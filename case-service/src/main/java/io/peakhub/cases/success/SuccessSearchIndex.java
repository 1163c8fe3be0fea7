package io.peakhub.cases.success;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The inverted words index behind success search, in its own collection, every document found by
 * {@code _id} (the only field besides the unique record number that the MongoDB stand-in indexes).
 * For each account, kind and word prefix ({@link SuccessWords}) a head "account|kind|prefix" lists
 * the buckets it has postings in, and a posting "account|kind|prefix#bucket" the numbers, in that
 * bucket of {@value #BUCKET} consecutive numbers, of the records whose number, subject or
 * descriptions hold a word with that prefix. Buckets keep every document small, so a write's upkeep
 * does not grow with the data; a search reads the heads of its words, then the common buckets
 * newest first, intersecting, and loads the candidates by number until it has enough; it never
 * scans the records.
 *
 * <p>The record and its postings are separate writes (no transaction on the stand-in), ordered so
 * that a crash or a lost race leaves at worst an extra posting, never a missing one: words a change
 * adds are posted before the record is saved (and again after, in case a concurrent change pulled
 * them meanwhile); words it drops are pulled only after the save, and then the record is read back
 * and any pulled word it holds again is re-posted. An extra posting is harmless: search checks
 * every candidate's own words and the visibility rule on the record it loads. Visibility is never
 * in the index, so a visibility change touches no posting; records never change account or kind.
 */
@Component
class SuccessSearchIndex {

  static final String COLLECTION = "success_search_word";
  private static final Logger log = LoggerFactory.getLogger(SuccessSearchIndex.class);
  static final int BUCKET = 1_000;
  private static final int REBUILD_BATCH = 2_000;

  private final MongoTemplate mongo;

  SuccessSearchIndex(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The head of a word's postings: which buckets of numbers it has postings in. */
  static String head(String accountId, SuccessKind kind, String word) {
    return accountId + "|" + kind.name() + "|" + word;
  }

  /** One bucket of a word's postings: the numbers in it. */
  static String posting(String accountId, SuccessKind kind, String word, int bucket) {
    return head(accountId, kind, word) + "#" + bucket;
  }

  /**
   * Numbers are sequential per kind (the last 7 digits), so a bucket holds at most {@value #BUCKET}
   * of them.
   */
  static int bucket(String number) {
    return Integer.parseInt(number.substring(number.length() - 7)) / BUCKET;
  }

  /** Posts the record's number under these words (upserts, one round trip). */
  void post(String accountId, SuccessKind kind, String number, Collection<String> words) {
    if (words.isEmpty()) {
      return;
    }
    int bucket = bucket(number);
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
    for (String word : words) {
      bulk.upsert(
          byId(posting(accountId, kind, word, bucket)), new Update().addToSet("numbers", number));
      bulk.upsert(byId(head(accountId, kind, word)), new Update().addToSet("buckets", bucket));
    }
    bulk.execute();
  }

  /**
   * Pulls the record's number from under these words (the head keeps the bucket; an empty one costs
   * a read).
   */
  void pull(String accountId, SuccessKind kind, String number, Collection<String> words) {
    if (words.isEmpty()) {
      return;
    }
    int bucket = bucket(number);
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
    for (String word : words) {
      bulk.updateOne(
          byId(posting(accountId, kind, word, bucket)), new Update().pull("numbers", number));
    }
    bulk.execute();
  }

  /**
   * The numbers of the records of this account and kind posted under every one of the words,
   * highest (newest) first, read bucket by bucket as the caller asks for more; may hold stale
   * numbers, which the caller checks against the record.
   */
  Iterator<String> candidates(String accountId, SuccessKind kind, List<String> words) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(words));
    List<Document> heads =
        mongo.find(
            Query.query(
                Criteria.where("_id")
                    .in(distinct.stream().map(w -> head(accountId, kind, w)).toList())),
            Document.class,
            COLLECTION);
    if (heads.size() < distinct.size()) {
      return Collections.emptyIterator();
    }
    Set<Integer> common = new HashSet<>(heads.getFirst().getList("buckets", Integer.class));
    heads.forEach(h -> common.retainAll(h.getList("buckets", Integer.class)));
    List<Integer> buckets = new ArrayList<>(common);
    buckets.sort(Comparator.reverseOrder());
    return buckets.stream()
        .flatMap(bucket -> inBucket(accountId, kind, distinct, bucket).stream())
        .iterator();
  }

  private List<String> inBucket(
      String accountId, SuccessKind kind, List<String> words, int bucket) {
    List<Document> postings =
        mongo.find(
            Query.query(
                Criteria.where("_id")
                    .in(words.stream().map(w -> posting(accountId, kind, w, bucket)).toList())),
            Document.class,
            COLLECTION);
    if (postings.size() < words.size()) {
      return List.of();
    }
    Set<String> found = new HashSet<>(postings.getFirst().getList("numbers", String.class));
    postings.forEach(d -> found.retainAll(new HashSet<>(d.getList("numbers", String.class))));
    List<String> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.reverseOrder());
    return sorted;
  }

  private static Query byId(String id) {
    return Query.query(Criteria.where("_id").is(id));
  }

  /**
   * Posts every record under its words, merging into what is there (writes running meanwhile keep
   * their postings; stale ones stay and are filtered by search): after an import straight to the
   * store, or when the index is missing. Searches running meanwhile may miss what is not yet
   * posted.
   */
  long rebuild() {
    Query all = new Query();
    all.fields().include("number", "kind", "accountId", "words");
    Map<String, Set<Object>> postings = new HashMap<>();
    long count = 0;
    try (var stream = mongo.stream(all, Document.class, "success_record")) {
      for (Document r : (Iterable<Document>) stream::iterator) {
        collect(
            postings,
            r.getString("accountId"),
            SuccessKind.valueOf(r.getString("kind")),
            r.getString("number"),
            r.getList("words", String.class, List.of()));
        count++;
      }
    }
    postAll(postings);
    return count;
  }

  /** Adds one record's postings (and its bucket to the heads) to a batch for {@link #postAll}. */
  static void collect(
      Map<String, Set<Object>> postings,
      String accountId,
      SuccessKind kind,
      String number,
      Collection<String> words) {
    int bucket = bucket(number);
    for (String word : words) {
      postings
          .computeIfAbsent(posting(accountId, kind, word, bucket), k -> new LinkedHashSet<>())
          .add(number);
      postings.computeIfAbsent(head(accountId, kind, word), k -> new LinkedHashSet<>()).add(bucket);
    }
  }

  /**
   * Merges a batch from {@link #collect} into the index, a bulk write per {@value #REBUILD_BATCH}
   * documents.
   */
  void postAll(Map<String, Set<Object>> postings) {
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
    int queued = 0;
    for (var e : postings.entrySet()) {
      bulk.upsert(
          byId(e.getKey()),
          new Update()
              .addToSet(e.getKey().contains("#") ? "numbers" : "buckets")
              .each(e.getValue().toArray()));
      if (++queued == REBUILD_BATCH) {
        bulk.execute();
        bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        queued = 0;
      }
    }
    if (queued > 0) {
      bulk.execute();
    }
  }

  /** Records written before the index existed: build it once, at start, if it is empty. */
  @EventListener(ApplicationReadyEvent.class)
  void buildIfMissing() {
    if (!mongo.collectionExists(COLLECTION)
        && mongo.collectionExists("success_record")
        && mongo.getCollection("success_record").estimatedDocumentCount() > 0) {
      long n = rebuild();
      log.info("Built the success search index from {} records", n);
    }
  }
}
