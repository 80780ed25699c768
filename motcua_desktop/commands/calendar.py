"""``motcua calendar due|show|import|confirm-reported|set-day|confirm|flags|redate|keep``: the working calendar."""

from __future__ import annotations

import sys
from pathlib import Path

from motcua_desktop.commands.base import CliApp, CliError, add_command, runs_in_safe_mode
from motcua_desktop.domain.calendar import DayKind, due_caution
from motcua_desktop.domain.calendar.year_status import instrument_of
from motcua_desktop.domain.duration import make_duration
from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.vntime import fmt_date, fmt_datetime, parse_date, parse_datetime, weekday_short
from motcua_desktop.services.core.calendar import appointment_for
from motcua_desktop.services.dossiers.lookup import resolve
from motcua_desktop.services.office.calendar import confirm_day, set_day, year_overview
from motcua_desktop.services.office.calendar_notice import (
    NoticePreview,
    apply_calendar_import,
    confirm_reported,
    preview_calendar_import,
    preview_reported,
)
from motcua_desktop.services.office.catalogue import get_procedure
from motcua_desktop.services.office.due_flags import flagged_appointments, keep_printed_due, redate_for_calendar


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = subparsers.add_parser(
        "calendar",
        help="lịch làm việc, ngày nghỉ, tính ngày hẹn trả",
        description="Lịch làm việc: ngày lễ, nghỉ bù, hoán đổi, làm bù, nghỉ đột xuất.",
    )
    sub = p.add_subparsers(dest="calendar_command", metavar="LỆNH", required=True)
    due = add_command(sub, "due", run_due, "tính ngày giờ hẹn trả từ thời điểm tiếp nhận")
    due.add_argument("--received", required=True, metavar='"YYYY-MM-DD HH:MM"', help="thời điểm tiếp nhận")
    group = due.add_mutually_exclusive_group(required=True)
    group.add_argument("--procedure", metavar="MÃ_TTHC", help="lấy thời hạn theo danh mục")
    group.add_argument("--duration", metavar="SỐ", help="số thời hạn (ví dụ 2,5)")
    due.add_argument("--unit", default="working-days", help="working-days (mặc định), calendar-days, hours, same-day")
    show = add_command(sub, "show", run_show, "liệt kê ngày nghỉ, ngày làm bù của một năm và tình trạng xác nhận")
    show.add_argument("year", type=int, metavar="NĂM")
    imp = add_command(
        sub, "import", run_import, "nhập lịch nghỉ của một năm từ tệp CSV: xem trước rồi mới áp dụng (quản trị viên)"
    )
    imp.add_argument("file", type=Path, metavar="TỆP")
    _preview_options(imp)
    rep = add_command(
        sub,
        "confirm-reported",
        run_confirm_reported,
        "áp dụng lịch nghỉ đã được đưa tin sau khi đã đối chiếu văn bản (quản trị viên)",
    )
    rep.add_argument("year", type=int, metavar="NĂM")
    rep.add_argument("--checked", default="", metavar="VĂN_BẢN", help="văn bản đã đọc để đối chiếu (số, ngày, nơi đọc)")
    _preview_options(rep)
    day = add_command(
        sub, "set-day", run_set_day, "ghi một ngày nghỉ đột xuất / nghỉ / làm việc theo quyết định (quản trị viên)"
    )
    day.add_argument("date", metavar="NGÀY", help="dd/mm/yyyy")
    day.add_argument(
        "--kind", default=DayKind.CLOSURE.value, help="closure (nghỉ đột xuất, mặc định), decided_off, decided_workday"
    )
    day.add_argument("--name", required=True, help='ví dụ "Nghỉ do bão số 3"')
    day.add_argument("--reason", required=True, help="lý do, văn bản quyết định")
    conf = add_command(sub, "confirm", run_confirm, "xác nhận áp dụng một ngày đang ở dạng đề xuất (quản trị viên)")
    conf.add_argument("date", metavar="NGÀY", help="dd/mm/yyyy")
    conf.add_argument("--reason", required=True, help="căn cứ xác nhận (số văn bản)")
    add_command(sub, "flags", run_flags, "hồ sơ đã in phiếu hẹn mà lịch mới cho ngày hẹn khác")
    red = add_command(sub, "redate", run_redate, "ghi ngày hẹn mới theo lịch đang áp dụng (rồi in lại mẫu 01)")
    red.add_argument("code", metavar="MÃ_HỒ_SƠ")
    keep = add_command(sub, "keep", run_keep, "giữ ngày hẹn đã in khi lịch mới cho ngày hẹn muộn hơn")
    keep.add_argument("code", metavar="MÃ_HỒ_SƠ")
    keep.add_argument("--note", required=True, help="lý do giữ ngày hẹn")


def _preview_options(parser) -> None:  # type: ignore[no-untyped-def]
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--preview", action="store_true", help="chỉ xem trước, không thay đổi gì")
    group.add_argument("--yes", action="store_true", help="áp dụng sau khi xem trước, không hỏi lại")


@runs_in_safe_mode
def run_due(app: CliApp) -> int:
    a = app.args
    try:
        received = parse_datetime(a.received)
    except ValueError:
        raise CliError(f'--received «{a.received}» không phải ngày giờ; dạng "YYYY-MM-DD HH:MM".') from None
    ctx = app.anonymous()
    if a.procedure:
        procedure = get_procedure(ctx, a.procedure)
        if procedure.duration is None:
            raise CliError(f"Thủ tục {a.procedure} chưa có thời hạn trong danh mục; dùng --duration và --unit.")
        duration = procedure.duration
    else:
        duration = make_duration(a.unit, a.duration)
    calendar = ctx.calendar()
    due = calendar.due_at(received, duration)
    warning = due_caution(calendar, received, due)
    undecided = calendar.undecided_between(received, due)
    text = appointment_for(ctx.store, due)
    app.emit(
        {
            "received_at": received,
            "duration": duration.to_dict(),
            "due_at": due,
            "appointment_text": text,
            "warning": warning,
            "undecided_days": [c.day for c in undecided],
        },
        "\n".join(
            filter(
                None,
                [
                    f"Tiếp nhận: {fmt_datetime(received)}",
                    f"Thời hạn: {duration.label()}",
                    f"Hẹn trả: {fmt_datetime(due)} ({text})",
                    warning,
                ],
            )
        ),
    )
    return 0


@runs_in_safe_mode
def run_show(app: CliApp) -> int:
    overview = year_overview(app.anonymous(), app.args.year)

    def text() -> str:
        lines = [f"Lịch năm {overview.year}: {overview.status.confirmation.label}"]
        for entry in overview.entries:
            row = entry.row
            mark = ""
            if entry.candidate is not None:
                mark = f" [tính là ngày nghỉ khi hẹn trả, chưa quyết định; căn cứ: {instrument_of(row.source)}]"
            elif not entry.applied:
                mark = f" [chưa áp dụng; căn cứ: {instrument_of(row.source)}]"
            lines.append(
                f"  {fmt_date(row.day)} {weekday_short(row.day):<3} {row.kind.label:<26} "
                f"{row.status.label:<18} {row.name}{mark}"
            )
        if overview.status.warning:
            lines.append("Cảnh báo: " + overview.status.warning)
        return "\n".join(lines)

    app.emit(
        {
            "year": overview.year,
            "status": overview.status,
            "days": [
                {
                    "date": e.row.day,
                    "kind": e.row.kind,
                    "name": e.row.name,
                    "status": e.row.status,
                    "origin": e.row.origin,
                    "applied": e.applied,
                    "counted_off_until_decided": e.candidate is not None,
                    "source": e.row.source,
                    "provenance": e.row.provenance,
                }
                for e in overview.entries
            ],
        },
        text,
    )
    return 0


def run_import(app: CliApp) -> int:
    ctx = app.context()
    path = app.args.file
    preview = preview_calendar_import(ctx, path)
    if _previewed_only(app, preview, "Áp dụng lịch này?"):
        return 0
    change = apply_calendar_import(ctx, path, digest=preview.digest)
    _emit_change(app, change, preview)
    return 0


def run_confirm_reported(app: CliApp) -> int:
    ctx = app.context()
    year = app.args.year
    preview = preview_reported(ctx, year)
    if _previewed_only(app, preview, "Đã đọc văn bản và áp dụng lịch này?"):
        return 0
    if not app.args.checked.strip():
        raise CliError("Thiếu --checked: ghi văn bản đã đọc để đối chiếu (số, ngày, nơi đọc).")
    change = confirm_reported(ctx, year, checked=app.args.checked, digest=preview.digest)
    _emit_change(app, change, preview)
    return 0


def _previewed_only(app: CliApp, preview: NoticePreview, question: str) -> bool:
    """Shows the preview; True when nothing is to be applied (``--preview``). Without ``--yes`` it
    asks in a terminal and refuses elsewhere (exit 2, nothing changed)."""
    if app.args.preview:
        app.emit(_preview_data(preview), preview.describe())
        return True
    if app.args.yes:
        return False
    if not sys.stdin.isatty():
        raise CliError(preview.describe() + "\nChưa áp dụng gì. Xem kỹ rồi chạy lại với --yes để áp dụng.")
    print(preview.describe(), file=sys.stderr)
    answer = input(f"{question} Gõ «co» để áp dụng: ")
    if answer.strip().lower() not in ("co", "có", "yes", "y"):
        raise CliError("Đã hủy, không thay đổi gì.")
    return False


def _preview_data(preview: NoticePreview) -> dict[str, object]:
    return {
        "source": preview.source_name,
        "years": list(preview.years),
        "instruments": list(preview.instruments),
        "rows": len(preview.rows),
        "changes": [
            {
                "date": c.day,
                "change": c.kind,
                "before": c.before.text if c.before else "",
                "after": c.after.text if c.after else "",
            }
            for c in preview.changes
        ],
        "moved": [
            {"code": m.code, "printed_due": m.printed_due, "new_due": m.new_due, "earlier": m.earlier}
            for m in preview.moved
        ],
    }


def _emit_change(app: CliApp, change, preview: NoticePreview) -> None:  # type: ignore[no-untyped-def]
    text = change.summary
    if change.flagged:
        text += "\nXem danh sách: motcua calendar flags; ghi ngày hẹn mới: motcua calendar redate MÃ_HỒ_SƠ."
    app.emit({**_preview_data(preview), "summary": change.summary, "flagged": change.flagged}, text)


@runs_in_safe_mode
def run_flags(app: CliApp) -> int:
    rows = flagged_appointments(app.context())

    def text() -> str:
        if not rows:
            return "Không có hồ sơ nào cần xem lại ngày hẹn."
        lines = [f"{len(rows)} hồ sơ cần xem lại ngày hẹn (lịch làm việc đã thay đổi sau khi in phiếu hẹn):"]
        for m in rows:
            todo = "sớm hơn: ghi ngày mới và in lại phiếu hẹn" if m.earlier else "muộn hơn: có thể giữ ngày đã in"
            lines.append(f"  {m.describe()} ({todo})")
        return "\n".join(lines)

    app.emit(
        [{"code": m.code, "printed_due": m.printed_due, "new_due": m.new_due, "earlier": m.earlier} for m in rows], text
    )
    return 0


def run_redate(app: CliApp) -> int:
    ctx = app.context()
    dossier = redate_for_calendar(ctx, resolve(ctx, app.args.code))
    due = fmt_datetime(dossier.due_at) if dossier.due_at else ""
    app.emit(
        {"code": dossier.code, "due_at": dossier.due_at},
        f"Hồ sơ {dossier.code}: ngày hẹn mới {due}. In lại phiếu hẹn: motcua print {dossier.code} --form 01 --out TỆP.pdf",
    )
    return 0


def run_keep(app: CliApp) -> int:
    ctx = app.context()
    keep_printed_due(ctx, resolve(ctx, app.args.code), app.args.note)
    app.emit({"code": app.args.code, "kept": True}, f"Hồ sơ {app.args.code}: giữ ngày hẹn đã in.")
    return 0


def _date(text: str):  # type: ignore[no-untyped-def]
    try:
        return parse_date(text)
    except ValueError:
        raise ValidationError(Field("day", "Ngày"), f"«{text}» không phải ngày.", "Dạng dd/mm/yyyy.") from None


def run_set_day(app: CliApp) -> int:
    a = app.args
    try:
        kind = DayKind(a.kind)
    except ValueError:
        raise CliError(f"--kind «{a.kind}» không hợp lệ: closure, decided_off hoặc decided_workday.") from None
    change = set_day(app.context(), _date(a.date), kind, a.name, a.reason)
    app.emit({"summary": change.summary, "flagged": change.flagged}, change.summary)
    return 0


def run_confirm(app: CliApp) -> int:
    change = confirm_day(app.context(), _date(app.args.date), app.args.reason)
    app.emit({"summary": change.summary, "flagged": change.flagged}, change.summary)
    return 0
