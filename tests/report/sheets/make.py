"""Writes week.xlsx and week.ods: the week of `tests/it/report.rs` (WEEK) as an office keeps
it in a spreadsheet, a title above the headings, dates as date cells, the service as a
number cell. Run with openpyxl 3.1 installed: python3 make.py (the files are committed)."""

import datetime as dt
import zipfile

import openpyxl

TITLE = "Test Office - register of requests, June 2025"
HEADINGS = ["Ref No", "Service", "Date received", "Date completed", "Case"]
D = dt.datetime
ROWS = [
    ["K1", 1, "Thu 29/05/2025", D(2025, 6, 4), None],
    ["K2", 1, D(2025, 5, 29), D(2025, 6, 5), None],
    ["K3", 1, D(2025, 5, 30), None, None],
    ["K4", "Building plans", D(2025, 5, 30), D(2025, 6, 6), None],
    ["K5", 2, D(2025, 5, 30), None, None],
    ["K6", 4, D(2025, 6, 3), D(2025, 6, 4), "Head office"],
    ["K7", 4, D(2025, 6, 3), None, "Sub-county"],
    ["K8", 3, D(2025, 6, 3), D(2025, 6, 3), None],
    ["K9", 5, D(2025, 6, 3, 9, 0), D(2025, 6, 3, 10, 59), None],
    ["K10", 5, D(2025, 6, 3, 9, 0), D(2025, 6, 3, 11, 1), None],
]


def xlsx():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "June"
    sheet.append([TITLE])
    sheet.append([])
    sheet.append(HEADINGS)
    for row in ROWS:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            if isinstance(cell.value, D):
                cell.number_format = "dd/mm/yyyy hh:mm" if cell.value.hour else "dd/mm/yyyy"
    # Formatted but empty rows below the table, as spreadsheets keep them.
    sheet.cell(row=20, column=1).number_format = "@"
    book.properties.created = D(2025, 6, 7)
    book.properties.modified = D(2025, 6, 7)
    book.save("week.xlsx")


def ods_cell(value):
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, D):
        iso = value.strftime("%Y-%m-%dT%H:%M:%S") if value.hour else value.strftime("%Y-%m-%d")
        return (f'<table:table-cell office:value-type="date" office:date-value="{iso}">'
                f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>")
    if isinstance(value, int):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def ods():
    rows = [[TITLE], [], HEADINGS] + ROWS
    body = "".join(
        "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>"
        if row else '<table:table-row><table:table-cell/></table:table-row>'
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="June">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile("week.ods", "w") as z:
        fixed = (2025, 6, 7, 0, 0, 0)
        for name, data, method in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
        ]:
            z.writestr(zipfile.ZipInfo(name, fixed), data, compress_type=method)


xlsx()
ods()
