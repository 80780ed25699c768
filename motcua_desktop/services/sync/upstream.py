"""The receiving side, as an upstream office (or its integration developer) runs it: ``motcua upstream``.

It needs no counter database, only a home folder:

- ``upstream-signing.key`` / ``upstream-decrypt.key`` — its Ed25519 and X25519 private keys (DPAPI on
  Windows, a 0600 file elsewhere), created by ``keygen``;
- ``upstream.card.json`` — the public half, given once to every counter's administrator;
- ``devices/*.card.json`` — the enrolled counters' key cards (``enrol``);
- ``received.json`` — per device and epoch, how far the received chain is complete (``ack`` keeps it).

Packages are verified exactly as the consolidation importer does (``sync.reader``); ``decrypt``
writes their events as JSON Lines, ``ack`` signs acknowledgements for the complete part of each
chain, ``to-portal-json`` converts dossiers to the national portal's fields (rules.md §3.6).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from motcua_desktop.crypto import keys, keystore
from motcua_desktop.domain.errors import ConflictError, Field, NotFound, ValidationError
from motcua_desktop.domain.events import EventRecord
from motcua_desktop.domain.projection import fold_revisions
from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.vntime import iso
from motcua_desktop.services.core.context import Clock
from motcua_desktop.sync import cards, media
from motcua_desktop.sync.ack import build_ack
from motcua_desktop.sync.package import Manifest, plain_events
from motcua_desktop.sync.portal import portal_dossier
from motcua_desktop.sync.reader import OpenedPackage, is_manifest_name, open_package, read_limited
from motcua_desktop.sync.signed import MAX_DOCUMENT_BYTES, reject

SIGNING_KEY_FILE = "upstream-signing.key"
DECRYPT_KEY_FILE = "upstream-decrypt.key"
CARD_FILE = "upstream" + cards.SUFFIX
DEVICES_FOLDER = "devices"
STATE_FILE = "received.json"
PLACE = "thư mục của cơ quan cấp trên"


@dataclass(frozen=True)
class WrittenFile:
    path: str
    description: str


def keygen(home: Path, name: str, clock: Clock) -> cards.KeyCard:
    """Creates the office's key pair (refuses to replace existing keys) and its public key card."""
    office = clean_text(name)
    if not office:
        raise ValidationError(Field("name", "Tên cơ quan"), "chưa nhập.", 'Ví dụ: "Sở Nội vụ tỉnh Thanh Hóa".')
    if (home / SIGNING_KEY_FILE).exists() or (home / DECRYPT_KEY_FILE).exists():
        raise ConflictError(
            f"Thư mục «{home}» đã có khóa của cơ quan cấp trên; không tạo đè (các quầy đang dùng khóa cũ). "
            "Muốn đổi khóa, dùng một thư mục mới rồi gửi thẻ khóa mới cho các quầy."
        )
    media.RealFileOps().makedirs(home)
    signing = keystore.load_or_create_signing_key(home / SIGNING_KEY_FILE)
    decrypt = keys.new_encryption_key()
    keystore.store_secret(home / DECRYPT_KEY_FILE, keys.x25519_private_text(decrypt).encode("ascii"))
    data = cards.build_card(
        role=cards.UPSTREAM,
        name=office,
        agency_id="",
        device_id="",
        counter_no=0,
        encryption_key=keys.x25519_public_text(decrypt.public_key()),
        signing_key=signing,
        created_at=clock.now(),
    )
    media.write_verified(media.RealFileOps(), home, CARD_FILE, data, place=PLACE)
    return cards.read_card(data, CARD_FILE)


def _keys(home: Path) -> tuple[Any, Any]:
    if not (home / SIGNING_KEY_FILE).exists() or not (home / DECRYPT_KEY_FILE).exists():
        raise NotFound(f"Thư mục «{home}» chưa có khóa của cơ quan cấp trên. Chạy «motcua upstream keygen» trước.")
    signing = keystore.load_or_create_signing_key(home / SIGNING_KEY_FILE)
    decrypt = keys.parse_x25519_private(keystore.load_secret(home / DECRYPT_KEY_FILE).decode("ascii"))
    return signing, decrypt


def enrol(home: Path, data: bytes, file_name: str) -> cards.KeyCard:
    """Accepts packages signed by the counter PC on this card (compare its fingerprint first)."""
    _keys(home)
    card = cards.read_card(data, file_name)
    if card.role != cards.DEVICE:
        raise reject(file_name, "không phải thẻ khóa của một máy quầy.")
    folder = home / DEVICES_FOLDER
    ops = media.RealFileOps()
    ops.makedirs(folder)
    media.write_verified(ops, folder, cards.card_name(cards.DEVICE, card.name, card.device_id), data, place=PLACE)
    return card


def enrolled(home: Path) -> dict[str, cards.KeyCard]:
    folder = home / DEVICES_FOLDER
    found: dict[str, cards.KeyCard] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*" + cards.SUFFIX)):
            card = cards.read_card(path.read_bytes(), path.name)
            found[card.device_id] = card
    return found


def open_packages(home: Path, paths: Sequence[Path]) -> list[OpenedPackage]:
    """Verifies and decrypts every package (manifest paths or folders); the first bad one raises."""
    _, decrypt = _keys(home)
    devices = enrolled(home)
    fingerprint = keys.fingerprint(keys.x25519_public_text(decrypt.public_key()))

    def signer(manifest: Manifest) -> str:
        card = devices.get(manifest.device_id)
        if card is None:
            raise reject(
                manifest.file_name,
                f"{manifest.describe()}: máy chưa được đăng ký với cơ quan cấp trên.",
                "Nhận thẻ khóa của máy đó («motcua upstream enrol»), so dấu vân tay, rồi làm lại.",
            )
        return card.signing_key

    opened = [
        open_package(path, signer_key_for=signer, private_key=decrypt, fingerprint=fingerprint)
        for path in _manifests(paths)
    ]
    return sorted(opened, key=lambda o: (o.manifest.device_id, o.manifest.epoch, o.manifest.batch))


def _manifests(paths: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if is_manifest_name(p.name))
        elif path.is_file():
            found.append(path)
        else:
            raise ValidationError(Field("file", "Tệp gói"), f"không tìm thấy «{path}».")
    if not found:
        raise ValidationError(Field("file", "Tệp gói"), "không có tệp kê khai (*.manifest.json) nào.")
    return found


def decrypt(home: Path, paths: Sequence[Path], out: Path) -> list[WrittenFile]:
    """Writes each verified package's events as ``<stem>.events.jsonl`` (canonical JSON, one event a line)."""
    opened = open_packages(home, paths)
    ops = media.RealFileOps()
    ops.makedirs(out)
    written = []
    for package in opened:
        name = package.manifest.identity.stem + ".events.jsonl"
        media.write_verified(ops, out, name, plain_events(package.events), place=PLACE)
        written.append(WrittenFile(str(out / name), f"{package.manifest.describe()}: {len(package.events)} sự kiện"))
    return written


@dataclass(frozen=True)
class AckOutcome:
    acks: tuple[WrittenFile, ...]
    gaps: tuple[str, ...]


def acknowledge(home: Path, paths: Sequence[Path], out: Path, clock: Clock, *, issuer: str = "") -> AckOutcome:
    """Records the verified packages in ``received.json`` where they continue the received chain, and
    writes one signed acknowledgement per device and epoch for the complete part. A package after a
    gap is not acknowledged (the counter keeps it in its outbox)."""
    signing, _ = _keys(home)
    opened = open_packages(home, paths)
    state = _load_state(home)
    by_chain: dict[tuple[str, int], list[OpenedPackage]] = defaultdict(list)
    for package in opened:
        by_chain[(package.manifest.device_id, package.manifest.epoch)].append(package)
    gaps: list[str] = []
    touched: list[tuple[str, int]] = []
    for (device_id, epoch), packages in by_chain.items():
        chain_key = f"{device_id}|{epoch}"
        chain = state.setdefault(chain_key, {"last_seq": 0, "head": "", "batch": 0})
        for package in packages:
            m = package.manifest.body
            if m["last_seq"] <= chain["last_seq"]:
                continue
            if m["first_seq"] != chain["last_seq"] + 1 or (chain["head"] and m["prev_head"] != chain["head"]):
                gaps.append(
                    f"Thiếu gói {chain['batch'] + 1} của quầy {m['counter_no']} (máy {device_id}, kỷ nguyên {epoch}, "
                    f"từ sự kiện {chain['last_seq'] + 1}): gói {m['batch']} và các gói sau chưa được xác nhận."
                )
                break
            chain.update(last_seq=m["last_seq"], head=m["head"], batch=m["batch"])
        if chain["last_seq"]:
            touched.append((device_id, epoch))
        else:
            del state[chain_key]
    _save_state(home, state)
    ops = media.RealFileOps()
    ops.makedirs(out)
    written = []
    name = issuer or cards.read_card((home / CARD_FILE).read_bytes(), CARD_FILE).name
    for device_id, epoch in touched:
        chain = state[f"{device_id}|{epoch}"]
        file_name, data = build_ack(
            device_id=device_id,
            epoch=epoch,
            acked_seq=chain["last_seq"],
            head=chain["head"],
            batch=chain["batch"],
            issuer_name=name,
            created_at=clock.now(),
            signing_key=signing,
        )
        media.write_verified(ops, out, file_name, data, place=PLACE)
        written.append(
            WrittenFile(
                str(out / file_name), f"máy {device_id}, kỷ nguyên {epoch}: đã nhận đủ đến sự kiện {chain['last_seq']}"
            )
        )
    return AckOutcome(tuple(written), tuple(gaps))


def _load_state(home: Path) -> dict[str, dict[str, Any]]:
    path = home / STATE_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(read_limited(media.RealFileOps(), path, MAX_DOCUMENT_BYTES).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise reject(STATE_FILE, "bị hỏng, không đọc được tiến độ nhận dữ liệu.") from None
    chains = data.get("chains") if isinstance(data, dict) else None
    if not isinstance(chains, dict):
        raise reject(STATE_FILE, "không đúng định dạng.")
    return chains


def _save_state(home: Path, chains: dict[str, dict[str, Any]]) -> None:
    data = (canonical_json({"chains": chains}) + "\n").encode("utf-8")
    media.write_verified(media.RealFileOps(), home, STATE_FILE, data, place=PLACE)


@dataclass(frozen=True)
class PortalExport:
    path: str
    dossiers: int
    incomplete: int  # dossiers whose earlier events are not among the packages given
    skipped: int  # pre-reception guidance (not sent to the portal)


def to_portal_json(home: Path, paths: Sequence[Path], out_file: Path, clock: Clock) -> PortalExport:
    """Folds the dossiers of the given packages and writes them in the portal's fields. A dossier is
    complete when its whole history is among the packages (give all of a counter's packages, in any
    order); otherwise it is listed under ``ThieuLichSu`` with the revisions that are present."""
    opened = open_packages(home, paths)
    by_dossier: dict[str, list[EventRecord]] = defaultdict(list)
    for package in opened:
        for event in package.events:
            if event.dossier_uuid and event.dossier_rev is not None:
                by_dossier[event.dossier_uuid].append(event)
    dossiers: list[dict[str, Any]] = []
    incomplete: list[dict[str, Any]] = []
    skipped = 0
    for dossier_uuid in sorted(by_dossier):
        events = by_dossier[dossier_uuid]
        folded = fold_revisions(events)
        if folded.dossier is None or not folded.complete:
            incomplete.append(
                {
                    "DossierUuid": dossier_uuid,
                    "PhienBanCo": sorted({e.dossier_rev or 0 for e in events}),
                    "LyDo": "thiếu các gói trước (chưa có lịch sử từ đầu)"
                    if folded.dossier is None
                    else (folded.problem or "dữ liệu các quầy chưa thống nhất hoặc còn thiếu phiên bản"),
                }
            )
            continue
        ordered = sorted((e for e in events if e.uuid not in folded.held), key=lambda e: e.dossier_rev or 0)
        record = portal_dossier(ordered)
        if record is None:
            skipped += 1
        else:
            dossiers.append(record)
    document = {
        "format": "motcua-portal-json",
        "format_version": 1,
        "generated_at": iso(clock.now()),
        "source_packages": [o.path.name for o in opened],
        "HoSoDongBoDVC": dossiers,
        "ThieuLichSu": incomplete,
    }
    data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    ops = media.RealFileOps()
    ops.makedirs(out_file.parent)
    media.write_verified(ops, out_file.parent, out_file.name, data, place=PLACE)
    return PortalExport(str(out_file), len(dossiers), len(incomplete), skipped)


def card_text(card: cards.KeyCard) -> str:
    return (
        f"{card.describe()}\n  Dấu vân tay khóa ký: {card.signing_fingerprint}\n"
        f"  Dấu vân tay khóa mã hóa: {card.encryption_fingerprint}"
    )
