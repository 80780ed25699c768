"""Generated from ``forms/*.ui`` by ``python -m motcua_desktop.ui.build_forms``."""
