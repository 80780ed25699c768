"""The waiting queue: numbered tickets by field, calls to a counter, the waiting-room screen and the
report of waiting and service times per field and per hour of the day."""

# The modules of this wing that other wings and the front door may import (the reports wing builds its
# report files from them).
SHARED: tuple[str, ...] = ("tickets",)
