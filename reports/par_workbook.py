"""The PAR INDEX self-assessment table as .xlsx: field, criterion, maximum, self-assessed
score, evidence, assessor; a total per field and overall."""

from io import BytesIO

from reports.par import ParTable


def par_workbook(table: ParTable, *, agency_name: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    bold = Font(name="Times New Roman", bold=True, size=12)
    plain = Font(name="Times New Roman", size=11)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Tự đánh giá {table.year}"
    sheet.append([f"BẢNG TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) NĂM {table.year}"])
    sheet.append([agency_name])
    sheet.merge_cells("A1:G1")
    sheet.merge_cells("A2:G2")
    sheet["A1"].font = sheet["A2"].font = bold
    header = 4
    sheet.cell(row=header, column=1)
    headings = [
        "Mã",
        "Lĩnh vực / tiêu chí",
        "Điểm tối đa",
        "Điểm tự đánh giá",
        "Tài liệu kiểm chứng",
        "Liên kết",
        "Người đánh giá",
    ]
    for column, heading in enumerate(headings, 1):
        sheet.cell(row=header, column=column, value=heading)
    row = header + 1
    totals = []
    for line in table.fields:
        sheet.cell(row=row, column=1, value=line.field.code)
        sheet.cell(row=row, column=2, value=line.field.name)
        sheet.cell(row=row, column=3, value=float(line.field.max_points))
        sheet.cell(row=row, column=4, value=float(line.self_score))
        totals.append(row)
        row += 1
        for criterion, assessment in line.rows:
            values = [
                criterion.code,
                criterion.name,
                float(criterion.max_points),
                None if assessment is None else float(assessment.score),
                "" if assessment is None else assessment.evidence,
                "" if assessment is None else "\n".join(assessment.links),
                "" if assessment is None else str(assessment.assessed_by),
            ]
            for column, value in enumerate(values, 1):
                sheet.cell(row=row, column=column, value=value)
            row += 1
    sheet.cell(row=row, column=2, value="Tổng cộng")
    sheet.cell(row=row, column=3, value=float(table.maximum))
    sheet.cell(row=row, column=4, value=float(table.self_score))
    for cells in sheet.iter_rows(min_row=header, max_row=row, max_col=len(headings)):
        for cell in cells:
            cell.border = box
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.font = bold if cell.row in (header, row, *totals) else plain
    for letter, width in zip("ABCDEFG", (8, 60, 12, 14, 40, 30, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
