package io.peakhub.cases.success;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The index's own behaviour on the stand-in: order across buckets, intersection, pulls, and the
 * rebuild.
 */
class SuccessSearchIndexTest {

  MongoServer server;
  MongoClient client;
  MongoTemplate mongo;
  SuccessSearchIndex index;

  @BeforeEach
  void start() {
    server = new MongoServer(new MemoryBackend());
    client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
    mongo = new MongoTemplate(client, "cases");
    index = new SuccessSearchIndex(mongo);
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void candidatesComeNewestFirstAcrossBucketsAndHoldEveryWord() {
    index.post("acme", SuccessKind.success_case, "SCS0000005", List.of("o", "on", "onb", "w"));
    index.post("acme", SuccessKind.success_case, "SCS0001500", List.of("o", "on", "onb"));
    index.post("acme", SuccessKind.success_case, "SCS0002999", List.of("o", "on", "onb", "w"));
    index.post("acme", SuccessKind.task, "STASK0002998", List.of("o", "on", "onb", "w"));
    index.post("globex", SuccessKind.success_case, "SCS0003000", List.of("o", "on", "onb", "w"));

    assertThat(all(index.candidates("acme", SuccessKind.success_case, List.of("onb"))))
        .containsExactly("SCS0002999", "SCS0001500", "SCS0000005");
    assertThat(all(index.candidates("acme", SuccessKind.success_case, List.of("onb", "w"))))
        .containsExactly("SCS0002999", "SCS0000005");
    assertThat(all(index.candidates("acme", SuccessKind.success_case, List.of("onb", "nothing"))))
        .isEmpty();

    index.pull("acme", SuccessKind.success_case, "SCS0002999", List.of("w"));
    assertThat(all(index.candidates("acme", SuccessKind.success_case, List.of("onb", "w"))))
        .containsExactly("SCS0000005");
    assertThat(all(index.candidates("acme", SuccessKind.success_case, List.of("onb"))))
        .containsExactly("SCS0002999", "SCS0001500", "SCS0000005");
  }

  @Test
  void rebuildPostsRecordsWrittenStraightToTheStoreAndKeepsWhatIsThere() {
    Instant now = Instant.parse("2026-03-02T12:00:00Z");
    SuccessRecord r =
        SuccessRecord.imported("SINI0000042", SuccessKind.initiative, "acme", null, now);
    r.reimport(
        new SuccessRecord.Fields("Koala rollout", null, null, null, null, null, List.of()),
        "planned",
        true,
        List.of(),
        null,
        null,
        now,
        "test");
    mongo.insert(r);
    index.post("acme", SuccessKind.initiative, "SINI0000001", List.of("koala"));
    assertThat(all(index.candidates("acme", SuccessKind.initiative, List.of("koa")))).isEmpty();

    assertThat(index.rebuild()).isEqualTo(1);

    assertThat(all(index.candidates("acme", SuccessKind.initiative, List.of("koa", "roll"))))
        .containsExactly("SINI0000042");
    assertThat(all(index.candidates("acme", SuccessKind.initiative, List.of("sini0000042"))))
        .containsExactly("SINI0000042");
    assertThat(all(index.candidates("acme", SuccessKind.initiative, List.of("koala"))))
        .containsExactly("SINI0000042", "SINI0000001");
  }

  private static List<String> all(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
