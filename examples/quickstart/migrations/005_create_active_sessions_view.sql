CREATE VIEW IF NOT EXISTS active_sessions AS
    SELECT s.token, s.user_id, u.email, s.expires_at
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.expires_at > CURRENT_TIMESTAMP;
