"""Widgets only show what the domain answers: a scan of ``motcua_desktop/ui`` for business rules.

Every rule lives once, in ``domain/`` (``docs/contributing.md``, "Rules live in the domain"). A
widget that works out a deadline, a fee, whether a result can be handed over or which forms a
dossier may print has made a second copy of a rule, and the two drift apart. This test reads every
module under ``ui/`` (except the generated ``ui/forms``) and refuses:

- ``status``: a comparison with a ``Status`` member, a test of a ``.status`` against a set or a
  string, or a hand-made collection of ``Status`` members (ask ``Status.is_returnable``,
  ``allowed_actions``, ``form_rules.forms_allowed``…);
- ``deadline``: arithmetic on a due date, an ordering comparison with one, or an equality between
  dates derived from one (ask ``domain.deadline.urgency``), and working-time arithmetic
  (``add_working_hours``…);
- ``fee``: arithmetic, ``max``/``min`` or an ordering comparison on a fee (ask ``Dossier.fee_owed``);
- ``number``: a numeric format spec (``{x:,}``, ``{x:.1f}``, ``format(x, ",")``), the hand-made
  Vietnamese separators ``.replace(",", ".")``/``.replace(".", ",")``, or an amount followed by
  "đồng" (use ``domain.money``: ``vn_number``, ``vn_percent``, ``share_text``, ``format_vnd``);
- ``form``: a collection of form numbers ("01"–"07"), adding one to a list, or comparing with one
  (ask ``domain.forms``);
- ``import``: names from ``domain.timeliness`` or ``domain.calendar`` other than the few a settings
  or report screen offers as choices;
- ``label``: a literal that repeats a rating level, an Art. 33 criterion or a deadline urgency word
  (take ``.label`` from the domain).

Each rule is checked against the copies it was written to catch (``CAUGHT``), so a rule that stops
catching them fails here too.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from motcua_desktop.domain.deadline import Urgency
from motcua_desktop.domain.satisfaction import CRITERIA, SCALE

UI = Path(__file__).resolve().parent.parent / "motcua_desktop" / "ui"
GENERATED = UI / "forms"

DUE = re.compile(r"(^|_)due(_at|_before|_date)?$")  # due, due_at, original_due_at, near_due_before…
FEE = re.compile(r"fee")
FORM_ID = re.compile(r"^0[1-7]$")
DATE_SPEC = re.compile(r"%[A-Za-z]")
NUMBER_SPEC = re.compile(r"[,_]|\.\d|[bcdeEfFgGnoxX%]$")
ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
WORKING_TIME = frozenset({"add_working_hours", "add_working_time", "working_time_between", "due_at_for"})
# What a screen may take from the deadline and calendar modules: choices it offers, the calendar
# editor's own types. Everything else there computes deadlines.
ALLOWED_IMPORTS = {
    "motcua_desktop.domain.timeliness": frozenset({"TimelinessRule"}),
    "motcua_desktop.domain.calendar": frozenset({"CalendarConfig", "DayEntry", "DayKind"}),
    "motcua_desktop.domain.calendar.config": frozenset({"WEEKDAY_NAMES", "Session"}),
}
DOMAIN_WORDS = frozenset(
    {r.label for r in SCALE} | {c.label for c in CRITERIA} | {c.short for c in CRITERIA} | {u.label for u in Urgency}
)


@dataclass(frozen=True)
class Finding:
    where: str
    line: int
    rule: str
    code: str

    def __str__(self) -> str:
        return f"{self.where}:{self.line}: [{self.rule}] {self.code}"


def _names(node: ast.AST) -> set[str]:
    """Identifiers a piece of code mentions: variable names and attribute names."""
    found: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            found.add(sub.attr)
    return found


def _mentions(node: ast.AST, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(name) for name in _names(node))


def _is_status_member(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Status"


def _dossier_status(node: ast.AST) -> bool:
    """``x.status`` or ``x.status.value`` for an ``x`` other than ``self`` (a page's status combo)."""
    if isinstance(node, ast.Attribute) and node.attr == "value":
        node = node.value
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "status"
        and not (isinstance(node.value, ast.Name) and node.value.id == "self")
    )


def _status_decision(node: ast.Compare) -> bool:
    """A comparison with a ``Status`` member, or a dossier's status tested against a set of
    statuses or a status code written out (``d.status in RETURNABLE``, ``s.status.value == "…"``)."""
    operands = [node.left, *node.comparators]
    if any(_is_status_member(sub) for o in operands for sub in ast.walk(o)):
        return True
    if not any(_dossier_status(o) for o in operands):
        return False
    membership = any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
    return membership or any(isinstance(o, ast.Constant) and isinstance(o.value, str) for o in operands)


def _leaf_name(node: ast.AST) -> str:
    """``due_at`` for ``d.due_at`` or ``due_at``; empty for anything computed."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _constant_strings(nodes: list[ast.expr]) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _numeric_spec(spec: str) -> bool:
    return not DATE_SPEC.search(spec) and bool(NUMBER_SPEC.search(spec))


def _spec_text(node: ast.JoinedStr) -> str:
    return "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))


class RuleScan(ast.NodeVisitor):
    def __init__(self, where: str, source: str) -> None:
        self.where = where
        self.source = source
        self.findings: list[Finding] = []

    def flag(self, node: ast.AST, rule: str) -> None:
        code = ast.get_source_segment(self.source, node) or ast.dump(node)
        self.findings.append(Finding(self.where, getattr(node, "lineno", 0), rule, code.splitlines()[0][:100]))

    # --- comparisons ----------------------------------------------------------------------
    def visit_Compare(self, node: ast.Compare) -> None:
        operands = [node.left, *node.comparators]
        if _status_decision(node):
            self.flag(node, "status")
        elif any(isinstance(op, ORDERING) for op in node.ops) and any(_mentions(o, DUE) for o in operands):
            self.flag(node, "deadline")
        elif any(isinstance(o, ast.Call) and _mentions(o, DUE) for o in operands):
            self.flag(node, "deadline")  # business_day(due) == business_day(now)…
        elif any(isinstance(op, ORDERING) for op in node.ops) and any(_mentions(o, FEE) for o in operands):
            self.flag(node, "fee")
        elif any(FORM_ID.match(s) for o in operands for s in _constant_strings([o])):
            self.flag(node, "form")
        self.generic_visit(node)

    # --- arithmetic -----------------------------------------------------------------------
    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
            self.generic_visit(node)  # "…%s…" % value: text, not arithmetic
            return
        if _mentions(node, DUE):
            self.flag(node, "deadline")
        elif _mentions(node, FEE):
            self.flag(node, "fee")
        else:
            self.generic_visit(node)

    # --- collections ----------------------------------------------------------------------
    def _collection(self, node: ast.Tuple | ast.List | ast.Set, items: list[ast.expr]) -> None:
        if sum(_is_status_member(i) for i in items) >= 2:
            self.flag(node, "status")
        elif sum(bool(FORM_ID.match(s)) for s in _constant_strings(items)) >= 2:
            self.flag(node, "form")
        self.generic_visit(node)

    def visit_Tuple(self, node: ast.Tuple) -> None:
        self._collection(node, node.elts)

    def visit_List(self, node: ast.List) -> None:
        self._collection(node, node.elts)

    def visit_Set(self, node: ast.Set) -> None:
        self._collection(node, node.elts)

    def visit_Dict(self, node: ast.Dict) -> None:
        self._collection(node, [k for k in node.keys if k is not None])  # type: ignore[arg-type]

    # --- calls ----------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        args = _constant_strings(node.args)
        leaves = [_leaf_name(a) for a in node.args] if name in ("max", "min") else []
        if any(FEE.search(leaf) for leaf in leaves):
            self.flag(node, "fee")
        elif any(DUE.search(leaf) for leaf in leaves) or name in WORKING_TIME:
            self.flag(node, "deadline")
        elif (name == "format" and len(node.args) == 2 and any(_numeric_spec(s) for s in args)) or (
            name == "replace" and args in ([",", "."], [".", ","])
        ):
            self.flag(node, "number")
        elif name in ("append", "add", "insert") and any(FORM_ID.match(s) for s in args):
            self.flag(node, "form")
        self.generic_visit(node)

    # --- text -----------------------------------------------------------------------------
    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        for index, part in enumerate(node.values):
            if not isinstance(part, ast.FormattedValue):
                continue
            spec = part.format_spec
            if isinstance(spec, ast.JoinedStr) and _numeric_spec(_spec_text(spec)):
                self.flag(node, "number")
                return
            after = node.values[index + 1] if index + 1 < len(node.values) else None
            if isinstance(after, ast.Constant) and str(after.value).lstrip().startswith("đồng"):
                self.flag(node, "number")
                return
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and node.value in DOMAIN_WORDS:
            self.flag(node, "label")

    # --- imports --------------------------------------------------------------------------
    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        guarded = module in ALLOWED_IMPORTS or module.startswith(
            ("motcua_desktop.domain.timeliness", "motcua_desktop.domain.calendar")
        )
        if guarded:
            allowed = ALLOWED_IMPORTS.get(module, frozenset())
            if any(alias.name not in allowed for alias in node.names):
                self.flag(node, "import")


def scan(source: str, where: str = "<snippet>") -> list[Finding]:
    scanner = RuleScan(where, source)
    scanner.visit(ast.parse(source))
    return scanner.findings


def ui_modules() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if GENERATED not in p.parents)


def test_no_widget_computes_a_rule_itself() -> None:
    findings = [
        str(f)
        for path in ui_modules()
        for f in scan(path.read_text(encoding="utf-8"), str(path.relative_to(UI.parent.parent)))
    ]
    assert findings == [], "business rules in widgets (move them to domain/):\n" + "\n".join(findings)


def test_the_scan_reads_every_page_and_dialog() -> None:
    names = {p.name for p in ui_modules()}
    assert {"dossier_model.py", "return_page.py", "dossier_detail.py", "action_dialogs.py", "sync_page.py"} <= names
    assert not any(GENERATED in p.parents for p in ui_modules())


# The copies removed from the widgets when their rules moved to the domain, and a few more ways
# of writing them: each must be caught by its rule.
CAUGHT = [
    ("deadline", "if summary.due_at < now:\n    x = 1"),
    ("deadline", "if business_day(summary.due_at) == business_day(now):\n    x = 1"),
    ("deadline", "if summary.due_at <= near_before:\n    x = 1"),
    ("deadline", "left = d.due_at - now"),
    ("deadline", "soon = calendar.add_working_hours(now, hours)"),
    ("status", "if summary.status is Status.AWAITING_SUPPLEMENT:\n    x = 1"),
    ("status", "RETURNABLE = (Status.RESULT_READY, Status.REFUSED_AFTER_APPRAISAL)"),
    ("status", "if d.status not in RETURNABLE:\n    x = 1"),
    ("status", "ok = not d.status.is_terminal or d.status is Status.RETURNED"),
    ("status", 'form = "02" if outcome is Status.GUIDED else "03"'),
    ("status", 'if summary.status.value == "DA_TRA_KET_QUA":\n    x = 1'),
    ("fee", "due = max(0, d.fee_amount - d.fee_paid)"),
    ("fee", "owed = max(d.fee_amount, paid)"),
    ("deadline", "latest = max(d.due_at, other)"),
    ("fee", "owed = d.fee_amount - d.fee_paid"),
    ("fee", "if d.fee_paid < d.fee_amount:\n    x = 1"),
    ("number", 'text = f"{due:,}".replace(",", ".")'),
    ("number", 'text = f"{count * 100 / total:.1f}".replace(".", ",") + "%"'),
    ("number", 'text = f"{free / 1_000_000_000:.1f} GB"'),
    ("number", 'text = format(amount, ",")'),
    ("number", 'text = str(amount).replace(",", ".")'),
    ("number", 'text = f"Còn phải thu: {owed} đồng"'),
    ("form", 'PRINT_BY_DEFAULT = {"02", "04", "05"}'),
    ("form", 'forms.append("05")'),
    ("form", 'if form == "04":\n    x = 1'),
    ("import", "from motcua_desktop.domain.timeliness import is_overdue"),
    ("import", "from motcua_desktop.domain.calendar.clock import running_due_at"),
    ("label", 'CRITERIA = {"a": "Thời gian trả kết quả so với quy định"}'),
    ("label", 'levels = ("Rất hài lòng", "Hài lòng", "Không hài lòng")'),
    ("label", 'state = "Sắp đến hạn"'),
]


@pytest.mark.parametrize(("rule", "source"), CAUGHT)
def test_each_removed_copy_is_caught(rule: str, source: str) -> None:
    assert rule in {f.rule for f in scan(source)}, source


PASSED = [  # what widgets legitimately do with the same names
    'self._row("Hẹn trả", fmt_datetime(d.due_at)) if d.due_at is not None else None',
    'if d.fee_amount or d.fee_paid:\n    text = f"{format_vnd(d.fee_amount)}; đã nộp {format_vnd(d.fee_paid)}"',
    "if d.fee_owed:\n    x = vn_number(d.fee_owed)",
    'label = f"{due:%H:%M} {fmt_date(due)}"',
    'line = f"{label:<22}{value}"',
    'job = print_form(ctx, code, "01")',
    "status = str(self.status.currentData() or '')",
    'form.addRow("&Phí, lệ phí thu (đồng)", self.fee)',
    "from motcua_desktop.domain.timeliness import TimelinessRule",
    "found = urgency(s.status, s.due_at, now, near)\ntext = found.label if found else ''",
    'message = "Hồ sơ %s" % code',
    "self.due.setCurrentIndex(max(0, self.due.findData(dossier_filter.due.value)))",
    "self.flags_button.setVisible(data.due_flags > 0)",
    "reported = any(r.status is DayStatus.REPORTED for r in year.pending)",
]


@pytest.mark.parametrize("source", PASSED)
def test_showing_domain_answers_passes(source: str) -> None:
    assert scan(source) == []
