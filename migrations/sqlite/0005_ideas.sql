-- Module 4: idea campaigns (network-wide idea lab series and competitions,
-- company-internal competitions), their phases, ideas with comments,
-- ratings, follows, official answers, milestones, jury scores, idea labs,
-- and in-platform notifications.

CREATE TABLE idea_campaigns (
    id            INTEGER PRIMARY KEY,
    network_id    BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    -- set for a company-internal competition: only that company's people see it
    org_id        BIGINT REFERENCES organizations(id) ON DELETE CASCADE,
    -- labs (an idea lab series) or competition
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    -- the regional contact person ideas get when the author names none
    contact_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    -- in a company competition: may moderators see who wrote an anonymous idea?
    moderators_see_authors BOOLEAN NOT NULL DEFAULT TRUE,
    results_published_at BIGINT,
    created_by    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX idea_campaigns_network_idx ON idea_campaigns(network_id);

-- Days since the epoch, inclusive; one row per phase the campaign has.
CREATE TABLE idea_phases (
    campaign_id BIGINT NOT NULL REFERENCES idea_campaigns(id) ON DELETE CASCADE,
    phase       TEXT NOT NULL,
    starts_on   BIGINT NOT NULL,
    ends_on     BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, phase)
);

CREATE TABLE idea_categories (
    id          INTEGER PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES idea_campaigns(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    position    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX idea_categories_campaign_idx ON idea_categories(campaign_id);

-- A half-day idea lab: shaped like an event so that registration can be
-- added later (starts_at/ends_at as instants, a place, a capacity).
CREATE TABLE idea_labs (
    id            INTEGER PRIMARY KEY,
    network_id    BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    campaign_id   BIGINT REFERENCES idea_campaigns(id) ON DELETE SET NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    starts_at     BIGINT NOT NULL,
    ends_at       BIGINT NOT NULL,
    place         TEXT NOT NULL,
    district_ags  TEXT NOT NULL,
    -- one organisation per line, as written on the attendance list
    participants  TEXT NOT NULL DEFAULT '',
    capacity      BIGINT,
    created_by    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX idea_labs_network_idx ON idea_labs(network_id);

CREATE TABLE ideas (
    id              INTEGER PRIMARY KEY,
    campaign_id     BIGINT NOT NULL REFERENCES idea_campaigns(id) ON DELETE CASCADE,
    category_id     BIGINT REFERENCES idea_categories(id) ON DELETE SET NULL,
    lab_id          BIGINT REFERENCES idea_labs(id) ON DELETE SET NULL,
    author_id       BIGINT REFERENCES users(id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    -- draft, published, hidden, merged
    state           TEXT NOT NULL,
    anonymous       BOOLEAN NOT NULL DEFAULT FALSE,
    lat             REAL,
    lon             REAL,
    district_ags    TEXT,
    place           TEXT NOT NULL DEFAULT '',
    contact_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    image_alt       TEXT NOT NULL DEFAULT '',
    hidden_reason   TEXT NOT NULL DEFAULT '',
    merged_into     BIGINT REFERENCES ideas(id) ON DELETE SET NULL,
    -- the official answer: received, review, accepted, working_group,
    -- implemented, not_pursued; NULL while none is given
    answer_status   TEXT,
    answer_text     TEXT NOT NULL DEFAULT '',
    answered_by     BIGINT REFERENCES users(id) ON DELETE SET NULL,
    answered_at     BIGINT,
    -- kept with the idea so that lists and exports need no aggregation
    comment_count   BIGINT NOT NULL DEFAULT 0,
    rating_count    BIGINT NOT NULL DEFAULT 0,
    rating_sum      BIGINT NOT NULL DEFAULT 0,
    reviewed        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT NOT NULL,
    published_at    BIGINT,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX ideas_campaign_idx ON ideas(campaign_id, state);
CREATE INDEX ideas_author_idx ON ideas(author_id);
CREATE INDEX ideas_published_idx ON ideas(published_at);

CREATE TABLE idea_images (
    idea_id      BIGINT PRIMARY KEY REFERENCES ideas(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes        BLOB NOT NULL
);

CREATE TABLE idea_comments (
    id            INTEGER PRIMARY KEY,
    idea_id       BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    parent_id     BIGINT REFERENCES idea_comments(id) ON DELETE CASCADE,
    author_id     BIGINT REFERENCES users(id) ON DELETE SET NULL,
    body          TEXT NOT NULL,
    hidden_reason TEXT NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL,
    edited_at     BIGINT
);
CREATE INDEX idea_comments_idea_idx ON idea_comments(idea_id, id);

CREATE TABLE idea_comment_reports (
    comment_id  BIGINT NOT NULL REFERENCES idea_comments(id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    resolved_at BIGINT,
    PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE idea_ratings (
    idea_id    BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    stars      BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (idea_id, user_id)
);

CREATE TABLE idea_follows (
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (idea_id, user_id)
);

CREATE TABLE idea_milestones (
    id          INTEGER PRIMARY KEY,
    idea_id     BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    progress    BIGINT NOT NULL,
    happened_on BIGINT NOT NULL,
    created_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX idea_milestones_idea_idx ON idea_milestones(idea_id);

CREATE TABLE idea_jury_members (
    campaign_id BIGINT NOT NULL REFERENCES idea_campaigns(id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, user_id)
);

CREATE TABLE idea_jury_criteria (
    id          INTEGER PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES idea_campaigns(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    position    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE idea_jury_scores (
    idea_id      BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    criterion_id BIGINT NOT NULL REFERENCES idea_jury_criteria(id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    score        BIGINT NOT NULL,
    PRIMARY KEY (idea_id, criterion_id, user_id)
);

-- Bumped in the same transaction as any change to what the idea map shows,
-- so that every node can tell whether its in-memory map index is current.
CREATE TABLE idea_map_revisions (
    network_id BIGINT PRIMARY KEY REFERENCES networks(id) ON DELETE CASCADE,
    revision   BIGINT NOT NULL
);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    link       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at    BIGINT,
    -- set once the event went out by mail, alone or in a digest
    mailed_at  BIGINT
);
CREATE INDEX notifications_user_idx ON notifications(user_id, id);

CREATE TABLE notification_prefs (
    user_id    BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    -- instant (a mail per event), digest (one a day) or none
    mail       TEXT NOT NULL,
    last_digest_at BIGINT
);
