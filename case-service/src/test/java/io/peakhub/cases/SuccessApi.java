package io.peakhub.cases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The customer success API as one-liners, and a record mother, for the tests. */
final class SuccessApi {

  private final MockMvc mvc;

  SuccessApi(MockMvc mvc) {
    this.mvc = mvc;
  }

  /**
   * A record's body: {@code visible} to the customer, these contacts, assigned to {@code
   * assigneeId} (or nobody).
   */
  static String body(
      String kind,
      String parent,
      String subject,
      boolean visible,
      List<String> contacts,
      String assigneeId) {
    String contactJson =
        contacts.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",", "[", "]"));
    return """
        {"parentNumber":%s,"subject":"%s","shortDescription":"Goals for the quarter","description":"Agreed in the kickoff",\
        "product":"Analytics Pro","dueDate":"2026-03-12","touchpointType":%s,"attendees":["Alice","Sam"],\
        "visibleToCustomer":%s,"contactIds":%s,"assigneeId":%s,"assigneeName":%s}"""
        .formatted(
            parent == null ? "null" : "\"" + parent + "\"",
            subject,
            kind.equals("touchpoints") ? "\"meeting\"" : "null",
            visible,
            contactJson,
            assigneeId == null ? "null" : "\"" + assigneeId + "\"",
            assigneeId == null ? "null" : "\"Sam Agent\"");
  }

  ResultActions create(String token, Object accountId, String kind, String body) throws Exception {
    return mvc.perform(
        post("/accounts/" + accountId + "/success/" + kind)
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  String created(String token, Object accountId, String kind, String body) throws Exception {
    String json =
        create(token, accountId, kind, body).andReturn().getResponse().getContentAsString();
    String number = JsonPath.read(json, "$.number");
    if (number == null) {
      throw new IllegalStateException("not created: " + json);
    }
    return number;
  }

  ResultActions list(String token, Object accountId, String kind, String query) throws Exception {
    return mvc.perform(
        get("/accounts/" + accountId + "/success/" + kind + query).header("Authorization", token));
  }

  ResultActions detail(String token, Object accountId, String kind, String number)
      throws Exception {
    return mvc.perform(
        get("/accounts/" + accountId + "/success/" + kind + "/" + number)
            .header("Authorization", token));
  }

  ResultActions search(String token, Object accountId, String q) throws Exception {
    return mvc.perform(
        get("/accounts/" + accountId + "/success-search")
            .param("q", q)
            .header("Authorization", token));
  }

  ResultActions send(
      String token,
      String method,
      Object accountId,
      String kind,
      String number,
      String action,
      String body)
      throws Exception {
    String path =
        "/accounts/"
            + accountId
            + "/success/"
            + kind
            + "/"
            + number
            + (action.isEmpty() ? "" : "/" + action);
    var request = method.equals("PUT") ? put(path) : post(path);
    return mvc.perform(
        request
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  ResultActions upload(
      String token, Object accountId, String kind, String number, String fileName, byte[] content)
      throws Exception {
    return mvc.perform(
        multipart("/accounts/" + accountId + "/success/" + kind + "/" + number + "/attachments")
            .file(new MockMultipartFile("file", fileName, "text/plain", content))
            .header("Authorization", token));
  }

  ResultActions download(
      String token, Object accountId, String kind, String number, String attachmentId)
      throws Exception {
    return mvc.perform(
        get("/accounts/"
                + accountId
                + "/success/"
                + kind
                + "/"
                + number
                + "/attachments/"
                + attachmentId)
            .header("Authorization", token));
  }
}
