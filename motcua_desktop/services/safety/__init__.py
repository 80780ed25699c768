"""What keeps the data safe: start-up integrity checks and safe mode, backups and restore, the
audit trail."""
