-- The M&E reporting calendar: which reports are due when, from whom, to whom.

CREATE TABLE reporting_event (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    title LOCALTEXT NOT NULL, title_l2 TEXT,
    frequency TEXT NOT NULL,
    due TEXT NOT NULL,
    responsible_agency_id TEXT REFERENCES agency(id),
    recipient TEXT NOT NULL
);
