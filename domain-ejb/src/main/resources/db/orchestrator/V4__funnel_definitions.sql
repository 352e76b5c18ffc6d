-- A bot's own funnel definition (JSON), replacing the default of its language. Validated before
-- it is stored; the bot reads it at start.
CREATE TABLE funnel_definitions (
    instance_id TEXT PRIMARY KEY REFERENCES whatsapp_instances (id) ON DELETE CASCADE,
    definition  TEXT NOT NULL,
    updated     TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
