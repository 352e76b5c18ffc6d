-- The requirements documents ("ТЗ") the bot's AI drafted from a customer's questionnaire, or why
-- there is none: the answers are kept either way, so a person can write the document when the AI
-- could not. (V5 is another branch's.)
CREATE TABLE requirements_drafts (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    phone    TEXT NOT NULL,
    at       TEXT NOT NULL,
    outcome  TEXT NOT NULL CHECK (outcome IN ('drafted', 'too_small', 'failed')),
    answers  TEXT NOT NULL,
    labels   TEXT NOT NULL,
    document TEXT,
    summary  TEXT,
    reason   TEXT
);
CREATE INDEX requirements_drafts_by_phone ON requirements_drafts (phone, id);
