//! `cargo bench --bench register`: a request register of a million rows, and of two
//! million, measured against a real charter (Kitui's, on Kenya's calendar): read from the
//! file as it streams, each row's dates read, its service found, measured and added up.
//!
//! Goal (issue 17): a million rows in under 2 s on 2 cores, with memory that does not grow
//! with the register; the two sizes show how it grows (the one thing that does is the set
//! of rows already seen, for duplicates: some 20 bytes a row). Each size runs in a fresh
//! process, which measures its own peak memory. The registers are generated with a fixed
//! seed (`tests/support/registers.rs`).

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use charter::calendar::Calendar;
use charter::load::load_source;
use charter::register::results::Results;
use charter::register::scan::Period;
use charter::register::settings::Reading;
use charter::source::SourceFile;
use jiff::civil::date;

#[path = "../tests/support/measure.rs"]
mod measure;
#[path = "../tests/support/registers.rs"]
mod registers;

/// The allocator the `charter` program uses, so that the figures are the program's.
#[global_allocator]
static ALLOCATOR: charter::memory::Counting = charter::memory::Counting;

const RUNS: usize = 3;

fn charter_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("charters/kitui.yaml")
}

fn main() {
    if let Ok(register) = std::env::var("CHARTER_BENCH_REGISTER") {
        run(Path::new(&register));
        return;
    }
    let file = charter_file();
    let text = std::fs::read_to_string(&file).expect("the charter");
    let charter = load_source(SourceFile::new(&file, text))
        .charter
        .expect("valid");
    assert!(registers::can_generate(&charter), "a register for Kitui");
    for rows in [1_000_000, 2_000_000] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("requests.csv");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        registers::requests(&charter, rows, 2026, &mut out);
        drop(out);
        let size = std::fs::metadata(&path).expect("written").len();
        let mut runs: Vec<(f64, String)> = (0..RUNS)
            .map(|_| {
                let output = Command::new(std::env::current_exe().unwrap())
                    .env("CHARTER_BENCH_REGISTER", &path)
                    .output()
                    .expect("the bench runs itself");
                assert!(
                    output.status.success(),
                    "{}",
                    String::from_utf8_lossy(&output.stderr)
                );
                let line = String::from_utf8_lossy(&output.stdout).trim().to_owned();
                let ms: f64 = line.split_whitespace().next().unwrap().parse().unwrap();
                (ms, line)
            })
            .collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        println!(
            "register of {rows} rows ({:.0} MB), median of {RUNS}: {}",
            size as f64 / 1e6,
            runs[RUNS / 2].1
        );
    }
}

/// One measure of the register at `path`, in this process: prints the time, the peak
/// memory and what was counted.
fn run(path: &Path) {
    let file = charter_file();
    let text = std::fs::read_to_string(&file).expect("the charter");
    let start = Instant::now();
    let charter = load_source(SourceFile::new(&file, text))
        .charter
        .expect("valid");
    let calendar = Calendar::new("KE", []).expect("Kenya's calendar");
    let register = BufReader::new(std::fs::File::open(path).expect("the register"));
    let period = Period {
        from: None,
        to: None,
        as_of: date(2025, 12, 31),
    };
    let results = Results::measure(
        &charter,
        &calendar,
        charter::register::csv::Records::new(register),
        period,
        &Reading::default(),
    )
    .expect("read");
    let elapsed = start.elapsed();
    let completed: u64 = results.services.iter().map(|s| s.tally.total).sum();
    println!(
        "{:.0} ms, peak {} MiB ({} rows: {completed} measured, {} left out)",
        measure::ms(elapsed),
        measure::peak_mib().unwrap_or(0),
        results.scan.rows,
        results.scan.left_out
    );
}
