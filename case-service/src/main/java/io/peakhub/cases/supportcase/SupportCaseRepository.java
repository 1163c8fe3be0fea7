package io.peakhub.cases.supportcase;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface SupportCaseRepository extends MongoRepository<SupportCase, String> {

  List<SupportCase> findByAccountIdOrderByNumberAsc(String accountId);

  Optional<SupportCase> findByNumber(String number);
}
