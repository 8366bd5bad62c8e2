-- A constant default: SQLite adds the column without rewriting the table.
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
