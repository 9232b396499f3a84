-- The municipality an entity outside León province gave, as typed ("Madrid"), so it is kept
-- and shown instead of a bare "outside the province". NULL inside the province.
ALTER TABLE entities ADD COLUMN place_outside TEXT;
