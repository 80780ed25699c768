"""Một cửa Desktop: the offline application of the commune one-stop counter."""

__version__ = "0.1.0"
APP_NAME = "Một cửa Desktop"
APP_ID = "MotCuaDesktop"
# The day this version was built (set at each release). No correct PC clock can show an earlier
# date, so it is the clock guard's floor: a clock reset to 2000 is caught even on a new database.
BUILD_DATE = "2026-11-01"
