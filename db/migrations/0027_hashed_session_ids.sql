-- Sessions are now kept by the SHA-256 of their id. The ids kept until now cannot be hashed in SQL, and
-- would open sessions to whoever holds a copy of the database: they are ended, and everyone logs in again once.
DELETE FROM `sessions`;
