"""Qt user interface. ``printing`` previews and prints the PDFs made by ``motcua_desktop.printing``."""
