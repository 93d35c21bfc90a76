"""Printed documents, rendered to PDF with reportlab and an embedded Chinese font."""
