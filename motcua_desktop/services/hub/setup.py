"""Setting the hub up: ``motcua hub init`` on the server's side, ``connect`` on each counter.

``init`` needs no counter database: the IT officer runs it once with PostgreSQL's superuser (the
commune's identifier is taken from this PC when it is set up). ``connect`` is an administrator's
action on the counter (password typed again): it checks that the URL is this counter's role of this
commune, publishes this PC's key card on the hub (binding the role to this PC), and keeps the URL
with the PC's other secrets. Both are recorded in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.hub.admin import HubInit, init_hub
from motcua_desktop.hub.client import HubConnection, connection_options, describe
from motcua_desktop.hub.errors import HubRefused
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.hub import config
from motcua_desktop.services.sync.keys import own_card

AGENCY_ID = Field("agency_id", "Mã định danh đơn vị")
SERVER_CERTIFICATE = Field("server_certificate", "Chứng chỉ máy chủ")

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "")


def initialise(
    admin_url: str,
    *,
    agency_id: str,
    counters: int,
    reset: tuple[int, ...] = (),
    host: str = "",
    port: int | None = None,
) -> HubInit:
    """Creates or completes the hub's schema and the counters' roles (``hub.admin.init_hub``)."""
    if not agency_id.strip():
        raise ValidationError(AGENCY_ID, "chưa có.", "Chạy lệnh trên một máy quầy đã thiết lập, hoặc thêm --agency-id.")
    return init_hub(
        admin_url, agency_id=agency_id.strip(), counters=counters, reset=reset, counter_host=host, counter_port=port
    )


def host_is_local(init: HubInit) -> bool:
    """The URLs name this machine (or a socket): the IT officer must put the server's LAN address."""
    url = init.counters[0].url if init.counters else ""
    host = str(connection_options(url).get("host", "")) if url else ""
    return host in LOCAL_HOSTS or host.startswith("/")


@dataclass(frozen=True)
class Connected:
    where: str
    counter_no: int
    verifies_server: bool


def connect(ctx: AppContext, url: str, ca_file: Path | None = None) -> Connected:
    """Connects this counter to the hub at ``url`` (the line ``hub init`` printed for it)."""
    ctx.require_fresh(Permission.SETTINGS)
    office = ctx.office()
    ca_pem = _certificate(ca_file) if ca_file is not None else None
    where = describe(url)
    with HubConnection.open(url, ca_file) as hub:
        if hub.agency_id != office.agency_id:
            raise HubRefused(
                f"Máy chủ văn phòng ({where}): tài khoản này thuộc đơn vị mã {hub.agency_id}, không phải đơn vị của "
                f"máy này ({office.agency_id})."
            )
        if hub.counter_no != office.counter_no:
            raise HubRefused(
                f"Máy chủ văn phòng ({where}): chuỗi kết nối này dành cho quầy {hub.counter_no}, máy này là quầy "
                f"{office.counter_no}. Dùng đúng dòng «motcua hub init» in ra cho quầy {office.counter_no}."
            )
        hub.claim(own_card(ctx).data.decode("utf-8"))
    now = ctx.clock.now()
    with ctx.store.transaction():
        config.save(ctx.store, url, ca_pem)
        ctx.store.sync.hub.clear()
        ctx.store.events.append(
            kind=ev.HUB_CONNECTED,
            actor=ctx.actor,
            occurred_at=now,
            payload={"server": where, "counter_no": office.counter_no, "verifies_server": ca_pem is not None},
        )
    return Connected(where, office.counter_no, ca_pem is not None)


def disconnect(ctx: AppContext) -> bool:
    """Forgets the hub on this counter (its events stay on the hub and on the other counters)."""
    ctx.require_fresh(Permission.SETTINGS)
    settings = config.load(ctx.store)
    if settings is None:
        return False
    with ctx.store.transaction():
        config.forget(ctx.store)
        ctx.store.sync.hub.clear()
        ctx.store.events.append(
            kind=ev.HUB_DISCONNECTED,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            payload={"server": describe(settings.url)},
        )
    return True


def _certificate(path: Path) -> bytes:
    from cryptography import x509

    try:
        data = path.read_bytes()
        x509.load_pem_x509_certificate(data)
    except OSError:
        raise ValidationError(SERVER_CERTIFICATE, f"không đọc được tệp «{path}».") from None
    except ValueError:
        raise ValidationError(
            SERVER_CERTIFICATE, f"«{path.name}» không phải chứng chỉ PEM.", "Dùng tệp server.crt của máy chủ."
        ) from None
    return data
