-- A queued message can carry a file Telegram already holds (a post's photo or PDF shown to
-- the board or the channel after its card): {"kind": "photo"|"document", "file_id": ...}.
ALTER TABLE outbox ADD COLUMN attachment TEXT;
