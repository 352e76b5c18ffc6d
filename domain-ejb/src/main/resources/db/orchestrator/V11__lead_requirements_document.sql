-- The requirements document ("ТЗ") a bot's AI drafted for the lead's questionnaire, from the bot's
-- requirements_draft event: drafted (sent as a PDF), too_small (declined, the AI's answer sent as
-- text) or failed (the AI was unavailable: a person sends it). (V10 is another branch's.)
ALTER TABLE leads ADD COLUMN requirements_outcome TEXT;
ALTER TABLE leads ADD COLUMN requirements_document TEXT;
ALTER TABLE leads ADD COLUMN requirements_summary TEXT;
ALTER TABLE leads ADD COLUMN requirements_answers TEXT;
ALTER TABLE leads ADD COLUMN requirements_at TEXT;
