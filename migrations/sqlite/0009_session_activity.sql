-- Sessions end after a time without requests as well as at their lifetime,
-- and a person sees their sessions (when started, last used, which browser)
-- and can end the others.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
UPDATE sessions SET last_seen_at = created_at;
