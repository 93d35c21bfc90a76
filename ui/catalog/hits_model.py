from app.catalog.search import EntryKind, SearchHit
from ui.rows_model import FullTextModel


class HitsModel(FullTextModel):
    """Matters and bundles found; a name too long for its column is elided in the middle by the
    view (fit_hits), so that two matters sharing a long prefix still read differently."""

    headers = ("事项名称", "编码", "部门")

    def cells(self, hit: SearchHit) -> tuple[str, ...]:
        name = f"【一件事】{hit.name}" if hit.kind == EntryKind.BUNDLE else hit.name
        return (name, hit.code, hit.department)
