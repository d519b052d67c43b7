//! A register exported as CSV, read one record at a time (a register of a million rows is
//! never held whole), each field with the line and column it starts at, so that a bad cell
//! is reported where the office can find it.
//!
//! RFC 4180 as spreadsheets write it: fields separated by commas (or semicolons, as
//! spreadsheets in many locales export: the header line decides), quoted with `"` when
//! they hold a separator, a quote (doubled) or a line break; lines ended by LF or CRLF; a
//! UTF-8 byte-order mark at the start ignored. Blank lines are skipped.

use std::io::{BufRead, Read};

/// One field: its text (unquoted), and where it starts (1-based line and column, the
/// column counted in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub line: u64,
    pub column: u64,
}

/// One record: its fields, and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub fields: Vec<Field>,
}

/// Why a register cannot be read on.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("{}", crate::error::plain_io(.0))]
    Io(#[from] std::io::Error),
    #[error("the quote opened on line {line}, column {column} is never closed")]
    OpenQuote { line: u64, column: u64 },
    #[error("line {line} is longer than {limit} characters: is this a register?")]
    TooLong { line: u64, limit: usize },
}

/// The longest line read (a record's fields together): a register's row is a few hundred
/// characters; a file with no line breaks is not a register.
pub const MAX_LINE: usize = 64 * 1024;

/// The records of a CSV register, in order.
pub struct Records<R> {
    input: R,
    separator: Option<char>,
    last_separator: char,
    line: u64,
    buffer: String,
    started: bool,
    /// Lines that were not UTF-8 and were read as Windows-1252: the first, and how many.
    recoded: Option<(u64, u64)>,
}

impl<R: BufRead> Records<R> {
    pub fn new(input: R) -> Records<R> {
        Records {
            input,
            separator: None,
            last_separator: ',',
            line: 0,
            buffer: String::new(),
            started: false,
            recoded: None,
        }
    }

    /// Keeps the separator of the record read last for every record after it: the heading
    /// row's (a title above it may hold commas where the table has semicolons).
    pub fn keep_separator(&mut self) {
        self.separator = Some(self.last_separator);
    }

    /// The lines read as Windows-1252 for not being UTF-8: the first, and how many.
    pub fn recoded(&self) -> Option<(u64, u64)> {
        self.recoded
    }

    /// The separator of the record read last.
    pub fn separator(&self) -> char {
        self.last_separator
    }

    /// Reads the next physical line into `buffer` (its end removed); `false` at the end.
    fn next_line(&mut self) -> Result<bool, CsvError> {
        let mut bytes = Vec::new();
        let read = self
            .input
            .by_ref()
            .take(MAX_LINE as u64 + 2)
            .read_until(b'\n', &mut bytes)?;
        if read == 0 {
            return Ok(false);
        }
        self.line += 1;
        if bytes.len() > MAX_LINE + 1 && !bytes.ends_with(b"\n") {
            return Err(CsvError::TooLong {
                line: self.line,
                limit: MAX_LINE,
            });
        }
        while matches!(bytes.last(), Some(b'\n' | b'\r')) {
            bytes.pop();
        }
        if !self.started {
            self.started = true;
            if bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
        }
        self.buffer = match String::from_utf8(bytes) {
            Ok(text) => text,
            // Excel's plain "CSV" on Windows writes Windows-1252: read as that, and said.
            Err(error) => {
                self.recoded = Some(match self.recoded {
                    Some((first, count)) => (first, count + 1),
                    None => (self.line, 1),
                });
                windows_1252(error.as_bytes())
            }
        };
        Ok(true)
    }

    fn record(&mut self) -> Result<Option<Record>, CsvError> {
        loop {
            if !self.next_line()? {
                return Ok(None);
            }
            if !self.buffer.trim().is_empty() {
                break;
            }
        }
        // Until the heading row is found (`keep_separator`), each line says its own: a
        // semicolon-separated export has fewer commas than semicolons outside quotes.
        let separator = self.separator.unwrap_or_else(|| {
            let (commas, semicolons) = outside_quotes(&self.buffer);
            if semicolons > commas { ';' } else { ',' }
        });
        self.last_separator = separator;
        let start = self.line;
        // Most lines have no quotes: their fields are the pieces between separators.
        if !self.buffer.contains('"') {
            let mut column = 1;
            let fields = self
                .buffer
                .split(separator)
                .map(|text| {
                    let field = Field {
                        text: text.to_owned(),
                        line: start,
                        column,
                    };
                    column += text.chars().count() as u64 + 1;
                    field
                })
                .collect();
            return Ok(Some(Record {
                line: start,
                fields,
            }));
        }
        let mut fields = Vec::new();
        let mut text = String::new();
        let (mut line, mut column) = (self.line, 1u64);
        let mut field_at = (line, column);
        let mut quoted = false;
        let mut quote_at = (line, column);
        loop {
            let current = std::mem::take(&mut self.buffer);
            let mut chars = current.chars().peekable();
            while let Some(c) = chars.next() {
                if quoted {
                    if c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            column += 1;
                            text.push('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        text.push(c);
                    }
                } else if c == separator {
                    fields.push(Field {
                        text: std::mem::take(&mut text),
                        line: field_at.0,
                        column: field_at.1,
                    });
                    field_at = (line, column + 1);
                } else if c == '"' && text.trim().is_empty() {
                    quoted = true;
                    quote_at = (line, column);
                    text.clear();
                } else {
                    text.push(c);
                }
                column += 1;
            }
            if !quoted {
                break;
            }
            // A line break inside quotes is part of the field.
            if !self.next_line()? {
                return Err(CsvError::OpenQuote {
                    line: quote_at.0,
                    column: quote_at.1,
                });
            }
            text.push('\n');
            line = self.line;
            column = 1;
            // A quote never closed would otherwise take the rest of the file into one field:
            // a field longer than a line can be is that quote's doing.
            if text.len() > MAX_LINE {
                return Err(CsvError::OpenQuote {
                    line: quote_at.0,
                    column: quote_at.1,
                });
            }
        }
        fields.push(Field {
            text,
            line: field_at.0,
            column: field_at.1,
        });
        Ok(Some(Record {
            line: start,
            fields,
        }))
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, CsvError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.record().transpose()
    }
}

/// Bytes of Windows-1252 (Excel's "CSV" on Windows in Western locales) as text: Latin-1
/// but for 0x80–0x9F, where it has its curly quotes, dashes and the euro sign.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Commas and semicolons outside quotes.
fn outside_quotes(line: &str) -> (usize, usize) {
    let mut quoted = false;
    let (mut commas, mut semicolons) = (0, 0);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    (commas, semicolons)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Vec<(String, u64, u64)>> {
        Records::new(text.as_bytes())
            .map(|r| {
                r.unwrap()
                    .fields
                    .into_iter()
                    .map(|f| (f.text, f.line, f.column))
                    .collect()
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<Vec<String>> {
        read(text)
            .into_iter()
            .map(|r| r.into_iter().map(|f| f.0).collect())
            .collect()
    }

    #[test]
    fn fields_keep_where_they_start() {
        let rows = read("service,received\n3,02/03/2026\n");
        assert_eq!(
            rows,
            vec![
                vec![("service".into(), 1, 1), ("received".into(), 1, 9)],
                vec![("3".into(), 2, 1), ("02/03/2026".into(), 2, 3)],
            ]
        );
    }

    #[test]
    fn quotes_commas_line_breaks_and_crlf_are_read_as_spreadsheets_write_them() {
        let text = "\u{feff}name,note\r\n\"Trade licence, new\",\"said \"\"soon\"\"\"\r\n\
                    \"two\nlines\",x\r\n\r\n,\r\n";
        assert_eq!(
            texts(text),
            vec![
                vec!["name", "note"],
                vec!["Trade licence, new", "said \"soon\""],
                vec!["two\nlines", "x"],
                vec!["", ""],
            ]
        );
        // The field after a quoted line break starts on its own line.
        let rows = read("a,b\n\"x\ny\",z\n");
        assert_eq!(rows[1][1], ("z".into(), 3, 4));
        // Characters, not bytes: a column after `é` is one further, not two.
        let rows = read("é,b\n");
        assert_eq!(rows[0][1].2, 3);
    }

    #[test]
    fn a_semicolon_export_is_read_by_its_header() {
        assert_eq!(
            texts("huduma;tarehe ya kupokea\n\"1,2\";02/03/2026\n"),
            vec![
                vec!["huduma", "tarehe ya kupokea"],
                vec!["1,2", "02/03/2026"]
            ]
        );
    }

    #[test]
    fn a_line_that_is_not_utf8_is_read_as_windows_1252_and_said() {
        let mut records = Records::new(&b"a,b\nCaf\xe9,\x93x\x94\n\xff,1\n"[..]);
        let texts: Vec<Vec<String>> = (&mut records)
            .map(|r| r.unwrap().fields.into_iter().map(|f| f.text).collect())
            .collect();
        assert_eq!(texts[1], ["Café", "“x”"]);
        assert_eq!(texts[2], ["ÿ", "1"]);
        assert_eq!(records.recoded(), Some((2, 2)));
    }

    #[test]
    fn broken_files_say_where() {
        let error = Records::new("a,b\n\"open,x\n".as_bytes())
            .find_map(Result::err)
            .unwrap();
        assert_eq!(
            error.to_string(),
            "the quote opened on line 2, column 1 is never closed"
        );
        // A quote never closed, over many short lines, is said to be what it is.
        let lines = format!("a\n\"{}", "x\n".repeat(MAX_LINE));
        let error = Records::new(lines.as_bytes())
            .find_map(Result::err)
            .unwrap();
        assert!(
            matches!(error, CsvError::OpenQuote { line: 2, column: 1 }),
            "{error}"
        );
        let long = "x".repeat(MAX_LINE + 10);
        let error = Records::new(long.as_bytes()).find_map(Result::err).unwrap();
        assert!(
            matches!(error, CsvError::TooLong { line: 1, .. }),
            "{error}"
        );
    }
}
