"""The hall's settings: the names its documents print that are not catalog data. Kept at the
center, which owns them, and pulled by every workstation so that notices drawn offline print them."""

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class HallSettings(Base):
    """The center itself, as notices, tickets and the 授权委托书 name it. One row (id 1)."""

    __tablename__ = "hall_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    center_name: Mapped[str] = mapped_column(String(60))
    center_address: Mapped[str] = mapped_column(String(200), default="")
    center_phone: Mapped[str] = mapped_column(String(40), default="")


class DepartmentSettings(Base):
    """A department's two seals (text along the ring, purpose under the star) and where its
    decisions are challenged (ALL art. 38 para. 2: the refusal tells the applicant)."""

    __tablename__ = "department_settings"

    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True)
    acceptance_seal: Mapped[str] = mapped_column(String(30))  # on the notices issued at acceptance
    acceptance_seal_purpose: Mapped[str] = mapped_column(String(12))
    approval_seal: Mapped[str] = mapped_column(String(30))  # on the notices issued after acceptance
    approval_seal_purpose: Mapped[str] = mapped_column(String(12))
    reconsideration_body: Mapped[str] = mapped_column(String(60))  # 行政复议机关
    court: Mapped[str] = mapped_column(String(60))  # 行政诉讼的管辖法院
