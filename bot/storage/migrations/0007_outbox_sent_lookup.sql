-- Which outbox row a chat's message is, so that Telegram's own reply to a relayed message can
-- be placed in its contact thread (one lookup per reply, by index).
CREATE INDEX outbox_sent ON outbox (chat_id, sent_message_id) WHERE sent_message_id IS NOT NULL;
