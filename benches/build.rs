//! `cargo bench --bench build`: how fast charters become posters.
//!
//! 1. One cold `charter build` (a new process) of a real charter to PDF, against Typst
//!    compiling the same poster outside our tool: the Python `typst` package (`pip install
//!    typst`) given the same theme files and the same `charter.json`, with the same fonts and
//!    standards (PDF/A-2b and PDF/UA-1). Goal: no slower. Both are timed as whole processes,
//!    so Python's own start-up (measured separately and printed) is part of its figure.
//! 2. 100 distinct charters in one process, on all cores, with the default theme. Goal: under
//!    2 s on 2 cores, peak memory under 200 MiB.
//!
//! Run it with the release binary built: `cargo build --release && cargo bench --bench build`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use charter::build::run::{Batch, Outputs, build_paths};
use charter::build::{Engine, Settings, parse_standards};
use charter::theme::Theme;

const DISTINCT: usize = 100;
const COLD_RUNS: usize = 11;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    cold_single(&root);
    batch(&root);
}

fn cold_single(root: &Path) {
    let binary = root.join("target/release/charter");
    if !binary.is_file() {
        println!("cold build: skipped, run `cargo build --release` first");
        return;
    }
    let work = tempfile::tempdir().expect("temporary folder");
    let charter = root.join("charters/kitui-bilingual.yaml");
    let ours = median(COLD_RUNS, || {
        let status = Command::new(&binary)
            .arg("build")
            .arg(&charter)
            .arg("-o")
            .arg(work.path())
            .arg("-q")
            .status()
            .expect("charter runs");
        assert!(status.success());
    });
    println!(
        "cold `charter build` of kitui-bilingual.yaml to PDF/A-2b + UA-1: median {:.1} ms",
        ms(ours)
    );

    // The same poster compiled by Typst outside our tool: the kenya theme's files, our entry
    // file and the charter's JSON, in a plain Typst project.
    let project = work.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let status = Command::new(&binary)
        .args(["build", "--format", "json", "-q", "-o"])
        .arg(&project)
        .arg(&charter)
        .status()
        .expect("charter runs");
    assert!(status.success());
    std::fs::rename(
        project.join("kitui-bilingual.json"),
        project.join("charter.json"),
    )
    .unwrap();
    for entry in walkdir::WalkDir::new(root.join("themes/kenya")) {
        let entry = entry.unwrap();
        let relative = entry
            .path()
            .strip_prefix(root.join("themes/kenya"))
            .unwrap();
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(project.join(relative)).unwrap();
        } else {
            std::fs::copy(entry.path(), project.join(relative)).unwrap();
        }
    }
    std::fs::copy(root.join("src/build/entry.typ"), project.join("main.typ")).unwrap();
    std::fs::create_dir_all(project.join(".charter")).unwrap();
    std::fs::copy(
        root.join("src/build/lib.typ"),
        project.join(".charter/lib.typ"),
    )
    .unwrap();
    let script = format!(
        "import typst; typst.compile('main.typ', output='out.pdf', root='.', \
         font_paths=['{}'], ignore_system_fonts=True, pdf_standards=['a-2b', 'ua-1'])",
        root.join("fonts/inter").display()
    );
    let python = |code: &str| {
        Command::new("python3")
            .args(["-c", code])
            .current_dir(&project)
            .status()
    };
    match python(&script) {
        Ok(status) if status.success() => {
            let theirs = median(COLD_RUNS, || {
                assert!(python(&script).unwrap().success());
            });
            let startup = median(COLD_RUNS, || {
                assert!(python("import typst").unwrap().success());
            });
            println!(
                "cold Python `typst` 0.15 compiling the same poster: median {:.1} ms \
                 (of which {:.1} ms is starting Python and importing typst)",
                ms(theirs),
                ms(startup)
            );
        }
        _ => println!("Python typst: skipped (`pip install typst` to compare)"),
    }
}

fn batch(root: &Path) {
    let mut bases = Vec::new();
    for dir in ["charters", "examples"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        paths.sort();
        for path in paths {
            bases.push(std::fs::read_to_string(path).unwrap());
        }
    }
    let theme = Theme::builtin("kenya").expect("built-in theme");
    let mut options = serde_json::Map::new();
    for (name, spec) in &theme.manifest.options {
        options.insert(name.clone(), spec.default_json().unwrap());
    }
    let settings = Settings {
        paper: None,
        landscape: false,
        layout: None,
        options,
        // The default for the built-in themes.
        standards: parse_standards(&["a-2b".to_owned(), "ua-1".to_owned()]).unwrap(),
        pdf: true,
        png: false,
        html: false,
    };
    let start = Instant::now();
    let mut engine = Engine::new(theme, &[]);
    engine.templates =
        Some(charter::html::Templates::load(&engine.theme).expect("the templates load"));
    let setup = start.elapsed();
    let outputs = Outputs {
        pdf: true,
        png: false,
        json: false,
        html: false,
    };
    // Three rounds of 100 charters, each round with new text, so no round is served from
    // the previous one's cache: the first round also pays for loading fonts and the theme.
    let mut rounds = Vec::new();
    for round in 0..3 {
        let dir = distinct_charters(root, &bases, &format!("Office {round}"));
        let out = dir.path().join("out");
        let start = Instant::now();
        let run = build_paths(
            &[dir.path().to_owned()],
            &out,
            &engine,
            &settings,
            &Batch {
                outputs,
                ..Batch::default()
            },
        );
        let elapsed = start.elapsed();
        assert!(run.errors.is_empty(), "{:?}", run.errors);
        assert_eq!(run.built(), DISTINCT, "every charter builds");
        rounds.push(elapsed);
    }
    println!(
        "{DISTINCT} distinct charters to PDF in one process, {} threads: {:.0} ms (first \
         round, after {:.0} ms setup), then {:.0} ms and {:.0} ms; peak memory {} MiB",
        rayon::current_num_threads(),
        ms(rounds[0]),
        ms(setup),
        ms(rounds[1]),
        ms(rounds[2]),
        peak_mib().map_or("?".into(), |m| m.to_string()),
    );

    // The same 100 charters as web pages only: Tera, no Typst.
    let dir = distinct_charters(root, &bases, "Web");
    let html = Outputs {
        pdf: false,
        png: false,
        json: false,
        html: true,
    };
    let start = Instant::now();
    let run = build_paths(
        &[dir.path().to_owned()],
        &dir.path().join("out"),
        &engine,
        &settings,
        &Batch {
            outputs: html,
            ..Batch::default()
        },
    );
    let elapsed = start.elapsed();
    assert_eq!(run.built(), DISTINCT, "every page builds");
    println!(
        "{DISTINCT} distinct charters to HTML only: {:.0} ms ({:.1} ms each)",
        ms(elapsed),
        ms(elapsed) / DISTINCT as f64
    );
}

/// A folder of `DISTINCT` charters made from the real ones, each with its own office and
/// service names (so no charter is served from another's cache), and the logo they use.
fn distinct_charters(root: &Path, bases: &[String], prefix: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root.join("examples/ziwani-county-logo.svg"),
        dir.path().join("ziwani-county-logo.svg"),
    )
    .unwrap();
    for i in 0..DISTINCT {
        let text = bases[i % bases.len()]
            .replacen("  name: ", &format!("  name: {prefix}-{i} of "), 1)
            .replace("- name: ", &format!("- name: No. {i} "));
        std::fs::write(dir.path().join(format!("c{i:03}.yaml")), text).unwrap();
    }
    dir
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The process's peak resident memory (Linux).
fn peak_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
