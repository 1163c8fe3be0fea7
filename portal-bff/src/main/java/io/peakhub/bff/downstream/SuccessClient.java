package io.peakhub.bff.downstream;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.openfeign.SpringQueryMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

/**
 * case-service's customer success API as portal-bff calls it, with the user's token. The answers
 * pass through as JSON objects: case-service's visibility rule has already removed what the caller
 * may not see.
 */
@FeignClient(
    name = "cases",
    contextId = "successClient",
    url = "${peakhub.cases.url}",
    fallbackFactory = SuccessFallback.class)
public interface SuccessClient {

  String SERVICE = "case-service";

  @GetMapping("/accounts/{accountId}/success/{kind}")
  Map<String, Object> list(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("kind") String kind,
      @SpringQueryMap Map<String, String> query);

  @GetMapping("/accounts/{accountId}/success/{kind}/{number}")
  Map<String, Object> get(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("kind") String kind,
      @PathVariable("number") String number);

  @PostMapping("/accounts/{accountId}/success/{kind}")
  Map<String, Object> create(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("kind") String kind,
      @RequestBody Object body);

  @PutMapping("/accounts/{accountId}/success/{kind}/{number}")
  Map<String, Object> edit(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("kind") String kind,
      @PathVariable("number") String number,
      @RequestBody Object body);

  @PutMapping("/accounts/{accountId}/success/{kind}/{number}/{action}")
  Map<String, Object> put(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("kind") String kind,
      @PathVariable("number") String number,
      @PathVariable("action") String action,
      @RequestBody Object body);

  @PostMapping("/accounts/{accountId}/success/{kind}/{number}/{action}")
  Map<String, Object> post(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("kind") String kind,
      @PathVariable("number") String number,
      @PathVariable("action") String action,
      @RequestBody Object body);

  @GetMapping("/accounts/{accountId}/success/{kind}/{number}/articles/{articleId}")
  Map<String, Object> article(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("kind") String kind,
      @PathVariable("number") String number,
      @PathVariable("articleId") String articleId);

  @GetMapping("/accounts/{accountId}/success/{kind}/{number}/attachments/{attachmentId}")
  ResponseEntity<byte[]> attachment(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("kind") String kind,
      @PathVariable("number") String number,
      @PathVariable("attachmentId") UUID attachmentId);

  @PostMapping(
      path = "/accounts/{accountId}/success/{kind}/{number}/attachments",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Map<String, Object> attach(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("kind") String kind,
      @PathVariable("number") String number,
      @RequestPart("file") MultipartFile file);

  @GetMapping("/accounts/{accountId}/success-search")
  Map<String, Object> search(
      @PathVariable("accountId") UUID accountId, @RequestParam("q") String q);

  @GetMapping("/knowledge/articles")
  List<Map<String, Object>> articles();

  @PostMapping("/knowledge/articles")
  Map<String, Object> createArticle(@RequestBody Object body);

  @GetMapping("/knowledge/articles/{id}")
  Map<String, Object> knowledgeArticle(@PathVariable("id") String id);

  @PutMapping("/knowledge/articles/{id}")
  Map<String, Object> editArticle(@PathVariable("id") String id, @RequestBody Object body);

  @GetMapping("/success/header-fields")
  Map<String, Object> headerFields();

  @PutMapping("/admin/success/header-fields")
  Map<String, Object> setHeaderFields(@RequestBody Object body);
}
