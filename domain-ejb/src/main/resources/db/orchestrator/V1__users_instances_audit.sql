-- Orchestrator schema, version 1: people, bot instances and the audit trail.
-- Times are ISO-8601 UTC text; booleans are 0/1; JSON columns hold compact JSON text.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'user', 'web', 'guest')),
    enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    language      TEXT,
    created       TEXT    NOT NULL,
    updated       TEXT    NOT NULL
);

CREATE TABLE whatsapp_instances (
    id                TEXT    PRIMARY KEY,
    name              TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    description       TEXT,
    enabled           INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    auto_start        INTEGER NOT NULL DEFAULT 0 CHECK (auto_start IN (0, 1)),
    owner_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    mode              TEXT    NOT NULL DEFAULT 'sandbox' CHECK (mode IN ('sandbox', 'live')),
    phone_number_id   TEXT,
    waba_id           TEXT,
    access_token      TEXT,   -- AES-GCM ciphertext, never plain
    verify_token      TEXT,   -- AES-GCM ciphertext, never plain
    app_secret        TEXT,   -- AES-GCM ciphertext, never plain
    webhook_port      INTEGER NOT NULL DEFAULT 8003 UNIQUE CHECK (webhook_port BETWEEN 1024 AND 65535),
    graph_api_version TEXT    NOT NULL DEFAULT 'v23.0',
    llm_backend       TEXT    NOT NULL DEFAULT 'vllm',
    system_prompt     TEXT,
    llm_params        TEXT    NOT NULL DEFAULT '{}',
    tts_enabled       INTEGER NOT NULL DEFAULT 0 CHECK (tts_enabled IN (0, 1)),
    tts_engine        TEXT    NOT NULL DEFAULT 'espeak',
    tts_voice         TEXT    NOT NULL DEFAULT 'anna',
    tts_preset        TEXT,
    allowed_phones    TEXT    NOT NULL DEFAULT '[]',
    blocked_phones    TEXT    NOT NULL DEFAULT '[]',
    rate_limit_count  INTEGER NOT NULL DEFAULT 5 CHECK (rate_limit_count >= 1),
    rate_limit_hours  INTEGER NOT NULL DEFAULT 5 CHECK (rate_limit_hours >= 1),
    created           TEXT    NOT NULL,
    updated           TEXT    NOT NULL
);

CREATE INDEX whatsapp_instances_owner ON whatsapp_instances (owner_id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    instance_id TEXT,
    details     TEXT
);

CREATE INDEX audit_log_at ON audit_log (at);
