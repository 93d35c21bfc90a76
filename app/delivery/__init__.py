"""Delivering the result of a decided case (送达): at the comprehensive window against a 送达回证, or
by mail with its tracking number and the carrier's answer (kept at the center)."""
