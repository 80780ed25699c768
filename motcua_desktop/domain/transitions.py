"""The payload of a lifecycle event, built the same way by the services and the demo generator."""

from __future__ import annotations

from typing import Any

from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.lifecycle import ACTIONS, Action, Status


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
