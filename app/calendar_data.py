"""Loading the center's published calendar; a year loaded as official replaces its provisional days."""

from datetime import date

from sqlalchemy import delete

from app.actor import Actor, Role
from app.errors import DomainError
from app.uow import UnitOfWork
from db.models import CalendarDay, CalendarYear
from db.store import Store


def load_calendar(store: Store, actor: Actor, doc: dict) -> list[int]:
    actor.require(Role.MANAGER)
    if doc.get("format") != "hall-calendar":
        raise DomainError("这不是工作日历文件（format 应为 hall-calendar）。")
    with UnitOfWork(store, actor) as uow:
        years = []
        for y in doc["years"]:
            year = int(y["year"])
            days = [(date.fromisoformat(d["date"]), bool(d["working"]), d["name"]) for d in y["days"]]
            stray = [d for d, _, _ in days if d.year != year]
            if stray:
                raise DomainError(f"{year} 年的日历中有其他年份的日期：{stray[0]}")
            uow.session.execute(delete(CalendarDay).where(CalendarDay.year == year))
            uow.session.merge(CalendarYear(year=year, provisional=bool(y["provisional"]), source=y.get("source", "")))
            uow.session.flush()
            uow.session.add_all(CalendarDay(day=d, year=year, working=w, name=n) for d, w, n in days)
            uow.record(
                "calendar.year_published",
                "calendar",
                str(year),
                reason=y.get("source", ""),
                detail={"provisional": bool(y["provisional"]), "days": len(days)},
            )
            years.append(year)
        uow.commit()
    return years
