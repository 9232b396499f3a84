-- Matching (issue 5): a need and an offer proposed to each other, the double opt-in
-- introduction, the follow-up questions, and the daily rescan's log.

-- One row per (need, offer) pair ever proposed. pair_key is the two post ids in ascending
-- order, so the pair is the same whichever post found the other: never proposed twice.
CREATE TABLE match_pairs (
    id INTEGER PRIMARY KEY,
    pair_key TEXT NOT NULL UNIQUE,
    need_post_id INTEGER NOT NULL REFERENCES posts (id),
    offer_post_id INTEGER NOT NULL REFERENCES posts (id),
    score REAL NOT NULL,
    shared_terms TEXT NOT NULL DEFAULT '[]',     -- JSON list: the engine's "why"
    same_municipality INTEGER NOT NULL DEFAULT 0,
    same_comarca INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'proposed'
        CHECK (status IN ('proposed', 'declined', 'introduced', 'withdrawn')),
    proposed_at TEXT NOT NULL,
    introduced_at TEXT,
    ended_at TEXT                                -- declined or withdrawn
);
CREATE INDEX match_pairs_proposed ON match_pairs (proposed_at);
CREATE INDEX match_pairs_introduced ON match_pairs (introduced_at);

-- The two sides of a pair: each post's author when it was proposed, their answer, and the
-- follow-up questions after an introduction (asked once, once more after "not yet").
CREATE TABLE match_sides (
    pair_id INTEGER NOT NULL REFERENCES match_pairs (id),
    side TEXT NOT NULL CHECK (side IN ('need', 'offer')),
    user_id INTEGER NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    post_id INTEGER NOT NULL REFERENCES posts (id),
    answer TEXT CHECK (answer IS NULL OR answer IN ('interested', 'not_relevant')),
    answered_at TEXT,
    followup_due_at TEXT,                        -- when to ask next; NULL: nothing to ask
    followup_round INTEGER NOT NULL DEFAULT 0,   -- questions asked so far
    outcome_round INTEGER NOT NULL DEFAULT 0,    -- the question last answered
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('yes', 'no', 'not_yet')),
    outcome_at TEXT,
    PRIMARY KEY (pair_id, side)
);
CREATE INDEX match_sides_followup ON match_sides (followup_due_at);
CREATE INDEX match_sides_outcome ON match_sides (outcome, outcome_at);

-- The daily rescan of recent posts: one row per run, so "is it due?" survives restarts.
CREATE TABLE match_rescans (
    id INTEGER PRIMARY KEY,
    ran_at TEXT NOT NULL,
    posts INTEGER NOT NULL,
    proposed INTEGER NOT NULL
);
CREATE INDEX match_rescans_ran ON match_rescans (ran_at);

-- The live index catches up on posts changed since it last looked.
CREATE INDEX posts_updated ON posts (updated_at);
