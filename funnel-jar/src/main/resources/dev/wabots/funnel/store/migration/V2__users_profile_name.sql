-- The last WhatsApp profile name seen, so the bot can greet by name.
ALTER TABLE users ADD COLUMN profile_name TEXT;
