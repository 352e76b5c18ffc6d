-- Conversation events for the orchestrator (docs/ARCHITECTURE.md, "two HTTP directions"): written
-- in the same transaction as the work that caused them, delivered in order, deleted once the
-- orchestrator acknowledged them. AUTOINCREMENT: numbers are never reused after a delete.
CREATE TABLE outbox (
    seq   INTEGER PRIMARY KEY AUTOINCREMENT,
    at    TEXT NOT NULL,
    phone TEXT NOT NULL,
    body  TEXT NOT NULL
);

-- This database's event stream: the orchestrator keeps its progress per stream, so a bot whose
-- database was replaced starts a new stream instead of being taken for a duplicate.
CREATE TABLE event_stream (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    stream TEXT NOT NULL
);
INSERT INTO event_stream (id, stream) VALUES (1, lower(hex(randomblob(16))));

-- Who answers each customer: the bot, or a person who took the conversation over.
CREATE TABLE handoff (
    phone          TEXT PRIMARY KEY,
    state          TEXT NOT NULL CHECK (state IN ('needs_person', 'with_person')),
    operator       TEXT,
    reason         TEXT,
    since          TEXT NOT NULL,
    last_person_at TEXT
);

-- Messages a person (through the orchestrator) asked the bot to send are planned rows of the inbox
-- too, worked in the customer's lane: author is the operator's username (NULL: the bot), type
-- 'Operator', raw the command.
ALTER TABLE inbox ADD COLUMN author TEXT;
