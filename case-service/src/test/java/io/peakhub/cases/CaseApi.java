package io.peakhub.cases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.jayway.jsonpath.JsonPath;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The calls of the case API as one-liners, and a case mother, for the tests. */
final class CaseApi {

  private final MockMvc mvc;

  CaseApi(MockMvc mvc) {
    this.mvc = mvc;
  }

  static Map<Area, Grant> myCases(Level level, Grant.Scope scope) {
    return Map.of(Area.my_cases, new Grant(level, scope));
  }

  static String openCaseBody(String subject) {
    return """
        {"subject":"%s","shortDescription":"It breaks","description":"Steps: 1, 2, 3","product":"Analytics Pro",\
        "priority":"high"}"""
        .formatted(subject);
  }

  ResultActions open(String token, Object accountId, String body) throws Exception {
    return mvc.perform(
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                "/accounts/" + accountId + "/cases")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  /** Opens a case and returns its number. */
  String opened(String token, Object accountId, String subject) throws Exception {
    String json =
        open(token, accountId, openCaseBody(subject))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String number = JsonPath.read(json, "$.number");
    if (number == null) {
      throw new IllegalStateException("case not opened: " + json);
    }
    return number;
  }

  ResultActions list(String token, Object accountId, String query) throws Exception {
    return mvc.perform(
        get("/accounts/" + accountId + "/cases" + query).header("Authorization", token));
  }

  /** The search text as a real query parameter (not a URI template), exactly as given. */
  ResultActions search(String token, Object accountId, String q) throws Exception {
    return mvc.perform(
        get("/accounts/" + accountId + "/cases").param("q", q).header("Authorization", token));
  }

  ResultActions detail(String token, Object accountId, String number) throws Exception {
    return mvc.perform(
        get("/accounts/" + accountId + "/cases/" + number).header("Authorization", token));
  }

  ResultActions post(String token, Object accountId, String number, String action, String body)
      throws Exception {
    return mvc.perform(
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                "/accounts/" + accountId + "/cases/" + number + "/" + action)
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  ResultActions upload(
      String token, Object accountId, String number, String fileName, byte[] content)
      throws Exception {
    return mvc.perform(
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                "/accounts/" + accountId + "/cases/" + number + "/attachments")
            .file(
                new org.springframework.mock.web.MockMultipartFile(
                    "file", fileName, "application/pdf", content))
            .header("Authorization", token));
  }

  ResultActions comment(String token, Object accountId, String number, String text)
      throws Exception {
    return post(token, accountId, number, "comments", "{\"text\":\"" + text + "\"}");
  }

  ResultActions note(String token, Object accountId, String number, String text) throws Exception {
    return post(token, accountId, number, "internal-notes", "{\"text\":\"" + text + "\"}");
  }

  ResultActions state(String token, Object accountId, String number, String state)
      throws Exception {
    return post(
        token, accountId, number, "state", "{\"state\":\"" + state + "\",\"reason\":\"work\"}");
  }
}
