-- A trigram search reads the whole of its GIN index's pending list (entries not yet merged into the
-- index) row by row. Every change of a summary's balance or overdue amount adds the row's trigrams to
-- it, and by default it is merged only at 4 MB or by (auto)vacuum: at 100,000 accounts an executive's
-- search took 80 ms with a full list and 21 ms after merging it. At 128 kB a search reads at most 16
-- pages of it; each change of a summary costs about 0.1 ms more (2,000 updates: 1.0 -> 1.2 s).
ALTER INDEX IF EXISTS account_summary_name_trigram SET (gin_pending_list_limit = 128);
ALTER INDEX IF EXISTS account_summary_number_trigram SET (gin_pending_list_limit = 128);
