-- Demand pooling: cohorts a coordinator publishes from the open needs of the
-- network's companies, providers' answers with an offering, companies' opt-ins.

CREATE TABLE cohorts (
    id            INTEGER PRIMARY KEY,
    network_id    BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    competence_id BIGINT NOT NULL REFERENCES competences(id) ON DELETE CASCADE,
    -- basics (target level up to 2) or advanced (3 and above)
    band          TEXT NOT NULL,
    lat           REAL NOT NULL,
    lon           REAL NOT NULL,
    radius_km     REAL NOT NULL,
    -- district keys with their share, as published (groups below k folded together)
    districts     TEXT NOT NULL,
    people        BIGINT NOT NULL,
    companies     BIGINT NOT NULL,
    published_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX cohorts_network_idx ON cohorts(network_id);

-- Who is in a cohort: only for notifying their companies, never shown.
CREATE TABLE cohort_members (
    cohort_id BIGINT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    org_id    BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    people    BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, org_id)
);

CREATE TABLE cohort_answers (
    id          INTEGER PRIMARY KEY,
    cohort_id   BIGINT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    offering_id BIGINT NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
    message     TEXT NOT NULL DEFAULT '',
    created_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL,
    CONSTRAINT cohort_answers_offering_key UNIQUE (cohort_id, offering_id)
);

CREATE TABLE cohort_optins (
    answer_id  BIGINT NOT NULL REFERENCES cohort_answers(id) ON DELETE CASCADE,
    org_id     BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    seats      BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (answer_id, org_id)
);
