"""The statistics report as an .xlsx workbook: one sheet per breakdown (agency, field,
procedure), each with the title block, the two header rows and a total row."""

from io import BytesIO

from reports.statistics import Statistics
from reports.statistics_layout import BREAKDOWNS, HEADINGS, TITLE, row_label, row_values


def statistics_workbook(result: Statistics, *, agency_name: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    bold = Font(name="Times New Roman", bold=True, size=12)
    plain = Font(name="Times New Roman", size=11)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrapped = Alignment(vertical="top", wrap_text=True)
    width = 2 + sum(len(columns) for _group, columns in HEADINGS)
    last = get_column_letter(width)
    scope = result.scope

    book = Workbook()
    book.remove(book.active)
    for sheet_name, label_heading, breakdown in BREAKDOWNS:
        sheet = book.create_sheet(sheet_name)
        sheet.append([TITLE.upper()])
        sheet.append([agency_name])
        sheet.append([f"Từ ngày {scope.first_day:%d/%m/%Y} đến ngày {scope.last_day:%d/%m/%Y}"])
        for line in (1, 2, 3):
            sheet.merge_cells(f"A{line}:{last}{line}")
            sheet[f"A{line}"].font = bold
            sheet[f"A{line}"].alignment = Alignment(horizontal="center")
        top = 5  # a blank line under the title block
        first_row, second_row = ["STT", label_heading], ["", ""]
        for group, columns in HEADINGS:
            for index, (_key, heading) in enumerate(columns):
                first_row.append(group if index == 0 else "")
                second_row.append(heading)
        for offset, values in enumerate((first_row, second_row)):
            for column, value in enumerate(values, 1):
                sheet.cell(row=top + offset, column=column, value=value or None)
        # Merge: a group over its columns, a lone column over both rows.
        column = 3
        for _group, columns in HEADINGS:
            span = len(columns)
            if span == 1:
                sheet.merge_cells(
                    start_row=top, end_row=top + 1, start_column=column, end_column=column
                )
            else:
                sheet.merge_cells(
                    start_row=top, end_row=top, start_column=column, end_column=column + span - 1
                )
            column += span
        for column in (1, 2):
            sheet.merge_cells(
                start_row=top, end_row=top + 1, start_column=column, end_column=column
            )
        rows = getattr(result, breakdown)
        for number, row in enumerate(rows, 1):
            sheet.append([number, row_label(row, breakdown), *row_values(row)])
        sheet.append(["", "Tổng cộng", *row_values(result.total)])
        for cells in sheet.iter_rows(min_row=top, max_row=sheet.max_row):
            for cell in cells:
                cell.border = box
                header = cell.row < top + 2
                cell.alignment = centred if header else wrapped
                cell.font = bold if header or cell.row == sheet.max_row else plain
        sheet.column_dimensions["A"].width = 6
        sheet.column_dimensions["B"].width = 45
        for index in range(3, width + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 12
        sheet.freeze_panes = f"C{top + 2}"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
