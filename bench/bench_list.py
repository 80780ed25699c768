"""The Hồ sơ list on a big database: time to first paint, memory, rows actually loaded.

    python bench/bench_list.py [--db PATH] [--dossiers 1000000] [--runs 5]

Without ``--db`` (or ``MOTCUA_BENCH_DB``) a demo database of ``--dossiers`` rows is generated
once in ``~/.cache/motcua-bench/`` (1,000,000 rows take half an hour) and reused afterwards.
Targets: first paint < 50 ms, RSS < 150 MiB, never all rows loaded.

First paint = from asking the model for its rows (``reload``) to the end of a synchronous repaint
of the table (offscreen platform), warm runs; the cold first run is printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CACHE = Path.home() / ".cache" / "motcua-bench"


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_database(path: Path | None, dossiers: int) -> Path:
    if path is not None:
        return path
    folder = CACHE / f"list-{dossiers}"
    database = folder / "motcua.db"
    if database.exists():
        return database
    from motcua_desktop.domain.accounts import Role
    from motcua_desktop.domain.office import make_office_settings
    from motcua_desktop.services.context import AppContext, Session
    from motcua_desktop.services.demo import generate_demo
    from motcua_desktop.services.setup import first_run_setup
    from motcua_desktop.storage import open_store

    print(f"Tạo cơ sở dữ liệu mẫu {dossiers:,} hồ sơ trong {folder} (một lần)…", flush=True)
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(database)
    ctx = AppContext(store)
    office = make_office_settings(
        superior_name="UBND xã Đông Tiến",
        unit_name="Trung tâm Phục vụ hành chính công xã Đông Tiến",
        agency_id="000.00.12.H56",
        province="Thanh Hóa",
        commune="Xã Đông Tiến",
        counter_no=1,
    )
    first_run_setup(
        store, ctx.clock, office, admin_username="admin", admin_full_name="Quản Trị", admin_password="bench-2026!"
    )
    ctx.session = Session("admin", "Quản Trị", Role.ADMIN)
    generate_demo(ctx, dossiers, progress=lambda done, total: print(f"\r{done:,}/{total:,}", end="", flush=True))
    print()
    store.close()
    return database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=os.environ.get("MOTCUA_BENCH_DB"))
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    database = ensure_database(Path(args.db) if args.db else None, args.dossiers)

    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtWidgets import QTableView

    from motcua_desktop.domain.accounts import Role
    from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter
    from motcua_desktop.services.context import AppContext, Session
    from motcua_desktop.services.lists import count_dossiers
    from motcua_desktop.storage import open_store
    from motcua_desktop.ui.app import application
    from motcua_desktop.ui.dossier_model import COLUMN_INDEX, DossierListModel
    from motcua_desktop.ui.dossiers_page import DossiersPage

    app = application()
    store = open_store(database)
    ctx = AppContext(store, session=Session("bench.clerk", "Cán bộ đo", Role.CLERK))
    total = count_dossiers(ctx, DossierFilter())
    print(f"Cơ sở dữ liệu: {database} ({database.stat().st_size / 2**30:.1f} GiB, {total:,} hồ sơ)")
    baseline = rss_mib()

    def first_paint(setup) -> tuple[float, DossierListModel]:  # type: ignore[no-untyped-def]
        view = QTableView()
        model = DossierListModel(ctx)
        view.setModel(model)
        view.resize(1100, 700)
        view.show()
        app.processEvents()
        started = time.perf_counter()
        setup(model)
        view.viewport().repaint()  # synchronous: returns once the visible rows are painted
        elapsed = (time.perf_counter() - started) * 1000
        view.close()
        view.deleteLater()
        return elapsed, model

    # The whole Hồ sơ page (filters, procedures, staff) as the clerk opens it, then a long scroll.
    started = time.perf_counter()
    page = DossiersPage(ctx)
    page.resize(1280, 760)
    page.show()
    page.table.viewport().repaint()
    opened = (time.perf_counter() - started) * 1000
    app.processEvents()
    page_rss = rss_mib()
    print(
        f"Trang Hồ sơ (dựng trang, lần vẽ đầu): {opened:.1f} ms; RSS {page_rss:.0f} MiB "
        f"(chương trình trước khi mở trang: {baseline:.0f} MiB)"
    )
    started = time.perf_counter()
    for _ in range(50):
        page.table.verticalScrollBar().setValue(page.table.verticalScrollBar().maximum())
        app.processEvents()
    scrolled = time.perf_counter() - started
    model = page.model
    scrolled_rss = rss_mib()
    print(
        f"Cuộn 50 lần xuống cuối: {model.rowCount():,} dòng đã nạp ({model.pages_fetched} trang) trong "
        f"{scrolled * 1000:.0f} ms, {scrolled * 1000 / max(model.pages_fetched - 1, 1):.1f} ms/trang; "
        f"chưa nạp {total - model.rowCount():,} dòng; RSS {scrolled_rss:.0f} MiB"
    )
    loaded_all = model.rowCount() >= total
    page.close()
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    scenarios = {
        "newest first": lambda m: m.reload(),
        "by name (Vietnamese order)": lambda m: m.sort(COLUMN_INDEX["applicant"], Qt.SortOrder.AscendingOrder),
        "overdue only": lambda m: m.set_filter(DossierFilter(due=DueFilter.OVERDUE)),
        "search 'nguyen van'": lambda m: m.set_search("nguyen van"),
    }
    for name, setup in scenarios.items():
        times = []
        model = None
        for _ in range(args.runs + 1):
            elapsed, model = first_paint(setup)
            times.append(elapsed)
        assert model is not None
        print(
            f"Lần vẽ đầu – {name}: {statistics.median(times[1:]):.1f} ms (trung vị {args.runs} lần; lần đầu "
            f"{times[0]:.1f} ms); {model.rowCount()} dòng đã nạp trong {model.pages_fetched} trang"
        )

    ok = page_rss < 150 and not loaded_all
    print(
        ("Đạt" if ok else "CHƯA ĐẠT")
        + f" mục tiêu: RSS khi mở trang {page_rss:.0f} MiB (< 150), không nạp toàn bộ ({'không' if not loaded_all else 'CÓ'})"
    )
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
