-- NAP Studio project file, schema version 1.
--
-- One table per kind of record; every table has the same five bookkeeping columns
-- (id, position, created, modified, modified_by). Column types are chosen for SQLite's
-- type affinity and read by the row mapper (src/rows.rs):
--   LOCALTEXT     text in the working language; the column `<name>_l2` holds the second language
--   DECIMAL_TEXT  an exact decimal kept as text (TEXT affinity, so SQLite never turns it into a float)
--   JSON_TEXT     a list or per-year map as JSON (decimals inside are strings)
--   BOOLEAN       0 or 1
-- A shipped migration is never edited: add a new numbered file instead.

CREATE TABLE plan (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL DEFAULT 0 CHECK (position = 0),
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    modified_by TEXT NOT NULL,
    country TEXT NOT NULL,
    country_name LOCALTEXT NOT NULL, country_name_l2 TEXT,
    title LOCALTEXT NOT NULL, title_l2 TEXT,
    goal LOCALTEXT NOT NULL, goal_l2 TEXT,
    start_year INTEGER NOT NULL,
    end_year INTEGER NOT NULL,
    lead_agency_id TEXT REFERENCES agency(id),
    status TEXT NOT NULL,
    working_language TEXT NOT NULL,
    second_language TEXT,
    base_currency TEXT NOT NULL,
    presentation_currency TEXT,
    costing_base_year INTEGER NOT NULL,
    inflation JSON_TEXT NOT NULL,
    contingency DECIMAL_TEXT NOT NULL
);

CREATE TABLE agency (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    code TEXT NOT NULL,
    name LOCALTEXT NOT NULL, name_l2 TEXT,
    kind TEXT NOT NULL,
    programme_code TEXT NOT NULL,
    contact TEXT NOT NULL
);

CREATE TABLE narrative_section (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    kind TEXT NOT NULL,
    title LOCALTEXT NOT NULL, title_l2 TEXT,
    body LOCALTEXT NOT NULL, body_l2 TEXT
);

CREATE TABLE pillar (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    title LOCALTEXT NOT NULL, title_l2 TEXT,
    description LOCALTEXT NOT NULL, description_l2 TEXT
);

CREATE TABLE outcome (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    pillar_id TEXT NOT NULL REFERENCES pillar(id),
    code TEXT NOT NULL,
    title LOCALTEXT NOT NULL, title_l2 TEXT,
    rpa_outcomes JSON_TEXT NOT NULL
);

CREATE TABLE output (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    outcome_id TEXT NOT NULL REFERENCES outcome(id),
    code TEXT NOT NULL,
    title LOCALTEXT NOT NULL, title_l2 TEXT
);

CREATE TABLE activity (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    output_id TEXT NOT NULL REFERENCES output(id),
    code TEXT NOT NULL,
    title LOCALTEXT NOT NULL, title_l2 TEXT,
    description LOCALTEXT NOT NULL, description_l2 TEXT,
    lead_agency_id TEXT REFERENCES agency(id),
    supporting_agency_ids JSON_TEXT NOT NULL,
    years JSON_TEXT NOT NULL,
    cofog TEXT NOT NULL,
    gender_marker TEXT,
    contingency DECIMAL_TEXT
);

CREATE TABLE indicator (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    level TEXT NOT NULL,
    -- an outcome or an output, depending on level; checked by validation
    parent_id TEXT,
    code TEXT NOT NULL,
    statement LOCALTEXT NOT NULL, statement_l2 TEXT,
    kind TEXT NOT NULL,
    unit TEXT NOT NULL,
    disaggregation JSON_TEXT NOT NULL,
    baseline_value TEXT,
    baseline_year INTEGER,
    baseline_source TEXT NOT NULL,
    targets JSON_TEXT NOT NULL,
    means_of_verification LOCALTEXT NOT NULL, means_of_verification_l2 TEXT,
    frequency TEXT NOT NULL,
    responsible_agency_id TEXT REFERENCES agency(id)
);

CREATE TABLE progress (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    indicator_id TEXT NOT NULL REFERENCES indicator(id),
    year INTEGER NOT NULL,
    period TEXT NOT NULL,
    value TEXT NOT NULL,
    note TEXT NOT NULL
);

CREATE TABLE catalogue_item (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    code TEXT NOT NULL,
    name LOCALTEXT NOT NULL, name_l2 TEXT,
    unit TEXT NOT NULL,
    unit_cost DECIMAL_TEXT NOT NULL,
    currency TEXT NOT NULL,
    economic_code TEXT NOT NULL
);

CREATE TABLE funding_source (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    code TEXT NOT NULL,
    name LOCALTEXT NOT NULL, name_l2 TEXT,
    kind TEXT NOT NULL,
    agency_id TEXT REFERENCES agency(id),
    on_budget BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    amounts JSON_TEXT NOT NULL,
    earmarks JSON_TEXT NOT NULL
);

CREATE TABLE cost_line (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activity(id),
    item LOCALTEXT NOT NULL, item_l2 TEXT,
    catalogue_item_id TEXT REFERENCES catalogue_item(id),
    unit TEXT,
    unit_cost DECIMAL_TEXT,
    currency TEXT,
    economic_code TEXT,
    quantities JSON_TEXT NOT NULL,
    funding_source_id TEXT REFERENCES funding_source(id),
    inflate BOOLEAN NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX cost_line_activity ON cost_line(activity_id);

CREATE TABLE exchange_rate (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    currency TEXT NOT NULL,
    year INTEGER,
    rate DECIMAL_TEXT NOT NULL,
    date TEXT NOT NULL,
    source TEXT NOT NULL
);

CREATE TABLE communication_item (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    kind TEXT NOT NULL,
    text LOCALTEXT NOT NULL, text_l2 TEXT
);

CREATE TABLE communication_activity (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    title LOCALTEXT NOT NULL, title_l2 TEXT,
    audience TEXT NOT NULL,
    channel TEXT NOT NULL,
    timing TEXT NOT NULL,
    year INTEGER,
    responsible_agency_id TEXT REFERENCES agency(id),
    languages JSON_TEXT NOT NULL,
    activity_id TEXT REFERENCES activity(id)
);

CREATE TABLE agency_plan (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agency(id),
    focal_point TEXT NOT NULL,
    focal_point_contact TEXT NOT NULL,
    notes LOCALTEXT NOT NULL, notes_l2 TEXT
);

CREATE TABLE sub_activity (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    agency_plan_id TEXT NOT NULL REFERENCES agency_plan(id),
    activity_id TEXT NOT NULL REFERENCES activity(id),
    code TEXT NOT NULL,
    title LOCALTEXT NOT NULL, title_l2 TEXT,
    year INTEGER NOT NULL,
    quarters JSON_TEXT NOT NULL,
    budget_line TEXT NOT NULL,
    economic_code TEXT NOT NULL,
    budget DECIMAL_TEXT
);

CREATE TABLE body (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    code TEXT NOT NULL,
    name LOCALTEXT NOT NULL, name_l2 TEXT,
    kind TEXT NOT NULL,
    pillar_id TEXT REFERENCES pillar(id),
    mandate LOCALTEXT NOT NULL, mandate_l2 TEXT,
    chair_ids JSON_TEXT NOT NULL,
    member_ids JSON_TEXT NOT NULL,
    meeting_frequency TEXT NOT NULL,
    quorum TEXT NOT NULL,
    decision_rule LOCALTEXT NOT NULL, decision_rule_l2 TEXT,
    reports_to_id TEXT REFERENCES body(id),
    responsibilities LOCALTEXT NOT NULL, responsibilities_l2 TEXT
);

CREATE TABLE consultation (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    title LOCALTEXT NOT NULL, title_l2 TEXT,
    date TEXT NOT NULL,
    place TEXT NOT NULL,
    groups JSON_TEXT NOT NULL,
    participants_women INTEGER NOT NULL,
    participants_men INTEGER NOT NULL,
    participants_other INTEGER NOT NULL,
    inputs LOCALTEXT NOT NULL, inputs_l2 TEXT,
    response LOCALTEXT NOT NULL, response_l2 TEXT
);

CREATE TABLE version (
    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL, modified_by TEXT NOT NULL,
    name TEXT NOT NULL,
    note TEXT NOT NULL,
    status TEXT NOT NULL
);

-- The plan as it was when a named version was taken, as interchange JSON, so that
-- versions can be compared and restored. Not part of JSON interchange.
CREATE TABLE version_snapshot (
    version_id TEXT PRIMARY KEY NOT NULL REFERENCES version(id) ON DELETE CASCADE,
    plan_json TEXT NOT NULL
);
