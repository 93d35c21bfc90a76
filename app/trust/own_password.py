"""A person changes their own password at a workstation: the old one opens their key (the check),
the new one, checked for strength here, wraps the same key again — except when it replaces a
manager's initial password: then it wraps a new key of the person's own, and the center revokes
the one the manager could have seen. The center stores the re-wrapped
key (it travels to every workstation with the staff list) and this store takes it at once, so the
new password works on this machine before the next pull. The center must be reachable: a change
it does not hold would be undone by the next pull (and a first login's change is what lets the
person work at all)."""

from dataclasses import replace

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from app.actor import Actor
from app.errors import FieldError, ValidationFailed
from app.trust.keys import WrongPassword, public_of, unwrap, wrap
from app.trust.staff_client import PasswordClient
from app.trust.staff_fields import new_password_errors
from app.uow import UnitOfWork
from db.models import Staff
from db.store import Store


def change_own_password(store: Store, actor: Actor, client: PasswordClient, old: str, new: str, again: str) -> Actor:
    """The actor, no longer bound to change the password. ValidationFailed names the field;
    CenterUnreachable (nothing changed anywhere) says the center is away."""
    errors = new_password_errors(old, new, again, actor.staff_no)
    if errors:
        raise ValidationFailed(errors)
    with store.sessions() as s:
        wrapped = s.scalar(select(Staff.signing_key).where(Staff.id == actor.staff_id))
    try:
        key = unwrap(wrapped or "", old, actor.staff_no)
    except WrongPassword:
        raise ValidationFailed([FieldError("old_password", "原密码不正确。")]) from None
    public = None
    if actor.must_change_password:  # the manager saw what the initial password opens: a key of one's own
        key = Ed25519PrivateKey.generate()
        public = public_of(key)
    rewrapped = wrap(key, new, actor.staff_no)
    client.change_own(rewrapped, public)
    signer = replace(actor, key=key, must_change_password=False)
    with UnitOfWork(store, signer) as uow:
        staff = uow.session.get_one(Staff, actor.staff_id)
        staff.signing_key, staff.must_change_password = rewrapped, False
        uow.record("staff.password_changed", "staff", staff.id, detail={"staff_no": staff.staff_no})
        uow.commit()
    return signer
