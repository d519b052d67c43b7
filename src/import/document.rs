//! What every reader makes of a file, whatever it was: the blocks of a document in the
//! order they are read (paragraphs and tables), each with the place it was found, in the
//! words its owner would use to find it again ("table 2, row 5, column 3"; "cell C7 of
//! sheet Services"; "line 12"). The mapper (`map.rs`) sees only this, so a Word file, a
//! workbook, a CSV file and a web page are mapped by the same code.

use std::fmt;

/// A document read: its blocks in order.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// The title the file gives itself, apart from its text (a page's `<title>`, "Our
    /// Charter - Tanzania Revenue Authority"): where a site's pages name the office when
    /// the page itself does not.
    pub own_title: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// A paragraph (or a line of a sheet that is not part of a table).
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    /// The text, spaces made single, without the list's mark (the "•", "1." Word draws).
    pub text: String,
    /// How the document marks it.
    pub kind: ParagraphKind,
    pub at: Place,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphKind {
    /// The document's title (Word's Title style, a page's `<title>` or first `<h1>`).
    Title,
    /// A heading, styled as one (Heading 1-6, `<h1>`-`<h6>`) or all bold.
    Heading,
    /// An item of a bulleted or numbered list.
    ListItem,
    Plain,
}

/// A table as a grid: every row has a cell for every column of the grid, merged cells
/// included (the cells a merge covers are `covered`, pointing at nothing but saying so).
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    /// Where the table is, for the report: "table 2", "sheet Services".
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The cell's paragraphs or lines, in order, each without its list mark.
    pub lines: Vec<Line>,
    /// Covered by a merge that starts above (`Above`) or to the left (`Left`): the cell
    /// shows the merged cell's text, which is not repeated here.
    pub covered: Option<Covered>,
    pub at: Place,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Covered {
    Above,
    Left,
}

/// One paragraph of a cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    /// Marked as a list item by the document (a Word list, `<li>`), not by its text.
    pub listed: bool,
    pub bold: bool,
}

impl Cell {
    pub fn new(lines: Vec<Line>, at: Place) -> Cell {
        Cell {
            lines: lines.into_iter().filter(|l| !l.text.is_empty()).collect(),
            covered: None,
            at,
        }
    }

    pub fn covered(how: Covered, at: Place) -> Cell {
        Cell {
            lines: Vec::new(),
            covered: Some(how),
            at,
        }
    }

    /// Its lines joined with spaces: one value.
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Its lines, each on a line of its own.
    pub fn text_lines(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Every line bold: a heading row or a group's heading.
    pub fn is_bold(&self) -> bool {
        !self.lines.is_empty() && self.lines.iter().all(|l| l.bold)
    }
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: tidy(&text.into()),
            listed: false,
            bold: false,
        }
    }
}

/// Where something was found, as its owner would look for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A paragraph of a Word file or a web page, counted from 1.
    Paragraph(usize),
    /// A cell of a table: the table, its row and column, counted from 1.
    Cell {
        table: usize,
        row: usize,
        column: usize,
    },
    /// A cell of a sheet, by its name (`C7`).
    Sheet {
        sheet: String,
        row: u32,
        column: u32,
    },
    /// A field of a CSV file: its line and column.
    Csv { line: u64, column: u64 },
    /// The title a file gives itself (a page's `<title>`).
    OwnTitle,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Paragraph(n) => write!(f, "paragraph {n}"),
            Place::Cell { table, row, column } => {
                write!(f, "table {table}, row {row}, column {column}")
            }
            Place::Sheet { sheet, row, column } => {
                write!(
                    f,
                    "sheet `{sheet}`, cell {}{}",
                    column_name(*column),
                    row + 1
                )
            }
            Place::Csv { line, column } => write!(f, "line {line}, column {column}"),
            Place::OwnTitle => write!(f, "the page's title"),
        }
    }
}

/// A spreadsheet's name for a column counted from 0: A, B, …, Z, AA, AB, …
pub fn column_name(column: u32) -> String {
    let mut n = column + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        name.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Text as it is kept: runs of white space (tabs, no-break spaces, the line breaks inside a
/// paragraph) made one space, control characters left out, spaces at either end trimmed.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' || c == '\u{feff}')
        .filter(|w| !w.is_empty())
    {
        let word: String = word.chars().filter(|c| !c.is_control()).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// A table from rows of cells, for tests: `^` a cell merged from above, `<` from the
/// left, the lines of a cell separated by `|`.
#[cfg(test)]
pub fn grid(rows: &[&[&str]]) -> Table {
    let rows = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, text)| {
                    let at = Place::Cell {
                        table: 1,
                        row: r + 1,
                        column: c + 1,
                    };
                    match *text {
                        "^" => Cell::covered(Covered::Above, at),
                        "<" => Cell::covered(Covered::Left, at),
                        text => Cell::new(text.split('|').map(Line::plain).collect(), at),
                    }
                })
                .collect()
        })
        .collect();
    Table {
        rows,
        name: "table 1".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn text_is_tidied() {
        assert_eq!(tidy("  Nil\u{a0}\tfee \u{7}\n"), "Nil fee");
        assert_eq!(tidy("\u{feff}"), "");
    }
}
