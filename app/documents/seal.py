"""A seal, drawn: a red ring, a star, its text along the upper arc and its purpose (受理专用章,
审批专用章 …) under the star. Both come from the hall's settings (app.documents.letterhead.Seal)."""

import math

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import chinese_font
from app.documents.letterhead import Seal

RED = colors.Color(0.85, 0.1, 0.1, alpha=0.85)


def draw_seal(c: Canvas, cx: float, cy: float, seal: Seal, radius: float = 21 * mm) -> None:
    name = seal.text
    c.saveState()
    c.setStrokeColor(RED)
    c.setFillColor(RED)
    c.setLineWidth(1.6)
    c.circle(cx, cy, radius, stroke=1, fill=0)
    _star(c, cx, cy, radius * 0.28)
    font = chinese_font()
    size = min(11.0, radius * 2.6 / max(len(name), 1))
    c.setFont(font, size)
    span = math.radians(min(250, 18 * len(name)))  # the arc the name covers, centred on the top
    inner = radius - size - 2
    for i, ch in enumerate(name):
        angle = math.pi / 2 + span / 2 - span * (i + 0.5) / len(name)
        c.saveState()
        c.translate(cx + inner * math.cos(angle), cy + inner * math.sin(angle))
        c.rotate(math.degrees(angle) - 90)
        c.drawCentredString(0, 0, ch)
        c.restoreState()
    c.setFont(font, 8)
    c.drawCentredString(cx, cy - radius * 0.55, seal.purpose)
    c.restoreState()


def _star(c: Canvas, cx: float, cy: float, r: float) -> None:
    points = []
    for k in range(10):
        rr = r if k % 2 == 0 else r * 0.4
        a = math.pi / 2 + k * math.pi / 5
        points.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    path = c.beginPath()
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
