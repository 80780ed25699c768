"""The keys that make end-of-day packages safe, set up once by an administrator.

- this PC's Ed25519 signing key and X25519 receiving key (``crypto.keystore``: DPAPI on Windows, a 0600
  file elsewhere; the private halves never leave the data folder) and its public **key card**;
- the recipients packages are sealed to (the upstream office's card, the consolidation PC's card);
- the counter PCs whose packages this PC accepts (enrolment, at a consolidation point).

Every change is recorded as a ``sync.keys_changed`` event. Format: ``docs/export-format.md`` §9.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from motcua_desktop import paths
from motcua_desktop.crypto import keys, keystore
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import ConflictError, Field, NotFound, ValidationError
from motcua_desktop.domain.office import OfficeSettings
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.storage import Store
from motcua_desktop.storage.sync_peers import CONSOLIDATION_ROLE, UPSTREAM_ROLE, DeviceRow, RecipientRow
from motcua_desktop.sync import cards, media
from motcua_desktop.sync.signed import reject

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

KEYS_FOLDER = "keys"
SIGNING_KEY_FILE = "device-signing.key"  # Ed25519, DPAPI-protected on Windows; never exported
RECEIVE_KEY_FILE = "receive-x25519.key"  # X25519: opens packages sealed to this PC (consolidation point)
UPSTREAM = UPSTREAM_ROLE
CONSOLIDATION = CONSOLIDATION_ROLE
ROLE_LABELS = {UPSTREAM: "Cơ quan cấp trên", CONSOLIDATION: "Điểm tổng hợp của đơn vị"}
KeyCard = cards.KeyCard  # what a card file holds (``read_card_file``), named here for the screens


# --- this PC's keys --------------------------------------------------------------------------------


def data_folder(store: Store) -> Path:
    return store.path.parent


def shared_by_every_account(store: Store) -> bool:
    """The data folder is the machine folder chosen at installation: keys are protected for the PC."""
    return paths.is_machine_data_folder(data_folder(store))


def signing_key(store: Store) -> Ed25519PrivateKey:
    """This PC's Ed25519 key (created on first use; the private half never leaves the data folder)."""
    return keystore.load_or_create_signing_key(
        data_folder(store) / KEYS_FOLDER / SIGNING_KEY_FILE, machine=shared_by_every_account(store)
    )


def receive_key(store: Store) -> X25519PrivateKey:
    """This PC's X25519 key for packages sealed to it (created on first use)."""
    path = data_folder(store) / KEYS_FOLDER / RECEIVE_KEY_FILE
    machine = shared_by_every_account(store)
    if path.exists():
        return keys.parse_x25519_private(keystore.load_secret(path, machine=machine).decode("ascii"))
    key = keys.new_encryption_key()
    keystore.store_secret(path, keys.x25519_private_text(key).encode("ascii"), machine=machine)
    return key


def receive_public_text(store: Store) -> str:
    return keys.x25519_public_text(receive_key(store).public_key())


@dataclass(frozen=True)
class CardFile:
    name: str
    data: bytes
    card: cards.KeyCard


def this_pc_card(ctx: AppContext) -> CardFile:
    """This PC's key card, to give to the consolidation point (enrolment) and to the other counters
    (so they also seal their packages to this PC when it is the office's consolidation point)."""
    ctx.require(Permission.SETTINGS)
    return own_card(ctx)


def own_card(ctx: AppContext) -> CardFile:
    """This PC's key card, without a permission check: the office hub's background replication
    publishes it whoever is signed in (it holds public keys only)."""
    office = ctx.office()
    device = ctx.store.events.device()
    data = cards.build_card(
        role=cards.DEVICE,
        name=f"{office.unit_name} – quầy {office.counter_no}",
        agency_id=office.agency_id,
        device_id=device.device_id,
        counter_no=office.counter_no,
        encryption_key=receive_public_text(ctx.store),
        signing_key=signing_key(ctx.store),
        created_at=ctx.clock.now(),
    )
    card = cards.read_card(data, "card")
    return CardFile(cards.card_name(cards.DEVICE, card.name, device.device_id), data, card)


def save_this_pc_card(ctx: AppContext, out: Path | str) -> tuple[Path, cards.KeyCard]:
    """Writes this PC's key card to ``out`` (a file name, or a folder for the default name: an
    existing folder, or a name ending with a slash, never a file named like the folder)."""
    card = this_pc_card(ctx)
    as_folder = str(out).endswith(("/", "\\")) or Path(out).is_dir()
    folder, name = (Path(out), card.name) if as_folder else (Path(out).parent, Path(out).name)
    if not folder.is_dir():
        raise ValidationError(
            Field("folder", "Nơi ghi thẻ khóa"),
            f"không tìm thấy thư mục «{folder}».",
            "Cắm USB hoặc tạo thư mục trước, rồi ghi lại.",
        )
    media.write_verified(media.RealFileOps(), folder, name, card.data)
    return folder / name, card.card


# --- recipients and enrolled devices (administrator) -----------------------------------------------


def read_card_file(ctx: AppContext, data: bytes, file_name: str) -> KeyCard:
    """What a key card file holds (checked and its signature verified), before it is added: the
    window shows its fingerprints large, for the administrator to compare them by phone with the
    office that made it. Nothing is written."""
    ctx.require(Permission.SETTINGS)
    return cards.read_card(data, file_name)


def card_role_label(card: KeyCard) -> str:
    """What adding this card does, in words."""
    if card.role == cards.UPSTREAM:
        return "Thẻ khóa của cơ quan cấp trên: các gói xuất cuối ngày sẽ được mã hóa cho cơ quan này."
    return f"Thẻ khóa của {card.describe()}."


def add_recipient(ctx: AppContext, data: bytes, file_name: str) -> RecipientRow:
    """Packages will also be sealed to the key on this card: an upstream office's card (role
    ``upstream``, whose signing key also verifies its acknowledgements) or a consolidation PC's card."""
    ctx.require_fresh(Permission.SETTINGS)
    card = cards.read_card(data, file_name)
    office = ctx.office()
    own = ctx.store.events.device().device_id
    role = UPSTREAM if card.role == cards.UPSTREAM else CONSOLIDATION
    if role == CONSOLIDATION:
        if card.device_id == own:
            raise reject(
                file_name, "là thẻ khóa của chính máy này.", "Dùng thẻ khóa của máy tổng hợp hoặc cơ quan cấp trên."
            )
        _same_agency(card, office.agency_id, file_name)
    fingerprint = keys.fingerprint(card.encryption_key)
    now = ctx.clock.now()
    with ctx.store.transaction():
        if any(r.fingerprint == fingerprint for r in ctx.store.sync.peers.recipients()):
            raise ConflictError(f"Khóa {fingerprint} ({card.name}) đã có trong danh sách nơi nhận.")
        row = RecipientRow(
            fingerprint, role, card.name, card.encryption_key, card.signing_key, card.device_id, now, ctx.actor
        )
        ctx.store.sync.peers.add_recipient(row)
        ctx.store.events.append(
            kind=ev.SYNC_KEYS_CHANGED,
            actor=ctx.actor,
            occurred_at=now,
            payload={
                "action": "recipient_added",
                "role": role,
                "name": card.name,
                "encryption_key": card.encryption_key,
                "signing_key": card.signing_key,
            },
        )
    return row


def remove_recipient(ctx: AppContext, fingerprint: str) -> None:
    ctx.require_fresh(Permission.SETTINGS)
    text = fingerprint.strip().upper()
    with ctx.store.transaction():
        found = next((r for r in ctx.store.sync.peers.recipients() if r.fingerprint == text), None)
        if found is None:
            raise NotFound(f"Không có nơi nhận với dấu vân tay khóa «{fingerprint}».")
        ctx.store.sync.peers.remove_recipient(text)
        ctx.store.events.append(
            kind=ev.SYNC_KEYS_CHANGED,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            payload={"action": "recipient_removed", "role": found.role, "name": found.name, "fingerprint": text},
        )


def list_recipients(ctx: AppContext) -> list[RecipientRow]:
    ctx.require(Permission.EXPORT)
    return ctx.store.sync.peers.recipients()


def enrol_device(ctx: AppContext, data: bytes, file_name: str) -> DeviceRow:
    """Accept packages signed by the PC on this card (at the consolidation point; re-enrolling a
    PC whose key changed replaces its key, and is recorded)."""
    ctx.require_fresh(Permission.SETTINGS)
    card = cards.read_card(data, file_name)
    office = ctx.office()
    if card.role != cards.DEVICE:
        raise reject(
            file_name, "không phải thẻ khóa của một máy quầy.", "Dùng thẻ do lệnh «motcua sync card» tạo ở máy quầy."
        )
    if card.device_id == ctx.store.events.device().device_id:
        raise reject(file_name, "là thẻ khóa của chính máy này; máy này không cần tự đăng ký.")
    _same_agency(card, office.agency_id, file_name)
    _own_counter_number(ctx, card, office, file_name)
    now = ctx.clock.now()
    row = DeviceRow(
        card.device_id,
        card.agency_id,
        card.counter_no,
        card.name,
        card.signing_key,
        card.signing_fingerprint,
        now,
        ctx.actor,
    )
    with ctx.store.transaction():
        existing = ctx.store.sync.peers.device(card.device_id)
        if existing is not None and existing.signing_key == card.signing_key and existing.counter_no == card.counter_no:
            return existing
        ctx.store.sync.peers.enrol(row)
        ctx.store.events.append(
            kind=ev.SYNC_KEYS_CHANGED,
            actor=ctx.actor,
            occurred_at=now,
            payload={
                "action": "device_reenrolled" if existing else "device_enrolled",
                "device_id": card.device_id,
                "counter_no": card.counter_no,
                "signing_key": card.signing_key,
                "previous_key": existing.signing_key if existing else None,
            },
        )
    return row


def _own_counter_number(ctx: AppContext, card: cards.KeyCard, office: OfficeSettings, file_name: str) -> None:
    """Two PCs with one counter number issue the same dossier codes (the number decides the block
    of sequence numbers, ``docs/codes.md``): such a card is refused before anything is written."""
    fix = (
        "Mỗi máy tiếp nhận hồ sơ phải có số quầy riêng: đổi số quầy ở một máy (Cài đặt → Đơn vị; có hiệu lực từ "
        "ngày hôm sau), tạo lại thẻ khóa của máy đó rồi đăng ký lại."
    )
    if office.sole_issuer:
        raise reject(
            file_name,
            f"máy này được khai báo là máy cấp mã hồ sơ duy nhất của đơn vị (dải 0001–9999), nên không nhận gói của "
            f"{card.describe()}: hai máy sẽ cấp trùng mã.",
            fix,
        )
    if card.counter_no == office.counter_no:
        raise reject(
            file_name, f"{card.describe()} có cùng số quầy {card.counter_no} với máy này: sẽ cấp trùng mã.", fix
        )
    for other in ctx.store.sync.peers.devices():
        if other.device_id != card.device_id and other.counter_no == card.counter_no:
            raise reject(
                file_name,
                f"{card.describe()} có cùng số quầy {card.counter_no} với máy {other.device_id} đã đăng ký: "
                "hai máy sẽ cấp trùng mã hồ sơ.",
                fix,
            )


def list_devices(ctx: AppContext) -> list[DeviceRow]:
    ctx.require(Permission.CONSOLIDATE)
    return ctx.store.sync.peers.devices()


def _same_agency(card: cards.KeyCard, agency_id: str, file_name: str) -> None:
    if card.agency_id != agency_id:
        raise reject(
            file_name,
            f"thuộc đơn vị mã {card.agency_id}, không phải đơn vị của máy này ({agency_id}).",
            "Chỉ trao đổi thẻ khóa giữa các máy của cùng một đơn vị.",
        )
