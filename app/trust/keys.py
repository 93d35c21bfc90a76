"""A staff member's signing key (电子签名): an Ed25519 key pair whose private half exists only
wrapped under a key derived from their password.

Wrapping: Argon2id (RFC 9106's low-memory profile) turns the password and a random salt into a
256-bit key; AES-256-GCM encrypts the private key with it, the staff number bound in as
associated data, so a wrapped key copied onto another person's record does not open. A wrong
password fails the GCM tag: the same check is the local password check, and nothing that could
be compared offline faster than Argon2id is kept. The wrapped key travels to workstations with
the staff list; no password ever leaves the machine it was typed on."""

import base64
import json
import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from app.errors import DomainError

FORMAT = 1
# RFC 9106 §4, second recommended option (the same cost as argon2-cffi's password hashing).
TIME_COST, MEMORY_KIB, PARALLELISM = 3, 65536, 4
HALL_COST = (TIME_COST, MEMORY_KIB, PARALLELISM)


class WrongPassword(DomainError):
    """The password does not open the wrapped key (or the wrapped key is damaged)."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


def _kek(password: str, salt: bytes, t: int, m: int, p: int) -> bytes:
    return hash_secret_raw(password.encode(), salt, t, m, p, 32, Type.ID)


def _aad(staff_no: str) -> bytes:
    return f"hall-staff-key:{FORMAT}:{staff_no}".encode()


def public_of(key: Ed25519PrivateKey) -> str:
    return _b64(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


@dataclass(frozen=True)
class NewKey:
    wrapped: str  # JSON text, what the staff list carries
    public_key: str  # base64 of the raw Ed25519 public key, what the center checks signatures with


class Wrapper:
    """Wraps keys under one password. Deriving the key-encryption key is the slow part (by design),
    so a hall set-up that gives many people the same initial password derives it once; each
    wrapped key still has its own nonce and is bound to its owner.

    cost: (passes, KiB, lanes), the hall's unless a test seeds its demo staff at less to save time;
    the center refuses any other cost in a key a client sends (wrapped_problem)."""

    def __init__(self, password: str, cost: tuple[int, int, int] = HALL_COST):
        self.salt = os.urandom(16)
        self.cost = cost
        self.kek = AESGCM(_kek(password, self.salt, *cost))

    def wrap(self, key: Ed25519PrivateKey, staff_no: str) -> str:
        nonce = os.urandom(12)
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return json.dumps(
            {
                "format": FORMAT,
                "kdf": "argon2id",
                "t": self.cost[0],
                "m": self.cost[1],
                "p": self.cost[2],
                "salt": _b64(self.salt),
                "nonce": _b64(nonce),
                "sealed": _b64(self.kek.encrypt(nonce, raw, _aad(staff_no))),
            },
            sort_keys=True,
        )

    def new_key(self, staff_no: str) -> NewKey:
        key = Ed25519PrivateKey.generate()
        return NewKey(self.wrap(key, staff_no), public_of(key))


def wrap(key: Ed25519PrivateKey, password: str, staff_no: str) -> str:
    return Wrapper(password).wrap(key, staff_no)


def new_key(password: str, staff_no: str) -> NewKey:
    """A fresh key pair, wrapped under `password` (a manager's reset, or a new person)."""
    return Wrapper(password).new_key(staff_no)


def unwrap(wrapped: str, password: str, staff_no: str) -> Ed25519PrivateKey:
    try:
        blob = json.loads(wrapped)
        if blob.get("format") != FORMAT or blob.get("kdf") != "argon2id":
            raise WrongPassword("电子签名密钥格式无法识别，请联系大厅管理员重置密码。")
        kek = _kek(password, _unb64(blob["salt"]), int(blob["t"]), int(blob["m"]), int(blob["p"]))
        raw = AESGCM(kek).decrypt(_unb64(blob["nonce"]), _unb64(blob["sealed"]), _aad(staff_no))
    except (InvalidTag, ValueError, KeyError, TypeError) as exc:
        raise WrongPassword("密码不正确。") from exc
    return Ed25519PrivateKey.from_private_bytes(raw)


def rewrap(wrapped: str, old_password: str, new_password: str, staff_no: str) -> str:
    """The same key under a new password: what it signed before stays valid and verifiable."""
    return wrap(unwrap(wrapped, old_password, staff_no), new_password, staff_no)


MAX_WRAPPED = 400  # what one wrapped key takes (about 260 characters), with room


def wrapped_problem(wrapped: str) -> str | None:
    """What the center refuses in a key a client wrapped (a new person, a reset, a password
    change); None when it will do. The center cannot open it (it never learns the password), but it
    holds the wrapping to this format and cost: a cheaper derivation would make a copied store
    easier to guess, a costlier one would stall every login in the hall."""
    try:
        blob = json.loads(wrapped) if len(wrapped) <= MAX_WRAPPED else {}
        sizes = (len(_unb64(blob["salt"])), len(_unb64(blob["nonce"])), len(_unb64(blob["sealed"])))
        same_cost = (blob["t"], blob["m"], blob["p"]) == HALL_COST
        usable = blob["format"] == FORMAT and blob["kdf"] == "argon2id" and same_cost and sizes == (16, 12, 48)
    except (ValueError, KeyError, TypeError):
        usable = False
    return None if usable else "电子签名密钥的封装格式不正确，中心不予保存。"


def public_key_problem(public_key: str) -> str | None:
    try:
        usable = len(base64.b64decode(public_key, validate=True)) == 32
    except (ValueError, TypeError):
        usable = False
    return None if usable else "电子签名公钥格式不正确，中心不予保存。"
