package io.peakhub.cases.supportcase;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface SupportCaseRepository extends MongoRepository<SupportCase, String> {

  Optional<SupportCase> findByNumber(String number);

  Optional<SupportCase> findByImportKey(String importKey);
}
