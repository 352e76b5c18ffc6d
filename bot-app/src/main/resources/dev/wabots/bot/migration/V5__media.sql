-- Files customers sent (issue 19): one row per inbound media message. The row stays after the
-- retention job removed the file, so the conversation still says what was received.
CREATE TABLE media (
    wamid              TEXT PRIMARY KEY,
    phone              TEXT NOT NULL,
    kind               TEXT NOT NULL,
    mime_type          TEXT,
    filename           TEXT,
    size               INTEGER,
    sha256             TEXT,
    -- relative to the bot's media folder; NULL when never stored or removed
    path               TEXT,
    state              TEXT NOT NULL CHECK (state IN ('stored', 'refused', 'removed')),
    -- why it was refused: too_large | wrong_type | not_what_it_claims | download_failed
    refusal            TEXT,
    reason             TEXT,
    transcript         TEXT,
    transcript_problem TEXT,
    received_at        TEXT NOT NULL
);
CREATE INDEX media_stored_by_time ON media (received_at) WHERE path IS NOT NULL;
