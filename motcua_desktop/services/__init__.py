"""Use cases called by both the GUI and the CLI; permissions are checked here."""
