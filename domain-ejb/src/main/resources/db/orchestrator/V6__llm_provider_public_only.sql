-- A provider whose address (type or base URL) a non-admin chose may only call public addresses:
-- checked when it is saved and before every call. Providers stored before this version count as
-- chosen by their owner.
ALTER TABLE llm_providers ADD COLUMN public_only INTEGER NOT NULL DEFAULT 0 CHECK (public_only IN (0, 1));
UPDATE llm_providers SET public_only = 1
 WHERE owner_id IS NOT NULL AND owner_id NOT IN (SELECT id FROM users WHERE role = 'admin');
