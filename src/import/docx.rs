//! Word files (`.docx`): a zip whose `word/document.xml` holds the paragraphs and tables,
//! read with `zip` (already how workbooks are checked) and `roxmltree`, a small XML reader
//! that builds a tree, refuses DTDs (so no entity can expand), and is already compiled
//! into the program for Typst's SVG images. A Word-specific crate (docx-rs) was not taken:
//! it reads everything Word can hold into its own model, and what the importer needs is
//! the text, the styles that make a paragraph a heading or a list item, and the merges of
//! table cells, which a tree walk reads directly.
//!
//! A table is read as a grid: `w:gridSpan` (a cell merged across columns) and `w:vMerge`
//! (merged down rows) give the cells they cover as `Covered`, so every row of the grid has
//! a cell in every column, as the table looks on the page.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::Node;

use super::ImportError;
use super::document::{
    Block, Cell, Covered, Document, Line, Paragraph, ParagraphKind, Place, Table, tidy,
};
use crate::limits::IMPORT_UNZIPPED;

/// The columns of a table read, and its rows: far beyond any charter's tables, and a
/// bound on the grid a table of ten thousand cells a row would make.
const MAX_COLUMNS: usize = 64;
const MAX_ROWS: usize = 20_000;

/// How deep the XML may nest: Word's tables in tables, content controls and links nest a
/// few levels, some tens at most; past this the walk, which recurses, could run out of
/// stack.
const MAX_DEPTH: usize = 256;

/// The depth of the tree under `node`, walked without recursion.
fn depth(node: Node) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(node, 0)];
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        if d > MAX_DEPTH {
            break;
        }
        stack.extend(node.children().filter(Node::is_element).map(|c| (c, d + 1)));
    }
    deepest
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Reads a Word file's body.
pub fn read(bytes: &[u8]) -> Result<Document, ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ImportError::Damaged {
        what: "a Word file",
    })?;
    let body = part(&mut zip, "word/document.xml")?.ok_or(ImportError::Damaged {
        what: "a Word file",
    })?;
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(xml) => Styles::read(&xml),
        None => Styles::default(),
    };
    let tree = roxmltree::Document::parse(&body).map_err(|_| ImportError::Damaged {
        what: "a Word file",
    })?;
    if depth(tree.root()) > MAX_DEPTH {
        return Err(ImportError::TooDeep);
    }
    let body = tree
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or(ImportError::Damaged {
            what: "a Word file",
        })?;
    let mut reader = Reader {
        styles,
        out: Document::default(),
        paragraphs: 0,
        tables: 0,
    };
    reader.blocks(body);
    Ok(reader.out)
}

/// One part of the zip as text, its unzipped size bounded.
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ImportError> {
    let entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => {
            return Err(ImportError::Damaged {
                what: "a Word file",
            });
        }
    };
    let mut bytes = Vec::new();
    entry
        .take(IMPORT_UNZIPPED + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| ImportError::Damaged {
            what: "a Word file",
        })?;
    if bytes.len() as u64 > IMPORT_UNZIPPED {
        return Err(ImportError::TooBig {
            limit: IMPORT_UNZIPPED,
        });
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn child<'a, 'i>(node: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

/// What a paragraph style makes of a paragraph, from `word/styles.xml`: by the style's
/// name, which Word keeps in English whatever the language of its menus ("heading 1",
/// "Title", "List Bullet"), or by an outline level or a list numbering it gives.
#[derive(Default)]
struct Styles {
    kinds: HashMap<String, ParagraphKind>,
}

impl Styles {
    fn read(xml: &str) -> Styles {
        let Ok(tree) = roxmltree::Document::parse(xml) else {
            return Styles::default();
        };
        let mut kinds = HashMap::new();
        for style in tree.root_element().children().filter(|n| is(n, "style")) {
            let Some(id) = attr(&style, "styleId") else {
                continue;
            };
            let name = child(&style, "name")
                .and_then(|n| attr(&n, "val"))
                .unwrap_or(id)
                .to_lowercase();
            let ppr = child(&style, "pPr");
            let kind = if name == "title" {
                ParagraphKind::Title
            } else if name.starts_with("heading")
                || ppr.is_some_and(|p| child(&p, "outlineLvl").is_some())
            {
                ParagraphKind::Heading
            } else if name.starts_with("list bullet")
                || name.starts_with("list number")
                || ppr.is_some_and(|p| child(&p, "numPr").is_some())
            {
                ParagraphKind::ListItem
            } else {
                continue;
            };
            kinds.insert(id.to_owned(), kind);
        }
        Styles { kinds }
    }
}

struct Reader {
    styles: Styles,
    out: Document,
    paragraphs: usize,
    tables: usize,
}

impl Reader {
    /// The paragraphs and tables of the body, in order; content controls (`w:sdt`) and
    /// tracked insertions are looked into.
    fn blocks(&mut self, parent: Node) {
        for node in parent.children().filter(Node::is_element) {
            if is(&node, "p") {
                let (lines, kind) = self.paragraph(node);
                for line in lines {
                    if line.text.is_empty() {
                        continue;
                    }
                    self.paragraphs += 1;
                    let kind = if kind == ParagraphKind::Plain && line.bold {
                        ParagraphKind::Heading
                    } else {
                        kind
                    };
                    self.out.blocks.push(Block::Paragraph(Paragraph {
                        text: line.text,
                        kind,
                        at: Place::Paragraph(self.paragraphs),
                    }));
                }
            } else if is(&node, "tbl") {
                self.tables += 1;
                let table = self.table(node, self.tables);
                self.out.blocks.push(Block::Table(table));
            } else if is(&node, "sdt")
                || is(&node, "sdtContent")
                || is(&node, "ins")
                || is(&node, "customXml")
            {
                self.blocks(node);
            }
        }
    }

    /// A paragraph's lines (a line break inside a paragraph starts a new one: offices
    /// break requirements with Shift+Enter as often as with Enter), and what its style or
    /// its numbering makes it.
    fn paragraph(&self, p: Node) -> (Vec<Line>, ParagraphKind) {
        let ppr = child(&p, "pPr");
        let styled = ppr
            .and_then(|ppr| child(&ppr, "pStyle"))
            .and_then(|s| attr(&s, "val"))
            .and_then(|id| self.styles.kinds.get(id).copied());
        let numbered = ppr.is_some_and(|ppr| child(&ppr, "numPr").is_some());
        let outline = ppr.is_some_and(|ppr| child(&ppr, "outlineLvl").is_some());
        let kind = match styled {
            Some(kind) => kind,
            None if outline => ParagraphKind::Heading,
            None if numbered => ParagraphKind::ListItem,
            None => ParagraphKind::Plain,
        };
        let mut lines = Vec::new();
        let mut text = String::new();
        let mut bold = true;
        let mut any = false;
        runs(p, &mut |event| match event {
            Run::Text(t, b) => {
                if !t.trim().is_empty() {
                    any = true;
                    bold &= b;
                }
                text.push_str(t);
            }
            Run::Tab => text.push(' '),
            Run::Break => {
                lines.push(std::mem::take(&mut text));
            }
        });
        lines.push(text);
        let bold = bold && any;
        let lines = lines
            .into_iter()
            .map(|t| Line {
                text: tidy(&t),
                listed: kind == ParagraphKind::ListItem,
                bold,
            })
            .collect();
        (lines, kind)
    }

    /// A table as its grid. Cells inside a cell's own nested table are read as lines of
    /// the cell.
    fn table(&self, tbl: Node, number: usize) -> Table {
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for (r, tr) in tbl
            .children()
            .filter(|n| is(n, "tr"))
            .enumerate()
            .take(MAX_ROWS)
        {
            let mut row = Vec::new();
            if let Some(before) = child(&tr, "trPr")
                .and_then(|p| child(&p, "gridBefore"))
                .and_then(|g| attr(&g, "val"))
                .and_then(|v| v.parse::<usize>().ok())
            {
                for _ in 0..before.min(64) {
                    let at = place(number, r, row.len());
                    row.push(Cell::new(Vec::new(), at));
                }
            }
            for tc in tr.children().filter(|n| is(n, "tc") || is(n, "sdt")) {
                if row.len() >= MAX_COLUMNS {
                    break;
                }
                let tc = if is(&tc, "sdt") {
                    match tc.descendants().find(|n| is(n, "tc")) {
                        Some(tc) => tc,
                        None => continue,
                    }
                } else {
                    tc
                };
                let tcpr = child(&tc, "tcPr");
                let span = tcpr
                    .and_then(|p| child(&p, "gridSpan"))
                    .and_then(|g| attr(&g, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let continues = tcpr
                    .and_then(|p| child(&p, "vMerge"))
                    .is_some_and(|m| attr(&m, "val").is_none_or(|v| v == "continue"));
                let at = place(number, r, row.len());
                if continues {
                    row.push(Cell::covered(Covered::Above, at));
                } else {
                    let mut lines = Vec::new();
                    for p in tc.descendants().filter(|n| is(n, "p")) {
                        lines.extend(self.paragraph(p).0);
                    }
                    row.push(Cell::new(lines, at));
                }
                for _ in 1..span {
                    let at = place(number, r, row.len());
                    row.push(Cell::covered(Covered::Left, at));
                }
            }
            rows.push(row);
        }
        Table {
            rows,
            name: format!("table {number}"),
        }
    }
}

fn place(table: usize, row: usize, column: usize) -> Place {
    Place::Cell {
        table,
        row: row + 1,
        column: column + 1,
    }
}

enum Run<'a> {
    Text(&'a str, bool),
    Tab,
    Break,
}

/// The text of a paragraph's runs, in order, with whether each is bold; deleted text
/// (`w:delText`), field codes (`w:instrText`) and footnote references are not text.
fn runs<'a>(p: Node<'a, '_>, emit: &mut dyn FnMut(Run<'a>)) {
    for node in p.children().filter(Node::is_element) {
        if is(&node, "r") {
            let bold = child(&node, "rPr")
                .and_then(|rpr| child(&rpr, "b"))
                .is_some_and(|b| attr(&b, "val").is_none_or(|v| !matches!(v, "0" | "false")));
            for part in node.children().filter(Node::is_element) {
                if is(&part, "t") {
                    emit(Run::Text(part.text().unwrap_or(""), bold));
                } else if is(&part, "tab") {
                    emit(Run::Tab);
                } else if is(&part, "br") || is(&part, "cr") {
                    emit(Run::Break);
                }
            }
        } else if is(&node, "hyperlink")
            || is(&node, "ins")
            || is(&node, "smartTag")
            || is(&node, "sdt")
            || is(&node, "sdtContent")
            || is(&node, "fldSimple")
            || is(&node, "customXml")
        {
            runs(node, emit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(document: &str) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    const OPEN: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
    const CLOSE: &str = "</w:body></w:document>";

    #[test]
    fn merges_are_read_as_the_grid_shows_them() {
        let xml = format!(
            "{OPEN}<w:tbl>\
             <w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>\
             <w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>Wide</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>\
             <w:tc><w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>\
             </w:tbl>{CLOSE}"
        );
        let document = read(&docx(&xml)).unwrap();
        let Block::Table(table) = &document.blocks[0] else {
            panic!("{document:?}")
        };
        assert_eq!(table.rows[0].len(), 3);
        assert_eq!(table.rows[0][2].covered, Some(Covered::Left));
        assert_eq!(table.rows[1][0].covered, Some(Covered::Above));
        let lines: Vec<&str> = table.rows[1][1]
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(lines, ["a", "b"]);
    }

    #[test]
    fn a_dtd_is_refused_not_expanded() {
        let xml = format!(
            "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>{OPEN}<w:p><w:r><w:t>&b;</w:t></w:r></w:p>{CLOSE}"
        );
        assert!(matches!(
            read(&docx(&xml)),
            Err(ImportError::Damaged { .. })
        ));
    }

    #[test]
    fn text_that_unzips_past_the_limit_is_refused() {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..(IMPORT_UNZIPPED / (1024 * 1024) + 1) {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap();
        let bytes = out.into_inner();
        assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
        assert!(matches!(read(&bytes), Err(ImportError::TooBig { .. })));
    }

    #[test]
    fn nesting_past_the_limit_is_refused_and_within_it_read() {
        let nested = |levels: usize| {
            format!(
                "{OPEN}{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}{CLOSE}",
                "<w:sdt><w:sdtContent>".repeat(levels),
                "</w:sdtContent></w:sdt>".repeat(levels)
            )
        };
        assert!(matches!(
            read(&docx(&nested(MAX_DEPTH))),
            Err(ImportError::TooDeep)
        ));
        let document = read(&docx(&nested(50))).unwrap();
        assert!(matches!(&document.blocks[0], Block::Paragraph(p) if p.text == "deep"));
    }

    #[test]
    fn deleted_text_and_field_codes_are_not_read() {
        let xml = format!(
            "{OPEN}<w:p><w:r><w:t xml:space=\"preserve\">Kept </w:t></w:r>\
             <w:del><w:r><w:delText>gone</w:delText></w:r></w:del>\
             <w:r><w:instrText>PAGE</w:instrText></w:r><w:ins><w:r><w:t>added</w:t></w:r></w:ins></w:p>{CLOSE}"
        );
        let document = read(&docx(&xml)).unwrap();
        let Block::Paragraph(p) = &document.blocks[0] else {
            panic!("{document:?}")
        };
        assert_eq!(p.text, "Kept added");
    }
}
