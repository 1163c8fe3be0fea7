package io.peakhub.cases.success;

import org.springframework.data.mongodb.repository.MongoRepository;

interface KnowledgeArticleRepository extends MongoRepository<KnowledgeArticle, String> {}
