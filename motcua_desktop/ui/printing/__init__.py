"""Qt printing: printer choice, preview and the print flow after a save."""
