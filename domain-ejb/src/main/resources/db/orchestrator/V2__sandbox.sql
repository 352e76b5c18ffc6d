-- The local Cloud API sandbox: everything it saw per bot (both directions) and uploaded media.
-- Rows go with their bot (ON DELETE CASCADE); the panel and the test-chat API can clear them.

CREATE TABLE sandbox_messages (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT    NOT NULL REFERENCES whatsapp_instances (id) ON DELETE CASCADE,
    phone       TEXT    NOT NULL,
    direction   TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    at          TEXT    NOT NULL,
    wamid       TEXT,
    payload     TEXT    NOT NULL,
    valid       INTEGER NOT NULL DEFAULT 1 CHECK (valid IN (0, 1)),
    errors      TEXT    NOT NULL DEFAULT '[]',
    status      TEXT
);

CREATE INDEX sandbox_messages_conversation ON sandbox_messages (instance_id, phone, seq);
CREATE INDEX sandbox_messages_wamid ON sandbox_messages (wamid);

CREATE TABLE sandbox_media (
    id          TEXT    PRIMARY KEY,
    instance_id TEXT    NOT NULL REFERENCES whatsapp_instances (id) ON DELETE CASCADE,
    mime_type   TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    created     TEXT    NOT NULL,
    data        BLOB    NOT NULL
);
