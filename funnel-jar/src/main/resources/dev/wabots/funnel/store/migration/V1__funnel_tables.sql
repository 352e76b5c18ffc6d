-- Funnel tables of docs/FUNNEL.md. Timestamps are ISO-8601 UTC text with milliseconds
-- ("2025-06-01T12:00:00.000Z"): fixed width, so text order is time order.
CREATE TABLE users (
    user_id          TEXT PRIMARY KEY,
    segment          TEXT,
    sub_segment      TEXT,
    quiz_tech        TEXT,
    quiz_infra       TEXT,
    funnel_state     TEXT,
    funnel_completed INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    last_activity    TEXT NOT NULL
);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY, -- rowid: no AUTOINCREMENT, which costs a write per insert
    user_id    TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    event_data TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);

CREATE INDEX events_by_time ON events (created_at, event_type);
CREATE INDEX events_by_user ON events (user_id);

CREATE TABLE custom_discovery (
    user_id             TEXT PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    step_1_task         TEXT,
    step_2_volume       TEXT,
    step_3_integrations TEXT NOT NULL DEFAULT '[]',
    step_4_timeline     TEXT,
    step_5_budget       TEXT,
    completed           INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
