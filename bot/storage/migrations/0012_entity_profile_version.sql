-- The match index catches up with the entities whose status or "we offer"/"we need" text
-- changed by asking for the versions after the last one it saw, instead of reading every
-- entity on each publish and every minute (issue 10 item 1). One counter runs over all
-- entities: each change takes the next number, so "after n" finds every later change.
ALTER TABLE entities ADD COLUMN profile_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entities_profile_version ON entities (profile_version);

CREATE TRIGGER entities_profile_changed AFTER UPDATE OF status, offer_text, need_text ON entities
WHEN old.status IS NOT new.status OR old.offer_text IS NOT new.offer_text
    OR old.need_text IS NOT new.need_text
BEGIN
    UPDATE entities SET profile_version = (SELECT MAX(profile_version) FROM entities) + 1
    WHERE id = new.id;
END;
