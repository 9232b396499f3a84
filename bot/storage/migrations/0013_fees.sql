-- Membership fees, voluntary contributions and subsidies; "I've paid" claims; receipts.
-- Money is integer cents.

-- One entity's fee for one year, fixed when the year is opened for it (a later change of the
-- network file does not rewrite what was asked).
CREATE TABLE fees (
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    year INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    due_on TEXT NOT NULL,                        -- local date
    grace_days INTEGER NOT NULL,
    opened_at TEXT NOT NULL,
    -- Paid, exempted, or every notice offered: the due scan no longer looks at it.
    settled_at TEXT,
    exempt_reason TEXT,
    exempted_by INTEGER,
    exempted_by_name TEXT,
    exempted_at TEXT,
    PRIMARY KEY (entity_id, year)
);
CREATE INDEX fees_open ON fees (settled_at, year);
CREATE INDEX fees_year ON fees (year, entity_id);

-- Money received: fees and contributions of an entity, subsidies from outside.
CREATE TABLE income (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('fee', 'contribution', 'subsidy')),
    entity_id INTEGER REFERENCES entities (id),  -- NULL for a subsidy
    year INTEGER NOT NULL,                       -- the fee's year; else the year received
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    received_on TEXT NOT NULL,                   -- local date
    method TEXT NOT NULL DEFAULT 'transfer' CHECK (method IN ('transfer', 'direct_debit')),
    reference TEXT,
    source TEXT,                                 -- a subsidy's funder
    note TEXT,
    receipt_year INTEGER,                        -- receipts: gapless per year
    receipt_number INTEGER,
    recorded_by INTEGER NOT NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (receipt_year, receipt_number),
    CHECK ((kind = 'subsidy') = (entity_id IS NULL))
);
CREATE INDEX income_entity ON income (entity_id, year);
CREATE INDEX income_year ON income (year, kind);

-- A member's "I've paid", waiting for the board's Confirm or Not received.
CREATE TABLE fee_claims (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    year INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    reference TEXT,
    claimed_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'confirmed', 'not_received')),
    decided_by INTEGER,
    decided_by_name TEXT,
    decided_at TEXT,
    income_id INTEGER REFERENCES income (id)
);
CREATE INDEX fee_claims_entity ON fee_claims (entity_id, year, status);
CREATE INDEX fee_claims_user ON fee_claims (user_id);
