"""The rotating log when another process holds it (finding 12): on Windows a file open elsewhere
cannot be renamed, so the window and a command sharing one log made every rollover fail (and
print "--- Logging error ---", losing the record). Imitated with ``os.rename`` refused."""

from __future__ import annotations

import logging
from pathlib import Path

from motcua_desktop import logs
from tests.windows.imitate import held_for


def test_window_and_commands_write_separate_files(tmp_path: Path) -> None:
    window = logs.setup_logging(tmp_path, name=logs.LOG_NAME)
    command = logs.setup_logging(tmp_path, name=logs.CLI_LOG_NAME)
    assert window != command and window.parent == command.parent == tmp_path / "logs"
    root = logging.getLogger("motcua")
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", "").startswith(str(tmp_path))]:
        root.removeHandler(handler)
        handler.close()


def test_a_rollover_refused_keeps_every_record(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "motcua.log"
    handler = logs.TolerantRotatingFileHandler(path, maxBytes=400, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("motcua.test-rollover")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        held = held_for(monkeypatch, -1, call="rename")  # the other program has the file open
        for i in range(40):
            logger.warning("bản ghi số %02d – lỗi không mong muốn", i)
        assert held.refused  # rollovers were tried…
        text = path.read_text(encoding="utf-8")
        assert all(f"bản ghi số {i:02d}" in text for i in range(40))  # …and nothing was lost
        assert len(held.refused) < 40  # tried again later, not at every record
        monkeypatch.undo()
        logger.warning("sau khi tệp được nhả ra")
        logger.warning("một bản ghi nữa")
        assert (tmp_path / "motcua.log.1").exists()  # rotation works again
    finally:
        logger.removeHandler(handler)
        handler.close()
    assert "Logging error" not in capsys.readouterr().err
