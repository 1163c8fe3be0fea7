package io.peakhub.cases.success;

import io.peakhub.platform.problem.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * Knowledge articles for agents (the controller admits success agents and admins only); customers
 * read shared ones through SuccessService.
 */
@Service
class KnowledgeService {

  private final KnowledgeArticleRepository articles;
  private final Clock clock;

  KnowledgeService(KnowledgeArticleRepository articles, Clock clock) {
    this.articles = articles;
    this.clock = clock;
  }

  List<KnowledgeArticle> all() {
    return articles.findAll(Sort.by("title"));
  }

  KnowledgeArticle get(String id) {
    return articles.findById(id).orElseThrow(() -> new NotFoundException("Article", id));
  }

  KnowledgeArticle save(
      String id, String title, String body, String product, boolean published, String by) {
    return articles.save(
        new KnowledgeArticle(
            id == null ? UUID.randomUUID().toString() : id,
            title,
            body,
            product,
            published,
            clock.instant(),
            by));
  }
}
