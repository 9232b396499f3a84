-- Listings read posts through an index instead of walking every live post (issue 10).
-- The listed posts, newest first within a kind, with every column a listing filters on:
-- /needs and /offers count and page from this index alone, whatever sector or place filter is
-- on, and a page stops after its rows. (status is listed too: SQLite counts an index as
-- covering only if it holds every column the query names, the partial WHERE's included.)
-- A search starts from posts_fts instead and looks each hit up by id (bot/storage/posts.py).
CREATE INDEX posts_listed ON posts (
    kind, published_at, id, expires_at, sector, place_kind, place_key, comarca, status
) WHERE status = 'active';
-- (status, kind, published_at): what posts_listed now does; status lookups use posts_expiry.
DROP INDEX posts_listing;
