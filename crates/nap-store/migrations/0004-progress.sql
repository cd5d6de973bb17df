-- Following the plan after adoption: each progress value's date, source and breakdown
-- (by sex, age group, …); where each activity stands per reporting period; and what was
-- actually spent on each activity per year.

ALTER TABLE progress ADD COLUMN date TEXT;
ALTER TABLE progress ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE progress ADD COLUMN breakdown JSON_TEXT NOT NULL DEFAULT '[]';

CREATE TABLE activity_status (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activity(id),
    year INTEGER NOT NULL,
    period TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL
);

CREATE TABLE expenditure (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activity(id),
    year INTEGER NOT NULL,
    amount DECIMAL_TEXT NOT NULL,
    currency TEXT NOT NULL,
    funding_source_id TEXT REFERENCES funding_source(id),
    note TEXT NOT NULL
);
