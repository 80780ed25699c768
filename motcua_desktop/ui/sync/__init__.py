"""The synchronisation page (F7): export to USB, imports, acknowledgements."""
