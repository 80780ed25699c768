"""Một cửa Desktop: the offline application of the commune one-stop counter."""

__version__ = "0.1.0"
APP_NAME = "Một cửa Desktop"
APP_ID = "MotCuaDesktop"
