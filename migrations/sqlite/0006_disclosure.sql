-- Figures about people under attack: cell keys for consistent perturbation,
-- the network's noise range, and the groups a company's figures have been
-- published about (overlap control against trackers).

-- A fixed random key per person; a cell's noise follows from its people's keys.
ALTER TABLE users ADD COLUMN record_key BIGINT NOT NULL DEFAULT 0;
UPDATE users SET record_key = (random() & 4294967295);

-- Published counts deviate by at most this many people (0 to 5).
ALTER TABLE networks ADD COLUMN noise_range BIGINT NOT NULL DEFAULT 2;

-- Every group of a company's people that a figure for a competence was shown
-- about; a new group is shown only if it equals one of these or differs from
-- each by at least k people.
CREATE TABLE disclosed_groups (
    id            INTEGER PRIMARY KEY,
    org_id        BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    competence_id BIGINT NOT NULL REFERENCES competences(id) ON DELETE CASCADE,
    -- hex digest of the member list, for the unique key
    digest        TEXT NOT NULL,
    -- user ids, ascending, separated by commas
    members       TEXT NOT NULL,
    first_shown_at BIGINT NOT NULL,
    CONSTRAINT disclosed_groups_key UNIQUE (org_id, competence_id, digest)
);
