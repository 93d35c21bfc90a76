"""Ed25519 signatures: a workstation signs what its notices' QR codes carry, and anyone with the
workstation's public key (the center) can verify them."""

import base64

# cryptography is imported inside each function: start-up does not need it.


def new_keypair() -> tuple[str, str]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(private).decode(), base64.b64encode(public).decode()


def sign(private_b64: str, message: str) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_b64))
    return base64.urlsafe_b64encode(key.sign(message.encode())).decode().rstrip("=")


def verify(public_b64: str, message: str, signature: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64))
        key.verify(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)), message.encode())
    except (InvalidSignature, ValueError):
        return False
    return True
