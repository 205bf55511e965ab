"""Geometry of the caution-score gauge: a half circle filled up to the score (0-100)."""

from __future__ import annotations

import math

CENTRE_X, CENTRE_Y, RADIUS = 100.0, 100.0, 80.0

# The same colours as the level boxes in app.css; the level is always written in words too.
LEVEL_COLOURS = {"low": "#1e6b34", "moderate": "#7a4b00", "high": "#a33a00", "very high": "#8b0016"}


def _point(score: float) -> tuple[float, float]:
    angle = math.pi * score / 100
    return CENTRE_X - RADIUS * math.cos(angle), CENTRE_Y - RADIUS * math.sin(angle)


def gauge(score: int, level: str) -> dict[str, str]:
    """SVG path data for the empty track and the filled part, and the level's CSS class."""
    score = max(0, min(100, score))
    start_x, start_y = _point(0)
    end_x, end_y = _point(100)
    fill_x, fill_y = _point(score)
    arc = f"M {start_x:.1f} {start_y:.1f} A {RADIUS:.0f} {RADIUS:.0f} 0 0 1"
    return {
        "track": f"{arc} {end_x:.1f} {end_y:.1f}",
        "fill": f"{arc} {fill_x:.1f} {fill_y:.1f}" if score > 0 else "",
        "level_class": "level-" + level.replace(" ", "-"),
        "colour": LEVEL_COLOURS.get(level, "#1b1b1b"),
    }
