"""uvicorn's HTTP/1.1 protocol with TCP_NODELAY on every connection. asyncio sets it itself on
sockets it accepts, but not on those of a listening socket handed to `--workers` processes;
without it a keep-alive request waits ~40 ms for the peer's delayed ACK."""

import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


class H11NoDelay(H11Protocol):
    def connection_made(self, transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
