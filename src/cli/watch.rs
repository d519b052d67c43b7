//! `charter watch`: build, then build again on every save of a charter, its logo or the
//! theme, printing diagnostics as they come. `charter serve` runs the same loop with a
//! preview server (see `serve.rs`).

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use super::build::{self, Prepared, Verbosity, report};
use super::{Color, errln, print_error, status, terminal_width};
use crate::build::run::{Batch, BuildRun, Status};
use crate::preview::server::Server;
use crate::preview::watcher::Watcher;
use crate::preview::{CharterState, Snapshot};
use crate::report::HumanReporter;

#[derive(Debug, clap::Args)]
#[group(skip)]
pub struct Args {
    #[command(flatten)]
    pub build: build::Options,
}

pub fn run(args: Args, color: Color) -> u8 {
    watch(args.build, color, None)
}

/// Builds, then rebuilds on every change until the process is stopped. With `serve`, the
/// outputs are served there and browsers reload after each build.
pub(super) fn watch(args: build::Options, color: Color, serve: Option<(&str, u16)>) -> u8 {
    let mut prepared = match build::prepare(args.clone(), color) {
        Ok(prepared) => prepared,
        Err(status) => return status,
    };
    let out = prepared.out_dir.clone();
    // Changes inside the output folder are the build's own and ignored: charters there
    // would never be seen to change.
    let absolute = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
    if let Some(inside) = prepared.paths.iter().find(|p| {
        let folder = if p.is_dir() {
            p.to_path_buf()
        } else {
            parent(p)
        };
        absolute(&folder).starts_with(absolute(&out))
    }) {
        print_error(&format!(
            "`{}` is inside the output folder `{}`, whose changes watching ignores; choose \
             another output folder with `-o`",
            inside.display(),
            out.display()
        ));
        return status::FAILURE;
    }
    if let Err(error) = std::fs::create_dir_all(&out) {
        print_error(&format!("cannot create `{}`: {error}", out.display()));
        return status::FAILURE;
    }
    let server = match serve {
        Some((host, port)) => match Server::start(host, port, &out) {
            Ok(server) => Some(server),
            Err(message) => {
                print_error(&message);
                return status::FAILURE;
            }
        },
        None => None,
    };
    let run = build_once(&prepared, color, true);
    let mut published = snapshot(&run);
    if let Some(server) = &server {
        server.publish(published.clone());
        // The address itself, not `localhost`: that name can mean ::1 first, where a
        // server on 127.0.0.1 is not listening.
        if !server.address.ip().is_loopback() {
            errln!(
                "warning: serving on {} is reachable from other machines; the default, \
                 127.0.0.1, is not",
                server.address.ip()
            );
        }
        errln!(
            "serving at http://{}/ (the page reloads after each build)",
            server.address
        );
    }
    let mut watcher = match Watcher::new(std::slice::from_ref(&out)) {
        Ok(watcher) => watcher,
        Err(error) => {
            print_error(&format!("cannot watch for changes: {error}"));
            return status::FAILURE;
        }
    };
    let mut theme_dirs = watch_all(&mut watcher, &prepared, &run);
    let mut last = run;
    errln!("watching for changes (Ctrl-C to stop)");
    while let Some(changed) = watcher.next() {
        let changed = match changed {
            Ok(changed) if changed.is_empty() => continue,
            Ok(changed) => changed,
            Err(message) => {
                print_error(&format!("watching: {message}"));
                continue;
            }
        };
        // Only what a build reads: charters, their logos, the theme. A log file or an
        // editor's backup in the same folder is not a reason to build.
        let theme_changed = changed
            .iter()
            .any(|p| theme_dirs.iter().any(|d| p.starts_with(d)));
        let (inputs, failed_folders) = last_inputs(&prepared, &last);
        let changed: Vec<PathBuf> = changed
            .into_iter()
            .filter(|p| {
                theme_dirs.iter().any(|d| p.starts_with(d))
                    || p.extension().is_some_and(|e| e == "yaml" || e == "yml")
                    || inputs.contains(p)
                    || (is_image(p)
                        && p.parent()
                            .is_some_and(|d| failed_folders.iter().any(|f| f == d)))
            })
            .collect();
        if changed.is_empty() {
            continue;
        }
        if prepared.verbosity() == Verbosity::Verbose {
            let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
            errln!("changed: {}", names.join(", "));
        }
        if theme_changed {
            // The theme's files are read once per run: load them again. A theme that no
            // longer loads has been reported by `prepare`; charters still build with the
            // last good one.
            if let Ok(next) = build::prepare(args.clone(), color) {
                prepared = next;
            }
        }
        let run = build_once(&prepared, color, false);
        // A fix that brings back the text of the last good build builds nothing: say
        // that the charter is fine again, or the save seems ignored.
        for result in run.results.iter().filter(|r| r.status == Status::UpToDate) {
            let was_broken = last
                .results
                .iter()
                .any(|l| l.status == Status::Failed && l.source.path == result.source.path);
            if was_broken {
                errln!(
                    "{} is fixed: its outputs are up to date",
                    result.source.name()
                );
            }
        }
        if run.built() > 0 {
            let saved = changed.iter().filter_map(|p| modified(p)).max();
            if let Some(since) = saved.and_then(|t| SystemTime::now().duration_since(t).ok()) {
                errln!("  {} ms after the save", since.as_millis());
            }
        }
        // A build that wrote nothing and found the same problems changed nothing a
        // browser shows: pages are not reloaded for it.
        let shown = snapshot(&run);
        if let Some(server) = &server
            && (run.built() > 0 || shown != published)
        {
            server.publish(shown.clone());
        }
        published = shown;
        theme_dirs = watch_all(&mut watcher, &prepared, &run);
        last = run;
    }
    status::OK
}

/// One incremental build of everything, reported; only what changed is built. `--force`
/// applies to the first build.
fn build_once(prepared: &Prepared, color: Color, first: bool) -> BuildRun {
    let start = Instant::now();
    let batch = Batch {
        exclude: prepared.exclude.clone(),
        fingerprint: Some(prepared.fingerprint.clone()),
        force: first && prepared.args.force,
        clean: prepared.args.clean,
        progress: None,
        waiting: Some(&super::build::say_waiting),
        isolation: Some(&prepared.pool),
    };
    let run = prepared.build(&batch);
    let verbosity = prepared.verbosity();
    // Called only when something the build reads has changed, so always worth a word
    // (after a fix that brings back the last good text: "up to date").
    report(&run, color, verbosity);
    if run.built() > 0 && verbosity != Verbosity::Quiet {
        errln!("  done in {} ms", start.elapsed().as_millis());
    }
    run
}

/// Watches the charters' folders, their logos' folders and the theme's; returns the
/// theme's folders, whose changes need the theme loaded again.
fn watch_all(watcher: &mut Watcher, prepared: &Prepared, run: &BuildRun) -> Vec<PathBuf> {
    let mut folders: Vec<(PathBuf, bool)> = Vec::new();
    for path in &prepared.paths {
        if path.is_dir() {
            folders.push((path.clone(), true));
        } else {
            // Editors save by writing a new file and renaming it over the old one: watch
            // the folder, not the file.
            folders.push((parent(path), false));
        }
    }
    for result in &run.results {
        for input in &result.inputs {
            folders.push((parent(input), false));
        }
    }
    let themes: Vec<PathBuf> = prepared
        .engine
        .theme
        .folders()
        .iter()
        .map(|d| d.canonicalize().unwrap_or_else(|_| d.clone()))
        .collect();
    folders.extend(themes.iter().map(|d| (d.clone(), true)));
    for (folder, recursive) in folders {
        if let Err(error) = watcher.watch(&folder, recursive) {
            print_error(&format!("cannot watch `{}`: {error}", folder.display()));
        }
    }
    themes
}

/// The files a change to which means a build: those named on the command line and what
/// the last build read, as the watcher names them (absolute, links resolved); and the
/// folders of charters that failed, where a new or changed image may be the fix (a
/// missing logo added, a damaged one replaced).
fn last_inputs(prepared: &Prepared, run: &BuildRun) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let files = prepared
        .paths
        .iter()
        .chain(run.results.iter().flat_map(|r| &r.inputs))
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let folders = run
        .results
        .iter()
        .filter(|r| r.status == Status::Failed && r.is_charter)
        .filter_map(|r| parent(&r.source.path).canonicalize().ok())
        .collect();
    (files, folders)
}

/// Whether a file could be a logo (what a failed charter may be waiting for). Other files
/// beside a charter, such as a log its watcher writes to, are no reason to build.
fn is_image(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg"
        )
    })
}

fn parent(path: &Path) -> PathBuf {
    crate::files::folder_of(path).to_owned()
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}

/// What the server shows of a build: each charter's outputs, or its problems.
fn snapshot(run: &BuildRun) -> Snapshot {
    let reporter = HumanReporter::new(false, terminal_width());
    let charters = run
        .results
        .iter()
        .filter(|r| r.is_charter)
        .map(|result| {
            let output = |ext: &str| {
                result
                    .outputs
                    .iter()
                    .find(|o| o.path.ends_with(&format!(".{ext}")))
                    .map(|o| o.path.clone())
            };
            let problems = (result.status == Status::Failed).then(|| {
                let mut text = String::new();
                let rendered = result
                    .diagnostics
                    .iter()
                    .map(|d| reporter.render(&result.source, d))
                    .chain(
                        result
                            .theme
                            .iter()
                            .map(|t| reporter.render(&t.source, &t.diagnostic)),
                    );
                for diagnostic in rendered {
                    text.push_str(diagnostic.trim_end());
                    text.push_str("\n\n");
                }
                text.trim_end().to_owned()
            });
            CharterState {
                name: result.source.name(),
                stem: result.stem.clone(),
                html: output("html"),
                pdf: output("pdf"),
                problems,
            }
        })
        .collect();
    Snapshot { charters }
}
