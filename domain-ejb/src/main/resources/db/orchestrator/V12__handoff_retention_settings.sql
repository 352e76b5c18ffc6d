-- Issue 14, per bot: which situations ask for a person on their own (all on by default: the
-- customer chose the funnel's contact action, wrote words asking for a person, the AI failed for
-- them, found the quote too expensive); after how many hours of operator silence a taken-over
-- customer goes back to the bot; after how many days message texts are removed (counts kept).
-- (Other branches may add migrations too: renumber on merge if V12 is taken.)
ALTER TABLE whatsapp_instances ADD COLUMN handoff_on_contact INTEGER NOT NULL DEFAULT 1
    CHECK (handoff_on_contact IN (0, 1));
ALTER TABLE whatsapp_instances ADD COLUMN handoff_on_person_words INTEGER NOT NULL DEFAULT 1
    CHECK (handoff_on_person_words IN (0, 1));
ALTER TABLE whatsapp_instances ADD COLUMN handoff_on_ai_failure INTEGER NOT NULL DEFAULT 1
    CHECK (handoff_on_ai_failure IN (0, 1));
ALTER TABLE whatsapp_instances ADD COLUMN handoff_on_too_expensive INTEGER NOT NULL DEFAULT 1
    CHECK (handoff_on_too_expensive IN (0, 1));
ALTER TABLE whatsapp_instances ADD COLUMN handback_after_hours INTEGER NOT NULL DEFAULT 12
    CHECK (handback_after_hours BETWEEN 1 AND 720);
ALTER TABLE whatsapp_instances ADD COLUMN message_retention_days INTEGER NOT NULL DEFAULT 180
    CHECK (message_retention_days BETWEEN 1 AND 3650);
