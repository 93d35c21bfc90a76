"""How this machine trusts the center's HTTPS certificate, and what a clerk reads when it cannot.

A workstation, kiosk, board or rating pad checks the center against the system's CAs or, when
HALL_CA_BUNDLE names a PEM file (the hall's own CA), against that file only. A certificate that
does not verify is not an outage: retrying cannot fix it, so callers stop and say what to do."""

import functools
import os
import ssl

from app.errors import DomainError

CA_BUNDLE = "HALL_CA_BUNDLE"

# OpenSSL's X509_V_ERR_* codes a hall meets, read for a clerk: (what is wrong, what to do).
_ASK_FOR_CA = f"请向大厅管理员索取中心的 CA 证书文件，用环境变量 {CA_BUNDLE} 指向它后重试。"
_REPLACE = "请大厅管理员更换中心的证书。"
_READINGS = {
    9: ("中心的证书尚未生效（请核对本机日期和时间）", _REPLACE),
    10: ("中心的证书已过期", _REPLACE),
    62: ("中心的证书不是为这个地址签发的", "请核对中心地址，或" + _REPLACE),
    64: ("中心的证书不是为这个地址签发的", "请核对中心地址，或" + _REPLACE),
}
_UNKNOWN_ISSUER = ("为中心证书签名的机构不在本机信任之列", _ASK_FOR_CA)


class CenterNotTrusted(DomainError):
    """The center's certificate did not verify, or the CA file to verify it with is unusable."""


@functools.cache
def _context(bundle: str | None, _modified: int) -> ssl.SSLContext:
    # Loading CAs costs tens of milliseconds: one context per file version, shared by every client.
    return ssl.create_default_context(cafile=bundle)


def verify_for(url: str) -> ssl.SSLContext:
    """What httpx verifies `url` with. Plain HTTP (the demo's loopback center) ignores the bundle."""
    bundle = os.environ.get(CA_BUNDLE) if url.startswith("https:") else None
    if not bundle:
        return _context(None, 0)
    try:
        return _context(bundle, os.stat(bundle).st_mtime_ns)
    except (OSError, ssl.SSLError) as exc:
        raise CenterNotTrusted(
            f"环境变量 {CA_BUNDLE} 指向的中心 CA 证书文件无法读取：{bundle}。请核对路径，或向大厅管理员重新索取该文件。"
        ) from exc


def reading(verify_code: int, url: str) -> str:
    what, todo = _READINGS.get(verify_code, _UNKNOWN_ISSUER)
    return f"中心证书不受信任（{url}）：{what}，本机无法确认它就是大厅的中心，已拒绝连接。{todo}"


def not_trusted(exc: BaseException, url: str) -> CenterNotTrusted | None:
    """The clerk's reading of a failed connection caused by the center's certificate, else None."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return CenterNotTrusted(reading(cause.verify_code, url))
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None
