-- Delivery: board announcements sent through the outbox.

CREATE TABLE announcements (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL DEFAULT ''
);
