"""What a lifecycle action takes and records: one small input per action, and the event payload.

Each input holds what the clerk typed for that action and nothing else (raw text: the service cleans
and checks it); its class names its action. ``input_for`` builds the input of an action from a mapping
of raw values, for the command line and the action dialogs that offer one set of boxes per action.
The payload is built the same way by the services and the demo generator.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from motcua_desktop.domain.dossier import CollectorKind, Dossier
from motcua_desktop.domain.lifecycle import ACTIONS, Action, Status


@dataclass(frozen=True)
class ActionInput:
    """The note of an action: its reason or content, printed on forms 02–05 (required where
    ``ActionRule.needs_reason``)."""

    action: ClassVar[Action]
    note: str = ""


@dataclass(frozen=True)
class HandOverInput(ActionInput):
    action: ClassVar[Action] = Action.HAND_OVER
    to_unit: str = ""  # the receiving agency (default: the dossier's deciding unit)
    receiver: str = ""  # the person receiving


@dataclass(frozen=True)
class SupplementRequestInput(ActionInput):
    action: ClassVar[Action] = Action.REQUEST_SUPPLEMENT
    items: Sequence[str] = ()  # the missing papers, all at once (Decree 118 Art. 11)


@dataclass(frozen=True)
class SupplementReceivedInput(ActionInput):
    action: ClassVar[Action] = Action.RECEIVE_SUPPLEMENT


@dataclass(frozen=True)
class CloseInput(ActionInput):
    """Closing a dossier whose supplement never came (15 days, Decree 118 Art. 19(5))."""

    action: ClassVar[Action] = Action.CLOSE_UNSUPPLEMENTED


@dataclass(frozen=True)
class FeesRequestInput(ActionInput):
    action: ClassVar[Action] = Action.REQUEST_FEES
    amount: int | str = ""  # đồng; optional


@dataclass(frozen=True)
class FeesPaidInput(ActionInput):
    action: ClassVar[Action] = Action.PAY_FEES
    amount: int | str = ""  # đồng; required


@dataclass(frozen=True)
class ExtensionInput(ActionInput):
    """The one extension, with its apology (the note) printed on form 04."""

    action: ClassVar[Action] = Action.EXTEND
    new_due: str = ""  # dd/mm/yyyy [hh:mm]


@dataclass(frozen=True)
class StopInput(ActionInput):
    action: ClassVar[Action] = Action.STOP


@dataclass(frozen=True)
class WithdrawInput(ActionInput):
    action: ClassVar[Action] = Action.WITHDRAW


@dataclass(frozen=True)
class RefusalInput(ActionInput):
    action: ClassVar[Action] = Action.REFUSE


@dataclass(frozen=True)
class ResultReadyInput(ActionInput):
    action: ClassVar[Action] = Action.RESULT_READY


@dataclass(frozen=True)
class ReturnInput(ActionInput):
    """Handing the result over: who collects it, what is handed back and paid, the citizen's rating."""

    action: ClassVar[Action] = Action.RETURN
    collector_kind: str = CollectorKind.APPLICANT.value
    collector_name: str = ""
    collector_id_type: str = "CCCD"
    collector_id_number: str = ""
    originals_returned: int | str = 0
    fee_collected: int | str = ""
    rating: str = ""  # rat_hai_long / hai_long / khong_hai_long (optional)
    criteria: Mapping[str, str] = field(default_factory=dict)
    comment: str = ""


INPUTS: dict[Action, type[ActionInput]] = {
    cls.action: cls
    for cls in (
        HandOverInput,
        SupplementRequestInput,
        SupplementReceivedInput,
        CloseInput,
        FeesRequestInput,
        FeesPaidInput,
        ExtensionInput,
        StopInput,
        WithdrawInput,
        RefusalInput,
        ResultReadyInput,
        ReturnInput,
    )
}


def input_for(action: Action, values: Mapping[str, Any]) -> ActionInput:
    """The input of ``action`` from ``values``, keeping only the fields that action takes."""
    cls = INPUTS[action]
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in names})


def transition_payload(
    dossier: Dossier, action: Action, target: Status, *, note: str = "", details: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "action": action.value,
        "from": dossier.status.value,
        "to": target.value,
        "note": note,
        "form": ACTIONS[action].form,
        "details": details or {},
    }
