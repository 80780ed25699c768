"""Where a counter keeps its hub connection (``services.hub.config``): with the device's keys, the
role's password never in the database, the server's certificate beside it when given."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from motcua_desktop.services.hub import config
from motcua_desktop.services.sync import keys
from motcua_desktop.storage import Store

ROOT = Path(__file__).resolve().parents[2]
URL = "postgresql://motcua_000_00_12_h56_q2:mat-khau@192.168.1.10:5432/motcua?sslmode=require"


def test_the_connection_is_kept_with_the_device_keys_and_forgotten(store: Store) -> None:
    assert not config.is_configured(store) and config.load(store) is None

    saved = config.save(store, URL, b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")

    folder = keys.data_folder(store) / keys.KEYS_FOLDER
    assert config.is_configured(store)
    assert config.load(store) == saved == config.HubSettings(URL, folder / config.CA_FILE)
    assert (folder / config.CONNECTION_FILE).exists() and (folder / config.CA_FILE).read_bytes().startswith(b"-----")
    dump = "\n".join(" ".join(map(str, row)) for row in store.db.execute("SELECT * FROM settings"))
    assert "mat-khau" not in dump

    assert config.save(store, URL, None) == config.HubSettings(URL, None)  # no certificate: encrypted, not verified
    assert config.forget(store) and not config.is_configured(store) and not (folder / config.CA_FILE).exists()
    assert not config.forget(store)


def test_asking_whether_a_hub_is_configured_loads_no_cryptography(store: Store) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from motcua_desktop.ui.sync import hub_link\n"
        "from motcua_desktop.services.hub import config\n"
        "class S: path = Path(sys.argv[1])\n"
        "config.is_configured(S())\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith('cryptography')}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(store.path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert done.stdout.strip() == "[]"
