-- Disposition "destroy content, keep metadata": the journal keeps the record, not its content.
ALTER TABLE mc_journal_record ADD COLUMN content_destroyed BOOLEAN DEFAULT FALSE NOT NULL;
