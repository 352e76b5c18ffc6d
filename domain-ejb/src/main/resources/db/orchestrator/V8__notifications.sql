-- Alerts to a bot's owner: any number of channels per bot (Telegram, e-mail, an outgoing webhook
-- for CRMs), each with the events it wants and its delivery state; and the deliveries still to
-- make, retried with backoff (they survive a restart and never hold up message processing).

CREATE TABLE notification_channels (
    id              TEXT    PRIMARY KEY,
    bot_id          TEXT    NOT NULL,
    type            TEXT    NOT NULL CHECK (type IN ('telegram', 'email', 'webhook')),
    name            TEXT    NOT NULL,
    enabled         INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    events          TEXT    NOT NULL,  -- JSON array of event names
    config          TEXT    NOT NULL,  -- JSON; secrets inside are AES-GCM sealed
    public_only     INTEGER NOT NULL DEFAULT 0 CHECK (public_only IN (0, 1)),
    last_success_at TEXT,
    last_error      TEXT,
    last_error_at   TEXT,
    created         TEXT    NOT NULL,
    updated         TEXT    NOT NULL
);
CREATE INDEX notification_channels_bot ON notification_channels (bot_id);

CREATE TABLE pending_notifications (
    id           INTEGER PRIMARY KEY,
    channel_id   TEXT    NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
    event        TEXT    NOT NULL,
    payload      TEXT    NOT NULL,  -- the notice as JSON
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt TEXT    NOT NULL,
    created      TEXT    NOT NULL
);
CREATE INDEX pending_notifications_due ON pending_notifications (next_attempt);
