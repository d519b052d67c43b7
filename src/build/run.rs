//! Building many charters: discover them, build each (in parallel), write every artifact
//! atomically, keep going past failures and report everything at the end.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Engine, Failure, Settings, build};
use crate::diagnostic::Diagnostic;
use crate::discover::discover;
use crate::error::Error;
use crate::load::load;
use crate::source::SourceFile;

/// Which files to write for each charter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Outputs {
    pub pdf: bool,
    pub png: bool,
    /// The data the theme reads, for theme authors.
    pub json: bool,
    pub html: bool,
}

/// One charter's outcome.
#[derive(Debug)]
pub struct BuildResult {
    pub source: SourceFile,
    /// Problems in the charter (errors stop its build; warnings do not).
    pub diagnostics: Vec<Diagnostic>,
    /// Problems in the theme's code, in the theme's files.
    pub theme: Vec<super::ThemeDiagnostic>,
    /// The files written.
    pub written: Vec<PathBuf>,
    pub summary: Option<Summary>,
    /// Whether this is a charter (not an empty folder).
    pub is_charter: bool,
    /// How long reading, checking, laying out and writing it took.
    pub elapsed: std::time::Duration,
}

/// What was built, for the progress line.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub paper: crate::paper::Paper,
    pub body_size: f64,
}

impl BuildResult {
    /// Whether this charter has errors (its own or its theme's) and was not built.
    pub fn failed(&self) -> bool {
        !self.theme.is_empty()
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}

#[derive(Debug, Default)]
pub struct BuildRun {
    pub results: Vec<BuildResult>,
    pub errors: Vec<Error>,
}

impl BuildRun {
    pub fn built(&self) -> usize {
        self.results
            .iter()
            .filter(|r| !r.written.is_empty())
            .count()
    }

    pub fn failed(&self) -> usize {
        self.results.iter().filter(|r| r.failed()).count()
    }
}

/// Builds every charter under `paths` into `out`. A file named on the command line is
/// written as `out/<name>.pdf`; files found under a folder keep their path below it.
pub fn build_paths(
    paths: &[PathBuf],
    out: &Path,
    engine: &Engine,
    settings: &Settings,
    outputs: Outputs,
) -> BuildRun {
    let mut run = BuildRun::default();
    let found = discover(paths);
    run.errors.extend(found.errors);
    for (dir, diagnostic) in found.empty_dirs {
        run.results.push(BuildResult {
            source: SourceFile::new(dir, String::new()),
            diagnostics: vec![diagnostic],
            theme: Vec::new(),
            written: Vec::new(),
            summary: None,
            is_charter: false,
            elapsed: std::time::Duration::ZERO,
        });
    }
    let targets: Vec<(PathBuf, PathBuf)> = found
        .files
        .iter()
        .zip(&found.relative)
        .map(|(file, relative)| (file.clone(), out.join(relative).with_extension("")))
        .collect();
    // Two charters must not write the same file (`a/x.yaml` and `b/x.yaml` given as files).
    let mut stems: Vec<&PathBuf> = targets.iter().map(|(_, stem)| stem).collect();
    stems.sort();
    if let Some(pair) = stems.windows(2).find(|w| w[0] == w[1]) {
        run.errors.push(Error::Clash {
            path: pair[0].with_extension("pdf"),
        });
        return run;
    }
    let outcomes: Vec<_> = targets
        .par_iter()
        .map(|(file, stem)| {
            let outcome = build_one(file, stem, engine, settings, outputs);
            // Keep Typst's cache to what the last few documents used: a batch of a
            // thousand charters must not hold every layout in memory.
            typst::comemo::evict(10);
            outcome
        })
        .collect();
    for outcome in outcomes {
        match outcome {
            Ok(result) => run.results.push(result),
            Err(error) => run.errors.push(error),
        }
    }
    run
}

fn build_one(
    file: &Path,
    stem: &Path,
    engine: &Engine,
    settings: &Settings,
    outputs: Outputs,
) -> Result<BuildResult, Error> {
    let start = std::time::Instant::now();
    let loaded = load(SourceFile::read(file)?);
    let mut result = BuildResult {
        source: loaded.source,
        diagnostics: loaded.diagnostics.into_vec(),
        theme: Vec::new(),
        written: Vec::new(),
        summary: None,
        is_charter: true,
        elapsed: std::time::Duration::ZERO,
    };
    let Some(charter) = loaded.charter else {
        result.elapsed = start.elapsed();
        return Ok(result);
    };
    let settings = Settings {
        pdf: outputs.pdf,
        png: outputs.png,
        html: outputs.html,
        ..settings.clone()
    };
    match build(engine, &settings, &result.source, &charter) {
        Ok(rendered) => {
            result.diagnostics.extend(rendered.warnings.iter().cloned());
            let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
            if let Some(pdf) = &rendered.pdf {
                files.push((stem.with_extension("pdf"), pdf));
            }
            if let Some(png) = &rendered.png {
                files.push((stem.with_extension("png"), png));
            }
            if let Some(html) = &rendered.html {
                files.push((stem.with_extension("html"), html.as_bytes()));
            }
            if outputs.json {
                files.push((stem.with_extension("json"), rendered.data.as_bytes()));
            }
            for (path, bytes) in files {
                write_atomic(&path, bytes)?;
                result.written.push(path);
            }
            result.summary = Some(Summary {
                pages: rendered.pages,
                paper: rendered.paper,
                body_size: rendered.body_size,
            });
        }
        Err(Failure { charter, theme }) => {
            result.diagnostics.extend(charter);
            result.theme = theme;
        }
    }
    result.elapsed = start.elapsed();
    Ok(result)
}

/// Writes through a temporary file in the same folder, then renames: a reader (or a
/// crashed build) never sees half a PDF.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(write_error)?;
    let mut builder = tempfile::Builder::new();
    // Output is for sharing: readable by everyone, like any file a build tool writes.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut file = builder.tempfile_in(dir).map_err(write_error)?;
    file.write_all(bytes).map_err(write_error)?;
    file.as_file().sync_all().map_err(write_error)?;
    file.persist(path).map_err(|e| write_error(e.error))?;
    Ok(())
}
