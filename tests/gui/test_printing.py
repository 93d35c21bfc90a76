"""Printing a stored notice through QPrinter (to a PDF file, as no printer is attached here)."""

from datetime import datetime

import pytest
from PySide6.QtPrintSupport import QPrinter

from app.acceptance.model import Decision, Outcome
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from tests import pdf_reading
from tests.helpers import ZHANG, prepared
from ui.pdf_preview import PdfPreviewDialog


@pytest.fixture
def issued(demo_ctx):
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    acc = demo_ctx.acceptance
    acc.clock = FixedClock(datetime(2026, 2, 12, 9, 30))
    result = acc.decide(clerk, prepared(demo_ctx, acc, "gtgsh"), ZHANG, Decision(Outcome.ON_THE_SPOT))
    return acc, clerk, result.notices[0]


def _print(qtbot, acc, clerk, notice, path):
    dialog = PdfPreviewDialog(notice.pdf, notice.kind, "x.pdf", reprint=acc.printed_before(notice.id))
    qtbot.addWidget(dialog)
    dialog.printed.connect(lambda ok, error: acc.record_print(clerk, notice.id, ok, error))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return dialog.print_to(printer)


def test_print_then_reprint_is_marked(qtbot, issued, tmp_path):
    acc, clerk, notice = issued
    assert _print(qtbot, acc, clerk, notice, tmp_path / "first.pdf")
    assert acc.unprinted() == [] and acc.printed_before(notice.id)
    assert _print(qtbot, acc, clerk, notice, tmp_path / "again.pdf")
    assert (tmp_path / "first.pdf").stat().st_size > 10_000
    assert acc.notice(notice.id).pdf == notice.pdf  # the stored notice never changes
    # The printed pages are images of the notice; only the reprint carries the mark as text.
    again, first = pdf_reading.text(tmp_path / "again.pdf"), pdf_reading.text(tmp_path / "first.pdf")
    assert "补打" in again and "补打" not in first


def test_failed_print_keeps_the_notice_listed_for_reprint(qtbot, issued, tmp_path):
    acc, clerk, notice = issued
    assert not _print(qtbot, acc, clerk, notice, tmp_path / "no-such-dir" / "x.pdf")
    assert [n.id for n in acc.unprinted()] == [notice.id]
