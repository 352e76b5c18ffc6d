-- Issue 19: a bot may first answer a transcribed voice note with "I heard: …" (off by default).
ALTER TABLE whatsapp_instances ADD COLUMN stt_echo INTEGER NOT NULL DEFAULT 0 CHECK (stt_echo IN (0, 1));
