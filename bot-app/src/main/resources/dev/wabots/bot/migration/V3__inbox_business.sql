-- The business number a message was sent to (the webhook's metadata.phone_number_id), so a stored
-- message reads back as it was parsed, without the webhook around it.
ALTER TABLE inbox ADD COLUMN business TEXT;
