//! `cargo bench --bench check`: `charter check` and `charter lint` over a big tree.
//!
//! Goals on 2 cores: 10,000 real-sized charters checked in under 2 s and linted in under
//! 3 s, peak memory under 200 MB whatever the tree's size (20,000 are run too, to show
//! that memory does not grow with the tree). The charters are the real ones (`charters/`,
//! the examples, the starters and the corpus of `corpus/`), each copied with its own
//! office and service names. Each scenario runs in a fresh process, which measures its own
//! peak memory: the whole check (walk, read, parse, decode, on every thread), and check
//! plus every lint rule, as the commands do, findings included (they are counted, not
//! printed). Then the parse-and-decode time of each real charter in memory.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use charter::check::check_each;
use charter::lint::batch::lint_each;
use charter::lint::config::LintConfigs;
use charter::load::load_source;
use charter::source::SourceFile;
use charter::starter::{StarterLang, starter};

#[path = "../tests/support/measure.rs"]
mod measure;

/// The allocator the `charter` program uses, so that the figures are the program's.
#[global_allocator]
static ALLOCATOR: charter::memory::Counting = charter::memory::Counting;

use measure::{ms, peak_mib};

const CHARTERS: usize = 10_000;
const RUNS: usize = 3;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if let (Ok(scenario), Ok(dir)) = (
        std::env::var("CHARTER_BENCH_SCENARIO"),
        std::env::var("CHARTER_BENCH_DIR"),
    ) {
        scenario_run(&scenario, Path::new(&dir));
        return;
    }
    let bases = bases(&root);
    for count in [CHARTERS, 2 * CHARTERS] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut bytes = 0;
        for i in 0..count {
            let text = measure::distinct(&bases[i % bases.len()], &format!("Office {i}"), i);
            bytes += text.len();
            std::fs::write(dir.path().join(format!("charter-{i:05}.yaml")), text).expect("write");
        }
        for scenario in ["check", "lint"] {
            let mut runs: Vec<(f64, u64, String)> = (0..RUNS)
                .map(|_| {
                    let output = Command::new(std::env::current_exe().unwrap())
                        .env("CHARTER_BENCH_SCENARIO", scenario)
                        .env("CHARTER_BENCH_DIR", dir.path())
                        .output()
                        .expect("the bench runs itself");
                    let text = String::from_utf8_lossy(&output.stdout).into_owned();
                    assert!(
                        output.status.success(),
                        "{text}{}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                    let mut fields = text.split_whitespace();
                    let time: f64 = fields.next().unwrap().parse().unwrap();
                    let peak: u64 = fields.next().unwrap().parse().unwrap();
                    (time, peak, fields.collect::<Vec<_>>().join(" "))
                })
                .collect();
            runs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (median, peak, what) = &runs[RUNS / 2];
            println!(
                "{scenario} {count} charters ({:.0} MB, {} distinct bases), {} threads: median \
                 {median:.0} ms (min {:.0}, max {:.0}), peak memory {peak} MiB; {what}",
                bytes as f64 / 1e6,
                bases.len(),
                std::thread::available_parallelism().map_or(1, |n| n.get()),
                runs[0].0,
                runs[RUNS - 1].0,
            );
        }
    }
    for (i, base) in bases.iter().enumerate() {
        let iterations = 50;
        let start = Instant::now();
        for _ in 0..iterations {
            let loaded = load_source(SourceFile::new("bench.yaml", base.clone()));
            assert!(loaded.is_valid(), "base {i} is valid");
        }
        println!(
            "parse+decode base {i} ({:.1} KiB): {:.1} µs each",
            base.len() as f64 / 1024.0,
            start.elapsed().as_secs_f64() * 1e6 / iterations as f64
        );
    }
}

/// One scenario in this process: prints its time in ms, its peak memory in MiB, and what
/// it found.
fn scenario_run(scenario: &str, dir: &Path) {
    let paths = vec![dir.to_owned()];
    let start = Instant::now();
    let (mut files, mut problems, mut errors) = (0, 0, 0);
    match scenario {
        "check" => check_each(&paths, &Default::default(), |outcome| match outcome {
            Ok(result) => {
                files += 1;
                problems += result.diagnostics.len();
            }
            Err(_) => errors += 1,
        }),
        "lint" => lint_each(
            &paths,
            &Default::default(),
            &mut LintConfigs::new(None),
            jiff::civil::date(2026, 1, 1),
            |outcome, _| match outcome {
                Ok(file) => {
                    files += 1;
                    problems += file.findings.len();
                }
                Err(_) => errors += 1,
            },
        )
        .expect("no configuration to fail"),
        other => panic!("no scenario {other}"),
    }
    let elapsed = start.elapsed();
    assert_eq!(errors, 0);
    if scenario == "check" {
        assert_eq!(problems, 0, "every generated charter is valid");
    }
    println!(
        "{:.1} {} {files} files, {problems} {}",
        ms(elapsed),
        peak_mib().unwrap_or(0),
        if scenario == "check" {
            "problems"
        } else {
            "findings"
        }
    );
}

/// The real charters: the starters, `charters/`, the examples and the corpus.
fn bases(root: &Path) -> Vec<String> {
    let mut bases: Vec<String> = vec![
        starter(StarterLang::En).to_owned(),
        starter(StarterLang::Sw).to_owned(),
    ];
    let mut paths = Vec::new();
    for dir in ["charters", "examples", "corpus"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
            let path = entry.expect("readable folder").into_path();
            if path.extension().is_some_and(|e| e == "yaml") {
                paths.push(path);
            }
        }
    }
    for path in paths {
        bases.push(std::fs::read_to_string(path).expect("readable charter"));
    }
    bases
}
