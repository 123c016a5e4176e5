-- 0018: a source's documents in change order (docs/service.md, "An idle installation"). Before
-- planning, a scheduled pass asks whether any of its sources' documents changed since the pass
-- that last did the work and still needs a decision; documents_by_change alone would walk every
-- source's changes since then to find one of this source's (500 organisations' imports between
-- two ticks), this answers it from this source's changes only.
CREATE INDEX documents_changes_by_source ON documents (source, change_seq);
