"""The Hồ sơ (dossier) list on the shared 1,000,000-dossier database: first paint, memory, rows loaded.

Measured in child processes (a clean process each, offscreen, as a clerk; nothing is written):

- **first paint** of the lazy list for four views (newest first, by name in Vietnamese order,
  overdue only, a name search): from asking the model for its rows to the end of a synchronous
  repaint of a 1100×700 table. App: ``DossierListModel`` (``services.dossiers.lists`` keyset pages of 100,
  ``DossierSummary`` rows, deadline colours). Floor: a bare ``QAbstractTableModel`` that runs the very
  ``SELECT``\\s the app ran for that view (captured from SQLite's trace), ``fetchall``, and shows the
  values as strings. Interleaved in one process; target < 50 ms (the issue's), whatever the size.
- **page opened**: ``DossiersPage`` built (filters, procedure and staff lists, first page) and painted,
  vs a bare window with a table over the same first page.
- **memory**: the page opened, then scrolled to the bottom 50 times (each scroll fetches a page),
  peak RSS (VmHWM) vs a bare process doing the same with a keyset-paged model (8 columns, 100 rows a
  page). Target < 150 MiB.
- **rows loaded** after those 50 scrolls: the list must never load all rows.

    python bench/bench_list.py [--quick] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.contract import ROOT, BenchEnv, BenchRow, median, p99

SCROLLS = 50
FIRST_PAINT_MS = 50.0
MEMORY_MIB = 150.0
SCENARIOS = ("newest first", "by name (Vietnamese order)", "overdue only", "name search 'nguyen van'")
BARE_COLUMNS = "id, code, applicant_name, procedure_name, received_at, due_at, status, received_by"


def rss_mib(field: str = "VmRSS") -> float:
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:  # no /proc (Windows, macOS)
        pass
    from bench.contract import peak_rss_mib

    return peak_rss_mib()


# --- child processes -------------------------------------------------------------------------------


def _qt() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def bare_model_class() -> Any:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

    class BareModel(QAbstractTableModel):
        """Rows as fetched, values shown as strings; optional keyset paging for the memory floor."""

        def __init__(self, conn: Any, columns: int = 8) -> None:
            super().__init__()
            self.conn = conn
            self.columns = columns
            self.rows: list[tuple[Any, ...]] = []
            self.more = False

        def load(self, statements: list[str]) -> None:
            self.beginResetModel()
            results = [self.conn.execute(sql).fetchall() for sql in statements]
            self.rows = max(results, key=len) if results else []
            self.endResetModel()

        def first_page(self) -> None:
            self.beginResetModel()
            self.rows = self.conn.execute(f"SELECT {BARE_COLUMNS} FROM dossiers ORDER BY id DESC LIMIT 100").fetchall()
            self.more = True
            self.endResetModel()

        def canFetchMore(self, parent=QModelIndex()) -> bool:  # type: ignore[no-untyped-def] # noqa: B008, N802
            return not parent.isValid() and self.more

        def fetchMore(self, parent=QModelIndex()) -> None:  # type: ignore[no-untyped-def] # noqa: B008, N802
            page = self.conn.execute(
                f"SELECT {BARE_COLUMNS} FROM dossiers WHERE id < ? ORDER BY id DESC LIMIT 100", [self.rows[-1][0]]
            ).fetchall()
            self.more = len(page) == 100
            if page:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
                self.rows.extend(page)
                self.endInsertRows()

        def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def] # noqa: B008, N802
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def] # noqa: B008, N802
            return 0 if parent.isValid() else self.columns

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)

    return BareModel


def _scroll(app: Any, table: Any) -> float:
    started = time.perf_counter()
    for _ in range(SCROLLS):
        table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
        app.processEvents()
    return (time.perf_counter() - started) * 1000


def child_floor(db: Path) -> dict[str, Any]:
    """The bare process: a window with a keyset-paged table, opened and scrolled like the app's page."""
    import sqlite3

    app = _qt()
    from PySide6.QtWidgets import QTableView

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    model = bare_model_class()(conn)
    started = time.perf_counter()
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 760)
    view.show()
    model.first_page()
    view.viewport().repaint()
    opened = (time.perf_counter() - started) * 1000
    app.processEvents()
    scroll_ms = _scroll(app, view)
    return {"opened_ms": opened, "scroll_ms": scroll_ms, "rows": len(model.rows), "peak_mib": rss_mib("VmHWM")}


def child_app(db: Path, runs: int) -> dict[str, Any]:
    """The app's page opened and scrolled (memory first, in a clean process), then the first-paint
    views, each interleaved with its floor."""
    app = _qt()
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtWidgets import QTableView

    from motcua_desktop.domain.accounts import Role
    from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter
    from motcua_desktop.services.core.context import AppContext, Session
    from motcua_desktop.services.dossiers.lists import count_dossiers
    from motcua_desktop.storage import open_store
    from motcua_desktop.ui.dossiers.dossier_model import COLUMN_INDEX, DossierListModel
    from motcua_desktop.ui.dossiers.dossiers_page import DossiersPage
    from motcua_desktop.ui.shell.app import prepare_application

    prepare_application(app)
    store = open_store(db)
    conn = store.db.conn
    ctx = AppContext(store, session=Session("bench.clerk", "Cán bộ đo", Role.CLERK))
    out: dict[str, Any] = {}

    started = time.perf_counter()
    page = DossiersPage(ctx)
    page.resize(1280, 760)
    page.show()
    page.table.viewport().repaint()
    out["opened_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    app.processEvents()  # the posted count of all dossiers
    out["count_ms"] = (time.perf_counter() - started) * 1000
    out["scroll_ms"] = _scroll(app, page.table)
    out["rows"] = page.model.rowCount()
    out["pages"] = page.model.pages_fetched
    out["peak_mib"] = rss_mib("VmHWM")
    out["total"] = count_dossiers(ctx, DossierFilter())
    page.close()
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    setups = {
        "newest first": lambda m: m.reload(),
        # a fresh model only records the order (the view's sort indicator comes before the first load)
        "by name (Vietnamese order)": lambda m: (
            m.sort(COLUMN_INDEX["applicant"], Qt.SortOrder.AscendingOrder),
            m.reload(),
        ),
        "overdue only": lambda m: m.set_filter(DossierFilter(due=DueFilter.OVERDUE)),
        "name search 'nguyen van'": lambda m: m.set_search("nguyen van"),
    }
    bare = bare_model_class()

    def painted(model: Any, setup: Any) -> float:
        view = QTableView()
        view.setModel(model)
        view.resize(1100, 700)
        view.show()
        app.processEvents()
        started = time.perf_counter()
        setup()
        view.viewport().repaint()  # synchronous: returns once the visible rows are painted
        elapsed = (time.perf_counter() - started) * 1000
        view.close()
        view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return elapsed

    def statements_of(setup: Any) -> list[str]:
        seen: list[str] = []
        model = DossierListModel(ctx)
        conn.set_trace_callback(seen.append)
        try:
            setup(model)
        finally:
            conn.set_trace_callback(None)
        return [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]

    out["views"] = {}
    for name, setup in setups.items() if runs else ():
        statements = statements_of(setup)
        app_ms: list[float] = []
        floor_ms: list[float] = []
        first = None
        loaded = 0
        for i in range(runs + 2):  # two warm-up pairs
            pair = ["app", "floor"] if i % 2 == 0 else ["floor", "app"]
            for which in pair:
                if which == "app":
                    model = DossierListModel(ctx)
                    ms = painted(model, lambda model=model, setup=setup: setup(model))
                    first = first if first is not None else ms
                    loaded = model.rowCount()
                else:
                    model = bare(conn)
                    ms = painted(model, lambda model=model, statements=statements: model.load(statements))
                if i >= 2:
                    (app_ms if which == "app" else floor_ms).append(ms)
        out["views"][name] = {"app": app_ms, "floor": floor_ms, "first": first, "rows": loaded}
    store.close()
    return out


def _child(kind: str, db: Path, runs: int) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--db", str(db), "--runs", str(runs)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
        cwd=str(ROOT),
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench_list child {kind} exited {done.returncode}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- measure ----------------------------------------------------------------------------------------


def rows_for(db: Path, runs: int, memory_runs: int) -> list[BenchRow]:
    apps = [_child("app", db, runs if i == 0 else 0) for i in range(memory_runs)]
    floors = [_child("floor", db, 0) for _ in range(memory_runs)]
    views = apps[0]["views"]
    out = []
    for name in SCENARIOS:
        v = views[name]
        out.append(
            BenchRow(
                f"Hồ sơ list first paint, {name} (1M DB)",
                median(v["app"]),
                "ms",
                median(v["floor"]),
                max_value=FIRST_PAINT_MS,
                n=len(v["app"]),
                floor_name="bare model running the same SELECTs",
                note=f"p99 {p99(v['app']):.1f} vs {p99(v['floor']):.1f} ms; first run {v['first']:.1f} ms; "
                f"{v['rows']} rows loaded",
            )
        )
    opened = [a["opened_ms"] for a in apps]
    out.append(
        BenchRow(
            "Hồ sơ page built and painted (1M DB)",
            median(opened),
            "ms",
            median([f["opened_ms"] for f in floors]),
            n=len(opened),
            floor_name="bare window, table over the first page",
            note=f"first use in a process; then the count of all dossiers (posted) "
            f"{median([a['count_ms'] for a in apps]):.0f} ms",
        )
    )
    peak = [a["peak_mib"] for a in apps]
    out.append(
        BenchRow(
            f"memory, Hồ sơ page opened + {SCROLLS} scrolls to the bottom",
            max(peak),
            "MiB",
            max(f["peak_mib"] for f in floors),
            max_value=MEMORY_MIB,
            n=len(peak),
            floor_name="bare process, keyset-paged table, same scrolls",
            note=f"peak RSS (VmHWM); scrolling {median([a['scroll_ms'] for a in apps]) / SCROLLS:.1f} vs "
            f"{median([f['scroll_ms'] for f in floors]) / SCROLLS:.1f} ms per page",
        )
    )
    total = int(apps[0]["total"])
    out.append(
        BenchRow(
            f"rows loaded after {SCROLLS} scrolls to the bottom",
            float(apps[0]["rows"]),
            "rows",
            float(floors[0]["rows"]),
            max_value=total - 1,
            target=f"< all {total:,} (lazy)",
            n=1,
            floor_name="bare process, keyset-paged table, same scrolls",
            note=f"{apps[0]['pages']} pages of 100 fetched",
        )
    )
    return out


def measure(env: BenchEnv) -> list[BenchRow]:
    return rows_for(env.demo_db(), env.repeat(25, 3), env.repeat(3, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--db", type=Path, default=None, help="database (default: the cached 1M demo)")
    parser.add_argument("--child", choices=("app", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=25, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = child_app(args.db, args.runs) if args.child == "app" else child_floor(args.db)
        print(json.dumps(result))
        return
    from bench.run import table

    env = BenchEnv(quick=args.quick)
    rows = rows_for(args.db or env.demo_db(), env.repeat(25, 3), env.repeat(3, 1))
    print("\n".join(table([("bench_list", r) for r in rows])))


if __name__ == "__main__":
    main()
