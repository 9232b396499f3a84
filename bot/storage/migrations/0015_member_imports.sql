-- Organisations the board brought in from its existing member list (python -m bot
-- import-members, or the CSV sent to the board group): each has a one-time link with which
-- the person who acts for it checks the prefilled profile and becomes its owner.
CREATE TABLE entity_imports (
    token TEXT PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    imported_by INTEGER NOT NULL,                -- board member's Telegram id; 0 = command line
    imported_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    claimed_by INTEGER,                          -- who opened the link and became the owner
    claimed_at TEXT
);
CREATE INDEX entity_imports_entity ON entity_imports (entity_id);
