//! Building many charters: discover them, skip those whose inputs have not changed, build
//! the rest in parallel, write every artifact atomically, keep going past failures and
//! report everything at the end.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use super::incremental::{self, Entry, Manifest, sha256};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::stored::StoredDiagnostic;
use crate::discover::{Exclude, discover};
use crate::error::Error;
use crate::load::load;
use crate::render::Formats;
use crate::render::{Engine, Failure, Settings, render};
use crate::source::{Read, SourceFile};

/// Set (by a Ctrl-C handler) to stop a batch: charters not yet started are left alone,
/// those being built are finished and written whole, and the record is saved.
pub static CANCELLED: AtomicBool = AtomicBool::new(false);

/// How a batch runs, besides what each charter is built with.
#[derive(Default)]
pub struct Batch<'a> {
    /// Paths under the folders given to leave out.
    pub exclude: Exclude,
    /// Build every charter, even those whose outputs are up to date.
    pub force: bool,
    /// Remove the outputs of charters that have gone (they are reported either way).
    pub clean: bool,
    /// The run's fingerprint ([`incremental::fingerprint`]); `None` turns incremental
    /// building off (every charter is built, and nothing is recorded).
    pub fingerprint: Option<String>,
    /// Told how many charters there are, then of each one as it is done.
    pub progress: Option<&'a (dyn Progress + Sync)>,
    /// Called when another build holds the output folder, before waiting for it.
    pub waiting: Option<&'a (dyn Fn(&Path) + Sync)>,
    /// Build each charter in a worker process, within a time and memory bound (the
    /// `charter` command always does); `None`: in this process, unbounded.
    pub isolation: Option<&'a super::worker::Pool>,
}

/// Progress of a batch, for a progress bar.
pub trait Progress {
    fn start(&self, total: usize);
    fn done(&self, result: &BuildResult);
    /// A charter that ended without a result (an unreadable file, a crash), reported at
    /// the end of the run.
    fn errored(&self, path: &Path) {
        let _ = path;
    }
}

/// What became of one charter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Built and written.
    Built,
    /// Its outputs were up to date: nothing was built or written.
    UpToDate,
    /// It has errors (its own or its theme's): nothing was written, or only the outputs
    /// that do not depend on what failed (the page and the data of a poster that does not
    /// fit), listed in `written`.
    Failed,
    /// The run was interrupted before its turn.
    NotStarted,
}

/// One charter's outcome (written as JSON by a build worker).
#[derive(Debug, Serialize, Deserialize)]
pub struct BuildResult {
    pub source: SourceFile,
    /// Problems in the charter (errors stop its build; warnings do not). For a charter
    /// that was up to date, the warnings recorded when it was built.
    #[serde(with = "crate::diagnostic::stored::with")]
    pub diagnostics: Vec<Diagnostic>,
    /// Problems in the theme's code, in the theme's files.
    pub theme: Vec<crate::theme::ThemeDiagnostic>,
    /// The charter's output files (written now, or, when up to date, before).
    pub written: Vec<PathBuf>,
    pub summary: Option<Summary>,
    /// Whether this is a charter (not an empty folder).
    pub is_charter: bool,
    pub status: Status,
    /// How long reading, checking, laying out and writing it took.
    pub elapsed: std::time::Duration,
    /// The outputs' sizes and hashes, as recorded.
    pub outputs: Vec<incremental::Output>,
    /// Where its outputs go, below the output folder, without extension (`kitui`).
    pub stem: String,
    /// The files besides the charter that its build read (its logo).
    pub inputs: Vec<PathBuf>,
    /// For a charter that failed: the outputs of its last good build, still in the output
    /// folder (someone could print an out-of-date poster).
    pub stale: Vec<PathBuf>,
    /// What to record for it (a successful build only).
    entry: Option<(String, Entry)>,
}

/// What was built, for the progress line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub pages: usize,
    pub paper: crate::paper::Paper,
    pub body_size: f64,
}

impl BuildResult {
    pub(super) fn new(source: SourceFile, status: Status) -> Self {
        BuildResult {
            source,
            diagnostics: Vec::new(),
            theme: Vec::new(),
            written: Vec::new(),
            summary: None,
            is_charter: true,
            status,
            elapsed: std::time::Duration::ZERO,
            outputs: Vec::new(),
            stem: String::new(),
            inputs: Vec::new(),
            stale: Vec::new(),
            entry: None,
        }
    }

    /// Whether this charter has errors (its own or its theme's) and was not built.
    pub fn failed(&self) -> bool {
        !self.theme.is_empty()
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}

/// Outputs whose charter file has gone.
#[derive(Debug)]
pub struct Orphan {
    /// The charter that was built into them.
    pub source: PathBuf,
    pub outputs: Vec<PathBuf>,
    /// Whether `--clean` removed them (and forgot the charter).
    pub removed: bool,
    /// Outputs `--clean` kept because they changed after the build wrote them.
    pub kept: Vec<PathBuf>,
}

#[derive(Debug, Default)]
pub struct BuildRun {
    pub results: Vec<BuildResult>,
    pub errors: Vec<Error>,
    /// Entries under the folders that were not read (another tool's YAML, a link loop),
    /// and why.
    pub skipped: Vec<(PathBuf, String)>,
    pub orphans: Vec<Orphan>,
    /// Whether the run was interrupted (Ctrl-C) before every charter was built.
    pub interrupted: bool,
}

impl BuildRun {
    /// Charters built in this run.
    pub fn built(&self) -> usize {
        self.count(Status::Built)
    }

    /// Charters whose outputs were up to date.
    pub fn up_to_date(&self) -> usize {
        self.count(Status::UpToDate)
    }

    pub fn failed(&self) -> usize {
        self.results.iter().filter(|r| r.failed()).count()
    }

    fn count(&self, status: Status) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }
}

/// Builds every charter under `paths` into `out`. A file named on the command line is
/// written as `out/<name>.pdf`; files found under a folder keep their path below it.
///
/// Charters are built on threads of their own, one at a time each (see
/// [`configure_threads`] for the stacks of rayon's pool, which Typst uses meanwhile).
pub fn build_paths(
    paths: &[PathBuf],
    out: &Path,
    engine: &Engine,
    settings: &Settings,
    batch: &Batch,
) -> BuildRun {
    let mut run = BuildRun::default();
    let found = discover(paths, &batch.exclude);
    run.errors.extend(found.errors);
    run.skipped = found.skipped;
    for (dir, diagnostic) in found.empty_dirs {
        let mut result = BuildResult::new(SourceFile::new(dir, String::new()), Status::Failed);
        result.diagnostics.push(diagnostic);
        result.is_charter = false;
        run.results.push(result);
    }
    let targets: Vec<(PathBuf, PathBuf)> = found
        .files
        .iter()
        .zip(&found.relative)
        .map(|(file, relative)| (file.clone(), out.join(relative).with_extension("")))
        .collect();
    // Two charters must not write the same file: `a/x.yaml` and `b/x.yaml` given as files,
    // or `kitui.yaml` and `kitui.cpsv.yaml`, whose `kitui.cpsv.jsonld` would be the same.
    let mut files: Vec<PathBuf> = targets
        .iter()
        .flat_map(|(_, stem)| {
            settings
                .formats
                .iter()
                .map(move |format| output_path(stem, format.extension()))
        })
        .collect();
    files.sort();
    if let Some(pair) = files.windows(2).find(|w| w[0] == w[1]) {
        run.errors.push(Error::Clash {
            path: pair[0].clone(),
        });
        return run;
    }
    // One build at a time into a folder: two would mix their outputs and records.
    let _lock = match crate::files::FolderLock::acquire(out, || {
        if let Some(waiting) = batch.waiting {
            waiting(out);
        }
    }) {
        Ok(lock) => lock,
        Err(error) => {
            run.errors.push(error);
            return run;
        }
    };
    let mut manifest = match batch.fingerprint {
        Some(_) => Manifest::load(out),
        None => Manifest::default(),
    };
    crate::files::remove_abandoned_temporaries(out);
    if let Some(progress) = batch.progress {
        progress.start(targets.len());
    }
    let shared = Shared {
        out,
        engine,
        settings,
        batch,
        manifest: &manifest,
    };
    // Each build thread drives its own worker process, when the batch has them.
    let mut outcomes = Vec::with_capacity(targets.len());
    crate::batch::run(
        &targets,
        || None,
        |worker, (file, stem)| {
            let outcome = build_one(file, stem, &shared, worker);
            // Keep Typst's cache to what the last few documents used: a batch of a
            // thousand charters must not hold every layout in memory.
            typst::comemo::evict(10);
            if let Some(progress) = batch.progress {
                match &outcome {
                    Ok(result) => progress.done(result),
                    Err(_) => progress.errored(file),
                }
            }
            outcome
        },
        |_, outcome| outcomes.push(outcome),
    );
    let outcomes = targets.iter().zip(outcomes).map(|((file, _), outcome)| {
        // A panic is a bug, but one charter's: the others were still built and recorded.
        outcome.unwrap_or_else(|message| {
            if let Some(progress) = batch.progress {
                progress.errored(file);
            }
            Err(Error::Crashed {
                path: file.clone(),
                message,
            })
        })
    });
    let mut changed = false;
    for outcome in outcomes {
        match outcome {
            Ok(mut result) => {
                run.interrupted |= result.status == Status::NotStarted;
                if let Some((key, entry)) = result.entry.take() {
                    manifest.entries.insert(key, entry);
                    changed = true;
                }
                run.results.push(result);
            }
            Err(error) => run.errors.push(error),
        }
    }
    let orphans: Vec<(String, Entry)> = manifest
        .orphans(out)
        .into_iter()
        .map(|(stem, entry)| (stem.to_owned(), entry.clone()))
        .collect();
    for (stem, entry) in orphans {
        let mut orphan = Orphan {
            source: incremental::tidy(&out.join(&entry.source)),
            outputs: entry.outputs.iter().map(|o| out.join(&o.path)).collect(),
            removed: false,
            kept: Vec::new(),
        };
        if batch.clean {
            for output in &entry.outputs {
                match remove_output(out, output) {
                    Ok(true) => {}
                    Ok(false) => orphan.kept.push(out.join(&output.path)),
                    Err(error) => run.errors.push(error),
                }
            }
            orphan.removed = true;
            manifest.entries.remove(&stem);
            changed = true;
        }
        run.orphans.push(orphan);
    }
    // Stopped by Ctrl-C, even if the last charters were already under way.
    run.interrupted |= CANCELLED.load(Ordering::Relaxed);
    // A run that changed nothing leaves the folder untouched (and costs no write).
    if batch.fingerprint.is_some()
        && changed
        && let Err(error) = manifest.save(out)
    {
        run.errors.push(error);
    }
    run
}

/// Gives rayon's global pool, where Typst lays out pages and krilla writes them in
/// parallel, the same deep stacks as the build threads. Call it at the start of a program,
/// before anything uses rayon (the `charter` command does); later, rayon's defaults stay,
/// as in typst-cli. It does nothing if the pool is already set up.
pub fn configure_threads() {
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(crate::batch::STACK)
        .thread_name(|i| format!("charter-layout-{i}"))
        .build_global();
}

/// What every charter of a batch is built with.
struct Shared<'a> {
    out: &'a Path,
    engine: &'a Engine,
    settings: &'a Settings,
    batch: &'a Batch<'a>,
    manifest: &'a Manifest,
}

fn build_one<'a>(
    file: &Path,
    stem: &Path,
    shared: &Shared<'a>,
    lease: &mut Option<super::worker::Lease<'a>>,
) -> Result<BuildResult, Error> {
    let Shared {
        out,
        engine,
        settings,
        batch,
        manifest,
    } = *shared;
    let start = std::time::Instant::now();
    if CANCELLED.load(Ordering::Relaxed) {
        return Ok(BuildResult::new(
            SourceFile::new(file, String::new()),
            Status::NotStarted,
        ));
    }
    let key = incremental::stem_key(out, stem);
    let read = SourceFile::read(file)?;
    if let (Some(run), Read::Text(source), false) = (&batch.fingerprint, &read, batch.force)
        && let Some(entry) = manifest.entries.get(&key)
        && entry.source == incremental::source_key(out, file)
        && entry.is_fresh(run, &sha256(source.text.as_bytes()), out)
    {
        let mut result = BuildResult::new(source.clone(), Status::UpToDate);
        result.stem = key;
        result.inputs = entry.inputs.iter().map(|i| i.path.clone()).collect();
        result.diagnostics = entry.warnings.iter().filter_map(|w| w.restore()).collect();
        result.written = entry.outputs.iter().map(|o| out.join(&o.path)).collect();
        result.outputs = entry.outputs.clone();
        result.summary = Some(Summary {
            pages: entry.pages,
            paper: entry.paper,
            body_size: entry.body_size,
        });
        result.elapsed = start.elapsed();
        return Ok(result);
    }
    let job = Job {
        file: file.to_owned(),
        stem: stem.to_owned(),
        out: out.to_owned(),
        // Named as out of date if this build fails.
        previous: manifest
            .entries
            .get(&key)
            .map(|entry| entry.outputs.iter().map(|o| out.join(&o.path)).collect())
            .unwrap_or_default(),
        fingerprint: batch.fingerprint.clone(),
    };
    match (batch.isolation, lease) {
        (Some(pool), lease) => pool.build(lease.get_or_insert_with(|| pool.lease()), &job, read),
        (None, _) => build_job(&job, engine, settings),
    }
}

/// One charter to build, as a batch hands it to a build thread or a worker process.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Job {
    pub file: PathBuf,
    /// Where its outputs go, without extension.
    pub stem: PathBuf,
    pub out: PathBuf,
    /// The outputs of its last good build, to name as out of date if it fails.
    pub previous: Vec<PathBuf>,
    /// The run's fingerprint, to record with what is built (`None`: not recorded).
    pub fingerprint: Option<String>,
}

/// Builds one charter that is not up to date: read, check, lay out, write its outputs,
/// and say what to record. Runs in a build thread, or in a worker process.
pub fn build_job(job: &Job, engine: &Engine, settings: &Settings) -> Result<BuildResult, Error> {
    let start = std::time::Instant::now();
    let Job {
        file, stem, out, ..
    } = job;
    let read = SourceFile::read(file)?;
    let key = incremental::stem_key(out, stem);
    let charter_hash = match &read {
        Read::Text(source) => Some(sha256(source.text.as_bytes())),
        Read::Refused(..) => None,
    };
    let loaded = load(read);
    let mut result = BuildResult::new(loaded.source, Status::Failed);
    result.stem = key.clone();
    // Cleared again below if this build succeeds.
    result.stale = job
        .previous
        .iter()
        .filter(|p| p.is_file())
        .cloned()
        .collect();
    result.diagnostics = loaded.diagnostics.into_vec();
    let Some(charter) = loaded.charter else {
        result.elapsed = start.elapsed();
        return Ok(result);
    };
    match render(engine, settings, &result.source, &charter) {
        Ok(rendered) => {
            result.diagnostics.extend(rendered.warnings.iter().cloned());
            result.inputs = rendered.inputs.iter().map(|i| i.path.clone()).collect();
            write_outputs(&rendered, stem, out, settings.formats, &mut result)?;
            let summary = Summary {
                pages: rendered.pages(),
                paper: rendered.paper,
                body_size: rendered.body_size,
            };
            result.status = Status::Built;
            result.stale.clear();
            if let (Some(run), Some(hash)) = (&job.fingerprint, charter_hash) {
                // The hashes of the bytes the build used, not read again: a logo saved
                // during the build must make the next run build again.
                let inputs = rendered.inputs.clone();
                let entry = Entry {
                    source: incremental::source_key(out, file),
                    run: run.clone(),
                    charter: hash,
                    inputs,
                    outputs: result.outputs.clone(),
                    warnings: rendered
                        .warnings
                        .iter()
                        .map(StoredDiagnostic::new)
                        .collect(),
                    pages: summary.pages,
                    paper: summary.paper,
                    body_size: summary.body_size,
                };
                result.entry = Some((key, entry));
            }
            result.summary = Some(summary);
        }
        Err(Failure {
            charter,
            theme,
            partial,
        }) => {
            result.diagnostics.extend(charter);
            result.theme = theme;
            if let Some(rendered) = partial {
                write_outputs(&rendered, stem, out, settings.formats, &mut result)?;
                // What was just written is not out of date; the rest (the last poster) is.
                result.stale.retain(|p| !result.written.contains(p));
            }
        }
    }
    result.elapsed = start.elapsed();
    Ok(result)
}

/// Writes what was built (each file atomically) and lists it in `result`.
fn write_outputs(
    rendered: &crate::render::Rendered,
    stem: &Path,
    out: &Path,
    formats: Formats,
    result: &mut BuildResult,
) -> Result<(), Error> {
    for (ending, bytes) in rendered.files(formats) {
        let path = output_path(stem, &ending);
        crate::files::write_atomic(&path, bytes)?;
        result.outputs.push(incremental::Output {
            path: incremental::stem_key(out, &path),
            bytes: bytes.len() as u64,
            sha256: sha256(bytes),
        });
        result.written.push(path);
    }
    Ok(())
}

/// Removes an output of a charter that has gone, if it is still what the build wrote:
/// `Ok(false)` (kept) for a file changed since, a link, anything but a regular file, or a
/// recorded path that leads out of the output folder (the record is a file anyone can
/// edit: it is never trusted to say what may be deleted). A file already gone is fine.
fn remove_output(out: &Path, output: &incremental::Output) -> Result<bool, Error> {
    let relative = Path::new(&output.path);
    let plain = relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain || output.bytes > crate::limits::OUTPUT_BYTES {
        return Ok(false);
    }
    let path = out.join(relative);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(source) => return Err(Error::Read { path, source }),
        Ok(metadata) if !metadata.file_type().is_file() => return Ok(false),
        Ok(_) => {}
    }
    // The folders on the way may be links: the file itself must really be inside.
    let real = match crate::files::resolve_inside(out, relative) {
        Ok(Some(real)) => real,
        Ok(None) => return Ok(true),
        Err(_) => return Ok(false),
    };
    match crate::files::read(&real, output.bytes) {
        Ok(bytes) if sha256(&bytes) == output.sha256 => {}
        _ => return Ok(false),
    }
    std::fs::remove_file(&real).map_err(|source| Error::Write { path, source })?;
    Ok(true)
}

/// `out/kitui.2024` → `out/kitui.2024.pdf`: the extension is added, never replaces a part
/// of the name (`with_extension` would make two charters `kitui.yaml` and
/// `kitui.2024.yaml` write the same `kitui.pdf`).
fn output_path(stem: &Path, extension: &str) -> PathBuf {
    let mut name = stem.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same, through a real batch: every charter is done off rayon's workers.
    #[test]
    fn a_batch_builds_each_charter_off_rayon_workers() {
        struct Threads(std::sync::Mutex<Vec<Option<usize>>>);
        impl Progress for Threads {
            fn start(&self, _: usize) {}
            fn done(&self, _: &BuildResult) {
                self.0.lock().unwrap().push(rayon::current_thread_index());
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = tempfile::tempdir().unwrap();
        let (engine, settings) = kenya();
        let threads = Threads(std::sync::Mutex::default());
        let batch = pdf_batch(&threads);
        let run = build_paths(
            &[
                root.join("examples/minimal.yaml"),
                root.join("charters/kitui.yaml"),
            ],
            out.path(),
            &engine,
            &settings,
            &batch,
        );
        assert!(run.errors.is_empty(), "{:?}", run.errors);
        assert_eq!(
            run.built(),
            2,
            "{:?}",
            run.results
                .iter()
                .map(|r| (
                    &r.diagnostics,
                    r.theme.iter().map(|t| &t.diagnostic).collect::<Vec<_>>()
                ))
                .collect::<Vec<_>>()
        );
        assert_eq!(*threads.0.lock().unwrap(), [None, None]);
    }

    /// A batch that writes PDFs and tells `progress`.
    fn pdf_batch(progress: &(dyn Progress + Sync)) -> Batch<'_> {
        Batch {
            progress: Some(progress),
            ..Batch::default()
        }
    }

    /// The built-in kenya theme with its defaults, building PDFs.
    fn kenya() -> (Engine, Settings) {
        let theme = crate::theme::Theme::builtin("kenya").unwrap();
        let settings = Settings::defaults(&theme).unwrap();
        let engine = Engine::new(theme, &[]);
        (engine, settings)
    }

    /// A charter whose outputs cannot be written still counts on the progress bar, and
    /// the others are built.
    #[test]
    fn a_charter_that_cannot_be_written_still_moves_the_progress_on() {
        #[derive(Default)]
        struct Count(std::sync::Mutex<(usize, Vec<PathBuf>)>);
        impl Progress for Count {
            fn start(&self, _: usize) {}
            fn done(&self, _: &BuildResult) {
                self.0.lock().unwrap().0 += 1;
            }
            fn errored(&self, path: &Path) {
                self.0.lock().unwrap().1.push(path.to_owned());
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        for folder in ["a", "b"] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            std::fs::copy(
                root.join("examples/minimal.yaml"),
                dir.path().join(folder).join("x.yaml"),
            )
            .unwrap();
        }
        let out_dir = tempfile::tempdir().unwrap();
        let out = out_dir.path().to_owned();
        // `out/a` is a file, so `out/a/x.pdf` cannot be written.
        std::fs::write(out.join("a"), "").unwrap();
        let (engine, settings) = kenya();
        let count = Count::default();
        let batch = pdf_batch(&count);
        let run = build_paths(&[dir.path().to_owned()], &out, &engine, &settings, &batch);
        assert!(
            matches!(run.errors.as_slice(), [Error::Write { .. }]),
            "{:?}",
            run.errors
        );
        assert_eq!(run.built(), 1);
        let (done, errored) = &*count.0.lock().unwrap();
        assert_eq!(*done, 1);
        assert_eq!(*errored, [dir.path().join("a/x.yaml")]);
    }
}
