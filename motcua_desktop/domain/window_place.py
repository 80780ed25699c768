"""Where the counter window opens: a size that fits the screen, and the place it had last time.

Commune PCs mostly have a 1366×768 screen with the Windows task bar (about 1366×728 usable): the
window opens maximised there, and as a normal window of most of the screen on larger ones. When it
closes, the program keeps its normal size and place and whether it was maximised; next time it
opens there again, unless that place is no longer on any screen (the second monitor was unplugged,
the resolution changed), when it is brought back onto the screen that shows most of it, or the
main one, and shrunk to fit.

Rectangles are the window's inside (what Qt calls its geometry), in screen pixels; ``FRAME``
is what Windows adds around it (title bar and borders), so the whole window fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PREFERRED_WIDTH = 1280
PREFERRED_HEIGHT = 800
SHARE_OF_LARGE_SCREEN = 0.85  # a first window on a large screen: most of it, not all
FRAME = (8, 31, 8, 8)  # left, top (the title bar), right, bottom: Windows 10/11 at 100 %


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def overlap(self, other: Rect) -> int:
        """The area this rectangle shares with ``other``."""
        width = min(self.right, other.right) - max(self.x, other.x)
        height = min(self.bottom, other.bottom) - max(self.y, other.y)
        return max(0, width) * max(0, height)


@dataclass(frozen=True)
class WindowPlace:
    rect: Rect  # the normal (not maximised) size and place
    maximised: bool

    def as_json(self) -> dict[str, Any]:
        r = self.rect
        return {"x": r.x, "y": r.y, "width": r.width, "height": r.height, "maximised": self.maximised}


def place_from_json(data: object) -> WindowPlace | None:
    """A saved place, or None when ``data`` is not one (a damaged or foreign file is ignored)."""
    if not isinstance(data, dict):
        return None
    try:
        numbers = [data[key] for key in ("x", "y", "width", "height")]
    except KeyError:
        return None
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        return None
    x, y, width, height = numbers
    if width <= 0 or height <= 0:
        return None
    return WindowPlace(Rect(x, y, width, height), bool(data.get("maximised", False)))


def _inside(screen: Rect) -> Rect:
    """The largest window inside (geometry) whose frame fits in ``screen``."""
    left, top, right, bottom = FRAME
    return Rect(screen.x + left, screen.y + top, screen.width - left - right, screen.height - top - bottom)


def first_place(screen: Rect) -> WindowPlace:
    """The window's first opening on ``screen`` (its usable area, without the task bar)."""
    room = _inside(screen)
    if room.width < PREFERRED_WIDTH or room.height < PREFERRED_HEIGHT:
        return WindowPlace(room, maximised=True)  # 1366×768 and smaller: the whole screen
    width = max(PREFERRED_WIDTH, min(room.width, round(screen.width * SHARE_OF_LARGE_SCREEN)))
    height = max(PREFERRED_HEIGHT, min(room.height, round(screen.height * SHARE_OF_LARGE_SCREEN)))
    return WindowPlace(_centred(width, height, room), maximised=False)


def _centred(width: int, height: int, room: Rect) -> Rect:
    return Rect(room.x + (room.width - width) // 2, room.y + (room.height - height) // 2, width, height)


def restored_place(saved: WindowPlace | None, screens: list[Rect]) -> WindowPlace:
    """Where the window opens: ``saved`` when it is on a screen, otherwise moved onto the screen
    that shows most of it (the first of ``screens``, the main one, when none does) and shrunk to
    fit that screen. ``screens`` are the usable areas of the screens connected now."""
    if not screens:
        raise ValueError("no screen")
    if saved is None:
        return first_place(screens[0])
    rect = saved.rect
    screen = max(screens, key=lambda s: (s.overlap(rect), s is screens[0]))
    if screen.overlap(rect) == 0:
        screen = screens[0]
    room = _inside(screen)
    width = min(rect.width, room.width)
    height = min(rect.height, room.height)
    x = min(max(rect.x, room.x), room.right - width)
    y = min(max(rect.y, room.y), room.bottom - height)
    return WindowPlace(Rect(x, y, width, height), saved.maximised)
