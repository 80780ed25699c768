"""Paper survey forms: one key per criterion of Decree 118 Art. 33, and the rule for a second rating.

Many citizens rate on paper (Hòa Hiệp Bắc counted 779/779 satisfied forms in 2018; Quận 9 29,322
ratings for 31,751 dossiers). The clerk enters a stack of forms: the receipt barcode (or the code),
then for each criterion of ``domain.satisfaction.CRITERIA`` one key: 1 very satisfied, 2 satisfied,
3 dissatisfied, 0 or a blank not rated. A dossier is rated once: a second form for it is refused
unless the first rating is corrected, with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from motcua_desktop.domain.dossier import Dossier, Rating, RatingChannel, Satisfaction
from motcua_desktop.domain.errors import Field, TransitionError, ValidationError
from motcua_desktop.domain.satisfaction import CRITERIA, SCALE

# The key of each level on the entry screen, in the order of the return screen (1 best).
LEVEL_KEYS: dict[str, Rating] = {str(i + 1): level for i, level in enumerate(SCALE)}
SKIP_KEYS = frozenset({"0", "", " ", "-"})  # the criterion was left blank on the form
REASON_FIELD = Field("correction_reason", "Lý do sửa đánh giá")
CRITERIA_FIELD = Field("criteria", "Đánh giá theo tiêu chí")


@dataclass(frozen=True)
class PaperRating:
    """One paper form as the clerk keyed it: a level per criterion key (a, b, c, d, đ, e, g, h, i)."""

    criteria: Mapping[str, Rating]
    comment: str = ""


def parse_keys(keys: Mapping[str, str] | str) -> PaperRating:
    """The levels typed for each criterion: a mapping ``{"a": "1", …}`` or one string of keys in the
    order of the decree's criteria (``"112 1 1"``: a=1, b=1, c=2, d blank…)."""
    if isinstance(keys, str):
        pairs = dict(zip((c.key for c in CRITERIA), keys, strict=False))
    else:
        pairs = {str(k): str(v).strip() for k, v in keys.items()}
    known = {c.key for c in CRITERIA}
    levels: dict[str, Rating] = {}
    for key, typed in pairs.items():
        if key not in known:
            raise ValidationError(
                CRITERIA_FIELD, f"không có tiêu chí «{key}».", "Các tiêu chí: " + ", ".join(c.key for c in CRITERIA)
            )
        if typed in SKIP_KEYS:
            continue
        level = LEVEL_KEYS.get(typed) or _by_value(typed)
        if level is None:
            raise ValidationError(
                CRITERIA_FIELD, f"tiêu chí {key}: «{typed}» không phải mức đánh giá.", "Gõ 1, 2, 3 hoặc 0 (bỏ trống)."
            )
        levels[key] = level
    if not levels:
        raise ValidationError(
            CRITERIA_FIELD, "phiếu chưa có tiêu chí nào được đánh giá.", "Gõ 1, 2 hoặc 3 cho mỗi tiêu chí."
        )
    return PaperRating(levels)


def _by_value(typed: str) -> Rating | None:
    try:
        return Rating(typed)
    except ValueError:
        return None


def overall_of(criteria: Mapping[str, Rating]) -> Rating:
    """The form's overall level: the lowest level given (a citizen dissatisfied with one criterion is not
    counted among the satisfied)."""
    return max(criteria.values(), key=SCALE.index)


def rated_satisfaction(form: PaperRating) -> Satisfaction:
    return Satisfaction(overall_of(form.criteria), dict(form.criteria), form.comment, RatingChannel.PAPER)


def check_can_rate(dossier: Dossier, reason: str) -> None:
    """Refuses a rating of a dossier not yet returned, and a second rating without a correction reason."""
    record = dossier.return_record
    if record is None:
        raise TransitionError(
            f"Hồ sơ {dossier.code} chưa trả kết quả: phiếu đánh giá chỉ nhập cho hồ sơ đã trả kết quả."
        )
    if record.satisfaction is not None and not reason:
        earlier = record.satisfaction
        raise ValidationError(
            REASON_FIELD,
            f"hồ sơ {dossier.code} đã có đánh giá ({earlier.channel.label.lower()}: {earlier.overall.label}).",
            "Mỗi hồ sơ chỉ được đánh giá một lần; nếu phiếu trước nhập sai, ghi lý do để sửa.",
        )
