CREATE TABLE IF NOT EXISTS audit_log (
    id       INTEGER PRIMARY KEY,
    user_id  INTEGER REFERENCES users (id),
    action   TEXT NOT NULL,   -- 'login', 'logout', 'password_change'; a ';' in a comment is fine
    at       TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS audit_log_user_at ON audit_log (user_id, at);
