"""Notices (文书): numbered in the issuer's series, signed on their QR code, drawn outside the write
transaction, stored as issued, printed and reprinted (补打). One pipeline for every feature that
issues one: acceptance at the window, the center's case notices, 委托书."""
