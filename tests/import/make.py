"""Writes the fixtures of `charter import`: real charters, as transcribed in this repository's
YAML, laid out the way offices publish them in Word, Excel, LibreOffice, CSV and on the web,
and a few broken inputs. Each fixture prints the office's words exactly as the YAML holds
them (a fee or timeline written `{text: ...}` is printed as its text; a requirement
`{item:, from:}` as its item, and its `from` where the layout has a column for it), so that
what `charter import` makes of a fixture can be compared field by field with its YAML.

The files are committed beside this script; the tests do not run it. To write them again:

    pip install python-docx==1.2.0 openpyxl==3.1.5 pyyaml msoffcrypto-tool==6.1.0
    apt-get install -y libreoffice-calc-nogui     # soffice makes moh.ods from moh.xlsx
    python3 tests/import/make.py                  # from anywhere; writes into tests/import/

Running it twice gives byte-identical files (with the same LibreOffice and zlib): every
zip entry is rewritten with a fixed date, the documents' created/modified dates are fixed,
LibreOffice's meta.xml is rewritten, and the encryption's random salts and keys come from
a seeded generator.

The fixtures:

kitui.docx, from charters/kitui.yaml (Kiswahili, Kenya; A4 landscape).
    Centred bold paragraphs: the parent ("Serikali ya Kaunti ya Kitui"), the organisation
    ("Ofisi ya Gavana") and the title ("Katiba ya Utoaji Huduma kwa Wananchi"), each in
    the YAML's spelling and shown in capitals by Word's All Caps (w:caps): the text is as
    written. Then a 3-column table: row 1 "DIRA" | "MALENGO" | "NGUZO KUU", row 2 the
    vision, the mission and the values as "List Bullet" paragraphs. Then the services
    table, header row (repeated on each page, w:tblHeader) "Namba" | "Huduma" | "Wajibu Wa
    Mteja" | "Malipo (Shilingi)" | "Muda", one row per service, each requirement a "List
    Bullet" paragraph of the cell. Services 3 and 4 each span two table rows: the number,
    name, fee and timeline cells are vertically merged (w:vMerge) over both rows and the
    requirements are split between them (3: two and two; 4: two and one). Then the
    "Heading 1" "Viwango vyetu vya huduma" and the standard's text as a paragraph; the
    "Heading 1" "Jinsi ya kuwasiliana malalamishi", the complaints text, and each route
    as one paragraph of lines broken by w:br: the role (bold), the office, the address
    lines, the P.O. box, "Simu: <phone>", "Barua pepe: <e-mail>".

moh.xlsx, from corpus/ke/moh-service-delivery-charter.yaml (English, Kenya).
    One sheet, "Service Charter". Row 1 the title, row 2 the organisation (both merged
    A:F), row 3 blank, rows 4-5 "VISION:" and "MISSION:" in column A with the text in B
    (merged B:F), row 6 blank, row 7 the headings, the charter's own labels: "NO" |
    "SERVICES" | "REQUIREMENT TO OBTAIN THE SERVICES" | "RESPONSIBILITY" | "COST" |
    "TIMELINE" (the YAML has no currency, and its COST column says none). Then one row
    per service; the number is a number cell; the rows after 7 have no number (empty
    cell), as printed. Requirements in one cell, varied: one alone as plain text; service
    6 and "Internship and Attachment" numbered "1. ...", one a line; service 7 all on one
    line joined by ", "; "Human Resource Development (Training)" and "Human Resource
    Management" as "• ..." one a line. Services 2 and 4 have sub-services (one per
    channel): their NO and SERVICES cells are merged down over the sub-rows (3 and 2
    rows), each sub-row holds that channel's requirement (which is also the sub-service's
    name in the YAML) and timeline; COST ("Free" in every sub-row) is merged down in both,
    RESPONSIBILITY too in service 2 (the same for all three), while in service 4 only the
    first sub-row has one and the second's is blank, as in the YAML. Thin borders round
    the table, the header row shaded and repeated on each printed page. Note the one
    requirement "Social Media (Twitter, Facebook, and You Tube)", with commas inside
    brackets, in a cell of its own. The last service has no COST and TIMELINE (the page
    is cut off there): empty cells.

moh.ods: moh.xlsx converted by LibreOffice (soffice --headless --convert-to ods): the same
    cells, merges (table:number-rows-spanned, covered cells) and line breaks (one text:p a
    line).

psa.docx, from corpus/ph/psa-citizens-charter.yaml (English, Philippines; the ARTA
    Citizen's Charter template).
    A "Title" paragraph "Citizen's Charter" and the organisation, then for each service a
    "Heading 1" with its name ("1. " or "11. " before it where the YAML numbers it), its
    description as paragraphs (one per paragraph of the YAML's text), and one 5-column
    "Table Grid" table: "Office or Division:" | value, "Classification:" | value, "Type of
    Transaction:" | value (a list: one paragraph each), "Who may avail:" | value, each
    value cell merged across columns 2-5 (w:gridSpan 4); "CHECKLIST OF REQUIREMENTS"
    (columns 1-2, gridSpan 2) | "WHERE TO SECURE" (columns 3-5, gridSpan 3); one row per
    requirement (item | from; a plain requirement leaves "from" empty); the step header
    "CLIENT STEPS" | "AGENCY ACTIONS" | "FEES TO BE PAID" | "PROCESSING TIME" | "PERSON
    RESPONSIBLE" (the YAML's labels); one row per step; and "TOTAL" (columns 1-2) | fee |
    time | (empty), with the service's fee and timeline. A value of several lines (the
    YAML's "|-" texts) is one paragraph a line in its cell. A step without `client`: in
    the first service its client cell is vertically merged with the client cell above
    (w:vMerge), as ARTA charters print it; in "Request for Electronic Copy of Available
    Unpublished Data ..." and the e-FOI (G2C) service the cell is left empty. Steps that
    print "None" as their client step keep it. The labels "Office or Division",
    "Classification", "Type of Transaction", "Who may avail" get the colon the PSA pages
    print. The services cut off in the stored pages (VAPT, PSAHelpline, RFID, unpublished
    data, e-FOI G2B) have no fee and timeline: their table has no TOTAL row, and their
    cut-off steps leave the missing cells empty.
    Skipped, as it has no steps (cut off in its checklist): the second table (G2B) of
    "Addressing and processing data request that required subject matter division's
    special tabulation through Web Portal", the YAML's second service. So psa.docx has 8
    of the YAML's 9 services, in the YAML's order.

longido.csv, from corpus/tz/longido-dc.yaml (Kiswahili, Tanzania).
    The services table as Excel's "CSV UTF-8" writes it: a UTF-8 byte-order mark, CRLF
    line ends, fields quoted only where needed (a description holds a comma). Headings
    "Huduma,Maelezo,Muda wa Kutekeleza": the charter's own (its labels `service` and
    `timeline`; "Maelezo", the descriptions, has no label key). The charter's table has
    no number, requirements or fee column, so the CSV has none either.

tra.html, from corpus/tz/tra.yaml (English, Tanzania Revenue Authority).
    A web page as the office's CMS serves it: a header with the organisation's name, a
    nav menu list, a breadcrumb, an inline script, then <h1> the title (apostrophes as
    &rsquo;), the edition and month, <h2> "VISION", "MISSION" (<p>), "CORE VALUES" (<ul>),
    "1.0 PREFACE", "2.0 Introduction", "Objectives of ..." (<p>s), "7.0 Taxpayer's
    Obligations" (<p> then <ul>), "9.0 Service Level Standards" with a <table>: a two-row
    <thead> ("No." and "Service" with rowspan="2", "Service Level Standard" with
    colspan="2" over "Description" | "Timeline"), and in <tbody> each group as a row
    "9.1" | "Registration of Taxpayers" (colspan="3") and each service as "9.1.1" | name |
    description | timeline; a timeline of two lines is a <ul> of two <li>; an empty
    description is a cell holding only &nbsp; or nothing. Then "11.0 Service Recovery"
    (<p> + <ul>, the standards), "13.0 Monitoring and Evaluation", "Working hours",
    "LIST OF ABREVIATIONS" (<ul>), and a footer with copyright and site links.

damaged.docx: kitui.docx cut to the first half of its bytes (the zip's central directory
    is gone).
protected.xlsx: moh.xlsx encrypted with the password "charter" by msoffcrypto-tool (ECMA-376
    agile encryption), a real password-protected workbook: an OLE compound file (it
    starts with D0 CF 11 E0 A1 B1 1A E1) holding EncryptionInfo and EncryptedPackage.
no-services.docx, from charters/kilosa.yaml, which has no services: the organisation and
    title (centred, bold), "Heading 1" sections DIBAJI (the four paragraphs and the
    signatory), LENGO LA MKATABA HUU (paragraphs and "List Bullet" points) and MAADILI
    MUHIMU (paragraphs and "List Bullet" values), and the complaints heading with the
    route's lines. No table at all.
no-table.csv: a register of requests, "Ref No,Date received,Date completed,Officer", four
    rows: a CSV whose headings are not those of a services table.

What the YAMLs hold that these layouts cannot show: a contact's `independent: true`
(kitui's Ombudsman is only recognisable by its words), moh's sub-services' names (each is
printed only as its sub-row's requirement), tra's timeline `cases` (the text is printed,
its cases are the YAML's reading of it), the YAML comments; longido's and tra's tables
have no requirements or fee column, and neither has complaints contacts.
"""

import csv
import datetime as dt
import html
import io
import random
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx
import openpyxl
import yaml
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXED = dt.datetime(2025, 6, 7, 0, 0, 0)
ZIP_DATE = (2025, 6, 7, 0, 0, 0)
ISO = "2025-06-07T00:00:00Z"


class Loader(yaml.SafeLoader):
    """YAML 1.2's booleans, as the charter reads them: only true and false. (PyYAML follows
    YAML 1.1, where moh's column label `number: NO` would be the boolean false.)"""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load(path):
    return yaml.load((ROOT / path).read_text(encoding="utf-8"), Loader=Loader)


class Charter:
    """A charter's YAML and its main language, to print its words."""

    def __init__(self, path):
        self.data = load(path)
        self.lang = self.data["languages"][0]

    def __getitem__(self, key):
        return self.data[key]

    def get(self, key, default=None):
        return self.data.get(key, default)

    def t(self, value):
        """Text written once, or per language: the main language's words."""
        if value is None:
            return None
        if isinstance(value, dict):
            if self.lang in value:
                return value[self.lang]
            raise ValueError(f"not a text: {value!r}")
        return str(value)

    def words(self, value):
        """A fee or timeline as the office printed it: the string, or the long form's text."""
        if value is None:
            return None
        if isinstance(value, dict) and "text" in value:
            return self.t(value["text"])
        if isinstance(value, (str, int, float)):
            return str(value)
        raise ValueError(f"a fee or timeline with no words to print: {value!r}")

    def label(self, key, default):
        labels = self.get("labels") or {}
        return self.t(labels[key]) if key in labels else default

    def item(self, requirement):
        """A requirement's item (what to bring) and where to secure it (or None)."""
        if isinstance(requirement, dict) and "item" in requirement:
            return self.t(requirement["item"]), self.t(requirement.get("from"))
        return self.t(requirement), None


# --- zip files: fixed dates, fixed order -----------------------------------------------


def rezip(path, drop=(), edit=None):
    """Rewrites a zip (docx, xlsx, ods) with a fixed date on every entry, without the
    entries in `drop`, passing each entry's bytes through `edit(name, data)`."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, i.compress_type, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, method, data in entries:
            if name in drop:
                continue
            if edit:
                data = edit(name, data)
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.create_system = 0
            info.external_attr = 0
            info.compress_type = method
            z.writestr(info, data)


def fix_core(name, data):
    """Fixed dates in docProps/core.xml (OOXML), wherever a library put `now`."""
    if name == "docProps/core.xml":
        text = data.decode("utf-8")
        for tag in ("dcterms:created", "dcterms:modified"):
            text = re.sub(rf"(<{tag}[^>]*>)[^<]*(</{tag}>)", rf"\g<1>{ISO}\g<2>", text)
        return text.encode("utf-8")
    return data


# --- Word ---------------------------------------------------------------------------------


def new_document(title, author):
    doc = docx.Document()
    props = doc.core_properties
    props.created = FIXED
    props.modified = FIXED
    props.last_printed = FIXED
    props.author = author
    props.last_modified_by = author
    props.title = title
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    return doc


def save_document(doc, path):
    # The template's thumbnail (an image) and its Word 2010 style copy are left out, to
    # keep the files small: drop their relationships before saving.
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rid)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.rels.pop(rid)
    doc.save(path)
    rezip(path, edit=fix_core)


def landscape_a4(doc):
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))


def portrait_a4(doc):
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))


def centred(doc, text, size=14, caps=False):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(size)
    run.font.all_caps = caps
    return p


def cell_lines(cell, lines, style=None, bold=False):
    """Writes lines into a cell, one paragraph each (the cell's first paragraph first)."""
    lines = list(lines)
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if style:
            p.style = style
        run = p.add_run(line)
        if bold:
            run.bold = True


def cell_text(cell, text, style=None, bold=False):
    """A text of one or several lines ("|-" in the YAML): one paragraph a line."""
    if text is None or text == "":
        return
    cell_lines(cell, text.split("\n"), style=style, bold=bold)


def repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def set_widths(table, widths):
    """Column widths on the grid and on every cell (merged ones: the sum of their columns)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = sum(widths[col:col + span])
            col += span


def shade(cell, fill="D9D9D9"):
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def contact_lines(c, contact, phone="Simu", email="Barua pepe", website="Tovuti", fax="Faksi"):
    lines = []
    for key in ("role", "name", "office"):
        if contact.get(key):
            lines.append(c.t(contact[key]))
    lines += [c.t(a) for a in contact.get("address", [])]
    if contact.get("pobox"):
        lines.append(c.t(contact["pobox"]))
    for p in contact.get("phones", []):
        lines.append(f"{phone}: {c.t(p)}")
    for f in contact.get("fax", []):
        lines.append(f"{fax}: {c.t(f)}")
    for e in contact.get("emails", []):
        lines.append(f"{email}: {c.t(e)}")
    if contact.get("website"):
        lines.append(f"{website}: {c.t(contact['website'])}")
    lines += [c.t(o) for o in contact.get("other", [])]
    return lines


def contact_paragraph(doc, lines):
    """One paragraph, its lines broken by w:br, the first (the role) bold."""
    p = doc.add_paragraph()
    for i, line in enumerate(lines):
        run = p.add_run(line)
        if i == 0:
            run.bold = True
        if i < len(lines) - 1:
            run.add_break()
    return p


# --- 1. kitui.docx ----------------------------------------------------------------------

KITUI_SPLIT = {3: 2, 4: 2}  # service number -> requirements in its first row


def kitui():
    c = Charter("charters/kitui.yaml")
    org = c["organization"]
    doc = new_document(c.t(c["title"]), "Ofisi ya Gavana")
    landscape_a4(doc)

    centred(doc, c.t(org["parent"]), 12, caps=True)
    centred(doc, c.t(org["name"]), 16, caps=True)
    centred(doc, c.t(c["title"]), 14, caps=True)

    table = doc.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, ["DIRA", "MALENGO", "NGUZO KUU"]):
        cell_lines(cell, [heading], bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade(cell)
    row = table.rows[1].cells
    cell_text(row[0], c.t(c["vision"]))
    cell_text(row[1], c.t(c["mission"]))
    cell_lines(row[2], [c.t(v) for v in c["values"]], style="List Bullet")
    set_widths(table, [Mm(89), Mm(89), Mm(89)])

    doc.add_paragraph()

    services = c["services"]
    rows = 1 + sum(2 if s.get("number") in KITUI_SPLIT else 1 for s in services)
    table = doc.add_table(rows=rows, cols=5)
    table.style = "Table Grid"
    headings = ["Namba", "Huduma", "Wajibu Wa Mteja", "Malipo (Shilingi)", "Muda"]
    for cell, heading in zip(table.rows[0].cells, headings):
        cell_lines(cell, [heading], bold=True)
        shade(cell)
    repeat_header(table.rows[0])
    r = 1
    for s in services:
        reqs = [c.item(x)[0] for x in s.get("requirements", [])]
        cells = table.rows[r].cells
        if s.get("number") in KITUI_SPLIT:
            below = table.rows[r + 1].cells
            for col in (0, 1, 3, 4):
                cells[col].merge(below[col])
            first = KITUI_SPLIT[s["number"]]
            cell_lines(cells[2], reqs[:first], style="List Bullet")
            cell_lines(below[2], reqs[first:], style="List Bullet")
            cells = table.rows[r].cells
            span = 2
        else:
            cell_lines(cells[2], reqs, style="List Bullet")
            span = 1
        cell_text(cells[0], str(s["number"]))
        cell_text(cells[1], c.t(s["name"]))
        cell_text(cells[3], c.words(s.get("fee")))
        cell_text(cells[4], c.words(s.get("timeline")))
        r += span
    set_widths(table, [Mm(18), Mm(90), Mm(75), Mm(38), Mm(46)])

    doc.add_heading("Viwango vyetu vya huduma", level=1)
    for group in c["standards"]:
        text = group.get("text")
        for para in text if isinstance(text, list) else [text] if text else []:
            doc.add_paragraph(c.t(para))
        for item in group.get("items", []):
            doc.add_paragraph(c.t(item if not isinstance(item, dict) else item.get("text")),
                              style="List Bullet")

    complaints = c["complaints"]
    doc.add_heading("Jinsi ya kuwasiliana malalamishi", level=1)
    doc.add_paragraph(c.t(complaints["text"]))
    for route in complaints["routes"]:
        contact_paragraph(doc, contact_lines(c, route))

    save_document(doc, HERE / "kitui.docx")


# --- 2. moh.xlsx --------------------------------------------------------------------------

# How each service's requirements are written in their cell, by name ("one" for the rest).
MOH_STYLE = {
    "Provision of conducive, safe and secure Work Environment": "numbered",
    "Internship and Attachment": "numbered",
    "Performance reporting": "comma",
    "Human Resource Development (Training)": "bullets",
    "Human Resource Management": "bullets",
}


def requirement_cell(items, style):
    if not items:
        return None
    if style == "numbered":
        return "\n".join(f"{i}. {x}" for i, x in enumerate(items, 1))
    if style == "comma":
        assert all("," not in x for x in items), items
        return ", ".join(items)
    if style == "bullets":
        return "\n".join(f"• {x}" for x in items)
    assert len(items) == 1, items
    return items[0]


def moh():
    c = Charter("corpus/ke/moh-service-delivery-charter.yaml")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Service Charter"
    last = "F"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)

    sheet["A1"] = c.t(c["title"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A1:{last}1")
    sheet["A2"] = c.t(c["organization"]["name"])
    sheet["A2"].font = Font(bold=True, size=12)
    sheet["A2"].alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A2:{last}2")

    row = 4
    for key in ("vision", "mission"):
        if c.get(key):
            label = sheet.cell(row=row, column=1, value=c.label(key, key.title()))
            label.font = bold
            label.alignment = Alignment(vertical="top")
            sheet.cell(row=row, column=2, value=c.t(c[key])).alignment = wrap
            sheet.merge_cells(f"B{row}:{last}{row}")
            sheet.row_dimensions[row].height = 30
            row += 1
    row += 1

    headings = [
        c.label("number", "No."),
        c.label("service", "Service"),
        c.label("requirements", "Requirements"),
        c.label("office", "Responsibility"),
        c.label("fee", "Cost"),
        c.label("timeline", "Timeline"),
    ]
    for col, heading in enumerate(headings, 1):
        cell = sheet.cell(row=row, column=col, value=heading)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    header_row = row
    row += 1

    def put(r, col, value):
        cell = sheet.cell(row=r, column=col, value=value)
        cell.alignment = wrap

    for s in c["services"]:
        if "group" in s:
            raise ValueError("moh has no groups; a group row would be merged A:F here")
        subs = s.get("services")
        if not subs:
            items = [c.item(x)[0] for x in s.get("requirements", [])]
            put(row, 1, s.get("number"))
            put(row, 2, c.t(s["name"]))
            put(row, 3, requirement_cell(items, MOH_STYLE.get(s["name"], "one")))
            put(row, 4, c.t(s.get("office")))
            put(row, 5, c.words(s.get("fee")))
            put(row, 6, c.words(s.get("timeline")))
            row += 1
            continue
        # A service printed over one sub-row per sub-service: NO and SERVICES merged down;
        # RESPONSIBILITY and COST merged down too where every sub-row says the same.
        first, n = row, len(subs)
        put(first, 1, s.get("number"))
        put(first, 2, c.t(s["name"]))
        for i, sub in enumerate(subs):
            items = [c.item(x)[0] for x in sub.get("requirements", [])]
            put(first + i, 3, requirement_cell(items, "one"))
            put(first + i, 6, c.words(sub.get("timeline")))
        for col, key, words in ((4, "office", c.t), (5, "fee", c.words)):
            values = [words(sub.get(key)) for sub in subs]
            if len(set(values)) == 1:
                put(first, col, values[0])
                sheet.merge_cells(start_row=first, start_column=col,
                                  end_row=first + n - 1, end_column=col)
            else:
                for i, value in enumerate(values):
                    put(first + i, col, value)
        for col in (1, 2):
            sheet.merge_cells(start_row=first, start_column=col,
                              end_row=first + n - 1, end_column=col)
        row += n

    thin = Side(style="thin")
    for line in sheet.iter_rows(min_row=header_row, max_row=row - 1, max_col=6):
        for cell in line:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in sheet[header_row]:
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
    for col, width in zip("ABCDEF", (10, 40, 40, 34, 18, 18)):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    book.properties.creator = "Ministry of Health"
    book.properties.lastModifiedBy = "Ministry of Health"
    book.properties.title = c.t(c["title"])
    book.properties.created = FIXED
    book.properties.modified = FIXED
    book.save(HERE / "moh.xlsx")
    rezip(HERE / "moh.xlsx", edit=fix_core)


# --- 3. moh.ods ---------------------------------------------------------------------------


def fix_meta(name, data):
    if name != "meta.xml":
        return data
    text = data.decode("utf-8")
    text = re.sub(r"<meta:creation-date>[^<]*</meta:creation-date>",
                  "<meta:creation-date>2025-06-07T00:00:00</meta:creation-date>", text)
    text = re.sub(r"<dc:date>[^<]*</dc:date>", "<dc:date>2025-06-07T00:00:00</dc:date>", text)
    text = re.sub(r"<meta:editing-duration>[^<]*</meta:editing-duration>",
                  "<meta:editing-duration>PT0S</meta:editing-duration>", text)
    return text.encode("utf-8")


def moh_ods():
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("moh.ods needs LibreOffice: apt-get install -y libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "ods", "--outdir", tmp, str(HERE / "moh.xlsx")],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        out = HERE / "moh.ods"
        shutil.copyfile(Path(tmp) / "moh.ods", out)
    # Leave out the preview image; keep the manifest in step.
    drop = ("Thumbnails/thumbnail.png",)

    def edit(name, data):
        data = fix_meta(name, data)
        if name == "META-INF/manifest.xml":
            text = data.decode("utf-8")
            text = re.sub(r'\s*<manifest:file-entry [^>]*manifest:full-path="Thumbnails/[^"]*"[^>]*/>',
                          "", text)
            data = text.encode("utf-8")
        return data

    rezip(out, drop=drop, edit=edit)


# --- 4. psa.docx --------------------------------------------------------------------------

PSA_MERGE_CLIENT = 0  # index among the services printed: the one whose empty client cells merge up


def psa():
    c = Charter("corpus/ph/psa-citizens-charter.yaml")
    doc = new_document(c.t(c["title"]), "Philippine Statistics Authority")
    portrait_a4(doc)
    doc.add_paragraph(c.t(c["title"]), style="Title")
    doc.add_paragraph(c.t(c["organization"]["name"]))

    fields = [
        ("office", c.label("office", "Office or Division") + ":"),
        ("classification", c.label("classification", "Classification") + ":"),
        ("transaction", c.label("transaction", "Type of Transaction") + ":"),
        ("audience", c.label("audience", "Who may avail") + ":"),
    ]
    step_headings = [
        c.label("client_step", "CLIENT STEPS"),
        c.label("agency_action", "AGENCY ACTIONS"),
        c.label("fee", "FEES TO BE PAID"),
        c.label("timeline", "PROCESSING TIME"),
        c.label("responsible", "PERSON RESPONSIBLE"),
    ]
    widths = [Mm(34), Mm(44), Mm(28), Mm(30), Mm(34)]

    printed = 0
    for s in c["services"]:
        if not s.get("steps"):
            continue
        name = c.t(s["name"])
        heading = f"{s['number']}. {name}" if s.get("number") is not None else name
        doc.add_heading(heading, level=1)
        if s.get("description"):
            for para in c.t(s["description"]).split("\n\n"):
                doc.add_paragraph(para)

        table = doc.add_table(rows=0, cols=5)
        table.style = "Table Grid"

        for key, label in fields:
            value = s.get(key)
            if value is None:
                continue
            cells = table.add_row().cells
            cell_lines(cells[0], [label], bold=True)
            merged = cells[1].merge(cells[4])
            values = value if isinstance(value, list) else [value]
            cell_lines(merged, [c.t(v) for v in values])

        cells = table.add_row().cells
        left, right = cells[0].merge(cells[1]), cells[2].merge(cells[4])
        cell_lines(left, [c.label("requirements", "CHECKLIST OF REQUIREMENTS")], bold=True)
        cell_lines(right, [c.label("from", "WHERE TO SECURE")], bold=True)
        shade(left), shade(right)
        for requirement in s.get("requirements", []):
            item, where = c.item(requirement)
            cells = table.add_row().cells
            left, right = cells[0].merge(cells[1]), cells[2].merge(cells[4])
            cell_text(left, item)
            cell_text(right, where)

        cells = table.add_row().cells
        for cell, heading_text in zip(cells, step_headings):
            cell_lines(cell, [heading_text], bold=True)
            shade(cell)

        merge_up = printed == PSA_MERGE_CLIENT
        above = None
        for step in s["steps"]:
            row = table.add_row()
            cells = row.cells
            if "client" in step:
                cell_text(cells[0], c.t(step["client"]))
                above = cells[0]
            elif merge_up and above is not None:
                above = above.merge(cells[0])
            cell_text(cells[1], c.t(step.get("agency")))
            cell_text(cells[2], c.words(step.get("fee")))
            cell_text(cells[3], c.words(step.get("time")))
            cell_text(cells[4], c.t(step.get("responsible")))

        if s.get("fee") is not None or s.get("timeline") is not None:
            cells = table.add_row().cells
            total = cells[0].merge(cells[1])
            cell_lines(total, [c.label("total", "TOTAL")], bold=True)
            cell_text(cells[2], c.words(s.get("fee")))
            cell_text(cells[3], c.words(s.get("timeline")))

        set_widths(table, widths)
        doc.add_paragraph()
        printed += 1

    save_document(doc, HERE / "psa.docx")


# --- 5. longido.csv -----------------------------------------------------------------------


def longido():
    c = Charter("corpus/tz/longido-dc.yaml")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.label("service", "Huduma"), "Maelezo", c.label("timeline", "Muda")])
    for s in c["services"]:
        for key in ("number", "requirements", "fee", "services", "group"):
            assert key not in s, (s["name"], key)
        writer.writerow([c.t(s["name"]), c.t(s.get("description")) or "",
                         c.words(s.get("timeline")) or ""])
    (HERE / "longido.csv").write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


# --- 6. tra.html --------------------------------------------------------------------------


def esc(text):
    """As the site's editor writes text: escaped, the typographic apostrophe as an entity."""
    return html.escape(text, quote=False).replace("\u2019", "&rsquo;").replace("\u2013", "&ndash;")


def paragraphs(c, value):
    if value is None:
        return []
    return [c.t(v) for v in value] if isinstance(value, list) else [c.t(value)]


def tra():
    c = Charter("corpus/tz/tra.yaml")
    org = c["organization"]
    out = []
    w = out.append
    w("<!DOCTYPE html>")
    w('<html lang="en-gb" dir="ltr">')
    w("<head>")
    w('<meta charset="utf-8">')
    w('<meta name="viewport" content="width=device-width, initial-scale=1.0">')
    w("<title>Our Charter - Tanzania Revenue Authority</title>")
    w('<link rel="stylesheet" href="/templates/tra/css/template.css">')
    w("<script>var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-00000000-1']); "
      "_gaq.push(['_trackPageview']);</script>")
    w("</head>")
    w('<body class="site com_content view-article">')
    w('<header class="header">')
    w(f'  <a class="brand" href="/"><img src="/images/tra-logo.png" alt="TRA logo"> '
      f'<span class="site-title">{esc(c.t(org["name"]))}</span></a>')
    w('  <form class="search" action="/index.php/component/search/" method="post">'
      '<input type="text" name="searchword" placeholder="Search ..."></form>')
    w("</header>")
    w('<nav class="navigation">')
    w('  <ul class="nav menu">')
    for item, href in [("Home", "/"), ("About TRA", "/index.php/about-tra"),
                       ("Taxes", "/index.php/taxes"), ("Customs", "/index.php/customs"),
                       ("Publications", "/index.php/publications"), ("FAQs", "/index.php/faqs"),
                       ("Contact Us", "/index.php/contact-us")]:
        active = ' class="active"' if item == "About TRA" else ""
        w(f'    <li{active}><a href="{href}">{item}</a></li>')
    w("  </ul>")
    w("</nav>")
    w('<ul class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/index.php/about-tra">'
      "About TRA</a></li><li>Our Charter</li></ul>")
    w('<main id="content">')
    w('<div class="item-page">')
    w(f'<h1 class="page-header">{esc(c.t(c["title"]))}</h1>')
    w(f'<p class="edition">{esc(c.t(c["edition"]))}<br>July, 2017</p>')

    w(f"<h2>{esc(c.label('vision', 'Vision'))}</h2>")
    w(f"<p>{esc(c.t(c['vision']))}</p>")
    w(f"<h2>{esc(c.label('mission', 'Mission'))}</h2>")
    w(f"<p>{esc(c.t(c['mission']))}</p>")
    values = c["values"]
    w(f"<h2>{esc(c.t(values.get('title')) or 'Core Values')}</h2>")
    w("<ul>")
    for v in values["items"]:
        w(f"  <li>{esc(c.t(v))}</li>")
    w("</ul>")

    for key in ("preface", "purpose", "objectives"):
        section = c[key]
        w(f"<h2>{esc(c.t(section['title']))}</h2>")
        for para in paragraphs(c, section.get("text")):
            w(f"<p>{esc(para)}</p>")

    duties = c["duties"]
    w(f"<h2>{esc(c.t(duties['title']))}</h2>")
    for para in paragraphs(c, duties.get("text")):
        w(f"<p>{esc(para)}</p>")
    w("<ul>")
    for point in duties["points"]:
        w(f"  <li>{esc(c.t(point))}</li>")
    w("</ul>")

    w(f"<h2>{esc(c.label('services', 'Service Level Standards'))}</h2>")
    w('<table class="table table-bordered" border="1" cellpadding="4" cellspacing="0">')
    w("<thead>")
    w('<tr><th rowspan="2">No.</th><th rowspan="2">Service</th>'
      '<th colspan="2">Service Level Standard</th></tr>')
    w("<tr><th>Description</th><th>Timeline</th></tr>")
    w("</thead>")
    w("<tbody>")
    empty = 0
    for group in c["services"]:
        w(f'<tr class="group"><td><strong>{esc(str(group["number"]))}</strong></td>'
          f'<td colspan="3"><strong>{esc(c.t(group["group"]))}</strong></td></tr>')
        for s in group["services"]:
            assert "requirements" not in s and "fee" not in s, s["name"]
            description = c.t(s.get("description"))
            if description:
                desc = esc(description)
            else:
                desc = "&nbsp;" if empty % 2 == 0 else ""
                empty += 1
            lines = c.words(s["timeline"]).split("\n")
            if len(lines) == 1:
                timeline = esc(lines[0])
            else:
                timeline = "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"
            w(f"<tr><td>{esc(str(s['number']))}</td><td>{esc(c.t(s['name']))}</td>"
              f"<td>{desc}</td><td>{timeline}</td></tr>")
    w("</tbody>")
    w("</table>")

    w(f"<h2>{esc(c.label('standards', 'Service Standards'))}</h2>")
    for group in c["standards"]:
        if group.get("group"):
            w(f"<h3>{esc(c.t(group['group']))}</h3>")
        for para in paragraphs(c, group.get("text")):
            w(f"<p>{esc(para)}</p>")
        w("<ul>")
        for item in group.get("items", []):
            text = c.t(item.get("text")) if isinstance(item, dict) else c.t(item)
            w(f"  <li>{esc(text)}</li>")
        w("</ul>")

    reporting = c["reporting"]
    w(f"<h2>{esc(c.t(reporting['title']))}</h2>")
    for para in paragraphs(c, reporting.get("text")):
        w(f"<p>{esc(para)}</p>")

    w(f"<h2>{esc(c.label('hours', 'Working hours'))}</h2>")
    w(f"<p>{esc(c.t(org['hours']))}</p>")

    w(f"<h2>{esc(c.label('abbreviations', 'Abbreviations'))}</h2>")
    w("<ul>")
    for short, long in c["abbreviations"].items():
        w(f"  <li><strong>{esc(short)}</strong>: {esc(c.t(long))}</li>")
    w("</ul>")
    w("</div>")
    w("</main>")
    w('<footer class="footer">')
    w("  <p>Copyright &copy; 2017 Tanzania Revenue Authority. All Rights Reserved.</p>")
    w('  <ul class="footer-links"><li><a href="/index.php/privacy-policy">Privacy Policy</a></li>'
      '<li><a href="/index.php/sitemap">Sitemap</a></li>'
      '<li><a href="#top">Back to Top</a></li></ul>')
    w("</footer>")
    w("</body>")
    w("</html>")
    (HERE / "tra.html").write_text("\n".join(out) + "\n", encoding="utf-8", newline="\n")


# --- 7. broken inputs ---------------------------------------------------------------------


def damaged():
    data = (HERE / "kitui.docx").read_bytes()
    (HERE / "damaged.docx").write_bytes(data[: len(data) // 2])


def protected():
    import msoffcrypto
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    rng = random.Random(20250607)

    class Fixed(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return FIXED

    saved = ecma376_agile._random_buffer, ecma376_encrypted.datetime
    ecma376_agile._random_buffer = lambda n: rng.randbytes(n)
    ecma376_encrypted.datetime = Fixed
    try:
        with open(HERE / "moh.xlsx", "rb") as plain:
            out = io.BytesIO()
            msoffcrypto.OfficeFile(plain).encrypt("charter", out)
    finally:
        ecma376_agile._random_buffer, ecma376_encrypted.datetime = saved
    data = out.getvalue()
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1"), data[:8]
    (HERE / "protected.xlsx").write_bytes(data)


def no_services():
    c = Charter("charters/kilosa.yaml")
    org = c["organization"]
    doc = new_document(c.t(c["title"]), "Halmashauri ya Wilaya ya Kilosa")
    portrait_a4(doc)
    centred(doc, c.t(org["name"]), 16)
    centred(doc, c.t(c["title"]), 14)

    preface = c["preface"]
    doc.add_heading(c.t(preface["title"]), level=1)
    for para in paragraphs(c, preface["text"]):
        doc.add_paragraph(para)
    sign = preface["signatory"]
    contact_paragraph(doc, [c.t(sign["name"]), c.t(sign["title"])])

    purpose = c["purpose"]
    doc.add_heading(c.t(purpose["title"]), level=1)
    for para in paragraphs(c, purpose["text"]):
        doc.add_paragraph(para)
    for point in purpose["points"]:
        doc.add_paragraph(c.t(point), style="List Bullet")

    values = c["values"]
    doc.add_heading(c.t(values["title"]), level=1)
    for para in paragraphs(c, values["text"]):
        doc.add_paragraph(para)
    for v in values["items"]:
        doc.add_paragraph(c.t(v), style="List Bullet")

    complaints = c["complaints"]
    doc.add_heading(c.t(complaints["title"]), level=1)
    for para in paragraphs(c, complaints["text"]):
        doc.add_paragraph(para)
    for route in complaints["routes"]:
        contact_paragraph(doc, contact_lines(c, route))

    save_document(doc, HERE / "no-services.docx")


def no_table():
    rows = [
        ["Ref No", "Date received", "Date completed", "Officer"],
        ["KTI/001/2025", "02/06/2025", "04/06/2025", "J. Mutua"],
        ["KTI/002/2025", "02/06/2025", "", "J. Mutua"],
        ["KTI/003/2025", "03/06/2025", "03/06/2025", "A. Kilonzo"],
        ["KTI/004/2025", "05/06/2025", "", "A. Kilonzo"],
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    (HERE / "no-table.csv").write_bytes(out.getvalue().encode("utf-8"))


def main():
    kitui()
    moh()
    moh_ods()
    psa()
    longido()
    tra()
    damaged()
    protected()
    no_services()
    no_table()


if __name__ == "__main__":
    main()
