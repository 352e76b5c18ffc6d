-- Issue 19: customers' voice notes and files.
-- Per bot: speech to text (engine, language — NULL: the bot's language — and the longest note in
-- seconds), and whether a file or photo the bot cannot handle asks for a person.
ALTER TABLE whatsapp_instances ADD COLUMN stt_enabled INTEGER NOT NULL DEFAULT 0 CHECK (stt_enabled IN (0, 1));
ALTER TABLE whatsapp_instances ADD COLUMN stt_engine TEXT NOT NULL DEFAULT 'openai-compatible';
ALTER TABLE whatsapp_instances ADD COLUMN stt_language TEXT;
ALTER TABLE whatsapp_instances ADD COLUMN stt_max_seconds INTEGER NOT NULL DEFAULT 120
    CHECK (stt_max_seconds BETWEEN 5 AND 900);
ALTER TABLE whatsapp_instances ADD COLUMN media_handoff INTEGER NOT NULL DEFAULT 0 CHECK (media_handoff IN (0, 1));

-- A stored provider whose model takes images (photos then go to it with their caption).
ALTER TABLE llm_providers ADD COLUMN accepts_images INTEGER NOT NULL DEFAULT 0 CHECK (accepts_images IN (0, 1));

-- A customer's file in the conversation thread: {"type","mime_type","filename","size","state"}
-- as JSON, and a voice note's transcript.
ALTER TABLE conversation_messages ADD COLUMN media TEXT;
ALTER TABLE conversation_messages ADD COLUMN transcript TEXT;
