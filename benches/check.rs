//! `cargo bench --bench check`: how long `charter check` and `charter lint` take over 1,000
//! charters.
//!
//! The goals: check over 1,000 charters in under 1 s on a 2-core machine, and check plus
//! lint (which loads each charter, then runs every rule) also under 1 s.
//! The charters are the real ones in `charters/`, the examples and the starters, each
//! copied with a different organisation name and service names so no two are the same.
//! It reports the whole check (walking the folder, reading, parsing, decoding, on all
//! cores) and, separately, the parse-and-decode time of one charter in memory.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use charter::check::check_paths;
use charter::lint::batch::lint_paths;
use charter::lint::config::LintConfigs;
use charter::load::load_source;
use charter::source::SourceFile;
use charter::starter::{StarterLang, starter};

const CHARTERS: usize = 1000;
const RUNS: usize = 7;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut bases: Vec<String> = vec![
        starter(StarterLang::En).to_owned(),
        starter(StarterLang::Sw).to_owned(),
    ];
    for dir in ["charters", "examples"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for path in paths
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            {
                bases.push(std::fs::read_to_string(path).expect("readable charter"));
            }
        }
    }

    let dir = tempfile::tempdir().expect("temporary folder");
    let mut bytes = 0;
    for i in 0..CHARTERS {
        let base = &bases[i % bases.len()];
        // Distinct content: a numbered organisation and numbered service names.
        let text = base
            .replacen("  name: ", &format!("  name: Office {i} of "), 1)
            .replace("- name: ", &format!("- name: No. {i} "));
        bytes += text.len();
        std::fs::write(dir.path().join(format!("charter-{i:04}.yaml")), text).expect("write");
    }

    let paths = vec![dir.path().to_owned()];
    let first = check_paths(&paths, &Default::default());
    assert_eq!(first.checked(), CHARTERS);
    assert_eq!(first.failed(), 0, "every generated charter must be valid");

    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let run = check_paths(&paths, &Default::default());
            let elapsed = start.elapsed();
            assert_eq!(run.checked(), CHARTERS);
            elapsed
        })
        .collect();
    times.sort();
    println!(
        "check {CHARTERS} charters ({:.1} MiB, {} distinct bases), {} threads: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        bytes as f64 / 1_048_576.0,
        bases.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        ms(times[RUNS / 2]),
        ms(times[0]),
        ms(times[RUNS - 1]),
    );

    let today = jiff::civil::date(2026, 1, 1);
    let mut lint_times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let run = lint_paths(
                &paths,
                &Default::default(),
                &mut LintConfigs::new(None),
                today,
            )
            .expect("no configuration to fail");
            let elapsed = start.elapsed();
            assert_eq!(run.files.len(), CHARTERS);
            elapsed
        })
        .collect();
    lint_times.sort();
    println!(
        "check + lint {CHARTERS} charters ({} rules): median {:.1} ms, min {:.1} ms, max {:.1} ms",
        charter::lint::rules::ALL.len(),
        ms(lint_times[RUNS / 2]),
        ms(lint_times[0]),
        ms(lint_times[RUNS - 1]),
    );

    for (i, base) in bases.iter().enumerate() {
        let iterations = 200;
        let start = Instant::now();
        for _ in 0..iterations {
            let loaded = load_source(SourceFile::new("bench.yaml", base.clone()));
            assert!(loaded.is_valid());
        }
        println!(
            "parse+decode base {i} ({:.1} KiB): {:.1} µs each",
            base.len() as f64 / 1024.0,
            start.elapsed().as_secs_f64() * 1e6 / iterations as f64
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
