-- Every entity a stored document names has a row in entities, so an unrouted one is found there
-- (sync/not-routed.ts) instead of by a DISTINCT over every document. Pulls before this version
-- listed only the entities their connector named.
INSERT INTO entities (source, entity)
SELECT DISTINCT d.source, d.entity FROM documents d JOIN sources s ON s.name = d.source
ON CONFLICT (source, entity) DO NOTHING;
