-- Nullable: old rows keep NULL, older service versions never read it.
ALTER TABLE users ADD COLUMN display_name TEXT;
