-- A second-language text may say what its working-language text no longer says: the
-- working-language text was changed after it, and it was not. One flag per two-language
-- text, beside its `_l2` column (0 = current); the review lists the flagged ones.

ALTER TABLE plan ADD COLUMN country_name_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE plan ADD COLUMN title_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE plan ADD COLUMN goal_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE agency ADD COLUMN name_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE narrative_section ADD COLUMN title_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE narrative_section ADD COLUMN body_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE pillar ADD COLUMN title_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE pillar ADD COLUMN description_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE outcome ADD COLUMN title_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE output ADD COLUMN title_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE activity ADD COLUMN title_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE activity ADD COLUMN description_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE indicator ADD COLUMN statement_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE indicator ADD COLUMN means_of_verification_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE catalogue_item ADD COLUMN name_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE funding_source ADD COLUMN name_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE cost_line ADD COLUMN item_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE communication_item ADD COLUMN text_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE communication_activity ADD COLUMN title_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE agency_plan ADD COLUMN notes_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE sub_activity ADD COLUMN title_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE body ADD COLUMN name_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE body ADD COLUMN mandate_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE body ADD COLUMN decision_rule_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE body ADD COLUMN responsibilities_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE consultation ADD COLUMN title_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE consultation ADD COLUMN inputs_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE consultation ADD COLUMN response_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE classification_name ADD COLUMN name_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE reporting_event ADD COLUMN title_l2_outdated BOOLEAN NOT NULL DEFAULT 0;
