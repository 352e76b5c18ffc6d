-- The bot's own bookkeeping, next to the funnel tables in wa_sales_<id>.db (own history table
-- bot_schema_history). Times are ISO-8601 UTC text.

-- Every message Meta delivered, once (the wamid dedupes Meta's at-least-once retries). A row is
-- 'pending' when acknowledged, 'planned' when the funnel step and the replies to send are
-- committed together, 'done' when every reply was accepted by the Graph API. 'blocked',
-- 'not_allowed' and 'ignored' rows get no reply; 'failed' rows hit a non-retryable Graph error.
CREATE TABLE inbox (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    wamid         TEXT    NOT NULL UNIQUE,
    phone         TEXT    NOT NULL,
    profile_name  TEXT,
    type          TEXT    NOT NULL,
    received_at   TEXT    NOT NULL,
    raw           TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'pending',
    plan          TEXT,
    sent          INTEGER NOT NULL DEFAULT 0,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  TEXT,
    last_error    TEXT,
    done_at       TEXT
);
CREATE INDEX inbox_open ON inbox (state, seq);

-- Statuses Meta reported for messages this bot sent (deduped on message id + status).
CREATE TABLE statuses (
    message_id  TEXT NOT NULL,
    status      TEXT NOT NULL,
    at          TEXT NOT NULL,
    recipient   TEXT,
    error_code  INTEGER,
    error_title TEXT,
    raw         TEXT NOT NULL,
    PRIMARY KEY (message_id, status)
);

-- What this bot sent and what became of it.
CREATE TABLE outbound (
    wamid       TEXT PRIMARY KEY,
    phone       TEXT NOT NULL,
    type        TEXT NOT NULL,
    in_reply_to TEXT,
    sent_at     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'accepted',
    error_code  INTEGER,
    error_title TEXT
);
CREATE INDEX outbound_phone ON outbound (phone, sent_at);

-- Per user: when they last wrote (the 24-hour window) and whether Meta said the window is closed.
CREATE TABLE conversations (
    phone          TEXT PRIMARY KEY,
    last_inbound   TEXT,
    window_closed  INTEGER NOT NULL DEFAULT 0,
    limit_notified TEXT
);

-- AI answers given, for the sliding-window rate limit (survives restarts).
CREATE TABLE ai_answers (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    phone TEXT NOT NULL,
    at    TEXT NOT NULL
);
CREATE INDEX ai_answers_phone ON ai_answers (phone, at);

-- The AI conversation per user (the system prompt is the orchestrator's).
CREATE TABLE ai_history (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    phone   TEXT NOT NULL,
    role    TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX ai_history_phone ON ai_history (phone, id);
