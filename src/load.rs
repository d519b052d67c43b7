//! The loading pipeline: [`SourceFile`] → [`Document`](crate::yaml::Document) →
//! [`Charter`], with every diagnostic of the file.

use crate::diagnostic::Diagnostics;
use crate::model::Charter;
use crate::model::decode::{Cx, Decode};
use crate::source::{Read, SourceFile};
use crate::yaml;

/// A charter file after loading: the source (for rendering diagnostics), the charter if it
/// is valid, and what was found wrong.
#[derive(Debug)]
pub struct Loaded {
    pub source: SourceFile,
    /// `Some` only when there are no errors.
    pub charter: Option<Charter>,
    pub diagnostics: Diagnostics,
}

impl Loaded {
    pub fn is_valid(&self) -> bool {
        self.charter.is_some()
    }
}

/// Loads a file that has been read.
pub fn load(read: Read) -> Loaded {
    match read {
        Read::Text(source) => load_source(source),
        Read::Refused(source, diagnostic) => Loaded {
            source,
            charter: None,
            diagnostics: diagnostic.into(),
        },
    }
}

/// Parses and decodes a charter's text.
pub fn load_source(source: SourceFile) -> Loaded {
    let document = match yaml::parse(&source) {
        Ok(document) => document,
        Err(diagnostic) => {
            return Loaded {
                source,
                charter: None,
                diagnostics: (*diagnostic).into(),
            };
        }
    };
    let mut cx = Cx::default();
    let charter = Charter::decode(&document.root, &mut cx);
    let mut diagnostics = cx.diagnostics;
    diagnostics.sort();
    let charter = if diagnostics.has_errors() {
        None
    } else {
        charter
    };
    Loaded {
        source,
        charter,
        diagnostics,
    }
}
