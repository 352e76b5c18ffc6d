-- Conversations of every bot, from the bots' event streams (docs/ARCHITECTURE.md): one row per
-- (bot, customer), their messages in both directions, the funnel's events, and per bot how far its
-- event stream is stored (delivery is idempotent by bot, stream and sequence number).

CREATE TABLE conversations (
    id                 INTEGER PRIMARY KEY,
    bot_id             TEXT    NOT NULL,
    phone              TEXT    NOT NULL,
    name               TEXT,
    state              TEXT    NOT NULL DEFAULT 'bot' CHECK (state IN ('bot', 'needs_person', 'with_person')),
    operator           TEXT,
    reason             TEXT,
    needs_person_since TEXT,
    stage              TEXT,
    segment            TEXT,
    sandbox            INTEGER NOT NULL DEFAULT 0 CHECK (sandbox IN (0, 1)),
    last_message_at    TEXT,
    last_text          TEXT,
    last_direction     TEXT,
    last_inbound_at    TEXT,
    unread             INTEGER NOT NULL DEFAULT 0,
    message_count      INTEGER NOT NULL DEFAULT 0,
    created            TEXT    NOT NULL,
    UNIQUE (bot_id, phone)
);
CREATE INDEX conversations_recent ON conversations (last_message_at);
CREATE INDEX conversations_bot_recent ON conversations (bot_id, last_message_at);
CREATE INDEX conversations_state_recent ON conversations (state, last_message_at);

CREATE TABLE conversation_messages (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    event_seq       INTEGER NOT NULL,  -- the bot's event number
    direction       TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    author          TEXT    NOT NULL,  -- customer | bot | the operator's username
    at              TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    wamid           TEXT,
    text            TEXT,              -- removed after the bot's retention period (counts are kept)
    payload         TEXT
);
CREATE INDEX conversation_messages_thread ON conversation_messages (conversation_id, id);
CREATE INDEX conversation_messages_at ON conversation_messages (at);

CREATE TABLE funnel_events (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    event_seq       INTEGER NOT NULL,
    at              TEXT    NOT NULL,
    event           TEXT    NOT NULL,
    data            TEXT    NOT NULL DEFAULT '{}',
    stage           TEXT,
    segment         TEXT
);
CREATE INDEX funnel_events_conversation ON funnel_events (conversation_id, id);
CREATE INDEX funnel_events_at ON funnel_events (at, event);

CREATE TABLE event_streams (
    bot_id      TEXT    PRIMARY KEY,
    stream      TEXT    NOT NULL,
    last_seq    INTEGER NOT NULL,
    received_at TEXT    NOT NULL,
    lag_ms      INTEGER
);
