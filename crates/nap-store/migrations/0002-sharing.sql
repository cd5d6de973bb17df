-- Sharing copies of a plan between ministries (see docs/sharing.md).

-- What this copy is: an original (no row, or base_id NULL), or a copy sent from a plan,
-- possibly scoped to one agency's part.
CREATE TABLE copy_info (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    base_id TEXT,
    scope_agency_id TEXT,
    sent_by TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    note TEXT NOT NULL
);

-- The plan as it was when a copy was sent: the common ancestor of a three-way merge. The
-- sender keeps it, and the copy carries it too, so either side can merge the other.
CREATE TABLE sync_base (
    id TEXT PRIMARY KEY NOT NULL,
    created TEXT NOT NULL,
    created_by TEXT NOT NULL,
    to_agency TEXT,
    note TEXT NOT NULL,
    plan_json TEXT NOT NULL
);

-- Every merge: who, when, from which file, and the plan before it, so it can be undone.
CREATE TABLE merge_log (
    id TEXT PRIMARY KEY NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    from_file TEXT NOT NULL,
    base_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_hash TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
