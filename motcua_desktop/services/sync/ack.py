"""The upstream office's signed acknowledgement: the batches it covers leave the outbox.

Kept apart from the export because it is the one way data leaves the outbox, checked against the
configured upstream signing key and this PC's own log.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync.keys import UPSTREAM
from motcua_desktop.services.sync.outbox import clean_outbox
from motcua_desktop.storage.sync_outbox import AckRow
from motcua_desktop.sync.ack import read_ack
from motcua_desktop.sync.signed import reject


@dataclass(frozen=True)
class AckResult:
    file_name: str
    device_id: str
    epoch: int
    acked_seq: int
    batches: tuple[int, ...]  # batches that left the outbox with this acknowledgement
    already: bool = False

    @property
    def message(self) -> str:
        if self.already:
            return f"Tệp «{self.file_name}»: đã nhận xác nhận này trước đó (đến sự kiện {self.acked_seq}); không có gì thay đổi."
        batches = ", ".join(str(b) for b in self.batches) or "không có gói nào mới"
        return (
            f"Tệp «{self.file_name}»: cơ quan cấp trên đã nhận đủ dữ liệu đến sự kiện {self.acked_seq} "
            f"(kỷ nguyên {self.epoch}); các gói {batches} đã rời hộp thư đi."
        )


def import_ack(ctx: AppContext, data: bytes, file_name: str) -> AckResult:
    """Verifies an acknowledgement against the configured upstream signing key and marks the
    acknowledged batches as synced (they leave the outbox). Importing it again changes nothing."""
    ctx.require(Permission.EXPORT)
    ack, document = read_ack(data, file_name)
    store = ctx.store
    upstream = [r for r in store.sync.peers.recipients() if r.role == UPSTREAM and r.signing_key]
    if not upstream:
        raise reject(file_name, "chưa cấu hình khóa của cơ quan cấp trên nên không kiểm tra được chữ ký.")
    if not any(r.signing_key == ack.issuer_key for r in upstream):
        raise reject(
            file_name,
            f"không do cơ quan cấp trên đã cấu hình ký (khóa {ack.issuer_fingerprint}).",
            "Chỉ nhập tệp xác nhận do cơ quan cấp trên cấp cho máy này.",
        )
    document.verify(ack.issuer_key, what="tệp xác nhận")
    own = store.events.device().device_id
    if ack.device_id != own:
        raise reject(
            file_name, f"là xác nhận cho máy {ack.device_id}, không phải máy này ({own}).", "Nhập ở đúng máy quầy đó."
        )
    # A batch this PC built that ends there with that head is as good as the log: after a restore
    # from an older backup the log no longer holds the events the batches carried before it.
    if store.sync.outbox.batch_with_head(own, ack.epoch, ack.acked_seq, ack.head) is None:
        head = store.events.head(own, ack.epoch)
        if head is None or ack.acked_seq > head.last_seq:
            raise reject(
                file_name,
                f"xác nhận đến sự kiện {ack.acked_seq} của kỷ nguyên {ack.epoch}, nhưng máy này không có dữ liệu đó.",
            )
        if store.sync.queries.event_hash(own, ack.epoch, ack.acked_seq) != ack.head:
            raise reject(
                file_name,
                f"dữ liệu cơ quan cấp trên nhận được khác với nhật ký của máy này tại sự kiện {ack.acked_seq}.",
                "Không đánh dấu đã đồng bộ; hãy báo cơ quan cấp trên và bộ phận hỗ trợ.",
            )
    current = store.sync.outbox.ack(own, ack.epoch)
    if current is not None and current.acked_seq >= ack.acked_seq:
        return AckResult(file_name, own, ack.epoch, ack.acked_seq, (), already=True)
    now = ctx.clock.now()
    with store.transaction():
        store.sync.outbox.set_ack(AckRow(own, ack.epoch, ack.acked_seq, ack.head, now, ack.issuer_fingerprint))
        done = store.sync.outbox.mark_acked(own, ack.epoch, ack.acked_seq, at=now)
        store.events.append(
            kind=ev.SYNC_ACK_IMPORTED,
            actor=ctx.actor,
            occurred_at=now,
            payload={
                "epoch": ack.epoch,
                "acked_seq": ack.acked_seq,
                "head": ack.head,
                "batches": [b.batch for b in done],
                "issuer": ack.issuer_fingerprint,
                "file": file_name,
            },
        )
    clean_outbox(store)
    return AckResult(file_name, own, ack.epoch, ack.acked_seq, tuple(b.batch for b in done))
