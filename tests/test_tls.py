"""TLS end to end: the center runs as its own process with a certificate signed by a CA the test
makes. A workstation that trusts the CA through HALL_CA_BUNDLE enrolls (`main.py enroll`), pushes
and pulls over HTTPS; one that does not trust it is refused with a message in Chinese that says the
center's certificate is not trusted and what to do, never a raw ssl error."""

import ipaddress
import ssl
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sqlalchemy import func, select

from app import demo
from app.acceptance.model import Outcome
from app.actor import system_actor
from app.center_client import CenterUnreachable
from app.center_tls import not_trusted
from app.context import AppContext
from app.queue.client import QueueClient
from app.sync.engine import SyncEngine
from cli.main import main
from db.models import Case, Matter
from db.store import open_url
from tests.helpers import QUICK_KEYS, accept
from tests.sync_harness import CenterProcess, enrollment_codes

RAW_SSL = ("SSL", "CERTIFICATE_VERIFY_FAILED", "ConnectError", "_ssl.c")


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A CA, and a server certificate it signs for 127.0.0.1 and localhost: (ca, cert, key) PEM files."""
    now = datetime.now(UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())

    def certificate(subject: str, public_key) -> x509.CertificateBuilder:
        return (
            x509.CertificateBuilder()
            .subject_name(_name(subject))
            .issuer_name(_name("测试大厅 CA"))
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        )

    ca = (
        certificate("测试大厅 CA", ca_key.public_key())
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    server = (
        certificate("127.0.0.1", key.public_key())
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "center-cert.pem", folder / "center-key.pem"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return paths


@pytest.fixture
def https_center(tmp_path):
    """(the center process serving HTTPS, its database, the CA file, enrollment codes)."""
    ca, cert, key = _write_certificates(tmp_path)
    url = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    store = open_url(url, role="center")
    demo.seed(store, system_actor("center", "pytest"), key_cost=QUICK_KEYS)
    center = CenterProcess(url, tmp_path, tls=(cert, key), ca=ca)
    center.start()
    yield center, store, ca, iter(enrollment_codes(store, 3))
    center.kill()
    store.engine.dispose()


def _enroll(tmp_path: Path, name: str, center: CenterProcess, code: str) -> int:
    return main(["--db", str(tmp_path / f"{name}.sqlite3"), "enroll", "--center", center.http, "--code", code])


def _assert_untrusted(message: str) -> None:
    assert "中心证书不受信任" in message and "HALL_CA_BUNDLE" in message, message
    assert not any(raw in message for raw in RAW_SSL), message


def test_a_workstation_trusting_the_centers_ca_enrolls_pushes_and_pulls_over_https(
    https_center, tmp_path, monkeypatch, capsys
):
    center, store, ca, codes = https_center
    assert center.http.startswith("https://")
    monkeypatch.setenv("HALL_CA_BUNDLE", str(ca))

    assert _enroll(tmp_path, "trusting", center, next(codes)) == 0
    assert "已注册到中心" in capsys.readouterr().out
    ctx = AppContext.open(tmp_path / "trusting.sqlite3")
    with ctx.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Matter)) > 10  # the catalog came down over HTTPS
    ctx.catalog.invalidate()
    case_nos = accept(ctx, "gtgsh", Outcome.ACCEPT).case_nos
    engine = SyncEngine(ctx.store, ctx.workstation_id, timeout=5)
    report = engine.sync(retries=0)
    assert report.ok and report.pushed and engine.status().pending == 0, report.error
    with store.sessions() as s:
        assert list(s.scalars(select(Case.case_no))) == list(case_nos)
    assert QueueClient(ctx.store, ctx.workstation_id).categories()  # the online services verify it too

    # The same workstation without the CA: refused at once (no retries), with the reason in Chinese.
    monkeypatch.delenv("HALL_CA_BUNDLE")
    accept(ctx, "gtgsh", Outcome.ACCEPT)
    started = time.monotonic()
    report = engine.sync(retries=3, backoff=0.5)
    assert not report.ok and report.untrusted and time.monotonic() - started < 2
    _assert_untrusted(report.error)
    assert engine.status().pending > 0 and engine.status().last_error == report.error  # nothing lost
    with pytest.raises(CenterUnreachable) as refused:
        QueueClient(ctx.store, ctx.workstation_id).categories()
    _assert_untrusted(str(refused.value))
    ctx.store.engine.dispose()


def test_a_workstation_that_does_not_trust_the_center_is_refused_with_a_clear_message(
    https_center, tmp_path, monkeypatch, capsys
):
    center, _store, _ca, codes = https_center
    monkeypatch.delenv("HALL_CA_BUNDLE", raising=False)  # only the system CAs, which never signed it

    assert _enroll(tmp_path, "stranger", center, next(codes)) == 1
    _assert_untrusted(capsys.readouterr().err)

    monkeypatch.setenv("HALL_CA_BUNDLE", str(tmp_path / "missing-ca.pem"))
    assert _enroll(tmp_path, "misconfigured", center, next(codes)) == 1
    err = capsys.readouterr().err
    assert "HALL_CA_BUNDLE" in err and "missing-ca.pem" in err and "无法读取" in err, err


@pytest.mark.parametrize(
    "verify_code, what, todo",
    [
        (20, "签名的机构不在本机信任之列", "HALL_CA_BUNDLE"),  # unable to get local issuer certificate
        (19, "签名的机构不在本机信任之列", "HALL_CA_BUNDLE"),  # self-signed certificate in chain
        (18, "签名的机构不在本机信任之列", "HALL_CA_BUNDLE"),  # self-signed certificate
        (10, "证书已过期", "更换中心的证书"),
        (9, "尚未生效", "日期和时间"),
        (62, "不是为这个地址签发的", "核对中心地址"),  # host name mismatch
        (64, "不是为这个地址签发的", "核对中心地址"),  # IP address mismatch
    ],
)
def test_each_certificate_failure_is_read_for_a_clerk(verify_code, what, todo):
    cause = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    cause.verify_code = verify_code
    failure = httpx.ConnectError(str(cause))
    failure.__cause__ = cause
    message = str(not_trusted(failure, "https://center:8765"))
    assert message.startswith("中心证书不受信任（https://center:8765）：")
    assert what in message and todo in message
    assert not any(raw in message for raw in RAW_SSL), message


def test_other_connection_failures_are_not_read_as_an_untrusted_certificate():
    failure = httpx.ConnectError("[Errno 111] Connection refused")
    failure.__cause__ = ConnectionRefusedError(111, "Connection refused")
    assert not_trusted(failure, "https://center:8765") is None
