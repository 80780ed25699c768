"""What a form needs besides the dossier: office, signer, print date, options.

The service layer fills these; printing never reads settings or the database itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.office import OfficeSettings


class FormDataError(KnownError):
    """The dossier lacks something the form must show (e.g. a receipt for a dossier without a code)."""


@dataclass(frozen=True)
class FormContext:
    """Context of one printout.

    ``clerk_name`` is the full name of the official who signs the form: the receiving clerk on
    form 01, the guiding official on form 02, the refusing official on form 03, the person
    recording hand-overs on form 06.
    """

    office: OfficeSettings
    printed_at: datetime  # Vietnam time; gives the "<place>, ngày … tháng … năm …" line
    clerk_name: str = ""
    appointment_text: str = ""  # form 01 item 5 / form 06, as formatted by the calendar module
    document_number: str = ""  # "Số: …/…" under the left header when the office numbers its forms
    website: str = ""  # where citizens look up procedures and dossiers (forms 02, 03)
    contact_name: str = ""  # official to call about the dossier (forms 02, 03); default: clerk_name
    contact_phone: str = ""  # default: office phone
    signer_title: str = ""  # forms 04, 05: "CHỦ TỊCH", "GIÁM ĐỐC"…
    signer_name: str = ""
    stop_requested_on: date | None = None  # form 05: when the citizen asked to stop
    # Form 01 of a linked group ("liên thông"): its name, each part (code, procedure, agency,
    # appointment), the group's appointment (the latest), the parts not received (name, agency).
    bundle_name: str = ""
    bundle_parts: tuple[tuple[str, str, str, str], ...] = ()
    bundle_appointment: str = ""
    bundle_missing: tuple[tuple[str, str], ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)  # more {extra.key} fields for province templates


@dataclass(frozen=True)
class PrintOptions:
    """Office choices for one printout.

    ``layout``: a layout named in the form's template ("a4x2", "a5", "80mm" for form 01; "a5",
    "a4" for forms 02–06); None takes the template's default. ``copies``: 1-based copy numbers
    to print (e.g. ``(2,)`` reprints only the applicant's copy); None prints every copy.
    ``template_dir``: a folder of province templates searched before the shipped ones.
    """

    layout: str | None = None
    qr: bool = False
    reprint: bool = False
    corrected: bool = False
    copies: tuple[int, ...] | None = None
    template_dir: Path | None = None
