"""Sign-in, re-entry of the password, the idle lock and the users tab of the settings."""
