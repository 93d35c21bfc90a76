"""A manager's catalog edit made at a workstation, pushed (app.sync.push_policy): a matter carries a
version, and an edit made on an older one than the center holds is refused and shown, never applied
blindly over someone else's."""

from enum import StrEnum

from sqlalchemy.orm import Session

from app.sync.push_policy import Pushed, PushPolicy, Refusal
from db.models import Matter


class CatalogRefusal(StrEnum):
    STALE_MATTER = "stale_matter"


class CatalogPushPolicy(PushPolicy):
    def refuse_stale(self, s: Session, mutation: Pushed) -> Refusal | None:
        for row in mutation.rows:
            if row["t"] != "matters" or row["op"] != "upsert":
                continue
            current = s.get(Matter, row["v"]["id"])
            if current is not None and row["v"]["row_version"] != current.row_version + 1:
                why = (
                    f"版本冲突：事项 {current.code} 在中心已是第 {current.row_version} 版，"
                    f"工作站基于旧版本修改，请更新后重新编辑。"
                )
                return Refusal(CatalogRefusal.STALE_MATTER, why)
        return None
