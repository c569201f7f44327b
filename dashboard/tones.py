"""The PLOVER types' tones, as `dashboard.queries` imports them; the table itself is `dashboard.plover`'s.

Kept only so the timeline's queries need no change: new code imports `dashboard.plover`.
"""

from __future__ import annotations

from dashboard.plover import OTHER, TONE, TONES, tone

__all__ = ["OTHER", "TONE", "TONES", "tone"]
