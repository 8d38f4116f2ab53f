-- Module 3: the training catalog, its search outbox and the funding rules.

CREATE TABLE offerings (
    id          INTEGER PRIMARY KEY,
    provider_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    -- the provider's own course number; re-importing a row with it updates the offering
    external_id TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    format      TEXT NOT NULL,
    -- days since 1970-01-01; no start day means "start any time"
    start_day   BIGINT,
    end_day     BIGINT,
    schedule    TEXT NOT NULL DEFAULT '',
    hours_total REAL NOT NULL,
    hours_per_week REAL,
    part_time   BOOLEAN NOT NULL DEFAULT FALSE,
    evenings    BOOLEAN NOT NULL DEFAULT FALSE,
    weekends    BOOLEAN NOT NULL DEFAULT FALSE,
    street      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    district_ags TEXT,
    lat         REAL,
    lon         REAL,
    language    TEXT NOT NULL DEFAULT 'de',
    price_cents BIGINT NOT NULL DEFAULT 0,
    certificate TEXT NOT NULL DEFAULT '',
    -- course and provider approved under AZAV (a course approval presupposes the provider's)
    azav        BOOLEAN NOT NULL DEFAULT FALSE,
    step_free   BOOLEAN NOT NULL DEFAULT FALSE,
    childcare   BOOLEAN NOT NULL DEFAULT FALSE,
    plain_language BOOLEAN NOT NULL DEFAULT FALSE,
    min_participants BIGINT NOT NULL DEFAULT 1,
    max_participants BIGINT NOT NULL DEFAULT 20,
    url         TEXT NOT NULL DEFAULT '',
    -- published or withdrawn; withdrawn offerings stay for history but are not found
    status      TEXT NOT NULL DEFAULT 'published',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX offerings_provider_idx ON offerings(provider_id);
CREATE UNIQUE INDEX offerings_external_key ON offerings(provider_id, external_id) WHERE external_id <> '';
CREATE INDEX offerings_created_idx ON offerings(created_at);

CREATE TABLE offering_competences (
    offering_id   BIGINT NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
    competence_id BIGINT NOT NULL REFERENCES competences(id) ON DELETE CASCADE,
    -- the level a participant reaches
    level         BIGINT NOT NULL,
    PRIMARY KEY (offering_id, competence_id)
);
CREATE INDEX offering_competences_competence_idx ON offering_competences(competence_id);

-- Every write to an offering adds a row here in the same transaction; each
-- node's search index applies the rows past the last sequence it committed.
CREATE TABLE search_outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    offering_id BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- The funding rules as one JSON document per version; the newest applies.
CREATE TABLE funding_rules (
    id          INTEGER PRIMARY KEY,
    document    TEXT NOT NULL,
    created_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL
);
