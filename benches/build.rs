//! `cargo bench --bench build`: how fast charters become posters.
//!
//! 1. One cold `charter build` (a new process) to PDF of three posters, one that fits at
//!    once, one that must shrink and one that grows, each against Typst compiling that
//!    poster's final form once outside our tool: the Python `typst` package (`pip install
//!    typst`) given the same theme files and the same `charter.json`, with the same fonts and
//!    standards (PDF/A-2b and PDF/UA-1). Printed as a ratio, Python's start-up left out.
//!    Goal: any poster at most 1.3 times one compilation of its final form. With valgrind
//!    installed, the same in instructions (callgrind), which repeat from run to run where
//!    times on a shared machine vary by half.
//! 2. 100 distinct charters, each scenario in a fresh process: PDF + HTML on 2 threads and
//!    on 1, PDF only, HTML only. Goal: PDF + HTML under 2 s on 2 cores, peak memory under
//!    200 MiB.
//! 3. A no-op `charter build` of those 100 (nothing changed). Goal: under 100 ms.
//! 4. `charter watch`: from a save to the new PDF of a one-page poster. Goal: under 100 ms.
//! 5. Hostile files (10 MB, 1,000 levels deep, an alias bomb): time to the diagnostic.
//!
//! Run it with the release binary built: `cargo build --release && cargo bench --bench build`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use charter::build::run::{Batch, build_paths};
use charter::build::worker::{Bounds, Plan, Pool};
use charter::render::{Engine, Settings};
use charter::render::{Format, Formats};
use charter::theme::Theme;

#[path = "../tests/support/hostile.rs"]
mod hostile;
#[path = "../tests/support/measure.rs"]
mod measure;

/// The allocator the `charter` program uses, so that the figures are the program's.
#[global_allocator]
static ALLOCATOR: charter::memory::Counting = charter::memory::Counting;

use measure::{median, ms, peak_mib};

const DISTINCT: usize = 100;
const COLD_RUNS: usize = 11;

fn main() {
    charter::build::run::configure_threads();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if let Ok(formats) = std::env::var("CHARTER_BENCH_SCENARIO") {
        scenario(&root, &formats);
        return;
    }
    cold_single(&root);
    batch(&root);
}

fn cold_single(root: &Path) {
    let binary = root.join("target/release/charter");
    if !binary.is_file() {
        println!("cold build: skipped, run `cargo build --release` first");
        return;
    }
    // Three posters, each against Typst compiling its final form once: one that fits at
    // the theme's preferred size at once, one that must shrink (the bilingual Kitui on A2:
    // several layouts), and one that grows into its sheet (a short charter on A1).
    let short = tempfile::tempdir().expect("temporary folder");
    let short_charter = short.path().join("short.yaml");
    std::fs::write(
        &short_charter,
        "languages: [en]\ntitle: Citizens' Service Charter\norganization: {name: Department \
         of Lands}\nservices:\n  - {name: Search of a land register, fee: KES 500, timeline: \
         1 working day}\n  - {name: Transfer of land, fee: KES 2000, timeline: 14 working days}\n",
    )
    .unwrap();
    for (case, charter, paper) in [
        ("fits at once", root.join("charters/kitui.yaml"), "a2"),
        ("shrunk", root.join("charters/kitui-bilingual.yaml"), "a2"),
        ("grown", short_charter, "a1"),
    ] {
        compare(root, &binary, case, &charter, paper);
    }
}

/// One cold `charter build` of `charter` to PDF against Python's `typst` compiling the same
/// poster's final form (its theme files, our entry file, the JSON at the size the poster
/// was finally laid out at), both as whole processes: the ratio is what laying out more
/// than once costs.
fn compare(root: &Path, binary: &Path, case: &str, charter: &Path, paper: &str) {
    let work = tempfile::tempdir().expect("temporary folder");
    let ours = median(COLD_RUNS, || {
        let status = Command::new(binary)
            .arg("build")
            .arg(charter)
            .args(["--paper", paper, "-q", "--force", "--format", "pdf", "-o"])
            .arg(work.path())
            .status()
            .expect("charter runs");
        assert!(status.success());
    });
    // The same poster compiled by Typst outside our tool: the kenya theme's files, our entry
    // file and the charter's JSON at its final size, in a plain Typst project.
    let project = work.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let status = Command::new(binary)
        .arg("build")
        .arg(charter)
        .args([
            "--paper", paper, "--format", "pdf,json", "-q", "--force", "-o",
        ])
        .arg(&project)
        .status()
        .expect("charter runs");
    assert!(status.success());
    let stem = charter.file_stem().unwrap().to_str().unwrap();
    std::fs::rename(
        project.join(format!("{stem}.json")),
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
    std::fs::copy(
        root.join("src/render/typst/entry.typ"),
        project.join("main.typ"),
    )
    .unwrap();
    std::fs::create_dir_all(project.join(".charter")).unwrap();
    std::fs::copy(
        root.join("src/render/typst/lib.typ"),
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
            // Python's start-up is not Typst's work: the ratio leaves it out.
            let compile = theirs.saturating_sub(startup);
            println!(
                "{case} ({stem}, {paper}): charter {:.1} ms; Python typst, one compilation of \
                 the final form, {:.1} ms ({:.1} ms of it starting Python); ratio {:.2}",
                ms(ours),
                ms(theirs),
                ms(startup),
                ours.as_secs_f64() / compile.as_secs_f64().max(1e-9),
            );
            // Python's start-up is most of its time and varies as much as the rest on a
            // shared machine: instructions counted by callgrind give a ratio that repeats.
            let mut ours_command = Command::new(binary);
            ours_command
                .arg("build")
                .arg(charter)
                .args(["--paper", paper, "-q", "--force", "--format", "pdf", "-o"])
                .arg(work.path());
            let python_path = python_executable();
            let counted = |code: &str| {
                let mut command = Command::new(python_path.as_deref()?);
                command.args(["-c", code]).current_dir(&project);
                instructions(command)
            };
            if let (Some(ours), Some(theirs), Some(startup)) = (
                instructions(ours_command),
                counted(&script),
                counted("import typst"),
            ) {
                println!(
                    "{case}, in instructions (callgrind): charter {:.0} M; Python typst's \
                     compilation {:.0} M; ratio {:.2}",
                    ours as f64 / 1e6,
                    theirs.saturating_sub(startup) as f64 / 1e6,
                    ours as f64 / theirs.saturating_sub(startup).max(1) as f64,
                );
            }
        }
        _ => println!(
            "{case} ({stem}, {paper}): charter {:.1} ms; Python typst: skipped (`pip install \
             typst` to compare)",
            ms(ours)
        ),
    }
}

/// The Python interpreter itself (not a shell shim such as pyenv's, which callgrind would
/// count instead).
fn python_executable() -> Option<PathBuf> {
    let output = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .ok()?;
    let path = String::from_utf8(output.stdout).ok()?;
    Some(PathBuf::from(path.trim())).filter(|p| p.is_file())
}

/// Instructions a command and its children execute, by `valgrind --tool=callgrind`; `None`
/// without valgrind.
fn instructions(command: Command) -> Option<u64> {
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let mut valgrind = Command::new("valgrind");
    valgrind
        .args([
            "--tool=callgrind",
            "--trace-children=yes",
            "--callgrind-out-file=/dev/null",
        ])
        .arg(program)
        .args(args);
    if let Some(dir) = command.get_current_dir() {
        valgrind.current_dir(dir);
    }
    let output = valgrind.output().ok()?;
    if !output.status.success() {
        return None;
    }
    let log = String::from_utf8_lossy(&output.stderr);
    let total: u64 = log
        .lines()
        .filter_map(|l| l.split("Collected :").nth(1))
        .filter_map(|n| n.trim().parse::<u64>().ok())
        .sum();
    (total > 0).then_some(total)
}

/// The batch figures, each scenario in a fresh process (this bench binary run again with
/// `CHARTER_BENCH_SCENARIO`), so each peak memory is its own.
fn batch(root: &Path) {
    for (label, threads, formats, count) in [
        ("PDF + HTML, 2 threads", "2", "pdf,html", DISTINCT),
        ("PDF + HTML, 1 thread", "1", "pdf,html", DISTINCT),
        // As `charter build` does: each charter in a worker process, within its bounds.
        (
            "PDF + HTML, 2 threads, in workers",
            "2",
            "pdf,html,workers",
            DISTINCT,
        ),
        (
            "PDF + HTML, 1 thread, in workers",
            "1",
            "pdf,html,workers",
            DISTINCT,
        ),
        ("PDF only, 2 threads", "2", "pdf", DISTINCT),
        ("HTML only, 2 threads", "2", "html", DISTINCT),
        // Twice as many: does memory grow with the batch? (And 200 once overflowed a
        // build thread's stack.)
        ("PDF + HTML, 2 threads", "2", "pdf,html", 2 * DISTINCT),
    ] {
        let output = Command::new(std::env::current_exe().unwrap())
            .env("CHARTER_BENCH_SCENARIO", formats)
            .env("CHARTER_BENCH_COUNT", count.to_string())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("the bench runs itself");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        println!("{count} distinct charters, {label}: {}", text.trim());
    }
    no_op(root);
    watch_latency(root);
    faults(root);
}

/// One scenario, in its own process: setup, then 100 distinct charters built once.
fn scenario(root: &Path, formats: &str) {
    let bases = bases(root);
    let theme = Theme::builtin("kenya").expect("built-in theme");
    // What `charter build` uses with the built-in theme (PDF/A-2b and PDF/UA-1).
    let mut settings = Settings::defaults(&theme).expect("the theme's defaults are valid");
    settings.formats = Formats::of(
        [Format::Pdf, Format::Png, Format::Html]
            .into_iter()
            .filter(|f| formats.contains(f.name())),
    );
    let dir = distinct_charters(root, &bases, "Office");
    let start = Instant::now();
    let mut engine = Engine::new(theme, &[]);
    if settings.formats.contains(Format::Html) {
        engine.templates = Some(
            charter::render::html::Templates::load(&engine.theme).expect("the templates load"),
        );
    }
    let pool = formats.contains("workers").then(|| {
        Pool::new(
            root.join("target/release/charter"),
            Plan {
                theme: "kenya".into(),
                font_paths: Vec::new(),
                settings: settings.clone(),
                bounds: Bounds::default(),
            },
        )
    });
    let batch = Batch {
        isolation: pool.as_ref(),
        ..Batch::default()
    };
    let run = build_paths(
        &[dir.path().to_owned()],
        &dir.path().join("out"),
        &engine,
        &settings,
        &batch,
    );
    // The workers end (and are waited for) with their pool.
    drop(batch);
    drop(pool);
    let elapsed = start.elapsed();
    assert!(run.errors.is_empty(), "{:?}", run.errors);
    assert_eq!(run.built(), count(), "every charter builds");
    let workers = if formats.contains("workers") {
        format!(
            ", each worker at most {} MiB",
            children_peak_mib().map_or("?".into(), |m| m.to_string())
        )
    } else {
        String::new()
    };
    println!(
        "{:.0} ms ({:.1} ms each, setup included), peak memory {} MiB{workers}",
        ms(elapsed),
        ms(elapsed) / count() as f64,
        peak_mib().map_or("?".into(), |m| m.to_string()),
    );
}

/// `charter build DIR` again when nothing changed: the incremental build's floor, as a
/// whole process (start-up, walking, hashing 100 charters and their logo, reading the
/// record). Goal: under 100 ms.
fn no_op(root: &Path) {
    let binary = root.join("target/release/charter");
    if !binary.is_file() {
        println!("no-op rebuild: skipped, run `cargo build --release` first");
        return;
    }
    let dir = distinct_charters(root, &bases(root), "Office");
    let build = || {
        let output = Command::new(&binary)
            .args(["build", ".", "-o", "out", "--exclude", "out"])
            .current_dir(dir.path())
            .output()
            .expect("charter runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let start = Instant::now();
    build();
    let first = start.elapsed();
    let again = median(COLD_RUNS, || {
        let stderr = build();
        assert!(stderr.contains("up to date, nothing to build"), "{stderr}");
    });
    println!(
        "`charter build` of {DISTINCT} charters (PDF + HTML) as a process: first {:.0} ms; \
         again with nothing changed: median {:.1} ms",
        ms(first),
        ms(again)
    );
}

/// `charter watch` on a one-page poster: from each save to the new PDF, as the tool
/// itself reports it ("N ms after the save", from the file's modification time), over
/// ten saves that each change a service's name (so each is a real new layout).
fn watch_latency(root: &Path) {
    use std::io::BufRead;
    let binary = root.join("target/release/charter");
    if !binary.is_file() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let charter = dir.path().join("kitui.yaml");
    let text = std::fs::read_to_string(root.join("charters/kitui.yaml")).unwrap();
    std::fs::write(&charter, &text).unwrap();
    let mut child = Command::new(&binary)
        .args(["watch", "kitui.yaml", "-o", "out", "--format", "pdf"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let mut wait_for = |needle: &str| loop {
        let line = lines.next().expect("watch is running").unwrap();
        if line.contains(needle) {
            return line;
        }
    };
    wait_for("watching for changes");
    let mut after_save = Vec::new();
    for i in 0..10 {
        std::thread::sleep(Duration::from_millis(150));
        let edited = text.replace("    name: ", &format!("    name: Edit {i} "));
        assert_ne!(edited, text, "the edit changes the services' names");
        std::fs::write(&charter, edited).unwrap();
        let line = wait_for("ms after the save");
        let ms: u64 = line.split_whitespace().next().unwrap().parse().unwrap();
        after_save.push(ms);
    }
    let _ = child.kill();
    let _ = child.wait();
    after_save.sort();
    println!(
        "`charter watch` of kitui.yaml (A2 poster, PDF): save to new PDF median {} ms, \
         slowest {} ms over {} saves (debounce {} ms included)",
        after_save[after_save.len() / 2],
        after_save[after_save.len() - 1],
        after_save.len(),
        charter::preview::watcher::DEBOUNCE.as_millis()
    );
}

/// Hostile files, each built alone as a process: how long until the diagnostic.
fn faults(root: &Path) {
    let binary = root.join("target/release/charter");
    if !binary.is_file() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(String, String)> = hostile::hostile_charters(root)
        .into_iter()
        .map(|(label, _, text)| (label.to_owned(), text))
        .collect();
    cases.extend(hostile::long_line_charters());
    let mut figures = Vec::new();
    for (label, text) in cases {
        let path = dir.path().join("hostile.yaml");
        std::fs::write(&path, text).unwrap();
        let took = median(5, || {
            let output = Command::new(&binary)
                .args(["build", "hostile.yaml", "-o", "out"])
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(1), "{label}");
        });
        figures.push(format!("{label} {:.0} ms", ms(took)));
    }
    println!(
        "hostile charters, each to its diagnostic: {}",
        figures.join(", ")
    );
}

fn bases(root: &Path) -> Vec<String> {
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
    bases
}

/// How many charters a batch has: `DISTINCT`, or `CHARTER_BENCH_COUNT` (to see whether
/// memory keeps growing with the batch).
fn count() -> usize {
    std::env::var("CHARTER_BENCH_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DISTINCT)
}

/// A folder of `count()` charters made from the real ones, each with its own office and
/// service names (so no charter is served from another's cache), and the logo they use.
fn distinct_charters(root: &Path, bases: &[String], prefix: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root.join("examples/ziwani-county-logo.svg"),
        dir.path().join("ziwani-county-logo.svg"),
    )
    .unwrap();
    for i in 0..count() {
        let text = measure::distinct(&bases[i % bases.len()], &format!("{prefix}-{i}"), i);
        std::fs::write(dir.path().join(format!("c{i:03}.yaml")), text).unwrap();
    }
    dir
}

/// The largest peak memory of the processes this one waited for (its workers), on Unix.
#[cfg(unix)]
fn children_peak_mib() -> Option<u64> {
    // SAFETY: `getrusage` fills the struct it is given.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    Some(usage.ru_maxrss as u64 / 1024)
}

#[cfg(not(unix))]
fn children_peak_mib() -> Option<u64> {
    None
}
