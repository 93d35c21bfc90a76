"""The hall's staff as a workstation reaches them at the center: the manager's list and tools, and
a person's own password change. Keys are made and wrapped here, on the machine where the password
is typed or shown; the center receives only the wrapped key and the public key."""

from dataclasses import asdict

from app.center_client import CenterClient
from app.errors import ValidationFailed
from app.trust.dto import StaffOverview
from app.trust.keys import new_key
from app.trust.staff_fields import NewStaff, cleaned, new_staff_errors, one_time_password, reason_errors


class StaffClient(CenterClient, prefix="/v1", service="人员管理"):
    """app.trust.dto.StaffAdmin over HTTP."""

    def overview(self) -> StaffOverview:
        return self._call(StaffOverview, "GET", "/staff")

    def create(self, values: NewStaff) -> str:
        """Creates the person with a new key wrapped under a one-time password, which is returned
        to be shown to the manager once (it is kept nowhere)."""
        values = cleaned(values)
        errors = new_staff_errors(values)
        if errors:  # before the slow wrapping; the center checks again
            raise ValidationFailed(errors)
        password = one_time_password(values.staff_no)
        made = new_key(password, values.staff_no)
        body = {k: v for k, v in asdict(values).items() if k != "staff_no"}
        self._request(
            "POST",
            f"/staff/{values.staff_no}",
            json={**body, "wrapped_key": made.wrapped, "public_key": made.public_key},
        )
        return password

    def reset(self, staff_no: str, reason: str) -> str:
        """A new key pair for `staff_no` under a one-time password, returned to be shown once."""
        errors = reason_errors(reason, "重置密码")
        if errors:
            raise ValidationFailed(errors)
        password = one_time_password(staff_no)
        made = new_key(password, staff_no)
        body = {"wrapped_key": made.wrapped, "public_key": made.public_key, "reason": reason}
        self._request("POST", f"/staff/{staff_no}/reset", json=body)
        return password

    def unlock(self, staff_no: str, reason: str) -> None:
        self._request("POST", f"/staff/{staff_no}/unlock", json={"reason": reason})


class PasswordClient(CenterClient, prefix="/v1", service="修改密码"):
    """A person's own password change (app.trust.own_password), open to them before the initial
    password is changed too."""

    def change_own(self, wrapped: str, public_key: str | None = None) -> None:
        """The person's own key, re-wrapped here under their new password; or, replacing an
        initial password, a new key of their own (public_key)."""
        self._request("PUT", "/password", json={"wrapped_key": wrapped, "public_key": public_key})
