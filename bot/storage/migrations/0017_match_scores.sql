-- Members teach the matcher (issue 11): every pair keeps the scores that led to it, so its
-- answers (Interested, Not relevant, "Did you work together?") can be read by score band
-- (`python -m bot match-report`). `relevance` is the text's part of the score; `tier` says
-- whether it was pushed as a strong match or taken up from the possible matches listed under
-- a post; `alert_score` is the cut the bot used then. Pairs proposed before have NULLs.
ALTER TABLE match_pairs ADD COLUMN relevance REAL;
ALTER TABLE match_pairs ADD COLUMN tier TEXT
    CHECK (tier IS NULL OR tier IN ('strong', 'possible'));
ALTER TABLE match_pairs ADD COLUMN alert_score REAL;
