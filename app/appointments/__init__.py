"""Appointments (预约服务, DESIGN §3.5): the slots a manager opens, bookings by staff, and check-in
at a window or the kiosk, which puts the booking into the queue (kept at the center)."""
