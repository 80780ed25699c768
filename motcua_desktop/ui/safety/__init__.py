"""Backups (F8), the audit trail (F11) and the safe-mode window."""
