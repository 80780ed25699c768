"""The settings page (F12) and its tabs, and the first-run wizard."""
