"""Complaints and suggestions about the counter's work ("phản ánh, kiến nghị"): the register, the
answers and the report of received, answered on time, late and open per period."""

# The modules of this wing that other wings and the front door may import (the reports wing builds its
# report files from them).
SHARED: tuple[str, ...] = ("register",)
