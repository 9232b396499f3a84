-- Advice cases (issue 12): what a member asked the board for, and its thread.
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL,                  -- who asked (a Telegram user id)
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    type TEXT NOT NULL,
    description TEXT NOT NULL,
    contact TEXT NOT NULL,                       -- how they prefer to talk
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'claimed', 'waiting', 'closed')),
    holder_id INTEGER,                           -- the board member who holds it
    holder_name TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    unanswered_since TEXT,                       -- the member's words wait for the board
    closed_at TEXT,
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    rated_at TEXT,
    erased INTEGER NOT NULL DEFAULT 0            -- the member asked to be forgotten
);
CREATE INDEX cases_member ON cases (member_id, id);
CREATE INDEX cases_status ON cases (status, id);

-- The thread: the request's files, the board's answers and the member's, in order.
CREATE TABLE case_entries (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    side TEXT NOT NULL CHECK (side IN ('member', 'board')),
    author_id INTEGER NOT NULL,
    author_name TEXT NOT NULL,                   -- a board member's first name, or the entity
    text TEXT NOT NULL DEFAULT '',
    file_id TEXT,                                -- Telegram's handle of an attached file
    file_kind TEXT,
    file_as_photo INTEGER NOT NULL DEFAULT 0,
    file_name TEXT,
    at TEXT NOT NULL
);
CREATE INDEX case_entries_case ON case_entries (case_id, id);

-- A file sent with an outbox message, and the earlier message it answers (by dedupe key,
-- since its Telegram id is known only once it is sent). JSON; NULL for plain text.
ALTER TABLE outbox ADD COLUMN media TEXT;
