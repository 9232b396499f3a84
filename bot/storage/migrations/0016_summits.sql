-- Summits and events, and who answered what. Times are UTC ISO 8601 (bot/storage/codec.py).
-- sequence is raised on every change attendees are told about: it is the .ics SEQUENCE.
-- A member's own event has its organising entity and starts as 'proposed' until the board
-- approves it (published) or rejects it with a reason.

CREATE TABLE summits (
    id INTEGER PRIMARY KEY,
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'proposed', 'published', 'rejected', 'cancelled')),
    title_es TEXT,
    title_en TEXT,
    description_es TEXT,
    description_en TEXT,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    place TEXT,
    map_url TEXT,
    online_url TEXT,
    capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
    rsvp_deadline TEXT,
    sequence INTEGER NOT NULL DEFAULT 0,
    organiser_entity_id INTEGER REFERENCES entities (id),
    audience TEXT,                               -- JSON Audience; NULL: every member
    reject_reason TEXT,
    decided_by INTEGER,
    created_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    published_at TEXT
);
CREATE INDEX summits_by_start ON summits (status, starts_at);

-- answered_at: when the current state began; the waitlist is served in that order.
CREATE TABLE summit_rsvps (
    summit_id INTEGER NOT NULL REFERENCES summits (id),
    user_id INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('going', 'maybe', 'not_going', 'waitlisted')),
    answered_at TEXT NOT NULL,
    attended INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (summit_id, user_id)
);
CREATE INDEX summit_rsvps_by_user ON summit_rsvps (user_id);
CREATE INDEX summit_rsvps_by_state ON summit_rsvps (summit_id, state, answered_at);

-- A file sent with an outbox message, made at send time from what it names (JSON such as
-- {"kind": "summit_ics", "ref": 12}): a summit's .ics goes with the notice of its change.
ALTER TABLE outbox ADD COLUMN attachment TEXT;

-- What the board shares after a summit: a file (a Telegram file id) or a text with links.
CREATE TABLE summit_materials (
    id INTEGER PRIMARY KEY,
    summit_id INTEGER NOT NULL REFERENCES summits (id),
    kind TEXT NOT NULL CHECK (kind IN ('document', 'text')),
    file_id TEXT,
    file_name TEXT,
    text TEXT,
    added_by INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX summit_materials_by_summit ON summit_materials (summit_id, id);

-- Attendees' feedback, asked once: a score of 1 to 5 and an optional comment.
CREATE TABLE summit_feedback (
    summit_id INTEGER NOT NULL REFERENCES summits (id),
    user_id INTEGER NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (summit_id, user_id)
);
CREATE INDEX summit_feedback_by_user ON summit_feedback (user_id);
