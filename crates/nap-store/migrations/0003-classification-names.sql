-- The plan's own names for budget classification codes (GFS economic, COFOG functional):
-- above all the Ministry of Finance's terms in the second language. One row per scheme and
-- code; the id is derived from them (see ClassificationName::id_for).

CREATE TABLE classification_name (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    scheme TEXT NOT NULL,
    code TEXT NOT NULL,
    name LOCALTEXT NOT NULL, name_l2 TEXT,
    UNIQUE (scheme, code)
);
