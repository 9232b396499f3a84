-- A block is against the organisation the member was shown, not against one person: it stops
-- everyone who acts for that entity, colleagues who join later included, and /settings lists
-- it with Unblock. post_id is what the conversation was about, so the list can tell apart
-- organisations it may not name (not in the directory). NULL when that is not known.
CREATE TABLE entity_blocks (
    blocker_id INTEGER NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    post_id INTEGER REFERENCES posts (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (blocker_id, entity_id)
);

-- Each block of a person becomes a block of their entity: the one they act for, or, if they
-- left, the one of their latest post. A person the bot knows no entity of is gone: dropped.
INSERT INTO entity_blocks (blocker_id, entity_id, post_id, created_at)
SELECT blocker_id, entity_id, MAX(post_id), MIN(created_at)
FROM (
    SELECT
        b.blocker_id,
        b.created_at,
        COALESCE(
            (SELECT m.entity_id FROM members m WHERE m.user_id = b.blocked_id),
            (SELECT p.entity_id FROM posts p WHERE p.author_id = b.blocked_id
             ORDER BY p.id DESC LIMIT 1)
        ) AS entity_id,
        (SELECT t.post_id FROM contact_threads t
         WHERE (t.asker_id = b.blocker_id AND t.author_id = b.blocked_id)
            OR (t.asker_id = b.blocked_id AND t.author_id = b.blocker_id)
         ORDER BY t.id DESC LIMIT 1) AS post_id
    FROM contact_blocks b
)
WHERE entity_id IS NOT NULL
GROUP BY blocker_id, entity_id;

DROP TABLE contact_blocks;
