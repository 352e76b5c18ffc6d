-- Leads: every customer who entered a bot's funnel, kept up to date from the bot's funnel events
-- (answers, segment, path, quote, checkout, payment link), with the owner's status and notes.
-- Payments: YooMoney notifications, matched to a lead by their label, or kept unmatched for admins;
-- told_at: when the bot confirmed it to the customer (told_error: why it could not).
-- Profile: a bot's business profile (contacts, links, prices, YooMoney wallet; its secret sealed).

CREATE TABLE leads (
    id              INTEGER PRIMARY KEY,
    bot_id          TEXT    NOT NULL,
    phone           TEXT    NOT NULL,
    name            TEXT,
    first_at        TEXT    NOT NULL,
    last_at         TEXT    NOT NULL,
    segment         TEXT,
    sub_segment     TEXT,
    path            TEXT,
    stage           TEXT,
    quiz            TEXT    NOT NULL DEFAULT '{}',
    gpu             TEXT,
    discovery       TEXT    NOT NULL DEFAULT '{}',
    requirements    TEXT    NOT NULL DEFAULT '{}',
    quote_low       INTEGER,
    quote_high      INTEGER,
    quote           TEXT,
    checkout_at     TEXT,
    payment_sum     INTEGER,
    payment_label   TEXT,
    payment_sent_at TEXT,
    paid_amount     TEXT,
    paid_at         TEXT,
    payment_flag    TEXT,
    status          TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'won', 'lost')),
    notes           TEXT,
    events          INTEGER NOT NULL DEFAULT 0,
    UNIQUE (bot_id, phone)
);
CREATE INDEX leads_recent ON leads (last_at);
CREATE INDEX leads_bot_recent ON leads (bot_id, last_at);

CREATE TABLE payments (
    id            INTEGER PRIMARY KEY,
    operation_id  TEXT    NOT NULL UNIQUE,
    received_at   TEXT    NOT NULL,
    label         TEXT,
    amount        TEXT    NOT NULL,
    withdraw      TEXT,
    currency      TEXT,
    sender        TEXT,
    codepro       INTEGER NOT NULL DEFAULT 0,
    operation_at  TEXT,
    bot_id        TEXT,
    lead_id       INTEGER,
    matched       INTEGER NOT NULL DEFAULT 0 CHECK (matched IN (0, 1)),
    flag          TEXT,
    told_at       TEXT,
    told_error    TEXT
);
CREATE INDEX payments_unmatched ON payments (matched, received_at);
CREATE INDEX payments_untold ON payments (told_at, received_at);

ALTER TABLE whatsapp_instances ADD COLUMN profile TEXT;
