"""Child process of the kill tests: ``motcua`` itself (``cli.main``) with the PC clock set to a given
Vietnam time that then runs on.

Usage: python -m tests.helpers.cli_at 2026-11-16T09:00:00+07:00 restore FILE --user admin --yes

The tests register at a fake date (one day per round, so the margins a restore leaves never exhaust
a day's numbers); the command must see that date too, or the clock guard would refuse it.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta

from motcua_desktop.services.core import context


def main() -> int:
    start = datetime.fromisoformat(sys.argv[1])
    began = time.monotonic()
    context.SystemClock.now = lambda self: start + timedelta(seconds=time.monotonic() - began)  # type: ignore[method-assign]
    from motcua_desktop.cli import main as cli_main

    return cli_main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
