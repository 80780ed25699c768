"""Screenshots of the window with the office hub connected and cut (for docs/hub.md).

    python -m tests.hub.screenshots docs/screenshots

Starts a throw-away PostgreSQL server, three counters connected to it (counters 2 and 3 register a
few dossiers each), opens counter 1's window as the leader at 1366×768 offscreen, waits for the
other counters' dossiers, shoots the dashboard and the settings tab, stops the server and shoots the
status bar's mark.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1366, 768)


def main(out: Path) -> None:
    from PySide6.QtCore import QCoreApplication

    from motcua_desktop.domain.accounts import Role
    from motcua_desktop.domain.vntime import vn_datetime
    from motcua_desktop.ui.shell.app import application
    from motcua_desktop.ui.shell.launcher import main_window_for
    from tests.factories import FakeClock, context
    from tests.helpers.pg_cluster import start_cluster
    from tests.hub.helpers import make_hub, make_hub_office, sync
    from tests.sync.helpers import other_applicant

    application()
    out.mkdir(parents=True, exist_ok=True)
    cluster = start_cluster()
    try:
        hub = make_hub(cluster, "motcua")
        clock = FakeClock(vn_datetime(2026, 11, 16, 10, 30))
        office = make_hub_office(hub, Path(tempfile.mkdtemp()), clock)
        names = ["trần thị bình", "lê văn cường", "phạm thị hoa", "đỗ văn minh", "ngô thị lan", "vũ đức thắng"]
        for n, name in enumerate(names):
            pc = office.pcs[n % 3]
            clock.advance(minutes=7)
            pc.register(applicant=other_applicant(f"03819000{n:04d}", name))
        for pc in (*office.pcs, *office.pcs):
            sync(pc)
        ctx = context(office.c1.store, clock, Role.LEADER, "lanh.dao")
        window = main_window_for(ctx, idle_lock=False)
        window.resize(*SIZE)
        window.show()

        def settle(seconds: float) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                QCoreApplication.processEvents()
                time.sleep(0.02)

        settle(3)
        window.show_page("dashboard")
        settle(2)
        window.grab().save(str(out / "hub-connected.png"))
        cluster.stop()
        clock.advance(minutes=12)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and window.hub_label.text().endswith("đã kết nối"):
            settle(0.2)
        office.c1.register(applicant=other_applicant("038190009999", "hoàng thị mai"))  # work goes on
        window.show_page("dashboard")
        window.page("dashboard").refresh()  # type: ignore[union-attr]
        settle(1)
        window.grab().save(str(out / "hub-cut.png"))
        window.close()
        office.close()
    finally:
        cluster.destroy()
    print("\n".join(str(p) for p in sorted(out.glob("hub-*.png"))))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
