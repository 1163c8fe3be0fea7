package io.peakhub.bff.summary;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SummaryRepository {

  private final JdbcClient jdbc;

  SummaryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<AccountSummary> find(UUID accountId) {
    return jdbc.sql("""
            SELECT account_id, account_number, name, currency, status, balance, credit_balance, last_payment_amount,
                   last_payment_at, last_invoice_date, as_of
            FROM account_summary WHERE account_id = :id""")
        .param("id", accountId).query(AccountSummary.class).optional();
  }

  /** Keeps the newest: a summary older than the stored one (late event, slow fetch) changes nothing. */
  public boolean saveIfNewer(AccountSummary s) {
    return jdbc.sql("""
            INSERT INTO account_summary (account_id, account_number, name, currency, status, balance, credit_balance,
                                         last_payment_amount, last_payment_at, last_invoice_date, as_of)
            VALUES (:id, :number, :name, :currency, :status, :balance, :credit, :lastPayment, :lastPaymentAt,
                    :lastInvoice, :asOf)
            ON CONFLICT (account_id) DO UPDATE SET
                account_number = excluded.account_number, name = excluded.name, currency = excluded.currency,
                status = excluded.status, balance = excluded.balance, credit_balance = excluded.credit_balance,
                last_payment_amount = excluded.last_payment_amount, last_payment_at = excluded.last_payment_at,
                last_invoice_date = excluded.last_invoice_date, as_of = excluded.as_of
            WHERE account_summary.as_of <= excluded.as_of""")
        .param("id", s.accountId()).param("number", s.accountNumber()).param("name", s.name())
        .param("currency", s.currency()).param("status", s.status()).param("balance", s.balance())
        .param("credit", s.creditBalance()).param("lastPayment", s.lastPaymentAmount())
        .param("lastPaymentAt", s.lastPaymentAt() == null ? null : Timestamp.from(s.lastPaymentAt()))
        .param("lastInvoice", s.lastInvoiceDate()).param("asOf", Timestamp.from(s.asOf()))
        .update() == 1;
  }
}
