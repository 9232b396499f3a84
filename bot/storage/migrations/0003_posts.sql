-- Marketplace (issue 4): needs and offers, their full-text index, contact threads between
-- members, blocks, and the collaborations recorded when a post is fulfilled.

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('need', 'offer')),
    author_id INTEGER NOT NULL,                  -- Telegram user id of the member who wrote it
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    sector TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    place_kind TEXT NOT NULL
        CHECK (place_kind IN ('municipality', 'comarca', 'province', 'online')),
    place_key TEXT,                              -- municipality or comarca key
    comarca TEXT,                                -- the comarca of place_key, for filtering
    needed_by TEXT,                              -- ISO date (needs)
    urgent INTEGER NOT NULL DEFAULT 0,           -- needs
    conditions TEXT,                             -- conditions or price (offers)
    member_discount TEXT,                        -- discount for members (offers)
    file_id TEXT,                                -- Telegram file_id of a photo or PDF
    file_kind TEXT CHECK (file_kind IS NULL OR file_kind IN ('photo', 'document')),
    expiry_days INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN
        ('pending', 'active', 'paused', 'closed', 'removed', 'rejected', 'expired')),
    close_reason TEXT CHECK (close_reason IS NULL OR close_reason IN ('withdrawn', 'fulfilled')),
    status_reason TEXT,                          -- the board's reason to reject or remove
    decided_by INTEGER,
    decided_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    published_at TEXT,
    expires_at TEXT,
    search_terms TEXT NOT NULL DEFAULT ''        -- folded, stemmed words for posts_fts
);
CREATE INDEX posts_listing ON posts (status, kind, published_at);
CREATE INDEX posts_author ON posts (author_id, created_at);
CREATE INDEX posts_entity ON posts (entity_id, status);
CREATE INDEX posts_expiry ON posts (status, expires_at);

-- The words are folded and stemmed in Python (bot/domain/search.py); the tokenizer only
-- splits them, and remove_diacritics keeps it safe should an accent slip through.
CREATE VIRTUAL TABLE posts_fts USING fts5 (
    search_terms,
    content = 'posts',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts (rowid, search_terms) VALUES (new.id, new.search_terms);
END;

CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, search_terms)
    VALUES ('delete', old.id, old.search_terms);
END;

CREATE TRIGGER posts_fts_update AFTER UPDATE OF search_terms ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, search_terms)
    VALUES ('delete', old.id, old.search_terms);
    INSERT INTO posts_fts (rowid, search_terms) VALUES (new.id, new.search_terms);
END;

-- One thread per (post, member who wrote about it); messages are relayed by the bot so
-- neither side sees the other's details until they press "Share my contact".
CREATE TABLE contact_threads (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts (id),
    asker_id INTEGER NOT NULL,
    author_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    asker_shared_at TEXT,
    author_shared_at TEXT,
    UNIQUE (post_id, asker_id)
);
CREATE INDEX contact_threads_author ON contact_threads (author_id);

CREATE TABLE contact_messages (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES contact_threads (id),
    sender_id INTEGER NOT NULL,
    text TEXT NOT NULL,                          -- kept so a report can show the board what was said
    sent_at TEXT NOT NULL
);
CREATE INDEX contact_messages_sender ON contact_messages (sender_id, sent_at);

CREATE TABLE contact_blocks (
    blocker_id INTEGER NOT NULL,
    blocked_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);

-- Two member entities that worked together; post_id is NULL when it did not start from a post.
CREATE TABLE collaborations (
    id INTEGER PRIMARY KEY,
    post_id INTEGER UNIQUE REFERENCES posts (id),
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    partner_entity_id INTEGER NOT NULL REFERENCES entities (id),
    recorded_by INTEGER NOT NULL,
    recorded_at TEXT NOT NULL
);
