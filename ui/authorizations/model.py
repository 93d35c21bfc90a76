"""The 授权书 on file as a table. Letters that authorize nothing any more (expired or revoked) are
grey and letters not yet in force light yellow, so the ones chiefs decide under stand out."""

from app.authorizations.dto import AuthorizationRow, AuthorizationStatus
from ui.palette import GREY, YELLOW
from ui.rows_model import RowsModel

# Grey rows get grey text too (RowsModel).
COLORS = {AuthorizationStatus.EXPIRED: GREY, AuthorizationStatus.REVOKED: GREY, AuthorizationStatus.NOT_YET: YELLOW}
NAMES_SHOWN = 2  # a letter may cover dozens of matters; the detail area lists them all


def matters_text(matters: tuple[tuple[str, str], ...]) -> str:
    names = [name for _code, name in matters]
    more = "等" if len(names) > NAMES_SHOWN else ""
    return f"{len(names)} 项：{'、'.join(names[:NAMES_SHOWN])}{more}"


def status_text(r: AuthorizationRow) -> str:
    # A revocation may be dated ahead (the service accepts a day): such a letter still reads 有效.
    ahead = r.revoked_on and r.status != AuthorizationStatus.REVOKED
    return f"{r.status}（{r.revoked_on} 起终止）" if ahead else r.status


class AuthorizationsModel(RowsModel):
    headers = ("文号", "部门", "被授权人", "授权事项", "有效期", "状态", "扫描件")

    def cells(self, r: AuthorizationRow) -> tuple[str, ...]:
        return (
            r.document_no,
            r.department,
            f"{r.holder}（{r.holder_no}）",
            matters_text(r.matters),
            f"{r.valid_from} 至 {r.valid_to}",
            status_text(r),
            r.scan_name or "未存档",
        )

    def color(self, r: AuthorizationRow) -> str | None:
        return COLORS.get(r.status)
