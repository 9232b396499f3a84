-- Whether a side's proposal told them that, if both sides are interested, the other side learns
-- their entity's name (unlisted entities included). Pressing "interested" on such a proposal is
-- consent to show the name; pairs proposed before the notice existed keep 0, and an unlisted
-- entity among them stays "a member of the network".
ALTER TABLE match_sides ADD COLUMN name_notice INTEGER NOT NULL DEFAULT 0;
