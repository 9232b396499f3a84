-- Entities (the member organisations), the Telegram users who act for them, invites,
-- the audit log, the outbox and PTB's persistence.

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    sectors TEXT NOT NULL DEFAULT '[]',          -- JSON list of sector keys
    municipality TEXT,                            -- municipality key; NULL = outside León
    description TEXT NOT NULL DEFAULT '',
    offer_text TEXT NOT NULL DEFAULT '',
    need_text TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone TEXT,
    website TEXT,
    listed INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'suspended')),
    applied_by INTEGER NOT NULL,
    applied_at TEXT NOT NULL,
    decided_by INTEGER,
    decided_by_name TEXT,
    decided_at TEXT,
    reject_reason TEXT
);
CREATE INDEX entities_status ON entities (status, applied_at);

CREATE TABLE members (
    user_id INTEGER PRIMARY KEY,                 -- Telegram user id
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    role TEXT NOT NULL CHECK (role IN ('owner', 'colleague')),
    first_name TEXT NOT NULL DEFAULT '',
    username TEXT,
    locale TEXT,
    consent_version TEXT NOT NULL,
    consent_at TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    unreachable_at TEXT,
    match_alerts_paused INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX members_entity ON members (entity_id);

CREATE TABLE invites (
    token TEXT PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    created_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_by INTEGER,
    used_at TEXT
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER NOT NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    dedupe_key TEXT NOT NULL UNIQUE,
    chat_id INTEGER NOT NULL,
    locale TEXT NOT NULL,                        -- fallback when the chat is not a member
    message_key TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',           -- JSON
    keyboard TEXT,                               -- JSON rows of buttons, labels as keys
    category TEXT NOT NULL CHECK (category IN ('reply', 'scheduled', 'announcement')),
    batch TEXT,                                  -- groups rows, e.g. one announcement
    not_before TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'ambiguous', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_message_id INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, not_before);
CREATE INDEX outbox_batch ON outbox (batch, status);

CREATE TABLE ptb_user_data (user_id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE ptb_chat_data (chat_id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE ptb_bot_data (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL);
CREATE TABLE ptb_conversations (
    name TEXT NOT NULL,
    conv_key TEXT NOT NULL,                      -- JSON list of the key's parts
    state TEXT NOT NULL,                         -- JSON
    PRIMARY KEY (name, conv_key)
);
