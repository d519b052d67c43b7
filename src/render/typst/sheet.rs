//! Printing one sheet of a charter: laying the theme out at its preferred text size,
//! shrinking a poster that runs over one sheet (see `fit`), checking the page is the paper
//! asked for, and exporting the PDF and PNG. A charter is printed once, in all its
//! languages, or once per language (`--lang`).

use typst::foundations::{Bytes, Datetime};
use typst::syntax::FileId;
use typst_layout::PagedDocument;

use super::{Engine, compile, fit};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Layout;
use crate::paper::Paper;
use crate::render::Format;
use crate::render::document::ThemeData;
use crate::render::{Failure, Settings, Sheets, diagnostics, pdf, png};
use crate::source::SourceFile;
use crate::theme::{BodySize, ThemeDiagnostic};

/// What every sheet of one charter is printed with.
pub(crate) struct Press<'a> {
    pub engine: &'a Engine,
    pub settings: &'a Settings,
    pub source: &'a SourceFile,
    /// Files the theme reads besides the data: the logo, the QR code.
    pub extra: Vec<(FileId, Bytes)>,
    pub today: Option<(typst_pdf::Timestamp, Datetime)>,
    pub sizes: BodySize,
    pub layout: Layout,
    pub paper: Paper,
    /// The sheet in millimetres, turned for landscape.
    pub width: u32,
    pub height: u32,
}

/// One printed sheet (a poster, or a handbook's pages).
#[derive(Debug)]
pub struct Printed {
    /// The one language it is in, for a sheet per language (`kitui.sw.pdf`); `None` for
    /// the charter in all its languages.
    pub lang: Option<String>,
    pub pdf: Option<Vec<u8>>,
    pub png: Option<Vec<u8>>,
    pub pages: usize,
    /// The body text size it was laid out at, in points.
    pub body_size: f64,
}

/// Why a sheet was not printed: the charter's problems (it does not fit), or the theme's.
pub(crate) struct Unprinted {
    pub charter: Vec<Diagnostic>,
    pub theme: Vec<ThemeDiagnostic>,
}

impl From<Unprinted> for Failure {
    fn from(u: Unprinted) -> Failure {
        Failure {
            charter: u.charter,
            theme: u.theme,
            partial: None,
        }
    }
}

fn theme(theme: Vec<ThemeDiagnostic>) -> Unprinted {
    Unprinted {
        charter: Vec::new(),
        theme,
    }
}

impl Press<'_> {
    /// Lays `data` out and exports it. Warnings that do not stop the sheet (a word too wide
    /// for its column) go to `warnings`.
    pub fn print(
        &self,
        data: ThemeData,
        lang: Option<String>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Printed, Unprinted> {
        let (document, body_size) = self.lay_out(data)?;
        self.deliver(&document, lang, body_size, warnings)
    }

    /// Lays `data` out once, at `size`.
    pub fn compile_at(
        &self,
        data: &ThemeData,
        size: f64,
    ) -> Result<PagedDocument, Vec<ThemeDiagnostic>> {
        let mut data = data.clone();
        data.build.body_size = size;
        let attempt = compile::Attempt {
            engine: self.engine,
            data: serde_json::to_string(&data).expect("theme data serialises"),
            extra: self.extra.clone(),
            today: self.today.map(|d| d.1),
        };
        compile::compile(&attempt)
    }

    /// Lays `data` out at the size it fits one sheet at (a poster) or its preferred size (a
    /// handbook): the layout and that size.
    pub fn lay_out(&self, mut data: ThemeData) -> Result<(PagedDocument, f64), Unprinted> {
        // Lay out at the preferred size; a poster that runs over one sheet is laid out
        // again smaller (see `fit`), never below the theme's minimum: at most
        // `fit::MAX_LAYOUTS` compilations (~25 ms each), usually one or two.
        let compile_at = |data: &ThemeData, size: f64| self.compile_at(data, size);
        let fits = |document: &PagedDocument| document.pages().len() <= 1;
        let first = compile_at(&data, self.sizes.preferred).map_err(theme)?;
        let document = if self.layout == Layout::Handbook {
            first
        } else if fits(&first) {
            // A poster that leaves its sheet less than `fit::FULL` full grows into it, up to
            // the theme's largest text.
            match self.sizes.max.filter(|max| *max > self.sizes.preferred) {
                Some(max) => {
                    // Larger text must not push a long word over its neighbour's.
                    let trial = |document: PagedDocument| fit::Trial {
                        fits: fits(&document) && compile::collision(&document).is_none(),
                        ratio: compile::fill_ratio(&document),
                        document,
                    };
                    let (size, document) =
                        fit::grow_to_fill(self.sizes.preferred, max, trial(first), |size| {
                            typst::comemo::evict(0);
                            compile_at(&data, size).map(trial)
                        })
                        .map_err(theme)?;
                    data.build.body_size = size;
                    document
                }
                None => first,
            }
        } else {
            let trial = |document: PagedDocument| fit::Trial {
                fits: fits(&document),
                ratio: compile::fill_ratio(&document),
                document,
            };
            let search =
                fit::shrink_to_fit(self.sizes.preferred, self.sizes.min, trial(first), |size| {
                    // What the last layout cached is of little use at another size, and for
                    // a long charter it is most of the memory a build takes.
                    typst::comemo::evict(0);
                    compile_at(&data, size).map(trial)
                });
            match search.map_err(theme)? {
                fit::Fit::Fits { size, document } => {
                    data.build.body_size = size;
                    document
                }
                fit::Fit::Overflows { document, ratio } => {
                    return Err(Unprinted {
                        charter: vec![diagnostics::overflow(
                            &document,
                            ratio,
                            self.paper,
                            self.sizes.min,
                            self.settings,
                            &self.engine.theme.manifest,
                            // A part of a sheet side by side is one language of several.
                            data.view.bilingual || self.settings.sheets == Sheets::Side,
                        )],
                        theme: Vec::new(),
                    });
                }
            }
        };
        Ok((document, data.build.body_size))
    }

    /// Checks a laid-out sheet and exports it.
    pub fn deliver(
        &self,
        document: &PagedDocument,
        lang: Option<String>,
        body_size: f64,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Printed, Unprinted> {
        self.check_page(document).map_err(|t| theme(vec![*t]))?;
        if let Some(text) = compile::too_wide(document) {
            warnings.push(diagnostics::too_wide(
                self.source,
                &text,
                "runs off the sheet",
            ));
        } else if let Some(text) = compile::collision(document) {
            warnings.push(diagnostics::too_wide(
                self.source,
                &text,
                "runs over the next column's words",
            ));
        }
        // PDF/A needs a date. Without an issue date or SOURCE_DATE_EPOCH the PDF says
        // 1980-01-01, the reproducible-builds convention (as in zip and wheel files),
        // rather than the clock, which would make every build differ.
        let timestamp = self.today.map(|d| d.0).or_else(|| {
            Datetime::from_ymd_hms(1980, 1, 1, 0, 0, 0).map(typst_pdf::Timestamp::new_utc)
        });
        let pdf = if self.settings.formats.contains(Format::Pdf) {
            Some(
                pdf::export(
                    self.engine,
                    document,
                    &self.settings.standards.pdf,
                    timestamp,
                )
                .map_err(theme)?,
            )
        } else {
            None
        };
        Ok(Printed {
            lang,
            pdf,
            png: self
                .settings
                .formats
                .contains(Format::Png)
                .then(|| png::export(document)),
            pages: document.pages().len(),
            body_size,
        })
    }

    /// The sheet must be the paper asked for: a layout that forgets `set page(...)` would
    /// otherwise print an A4 page while we report A1.
    fn check_page(&self, document: &PagedDocument) -> Result<(), Box<ThemeDiagnostic>> {
        let Some(page) = document.pages().first() else {
            return Ok(());
        };
        let size = page.frame.size();
        let (w, h) = (size.x.to_mm(), size.y.to_mm());
        let (width, height) = (self.width, self.height);
        if (w - f64::from(width)).abs() <= 1.0 && (h - f64::from(height)).abs() <= 1.0 {
            return Ok(());
        }
        let layout = match self.layout {
            Layout::Poster => "poster",
            Layout::Handbook => "handbook",
        };
        Err(Box::new(ThemeDiagnostic {
            source: SourceFile::new(
                format!("{} theme: {layout}.typ", self.engine.theme.name()),
                "",
            ),
            diagnostic: Diagnostic::error(
                Code::ThemeError,
                format!(
                    "the theme laid out a {w:.0} × {h:.0} mm page, not the {width} × \
                     {height} mm {} sheet asked for",
                    self.paper.name().to_uppercase()
                ),
            )
            .with_hint(
                "the layout must set `page(width: data.build.width * 1mm, height: \
                 data.build.height * 1mm)`",
            ),
        }))
    }
}
