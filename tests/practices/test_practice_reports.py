"""The practices' report figures, on known datasets with their expected figures."""

from __future__ import annotations

from datetime import date

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.settings import NO_APPOINTMENT_WEEKDAYS, SAME_DAY_PROCEDURES
from motcua_desktop.domain.transitions import ResultReadyInput, ReturnInput
from motcua_desktop.reports import render
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.period import custom_period, month_period
from motcua_desktop.reports.practices import build_rating_channels
from motcua_desktop.services.core.settings import change_setting
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier
from motcua_desktop.services.dossiers.paper_survey import enter_paper_rating
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.dossiers.same_day import receive
from motcua_desktop.services.reports.build import ReportKind
from motcua_desktop.services.reports.files import export_report
from motcua_desktop.services.reports.practices import rating_channels_report, same_day_report
from tests.factories import MARRIAGE_STATUS, birth_registration, context

NOVEMBER = month_period(2026, 11)


def _november(store, clock):  # type: ignore[no-untyped-def]
    """Mon 16/11 is a «Ngày không hẹn» for birth registration: 3 resolved on the spot (2 rated at the
    counter), 1 marriage-status dossier received with its appointment; Tue 17/11 two birth registrations
    received as usual, returned Wed 18/11 and rated on paper (one satisfied, one not)."""
    admin = context(store, clock, Role.ADMIN, username="admin")
    change_setting(admin, NO_APPOINTMENT_WEEKDAYS, "Thứ hai")
    change_setting(admin, SAME_DAY_PROCEDURES, "1.001193")
    ctx = context(store, clock)
    receive(ctx, birth_registration(), ReturnInput(rating="rat_hai_long", criteria={"a": "hai_long"}))
    receive(ctx, birth_registration(), ReturnInput(rating="hai_long"))
    receive(ctx, birth_registration())
    receive(ctx, birth_registration(**MARRIAGE_STATUS))
    clock.advance(days=1)
    codes = [str(register(ctx, birth_registration()).dossier.code) for _ in range(2)]
    clock.advance(days=1)
    for code in codes:
        transition(ctx, find_dossier(ctx, code), ResultReadyInput())
        transition(ctx, find_dossier(ctx, code), ReturnInput())
    enter_paper_rating(ctx, find_dossier(ctx, codes[0]), "11")
    enter_paper_rating(ctx, find_dossier(ctx, codes[1]), "3")
    return context(store, clock, Role.LEADER, username="leader")


def test_dossiers_resolved_on_the_spot_per_month_and_procedure(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    leader = _november(office_store, clock)
    report = same_day_report(leader, NOVEMBER)
    assert (report.total.received, report.total.resolved, report.total.share) == (6, 3, 0.5)
    assert [(m.label, m.received, m.resolved) for m in report.months] == [("Tháng 11/2026", 6, 3)]
    assert [(p.received, p.resolved, p.share) for p in report.procedures] == [(5, 3, 0.6)]
    assert "1.001193" in report.procedures[0].label
    assert report.as_json()["total"] == {"label": "TỔNG SỐ", "received": 6, "resolved": 3, "share": 0.5}
    assert same_day_report(leader, month_period(2026, 10)).total.received == 0
    quarter = same_day_report(leader, custom_period(date(2026, 10, 15), date(2026, 12, 31)))
    assert [(m.label, m.received, m.resolved) for m in quarter.months] == [("Tháng 11/2026", 6, 3)]


def test_ratings_received_over_dossiers_returned_by_channel(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    leader = _november(office_store, clock)
    report = rating_channels_report(leader, NOVEMBER)
    assert (report.returned, report.rated, report.coverage) == (5, 4, 0.8)
    counter, paper = report.channels
    assert (counter.overall.rated, counter.overall.satisfied_share) == (2, 1.0)
    assert (paper.overall.rated, paper.overall.satisfied_share) == (2, 0.5)
    assert report.total().satisfied_share == 0.75
    # criterion (a): one satisfied at the counter; one very satisfied and one dissatisfied on paper
    assert counter.criteria["a"].satisfied_share == 1.0 and paper.criteria["a"].satisfied_share == 0.5
    assert report.total("a").rated == 3 and report.total("b").rated == 1
    assert report.total("h").satisfied_share is None  # nobody rated the online service


def test_the_reports_render_as_files(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    from tests.printing.pdfcheck import page_texts

    leader = _november(office_store, clock)
    for kind in (ReportKind.SAME_DAY, ReportKind.RATING_CHANNELS):
        pdf = export_report(leader, kind, NOVEMBER, "pdf")
        text = " ".join(" ".join(page_texts(pdf.data)).split())
        assert "TỔNG SỐ" in text and pdf.file_name.endswith(".pdf")
        assert export_report(leader, kind, NOVEMBER, "xlsx").data[:2] == b"PK"
    text = " ".join(
        " ".join(page_texts(export_report(leader, ReportKind.RATING_CHANNELS, NOVEMBER, "pdf").data)).split()
    )
    assert "80,0%" in text and "Phiếu giấy" in text


def _header() -> ReportHeader:
    from motcua_desktop.domain.vntime import vn_datetime

    return ReportHeader("UBND quận 9", "Bộ phận một cửa", "UBND TP", "Thủ Đức", vn_datetime(2019, 12, 1, 8), "Lan")


def test_the_articles_figures_come_out_as_published() -> None:
    # Quận 9 (2019): 29,322 ratings for 31,751 dossiers, 92.34 %; 99.73 % satisfied (29,245/29,322)
    q9 = build_rating_channels(
        _header(), NOVEMBER, 31751, [("quay", "", "hai_long", 29245), ("quay", "", "khong_hai_long", 77)]
    )
    assert round(q9.coverage or 0, 4) == 0.9235 and round(q9.total().satisfied_share or 0, 4) == 0.9974
    assert f"{(q9.coverage or 0) * 100:.3f}" == "92.350"  # the article cuts 92.3498… to 92,34 (and 99.737… to 99,73)
    # Hòa Hiệp Bắc (2018): 779/779 paper forms satisfied
    hhb = build_rating_channels(_header(), NOVEMBER, 779, [("phieu_giay", "", "hai_long", 779)])
    assert hhb.channels[1].overall.satisfied_share == 1.0 and hhb.coverage == 1.0
    assert render(hhb, "csv")
