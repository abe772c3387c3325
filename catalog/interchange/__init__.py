"""Catalogue import and export in the interchange format (docs/catalog-format.md): one JSON
document, or the same tables as an Excel workbook."""

from .excel import catalog_export_excel, catalog_import_excel
from .export import catalog_export_data, catalog_export_json
from .services import ImportResult, catalog_import, catalog_import_json
from .validate import Problem

__all__ = [
    "ImportResult",
    "Problem",
    "catalog_export_data",
    "catalog_export_excel",
    "catalog_export_json",
    "catalog_import",
    "catalog_import_excel",
    "catalog_import_json",
]
