"""A date range's dossiers as one zip for the archive: a PDF per case, a directory (目录.csv, opens
in Excel) and the check results. Written to a temporary file and moved into place at the end, so
a cancelled or failed export never leaves a half archive under the chosen name."""

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.dossier.dto import CaseSummary, DossierFile, Dossiers
from app.errors import DomainError


class ExportCancelled(DomainError):
    pass


def export(
    dossiers: Dossiers, first: date, last: date, path: Path, progress: Callable[[int, int], bool] | None = None
) -> tuple[int, int]:
    """A range's dossiers, fetched one at a time (from the center at a workstation), into the zip at
    path: (cases, dossiers with a problem)."""
    cases = dossiers.cases_between(first, last)
    return len(cases), write_zip(path, cases, lambda c: dossiers.case_file(c.case_id), progress)


def write_zip(
    path: Path,
    cases: list[CaseSummary],
    fetch: Callable[[CaseSummary], DossierFile],
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """progress(done, total) is called after each case; returning False cancels. Returns the
    number of dossiers with a problem against the published guide."""
    if not cases:
        raise DomainError("该时间段没有受理的办件。")
    partial = path.with_name(path.name + ".part")
    directory = io.StringIO()
    table = csv.writer(directory)
    table.writerow(["办件编号", "事项", "申请人", "受理日期", "决定", "状态", "卷宗文件", "核对结果"])
    report, flagged = [], 0
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for done, case in enumerate(cases, 1):
                dossier = fetch(case)
                # PDFs are compressed already: stored as they are.
                archive.writestr(dossier.file_name, dossier.pdf, compress_type=zipfile.ZIP_STORED)
                verdict = "；".join(dossier.problems) or "一致"
                flagged += bool(dossier.problems)
                table.writerow(
                    [
                        case.case_no,
                        case.matter,
                        case.applicant,
                        case.accepted_on.isoformat(),
                        case.decision or "未决定",
                        case.status,
                        dossier.file_name,
                        verdict,
                    ]
                )
                if dossier.problems:
                    report.append(f"{case.case_no}：{verdict}")
                if progress is not None and progress(done, len(cases)) is False:
                    raise ExportCancelled("已取消导出，未生成文件。")
            archive.writestr("目录.csv", "\ufeff" + directory.getvalue(), compress_type=zipfile.ZIP_DEFLATED)
            summary = f"共 {len(cases)} 件，材料清单与办事指南不一致 {flagged} 件。\n" + "\n".join(report)
            archive.writestr("核对结果.txt", summary, compress_type=zipfile.ZIP_DEFLATED)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return flagged
