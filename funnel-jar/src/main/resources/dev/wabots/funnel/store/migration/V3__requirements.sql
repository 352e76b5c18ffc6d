-- The requirements questionnaire ("ТЗ") of a user, like custom_discovery: the answers by step key
-- in step order (JSON object), and whether the last step was answered.
CREATE TABLE requirements (
    user_id    TEXT PRIMARY KEY,
    answers    TEXT NOT NULL DEFAULT '{}',
    completed  INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
