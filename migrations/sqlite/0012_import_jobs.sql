-- A provider's upload of offerings. The whole file is checked first and then
-- saved in one transaction, which also sets `status` to 'done' with the
-- counts, so 'done' is written if and only if the offerings are. A job left
-- 'running' by a stopped server saved nothing and is marked 'failed' at the
-- next start.
CREATE TABLE import_jobs (
    id           INTEGER PRIMARY KEY,
    provider_id  BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id      BIGINT REFERENCES users(id) ON DELETE SET NULL,
    status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    total_rows   BIGINT NOT NULL,
    created_rows BIGINT NOT NULL DEFAULT 0,
    updated_rows BIGINT NOT NULL DEFAULT 0,
    started_at   BIGINT NOT NULL,
    finished_at  BIGINT
);
CREATE INDEX import_jobs_provider_idx ON import_jobs(provider_id, started_at);
