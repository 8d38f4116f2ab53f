-- Foundation: accounts, sessions, mail outbox, networks, organisations, memberships, API tokens.
-- Times are UTC unix seconds (BIGINT) on both backends so that they compare and sort identically.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    locale          TEXT NOT NULL DEFAULT 'de',
    email_confirmed_at BIGINT,
    is_admin        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions(user_id);

CREATE TABLE user_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX user_tokens_user_idx ON user_tokens(user_id);

CREATE TABLE login_attempts (
    id          INTEGER PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    attempted_at BIGINT NOT NULL
);
CREATE INDEX login_attempts_key_idx ON login_attempts(throttle_key, attempted_at);

CREATE TABLE mail_outbox (
    id          INTEGER PRIMARY KEY,
    to_addr     TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body_text   TEXT NOT NULL,
    -- holds a personal secret link (confirmation, password reset)
    sensitive   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    sent_at     BIGINT,
    last_error  TEXT
);

CREATE TABLE networks (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    min_group_size BIGINT NOT NULL DEFAULT 5,
    created_at  BIGINT NOT NULL,
    CONSTRAINT networks_slug_key UNIQUE (slug)
);

CREATE TABLE network_districts (
    network_id  BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    ags         TEXT NOT NULL,
    PRIMARY KEY (network_id, ags)
);

CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_search TEXT NOT NULL,
    kind        TEXT NOT NULL,
    sector_code TEXT,
    size_class  TEXT,
    description TEXT NOT NULL DEFAULT '',
    website     TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    street      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL,
    city        TEXT NOT NULL,
    district_ags TEXT NOT NULL,
    lat         DOUBLE PRECISION NOT NULL,
    lon         DOUBLE PRECISION NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX organizations_district_idx ON organizations(district_ags);
CREATE INDEX organizations_kind_idx ON organizations(kind);

CREATE TABLE org_locations (
    id          INTEGER PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    street      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL,
    city        TEXT NOT NULL,
    district_ags TEXT NOT NULL,
    lat         DOUBLE PRECISION NOT NULL,
    lon         DOUBLE PRECISION NOT NULL
);
CREATE INDEX org_locations_org_idx ON org_locations(org_id);

CREATE TABLE contact_persons (
    id          INTEGER PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    role_title  TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    is_public   BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX contact_persons_org_idx ON contact_persons(org_id);

CREATE TABLE org_members (
    org_id      BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX org_members_user_idx ON org_members(user_id);

CREATE TABLE network_members (
    network_id  BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    org_id      BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    application_text TEXT NOT NULL DEFAULT '',
    decision_message TEXT NOT NULL DEFAULT '',
    applied_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL,
    decided_at  BIGINT,
    PRIMARY KEY (network_id, org_id)
);
CREATE INDEX network_members_status_idx ON network_members(network_id, status);

CREATE TABLE network_roles (
    network_id  BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    PRIMARY KEY (network_id, user_id, role)
);
CREATE INDEX network_roles_user_idx ON network_roles(user_id);

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,
    role        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    used_by     BIGINT REFERENCES users(id) ON DELETE SET NULL,
    CONSTRAINT invitations_code_key UNIQUE (code_hash)
);
CREATE INDEX invitations_org_idx ON invitations(org_id);

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at  BIGINT,
    CONSTRAINT api_tokens_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user_idx ON api_tokens(user_id);
