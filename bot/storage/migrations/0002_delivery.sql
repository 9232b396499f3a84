-- Delivery: when a queued message stops being worth sending, and board announcements.

-- A reminder that would arrive too late (after the summit started) is dropped, not sent.
ALTER TABLE outbox ADD COLUMN expires_at TEXT;

CREATE TABLE announcements (
    id INTEGER PRIMARY KEY,
    text_html TEXT NOT NULL,                     -- the board's own text as Telegram HTML
    audience TEXT NOT NULL DEFAULT '{"kind":"all"}',  -- JSON: kind and key
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'running', 'cancelled', 'done')),
    board_chat_id INTEGER NOT NULL,
    progress_message_id INTEGER,                 -- the board message edited while sending
    created_by INTEGER NOT NULL,
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    confirmed_by INTEGER,
    confirmed_at TEXT,
    reported_at TEXT,                            -- the final report was queued
    total INTEGER NOT NULL DEFAULT 0,
    sent INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    ambiguous INTEGER NOT NULL DEFAULT 0,
    cancelled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX announcements_unreported ON announcements (reported_at, status);
