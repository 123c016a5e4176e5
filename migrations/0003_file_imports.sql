-- 0003: the file drop (issue 6). One row per file a source has been given: the SHA-256, size and
-- modification time of its bytes, and how far applying it got. `import --watch` uses it never to
-- re-import an unchanged file (also after a restart); a re-run after a crash resumes after the
-- last committed page instead of starting over.
CREATE TABLE file_imports (
  source       text NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
  -- absolute path of the file
  path         text NOT NULL,
  file_hash    text NOT NULL,
  size         bigint NOT NULL,
  -- modification time in nanoseconds since the epoch, as text (exact; beyond 2^53)
  mtime_ns     text NOT NULL,
  state        text NOT NULL CHECK (state IN ('applying', 'applied', 'rejected')),
  -- a resumed apply must cut the file into the same pages with the same rules
  page_size    integer NOT NULL,
  partial      boolean NOT NULL DEFAULT false,
  run_id       bigint REFERENCES runs (id) ON DELETE SET NULL,
  stats        jsonb NOT NULL DEFAULT '{}',
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  PRIMARY KEY (source, path)
);

-- The pages of a file committed so far, each written in the same transaction as its documents, so
-- a page is either applied and recorded or neither.
CREATE TABLE file_import_pages (
  source  text NOT NULL,
  path    text NOT NULL,
  page    integer NOT NULL,
  counts  jsonb NOT NULL,
  PRIMARY KEY (source, path, page),
  FOREIGN KEY (source, path) REFERENCES file_imports (source, path) ON DELETE CASCADE
);
