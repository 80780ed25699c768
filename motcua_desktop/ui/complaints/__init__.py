"""The "Phản ánh, kiến nghị" page."""
