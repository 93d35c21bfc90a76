from app.catalog.search import SearchHit
from ui.rows_model import RowsModel


class HitsModel(RowsModel):
    headers = ("事项名称", "编码", "部门")

    def cells(self, hit: SearchHit) -> tuple[str, ...]:
        name = f"【一件事】{hit.name}" if hit.kind == "bundle" else hit.name
        return (name, hit.code, hit.department)
