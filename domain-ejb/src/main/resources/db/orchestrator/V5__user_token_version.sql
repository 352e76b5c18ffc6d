-- Every token and panel session carries the version of its account's credentials; changing the
-- password (own change, an admin's reset, the command line) counts it up, and older tokens and
-- sessions stop working at once.
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
