-- When a member who had blocked the bot (unreachable_at set) wrote to it again: the next
-- announcement's report names who came back. NULL: never unreachable, or before this column.
ALTER TABLE members ADD COLUMN returned_at TEXT;
