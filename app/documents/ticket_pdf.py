"""The queue ticket the kiosk prints on 80 mm thermal paper: number, category, people ahead,
time and a QR code (the applicant can scan it to follow the queue)."""

from io import BytesIO

from reportlab.lib.units import mm

from app.documents.fonts import canvas, chinese_font
from app.documents.qr_canvas import draw_qr
from app.queue.dto import TicketInfo

WIDTH, HEIGHT = 80 * mm, 120 * mm


def render_ticket(ticket: TicketInfo, hall_name: str) -> bytes:
    """`ticket` as the center issued it."""
    font = chinese_font()
    out = BytesIO()
    c = canvas(out, pagesize=(WIDTH, HEIGHT))
    c.setTitle(f"排队号 {ticket.label}")
    middle = WIDTH / 2
    y = HEIGHT - 12 * mm
    c.setFont(font, 11)
    c.drawCentredString(middle, y, hall_name)
    y -= 7 * mm
    c.setFont(font, 10)
    c.drawCentredString(middle, y, f"{ticket.category_name}（{ticket.category_code}类）")
    y -= 17 * mm
    c.setFont(font, 40)
    c.drawCentredString(middle, y, ticket.label)
    y -= 8 * mm
    c.setFont(font, 10)
    if ticket.priority:
        c.drawCentredString(middle, y, f"优先：{ticket.priority}")
        y -= 6 * mm
    if ticket.target_window:
        c.drawCentredString(middle, y, f"请到 {ticket.target_window} 号窗口办理")
        y -= 6 * mm
    c.drawCentredString(middle, y, f"您前面还有 {ticket.ahead} 人，预计等候约 {ticket.est_wait_min} 分钟")
    y -= 6 * mm
    c.drawCentredString(middle, y, f"取号时间：{ticket.issued_at.replace('T', ' ')}")
    size = 26 * mm
    y -= size + 4 * mm
    draw_qr(c, f"HALLTICKET|{ticket.id}|{ticket.label}", middle - size / 2, y, size)
    y -= 6 * mm
    c.setFont(font, 8)
    c.drawCentredString(middle, y, "请留意叫号屏和语音提示，过号请到导办台咨询。")
    y -= 4.5 * mm
    c.drawCentredString(middle, y, "办理结束请在窗口评价器上评价，谢谢！")
    c.showPage()
    c.save()
    return out.getvalue()
