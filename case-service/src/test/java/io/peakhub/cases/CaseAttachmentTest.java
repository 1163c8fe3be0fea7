package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Upload and download: type by content, size limit, scanner hook, safe download headers, and who
 * may fetch what.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class CaseAttachmentTest {

  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();
  static final String RITA = UUID.randomUUID().toString();
  static final String NORA = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final byte[] PDF =
      "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] EXE = {
    'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0
  };

  static {
    TestAccess.GRANTS
        .grant(RITA, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grant(NORA, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grant(BOB, myCases(Level.full, Grant.Scope.all), GLOBEX.toString());
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  @Autowired MongoTemplate mongo;
  CaseApi api;
  final String rita = bearer(RITA, "rita", "customer");
  String number;

  @BeforeEach
  void setUp() throws Exception {
    api = new CaseApi(mvc);
    number = api.opened(rita, ACME, "With attachments");
  }

  private long stored() {
    return mongo.getCollection("case_attachment").countDocuments()
        + mongo.getCollection("case_attachment_chunk").countDocuments();
  }

  private ResultActions download(String token, Object account, String caseNumber, String id)
      throws Exception {
    return mvc.perform(
        get("/accounts/" + account + "/cases/" + caseNumber + "/attachments/" + id)
            .header("Authorization", token));
  }

  private String uploaded(String fileName, byte[] content) throws Exception {
    String json =
        api.upload(rita, ACME, number, fileName, content)
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JsonPath.read(json, "$.activity[-1].attachmentId");
  }

  @Test
  void aPdfIsStoredInTheStreamAndDownloadsAsAnAttachmentWithNosniff() throws Exception {
    api.upload(rita, ACME, number, "../../etc/invoice.pdf", PDF)
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.activity[-1].kind").value("attachment"))
        .andExpect(jsonPath("$.activity[-1].fileName").value("invoice.pdf"))
        .andExpect(jsonPath("$.activity[-1].actorId").value(RITA));
    String id = cases.findByNumber(number).orElseThrow().activity().getLast().attachmentId();
    download(rita, ACME, number, id)
        .andExpect(status().isOk())
        .andExpect(content().bytes(PDF))
        .andExpect(header().string("Content-Type", "application/pdf"))
        .andExpect(header().string("Content-Disposition", startsWith("attachment;")))
        .andExpect(header().string("Content-Disposition", containsString("invoice.pdf")))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"));
  }

  @Test
  void aFileLargerThanOneChunkComesBackByteForByte() throws Exception {
    byte[] big =
        ("line of text\n".repeat(60_000)).getBytes(StandardCharsets.UTF_8); // ~780 KB, 4 chunks
    String id = uploaded("server.log", big);
    byte[] back =
        download(rita, ACME, number, id)
            .andExpect(status().isOk())
            .andExpect(header().string("Content-Type", startsWith("text/plain")))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(Arrays.equals(back, big)).isTrue();
  }

  @Test
  void anExecutableRenamedPdfAnOversizeFileAndAnInfectedOneAreRefusedAndNothingIsStored()
      throws Exception {
    long before = stored();
    long version = cases.findByNumber(number).orElseThrow().version();
    api.upload(rita, ACME, number, "invoice.pdf", EXE)
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.type").value(containsString("unsupported-attachment-type")));
    api.upload(rita, ACME, number, "tool.exe", PDF).andExpect(status().isUnsupportedMediaType());
    byte[] oversize = new byte[5 * 1024 * 1024 + 1];
    System.arraycopy(PDF, 0, oversize, 0, PDF.length);
    api.upload(rita, ACME, number, "big.pdf", oversize)
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    api.upload(
            rita,
            ACME,
            number,
            "eicar.txt",
            CaseTestSupport.EICAR.getBytes(StandardCharsets.US_ASCII))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.type").value(containsString("attachment-infected")));
    api.upload(rita, ACME, number, "empty.txt", new byte[0]).andExpect(status().isBadRequest());
    assertThat(stored()).isEqualTo(before);
    assertThat(cases.findByNumber(number).orElseThrow().version()).isEqualTo(version);
  }

  @Test
  void anAttachmentIsRefusedToOtherAccountsColleaguesOutsideTheScopeAndUnderAnotherCase()
      throws Exception {
    String id = uploaded("invoice.pdf", PDF);
    String other = api.opened(rita, ACME, "Another of Rita's cases");
    download(bearer(BOB, "bob", "customer"), ACME, number, id).andExpect(status().isNotFound());
    download(bearer(BOB, "bob", "customer"), GLOBEX, number, id).andExpect(status().isNotFound());
    download(bearer(NORA, "nora", "customer"), ACME, number, id).andExpect(status().isNotFound());
    download(rita, ACME, other, id).andExpect(status().isNotFound());
    download(rita, ACME, number, UUID.randomUUID().toString()).andExpect(status().isNotFound());
    download(rita, ACME, number, "not-a-uuid").andExpect(status().isBadRequest());
    long before = stored();
    api.upload(bearer(BOB, "bob", "customer"), GLOBEX, number, "x.pdf", PDF)
        .andExpect(status().isNotFound());
    api.upload(bearer(NORA, "nora", "customer"), ACME, number, "x.pdf", PDF)
        .andExpect(status().isNotFound());
    assertThat(stored()).isEqualTo(before);
  }
}
