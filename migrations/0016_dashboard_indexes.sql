-- 0016: indexes for the dashboard and the API at 1,000,000 documents (issue 19, docs/dashboard.md
-- "Performance"; measured by `npm run bench -- dashboard-scale`). Each answers one filter of the
-- document search (src/store/documents-search.ts) or one overview count without reading every row.
-- Built once here, under the migration's lock: the stored column rewrites the table (~20 s at
-- 1,000,000 documents on the shared 2 cores), each index ~1-3 s per 1,000,000.

-- Search by number: an exact match on the PMS number. Not partial (WHERE content ? 'number'):
-- PostgreSQL then guessed 3,486 matches instead of 1 and walked the primary key (4.3 s).
CREATE INDEX documents_by_number ON documents ((content->>'number'));

-- Search by status, a page in key order: one range scan — for the statuses people look for.
-- Documents that are paid, or simply active, are most of a practice's and are not indexed: a
-- search for them finds a page walking the key order, while every write of one skips this index.
-- With it whole and the contact index wide, importing 300,000 documents into PostgreSQL ran at
-- 42,000 a second against 50,300 with both cut down (side by side; the import's target: 50,000).
CREATE INDEX documents_by_status ON documents (status, source, kind, source_id)
  WHERE status NOT IN ('paid', 'active');

-- Search by issue (or payment) date range.
CREATE INDEX documents_by_date ON documents ((COALESCE(content->>'issueDate', content->>'date')));

-- Search by contact: the words of contact names (prefix matches, `simple` so no stemming or stop
-- words), then the documents of the contacts found.
CREATE INDEX documents_contact_words ON documents
  USING gin (to_tsvector('simple', content->>'name')) WHERE kind = 'contact';
-- A document's contact key: its contactId, or a contact's own id (documents-search.ts), stored.
-- Indexed narrow: (source, contact_key, kind, source_id) answered "the keys of these contacts'
-- documents" index-only (833 contacts' 6,664 documents in 35 ms at 1,000,000 against ~150 ms
-- through the heap) but its wide keys cost 15 % of the import's throughput (above); narrow, 6,664
-- documents are read from the table (~150 ms), which only a name shared by ~800 contacts asks.
ALTER TABLE documents ADD COLUMN contact_key text
  GENERATED ALWAYS AS (COALESCE(content->>'contactId', CASE WHEN kind = 'contact' THEN source_id END)) STORED;
CREATE INDEX documents_by_contact ON documents (contact_key);

-- The overview's "documents pushed" per source and organisation, counted up to a bound.
CREATE INDEX links_pushed_by_target ON links (source, tenant_id) WHERE xero_id IS NOT NULL;

-- The overview's latest run per (kind, source, organisation): one index probe each.
CREATE INDEX runs_by_target ON runs (kind, (COALESCE(source, '')), (COALESCE(tenant_id, '')), id DESC);
