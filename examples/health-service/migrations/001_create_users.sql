-- Accounts: the canary table. A real instance always has at least its admin.
CREATE TABLE IF NOT EXISTS users (
    id    INTEGER PRIMARY KEY,
    email TEXT    NOT NULL
);
