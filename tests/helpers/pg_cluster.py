"""A throw-away PostgreSQL server for the hub tests and the hub benchmark.

Debian's ``postgresql`` package provides the server binaries (``/usr/lib/postgresql/<version>/bin``);
the cluster lives in a temporary folder, listens on 127.0.0.1 on a port of its own with TLS (a
self-signed certificate made here with ``cryptography``), accepts TCP connections only over TLS
with a password, and the superuser only on its Unix socket. Run as root (CI, this machine), the
server runs as the ``postgres`` user (``runuser``), as PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PORTS = range(55432, 55440)
# Where several test runs share a machine, each may be given its own ports (``MOTCUA_TEST_PG_PORT``: the
# first of eight) and its own server binaries (``MOTCUA_TEST_PG_BIN``: a folder; one without a
# ``postgres`` in it stands for a machine without PostgreSQL).
PORT_ENV, BIN_ENV = "MOTCUA_TEST_PG_PORT", "MOTCUA_TEST_PG_BIN"


def cluster_ports() -> range:
    first = os.environ.get(PORT_ENV)
    return range(int(first), int(first) + 8) if first else PORTS


def server_bin() -> Path | None:
    """The folder of the newest installed PostgreSQL server binaries, or None."""
    chosen = os.environ.get(BIN_ENV)
    if chosen is not None:
        return Path(chosen) if (Path(chosen) / "postgres").exists() else None
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    path = shutil.which("postgres") or shutil.which("pg_ctl")
    return Path(path).parent if path else None


def make_certificate(folder: Path, *, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A self-signed server certificate and key (what docs/hub.md tells an IT officer to make)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "may-chu-van-phong")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host)), x509.DNSName("localhost")]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "server.crt", folder / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        )
    )
    os.chmod(key_path, 0o600)
    return cert_path, key_path


@dataclass
class Cluster:
    folder: Path  # holds data/, the socket and the certificate
    port: int
    bin: Path
    as_postgres: bool

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def certificate(self) -> Path:
        return self.folder / "server.crt"

    def superuser_url(self, database: str = "postgres") -> str:
        """The superuser over the Unix socket (no password, no network)."""
        return f"postgresql://postgres@/{database}?host={self.folder}&port={self.port}"

    def url(self, database: str = "postgres", *, user: str = "postgres", password: str = "") -> str:
        secret = f":{password}" if password else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}?sslmode=require"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=check, timeout=120)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", check=False)

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def psql(self, sql: str, database: str = "postgres") -> str:
        done = self._run(
            "psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", str(self.folder), "-p", str(self.port),
            "-U", "postgres", "-d", database, "-c", sql,
        )  # fmt: skip
        return done.stdout.strip()

    def _binary(self, *argv: str, data: bytes | None = None) -> bytes:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, input=data, capture_output=True, check=True, timeout=120).stdout

    def dump(self, database: str, out: Path) -> None:
        """``pg_dump -Fc`` (what docs/hub.md tells the IT officer to run every evening)."""
        socket_args = ("-h", str(self.folder), "-p", str(self.port), "-U", "postgres")
        out.write_bytes(self._binary("pg_dump", "-Fc", *socket_args, database))

    def restore(self, database: str, dump: Path) -> None:
        """Drops ``database`` and restores it from ``dump`` (the hub brought back from an old backup)."""
        self.psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")
        self.psql(f'DROP DATABASE IF EXISTS "{database}"')
        self.psql(f'CREATE DATABASE "{database}"')
        socket_args = ("-h", str(self.folder), "-p", str(self.port), "-U", "postgres")
        self._binary("pg_restore", *socket_args, "-d", database, data=dump.read_bytes())

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def start_cluster(ports: range | None = None) -> Cluster:
    """initdb in a new temporary folder, TLS on, started on the first free port of ``ports``."""
    ports = ports or cluster_ports()
    binaries = server_bin()
    if binaries is None:
        raise RuntimeError("PostgreSQL server binaries not found (install Debian's postgresql package)")
    # As root (CI, a Linux test machine) the server runs as ``postgres``; on Windows as the user.
    as_postgres = sys.platform != "win32" and os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="motcua-pg-"))
    make_certificate(folder)
    if as_postgres:
        import pwd  # POSIX only

        user = pwd.getpwnam("postgres")
        for path in (folder, folder / "server.crt", folder / "server.key"):
            os.chown(path, user.pw_uid, user.pw_gid)
        os.chmod(folder, 0o700)
    port = next((p for p in ports if _free(p)), None)
    if port is None:
        raise RuntimeError(f"no free port in {ports.start}–{ports.stop - 1}")
    cluster = Cluster(folder, port, binaries, as_postgres)
    cluster._run(
        "initdb", "-D", str(cluster.data), "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
        "-E", "UTF8", "--locale=C.UTF-8",
    )  # fmt: skip
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "port": str(port),
        "unix_socket_directories": f"'{folder}'",
        "ssl": "on",
        "ssl_cert_file": f"'{folder / 'server.crt'}'",
        "ssl_key_file": f"'{folder / 'server.key'}'",
        "shared_buffers": "'32MB'",
        "max_connections": "60",
        "fsync": "off",  # a test server: durability of the hub is not what these tests measure
        "full_page_writes": "off",
        "log_min_messages": "warning",
    }
    with (cluster.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.writelines(f"{k} = {v}\n" for k, v in settings.items())
    # TCP: TLS and a password only; the superuser never over the network.
    (cluster.data / "pg_hba.conf").write_text(
        "local all all trust\n"
        "hostssl all postgres 127.0.0.1/32 reject\n"
        "hostssl all all 127.0.0.1/32 scram-sha-256\n"
        "host all all 127.0.0.1/32 reject\n",
        encoding="utf-8",
    )
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}\n{log[-2000:]}") from exc
    return cluster


def wait_until(condition, timeout: float = 30.0, interval: float = 0.05) -> bool:  # type: ignore[no-untyped-def]
    """Polls ``condition()`` until true or ``timeout`` seconds (for cross-process outcomes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if condition():
                return True
        time.sleep(interval)
    return bool(condition())
