"""What a person's (or a machine's) signature covers, spelled out once for the signer and the
verifier. Each message names its purpose, so a signature made for one can never be replayed as
another: a session challenge is not a mutation, a mutation of one workstation is not another's."""

import base64
import hashlib
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def mutation_message(workstation_id: str, mutation_id: int, payload: str) -> bytes:
    """An outbox mutation: its workstation, its place in that workstation's series and its text
    exactly as pushed (the payload names the acting person and when they acted)."""
    digest = hashlib.sha256(payload.encode()).hexdigest()
    return f"hall-mutation:1\n{workstation_id}\n{mutation_id}\n{digest}".encode()


def challenge_message(nonce: str, workstation_id: str, staff_no: str) -> bytes:
    """A session at the center: the center's one-time nonce, bound to the workstation asking and
    the person proving themselves."""
    return f"hall-session:1\n{nonce}\n{workstation_id}\n{staff_no}".encode()


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message)).decode()


@lru_cache(maxsize=4096)
def _public(public_key_b64: str) -> Ed25519PublicKey:
    """Loaded once: a push verifies the same few people's keys thousands of times."""
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64))


def verify(public_key_b64: str, message: bytes, signature_b64: str) -> bool:
    try:
        _public(public_key_b64).verify(base64.b64decode(signature_b64, validate=True), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
