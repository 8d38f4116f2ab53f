-- Module 2: competence framework per network, company vision, assessments,
-- consent and the audit log of reads of individual data.

CREATE TABLE competence_areas (
    id          INTEGER PRIMARY KEY,
    network_id  BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    name_de     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    position    BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT competence_areas_code_key UNIQUE (network_id, code)
);

CREATE TABLE competences (
    id          INTEGER PRIMARY KEY,
    network_id  BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    area_id     BIGINT NOT NULL REFERENCES competence_areas(id),
    code        TEXT NOT NULL,
    name_de     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    description_de TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    plain_de    TEXT NOT NULL DEFAULT '',
    plain_en    TEXT NOT NULL DEFAULT '',
    dqr_hint    TEXT NOT NULL DEFAULT '',
    technologies TEXT NOT NULL DEFAULT '',
    esco_uri    TEXT NOT NULL DEFAULT '',
    -- stigma-sensitive (basic skills): groups in which everybody has the gap are not shown
    sensitive   BOOLEAN NOT NULL DEFAULT FALSE,
    -- no longer offered for new requirements and assessments; kept for history
    retired     BOOLEAN NOT NULL DEFAULT FALSE,
    position    BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT competences_code_key UNIQUE (network_id, code)
);
CREATE INDEX competences_area_idx ON competences(area_id);

CREATE TABLE level_descriptors (
    network_id  BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    level       BIGINT NOT NULL,
    label_de    TEXT NOT NULL,
    label_en    TEXT NOT NULL,
    descriptor_de TEXT NOT NULL DEFAULT '',
    descriptor_en TEXT NOT NULL DEFAULT '',
    plain_de    TEXT NOT NULL DEFAULT '',
    plain_en    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (network_id, level)
);

CREATE TABLE job_roles (
    id          INTEGER PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    CONSTRAINT job_roles_name_key UNIQUE (org_id, name)
);

-- A planned change ("robotics cell from Q3 2027") that raises requirements by a date.
CREATE TABLE org_changes (
    id          INTEGER PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    technology  TEXT NOT NULL DEFAULT '',
    target_day  BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE role_requirements (
    id          INTEGER PRIMARY KEY,
    role_id     BIGINT NOT NULL REFERENCES job_roles(id) ON DELETE CASCADE,
    competence_id BIGINT NOT NULL REFERENCES competences(id) ON DELETE CASCADE,
    -- NULL: required today; else required from the change's target day
    change_id   BIGINT REFERENCES org_changes(id) ON DELETE CASCADE,
    level       BIGINT NOT NULL,
    importance  TEXT NOT NULL
);
CREATE UNIQUE INDEX role_requirements_now_key ON role_requirements(role_id, competence_id) WHERE change_id IS NULL;
CREATE UNIQUE INDEX role_requirements_change_key ON role_requirements(role_id, competence_id, change_id) WHERE change_id IS NOT NULL;

-- An employee's place in their company and their choices about their data.
CREATE TABLE employee_profiles (
    org_id      BIGINT NOT NULL,
    user_id     BIGINT NOT NULL,
    role_id     BIGINT REFERENCES job_roles(id) ON DELETE SET NULL,
    share_with_employer BOOLEAN NOT NULL DEFAULT FALSE,
    manager_may_assess BOOLEAN NOT NULL DEFAULT FALSE,
    consent_changed_at BIGINT,
    -- answers given after this instant belong to the current self-assessment
    round_started_at BIGINT,
    PRIMARY KEY (org_id, user_id),
    FOREIGN KEY (org_id, user_id) REFERENCES org_members(org_id, user_id) ON DELETE CASCADE
);

CREATE TABLE assessments (
    id          INTEGER PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    competence_id BIGINT NOT NULL REFERENCES competences(id) ON DELETE CASCADE,
    level       BIGINT NOT NULL,
    source      TEXT NOT NULL,
    assessed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    assessed_on BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX assessments_person_idx ON assessments(org_id, user_id, competence_id);
CREATE INDEX assessments_competence_idx ON assessments(competence_id);

-- Every read of individual data by someone other than the person.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    subject_user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    actor_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    org_id      BIGINT REFERENCES organizations(id) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    at          BIGINT NOT NULL
);
CREATE INDEX audit_log_subject_idx ON audit_log(subject_user_id, at);
