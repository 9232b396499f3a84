-- Who reported which relayed message, and when: before this, a report lived only in the
-- board's outbox message, so a person's copy of their data (/mydata) could not include it.
CREATE TABLE contact_reports (
    message_id INTEGER NOT NULL REFERENCES contact_messages (id),
    reporter_id INTEGER NOT NULL,
    reported_at TEXT NOT NULL,
    PRIMARY KEY (message_id, reporter_id)
);
CREATE INDEX contact_reports_reporter ON contact_reports (reporter_id);

-- Reports made before: only a message's recipient (the other side of its thread) may report
-- it, and the board's outbox row says which message and when.
INSERT INTO contact_reports (message_id, reporter_id, reported_at)
SELECT m.id,
       CASE WHEN m.sender_id = t.asker_id THEN t.author_id ELSE t.asker_id END,
       o.created_at
FROM outbox o
JOIN contact_messages m ON o.dedupe_key = 'contact-report:' || m.id
JOIN contact_threads t ON t.id = m.thread_id
WHERE o.dedupe_key LIKE 'contact-report:%'
ON CONFLICT DO NOTHING;
