//! The first stage of the pipeline: a charter file's text, read from disk or given in memory.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;
use crate::limits::CHARTER_BYTES;
use crate::span::Span;

/// A charter's source text and the name to show in diagnostics.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SourceFile {
    /// The path as the user gave it (or as found under a directory they gave).
    pub path: PathBuf,
    /// The text; for a file that is not UTF-8, its lossy decoding (so a snippet can still be
    /// shown).
    pub text: String,
    /// Where its lines start, found the first time a diagnostic is placed: a charter with
    /// hundreds of findings is indexed once, not once per finding.
    #[serde(skip)]
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A file that could be read, and whether its bytes were valid UTF-8.
pub enum Read {
    Text(SourceFile),
    /// The file was read, but its bytes cannot be a charter's text: not UTF-8 (the
    /// diagnostic points at the first bad byte), or far too big.
    Refused(SourceFile, Diagnostic),
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// Its lines, indexed once.
    pub fn lines(&self) -> crate::lines::LineIndex<'_> {
        let starts = self
            .line_starts
            .get_or_init(|| crate::lines::line_starts(&self.text));
        crate::lines::LineIndex::with_starts(&self.text, starts)
    }

    /// The 1-based line and column where `span` starts and ends.
    pub fn positions(&self, span: crate::span::Span) -> ((usize, usize), (usize, usize)) {
        let lines = self.lines();
        (lines.position(span.offset), lines.position(span.end()))
    }

    /// The file name as shown in diagnostics (forward slashes on every platform, so reports
    /// and snapshots read the same everywhere).
    pub fn name(&self) -> String {
        crate::files::display_path(&self.path)
    }

    /// Reads a file. Failing to read it at all is an operational error; reading bytes that
    /// are not UTF-8 is the author's problem, reported as a diagnostic. Only a regular file
    /// is read (a FIFO named `x.yaml` must not hang a batch), and one bigger than
    /// [`CHARTER_BYTES`] is refused before it is read whole.
    pub fn read(path: &Path) -> Result<Read, Error> {
        use crate::files::ReadError;
        match crate::files::read(path, CHARTER_BYTES) {
            Ok(bytes) => Ok(Self::from_bytes(path, bytes)),
            Err(ReadError::TooLarge { size, .. }) => {
                let diagnostic = Diagnostic::error(
                    Code::TooLarge,
                    format!(
                        "this file is {:.1} MB; a charter is at most {} kB",
                        size as f64 / 1e6,
                        CHARTER_BYTES / 1024
                    ),
                )
                .with_hint(
                    "real charters are a few dozen kB; check that this is the charter and not \
                     an export or a log, or split it into one charter per office",
                );
                Ok(Read::Refused(Self::new(path, String::new()), diagnostic))
            }
            Err(ReadError::Io(source)) => Err(Error::Read {
                path: path.to_owned(),
                source,
            }),
            Err(other) => Err(Error::Walk {
                path: path.to_owned(),
                message: other.to_string(),
            }),
        }
    }

    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Read {
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        if !utf16 && bytes.contains(&0) {
            // A program, an image or a Word document: no snippet of it is worth showing.
            let diagnostic = Diagnostic::error(Code::NotUtf8, "this is not a text file").with_hint(
                "a charter is a text file; if this is a Word document, copy its text into a new \
                 file made with `charter new`",
            );
            return Read::Refused(Self::new(path, String::new()), diagnostic);
        }
        match String::from_utf8(bytes) {
            Ok(text) => Read::Text(Self::new(path, text)),
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                // In the lossy text, the first replacement character stands where the bad
                // byte was: everything before it was valid and is unchanged.
                let message = if utf16 {
                    "this file is saved as UTF-16 (\"Unicode\"), not UTF-8"
                } else {
                    "this file is not UTF-8 text"
                };
                let diagnostic = Diagnostic::error(Code::NotUtf8, message)
                    .at(
                        Span::new(valid, '\u{FFFD}'.len_utf8()),
                        "this byte is not UTF-8",
                    )
                    .with_hint(
                        "save the file as UTF-8 (in Word or Notepad: Save As, then choose the \
                     encoding \"UTF-8\")",
                    );
                Read::Refused(Self::new(path, text), diagnostic)
            }
        }
    }
}
