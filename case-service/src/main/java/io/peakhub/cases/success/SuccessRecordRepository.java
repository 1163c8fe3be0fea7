package io.peakhub.cases.success;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

interface SuccessRecordRepository extends MongoRepository<SuccessRecord, String> {

  Optional<SuccessRecord> findByNumber(String number);
}
