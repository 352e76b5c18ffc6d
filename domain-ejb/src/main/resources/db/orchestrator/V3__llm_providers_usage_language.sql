-- AI routing: stored LLM providers (API keys encrypted at rest like bot secrets), one usage row
-- per upstream call (pruned after 90 days), and two bot settings: the fallback provider and the
-- bot's language (default persona prompt and TTS voices).

CREATE TABLE llm_providers (
    id         TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    type       TEXT    NOT NULL CHECK (type IN ('openai-compatible', 'gemini', 'anthropic')),
    base_url   TEXT    NOT NULL,
    model      TEXT,
    api_key    TEXT,   -- AES-GCM ciphertext, never plain
    enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    owner_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created    TEXT    NOT NULL,
    updated    TEXT    NOT NULL
);

CREATE INDEX llm_providers_owner ON llm_providers (owner_id);

CREATE TABLE llm_usage (
    id                INTEGER PRIMARY KEY,
    at                TEXT    NOT NULL,
    instance_id       TEXT,              -- null: a provider test from the admin API
    backend           TEXT    NOT NULL,  -- vllm | gemini | cloud:{provider_id}
    model             TEXT,
    ok                INTEGER NOT NULL CHECK (ok IN (0, 1)),
    error             TEXT,              -- auth | rate_limit | timeout | server | bad_request | unreachable | config | other
    http_status       INTEGER,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    latency_ms        INTEGER NOT NULL
);

CREATE INDEX llm_usage_at ON llm_usage (at);
CREATE INDEX llm_usage_instance_at ON llm_usage (instance_id, at);

ALTER TABLE whatsapp_instances ADD COLUMN llm_fallback TEXT REFERENCES llm_providers (id) ON DELETE SET NULL;
ALTER TABLE whatsapp_instances ADD COLUMN language TEXT NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en'));
