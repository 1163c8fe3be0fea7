package io.peakhub.cases.success;

import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Knowledge articles, written and read by success agents and admins; customers read the ones shared
 * with them on a record.
 */
@RestController
@Validated
@PreAuthorize("hasAnyRole('success_agent', 'admin')")
class KnowledgeController {

  record ArticleView(
      String id,
      String title,
      String body,
      String product,
      boolean published,
      Instant updatedAt,
      String updatedBy) {}

  record ArticleInput(
      @NotBlank @Size(max = 300) String title,
      @NotBlank @Size(max = 50000) String body,
      @Size(max = 100) String product,
      Boolean published) {}

  private final KnowledgeService service;

  KnowledgeController(KnowledgeService service) {
    this.service = service;
  }

  @GetMapping("/knowledge/articles")
  List<ArticleView> list() {
    return service.all().stream().map(KnowledgeController::view).toList();
  }

  @GetMapping("/knowledge/articles/{id}")
  ArticleView get(@PathVariable @Pattern(regexp = SuccessController.ID) String id) {
    return view(service.get(id));
  }

  @PostMapping("/knowledge/articles")
  ResponseEntity<ArticleView> create(@Valid @RequestBody ArticleInput in) {
    KnowledgeArticle a =
        service.save(
            null,
            in.title().strip(),
            in.body(),
            in.product(),
            Boolean.TRUE.equals(in.published()),
            CurrentUser.get().username());
    return ResponseEntity.created(URI.create("/knowledge/articles/" + a.id())).body(view(a));
  }

  @PutMapping("/knowledge/articles/{id}")
  ArticleView put(
      @PathVariable @Pattern(regexp = SuccessController.ID) String id,
      @Valid @RequestBody ArticleInput in) {
    return view(
        service.save(
            id,
            in.title().strip(),
            in.body(),
            in.product(),
            Boolean.TRUE.equals(in.published()),
            CurrentUser.get().username()));
  }

  private static ArticleView view(KnowledgeArticle a) {
    return new ArticleView(
        a.id(), a.title(), a.body(), a.product(), a.published(), a.updatedAt(), a.updatedBy());
  }
}
