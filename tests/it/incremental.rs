//! Incremental builds: what is rebuilt, what is skipped, and what is reported about
//! outputs whose charter has gone. Each test works in its own copy of a few charters.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::{charter_in, out_dir, root};

/// A folder holding `full.yaml` (with its logo) and `minimal.yaml`.
fn project(name: &str) -> PathBuf {
    let dir = out_dir("incremental", name);
    std::fs::create_dir_all(dir.join("charters")).unwrap();
    for file in ["full.yaml", "minimal.yaml", "ziwani-county-logo.svg"] {
        std::fs::copy(
            root().join("examples").join(file),
            dir.join("charters").join(file),
        )
        .unwrap();
    }
    dir
}

/// Runs `charter build charters -o out` plus `extra`, returning the exit code and the
/// `--summary -` JSON.
fn build(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value, String) {
    let mut args = vec!["build", "charters", "-o", "out", "--summary", "-"];
    args.extend_from_slice(extra);
    let output = charter_in(dir, &args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let summary = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{stderr}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code().unwrap(), summary, stderr)
}

/// Each charter's status, by file name.
fn statuses(summary: &serde_json::Value) -> Vec<(String, String)> {
    summary["charters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["source"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
                c["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn status_of(summary: &serde_json::Value, name: &str) -> String {
    statuses(summary)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s)
        .unwrap_or_else(|| panic!("{name} is not in the summary"))
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn an_unchanged_charter_is_not_rebuilt_and_its_outputs_are_untouched() {
    let dir = project("unchanged");
    let (code, first, _) = build(&dir, &[]);
    assert_eq!(code, 0);
    assert_eq!(first["built"], 2);
    let pdf = dir.join("out/full.pdf");
    let before = (modified(&pdf), std::fs::read(&pdf).unwrap());
    // A checkout gives every file a new time; only content counts.
    let charter = dir.join("charters/full.yaml");
    std::fs::write(&charter, std::fs::read(&charter).unwrap()).unwrap();
    let (code, second, stderr) = build(&dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(second["built"], 0);
    assert_eq!(second["up_to_date"], 2);
    assert!(
        stderr.contains("2 charters up to date, nothing to build"),
        "{stderr}"
    );
    assert_eq!(
        (modified(&pdf), std::fs::read(&pdf).unwrap()),
        before,
        "an up-to-date output is not written again"
    );
}

#[test]
fn a_changed_charter_or_logo_is_rebuilt_alone() {
    let dir = project("changed");
    build(&dir, &[]);
    let minimal = dir.join("charters/minimal.yaml");
    let text = std::fs::read_to_string(&minimal).unwrap();
    std::fs::write(
        &minimal,
        format!("{text}\n# a comment changes the content\n"),
    )
    .unwrap();
    let (_, summary, _) = build(&dir, &[]);
    assert_eq!(status_of(&summary, "minimal.yaml"), "built");
    assert_eq!(status_of(&summary, "full.yaml"), "up-to-date");

    // The logo is an input of full.yaml.
    let logo = dir.join("charters/ziwani-county-logo.svg");
    let svg = std::fs::read_to_string(&logo).unwrap();
    std::fs::write(&logo, svg.replace("</svg>", "<!-- new --></svg>")).unwrap();
    let (_, summary, _) = build(&dir, &[]);
    assert_eq!(status_of(&summary, "full.yaml"), "built");
    assert_eq!(status_of(&summary, "minimal.yaml"), "up-to-date");
}

#[test]
fn new_options_a_missing_output_or_force_rebuild() {
    let dir = project("options");
    build(&dir, &[]);
    let (_, summary, _) = build(&dir, &["--set", "qr=false"]);
    assert_eq!(summary["built"], 2, "another option is another output");
    let (_, summary, _) = build(&dir, &["--set", "qr=false", "--format", "pdf,html"]);
    assert_eq!(summary["up_to_date"], 2, "the same options again");
    std::fs::remove_file(dir.join("out/minimal.html")).unwrap();
    let (_, summary, _) = build(&dir, &["--set", "qr=false"]);
    assert_eq!(status_of(&summary, "minimal.yaml"), "built");
    assert!(dir.join("out/minimal.html").is_file());
    assert_eq!(status_of(&summary, "full.yaml"), "up-to-date");
    let (_, summary, _) = build(&dir, &["--set", "qr=false", "--force"]);
    assert_eq!(summary["built"], 2);
}

#[test]
fn the_pdf_standard_the_theme_folder_and_the_date_are_inputs_too() {
    let dir = project("more-inputs");
    build(&dir, &[]);
    let (_, summary, _) = build(&dir, &["--pdf-standard", "none"]);
    assert_eq!(summary["built"], 2, "another PDF standard");
    let (_, summary, _) = build(&dir, &["--pdf-standard", "none"]);
    assert_eq!(summary["up_to_date"], 2);

    crate::override_theme(&dir);
    let (_, summary, _) = build(&dir, &["--theme", "theme"]);
    assert_eq!(summary["built"], 2, "another theme");
    let page = dir.join("theme/page.html");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("market days", "Fridays")).unwrap();
    let (_, summary, _) = build(&dir, &["--theme", "theme"]);
    assert_eq!(summary["built"], 2, "a file of the theme changed");
    assert!(
        std::fs::read_to_string(dir.join("out/full.html"))
            .unwrap()
            .contains("Fridays")
    );
    // A hidden file in the theme folder (a `.git` folder, an editor's state) is not the
    // theme.
    std::fs::write(dir.join("theme/.notes"), "x").unwrap();
    let (_, summary, _) = build(&dir, &["--theme", "theme"]);
    assert_eq!(summary["up_to_date"], 2);

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_charter"))
        .args([
            "build",
            "charters",
            "-o",
            "out",
            "--theme",
            "theme",
            "--summary",
            "-",
        ])
        .current_dir(&dir)
        .env("SOURCE_DATE_EPOCH", "1800000000")
        .output()
        .unwrap();
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        summary["built"], 2,
        "SOURCE_DATE_EPOCH dates a charter without `issued:`"
    );
}

#[test]
fn a_name_with_a_dot_keeps_its_own_outputs() {
    let dir = project("dots");
    std::fs::copy(
        dir.join("charters/minimal.yaml"),
        dir.join("charters/minimal.2024.yaml"),
    )
    .unwrap();
    let (code, summary, stderr) = build(&dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["built"], 3);
    assert!(dir.join("out/minimal.2024.pdf").is_file());
    assert!(dir.join("out/minimal.pdf").is_file());
    let (_, summary, _) = build(&dir, &[]);
    assert_eq!(summary["up_to_date"], 3);
}

#[test]
fn clean_keeps_an_output_changed_since_it_was_built() {
    let dir = project("clean-kept");
    build(&dir, &[]);
    std::fs::remove_file(dir.join("charters/minimal.yaml")).unwrap();
    std::fs::write(dir.join("out/minimal.html"), "<p>edited by hand</p>").unwrap();
    let (code, _, stderr) = build(&dir, &["--clean"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!dir.join("out/minimal.pdf").exists(), "{stderr}");
    assert!(dir.join("out/minimal.html").is_file(), "{stderr}");
    assert!(
        stderr.contains("warning: kept out/minimal.html: changed since it was built"),
        "{stderr}"
    );
}

#[test]
fn a_skipped_charter_still_reports_its_warnings() {
    let dir = project("warnings");
    std::fs::copy(
        root().join("tests/build/no-catalogue/charter.yaml"),
        dir.join("charters/fr.yaml"),
    )
    .unwrap();
    for run in ["first", "second"] {
        let (code, summary, stderr) = build(&dir, &["--deny-warnings"]);
        assert_eq!(code, 1, "{run}: {stderr}");
        assert!(stderr.contains("E406"), "{run}: {stderr}");
        assert!(
            stderr.contains("fr.yaml:"),
            "{run}: the warning points into the file"
        );
        assert_eq!(summary["warnings"], 1, "{run}");
    }
}

#[test]
fn a_failed_charter_is_tried_again() {
    let dir = project("failed");
    std::fs::copy(
        root().join("tests/build/missing-glyph/charter.yaml"),
        dir.join("charters/glyph.yaml"),
    )
    .unwrap();
    for _ in 0..2 {
        let (code, summary, _) = build(&dir, &[]);
        assert_eq!(code, 1);
        assert_eq!(status_of(&summary, "glyph.yaml"), "failed");
    }
}

#[test]
fn outputs_of_a_deleted_charter_are_reported_then_cleaned() {
    let dir = project("orphans");
    build(&dir, &[]);
    std::fs::remove_file(dir.join("charters/minimal.yaml")).unwrap();
    let (code, _, stderr) = build(&dir, &[]);
    assert_eq!(code, 0, "a leftover output is a warning, not a failure");
    assert!(
        stderr.contains("warning: out/minimal.pdf, out/minimal.html were built from"),
        "{stderr}"
    );
    assert!(
        stderr.contains("run again with `--clean` to remove them"),
        "{stderr}"
    );
    assert!(
        dir.join("out/minimal.pdf").is_file(),
        "not removed without --clean"
    );

    let (code, summary, stderr) = build(&dir, &["--clean"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["orphans"][0]["source"], "charters/minimal.yaml");
    assert_eq!(summary["orphans"][0]["removed"], true);
    assert!(
        stderr.contains("removed out/minimal.pdf, out/minimal.html"),
        "{stderr}"
    );
    assert!(!dir.join("out/minimal.pdf").exists());
    assert!(!dir.join("out/minimal.html").exists());
    assert!(
        dir.join("out/full.pdf").is_file(),
        "the other charter's outputs stay"
    );
    // A file the build never wrote is never removed.
    std::fs::write(dir.join("out/notes.txt"), "mine").unwrap();
    let (_, _, stderr) = build(&dir, &["--clean"]);
    assert!(!stderr.contains("removed"), "{stderr}");
    assert!(dir.join("out/notes.txt").is_file());
}

#[test]
fn building_one_file_does_not_call_the_others_orphans() {
    let dir = project("subset");
    build(&dir, &[]);
    let output = charter_in(&dir, &["build", "charters/full.yaml", "-o", "out"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(stderr.contains("1 charter up to date"), "{stderr}");
}

/// A temporary file is a live build's while its writer holds a lock on it, wherever the
/// writer runs: here this test holds one, as a build in another container (another PID
/// namespace, whose process ids mean nothing here) would. One nobody holds is a dead
/// build's, and is removed.
#[test]
fn leftovers_of_a_killed_build_are_removed_and_a_live_builds_kept() {
    let dir = project("leftovers");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let dead = dir.join("out/.charter-4194305-abc.tmp");
    let live = dir.join("out/.charter-live-abc.tmp");
    std::fs::write(&dead, "%PDF-1.7 cut short").unwrap();
    std::fs::write(&live, "%PDF-1.7 being written").unwrap();
    let writer = std::fs::File::open(&live).unwrap();
    writer.lock().unwrap();
    build(&dir, &[]);
    assert!(!dead.exists(), "a dead build's temporary file is removed");
    assert!(
        live.exists(),
        "a running build's temporary file is left alone"
    );
    drop(writer);
    build(&dir, &["--force"]);
    assert!(!live.exists(), "once its writer is gone, it is removed");
}

/// The report's case itself: the writer runs in another PID namespace (two containers
/// sharing a volume). Linux, and only where this user may make one.
#[cfg(target_os = "linux")]
#[test]
fn a_temporary_file_held_in_another_pid_namespace_is_kept() {
    let dir = project("namespace");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    // Named as the old builds named theirs, by a process id no process has here.
    let live = dir.join("out/.charter-4194304-abc.tmp");
    std::fs::write(&live, "%PDF-1.7 being written").unwrap();
    // `flock` holds the lock in a new PID namespace.
    let mut writer = match std::process::Command::new("unshare")
        .args(["--pid", "--fork", "--kill-child", "--mount-proc", "flock"])
        .arg(&live)
        .args(["sleep", "30"])
        .spawn()
    {
        Ok(child) => child,
        Err(_) => return,
    };
    // Wait until the lock is taken (or the namespace was refused).
    let probe = std::fs::File::open(&live).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match probe.try_lock() {
            Err(std::fs::TryLockError::WouldBlock) => break,
            _ => {
                let _ = probe.unlock();
                if writer.try_wait().unwrap().is_some() || std::time::Instant::now() > deadline {
                    // No namespace for this user: nothing to test here.
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
    }
    eprintln!("the lock is held in another PID namespace");
    build(&dir, &[]);
    assert!(
        live.exists(),
        "a live build's file in another namespace was removed"
    );
    writer.kill().unwrap();
    writer.wait().unwrap();
}

#[test]
fn a_charter_that_breaks_says_its_old_outputs_are_out_of_date() {
    let dir = project("stale");
    build(&dir, &[]);
    let minimal = dir.join("charters/minimal.yaml");
    let text = std::fs::read_to_string(&minimal).unwrap();
    std::fs::write(&minimal, format!("{text}\nvision: [\n")).unwrap();
    let (code, summary, stderr) = build(&dir, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(status_of(&summary, "minimal.yaml"), "failed");
    assert!(
        stderr.contains(
            "note: out/minimal.pdf, out/minimal.html are from an earlier version of \
             charters/minimal.yaml; do not print them until it builds again"
        ),
        "{stderr}"
    );
    std::fs::write(&minimal, text).unwrap();
    let (code, _, stderr) = build(&dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("earlier version"), "{stderr}");
}

/// Every output the record names holds what the record says: what `--summary` prints is
/// what is on disk.
fn assert_record_matches_disk(dir: &Path) {
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/.charter-build.json")).unwrap())
            .unwrap();
    for (stem, entry) in record["entries"].as_object().unwrap() {
        for output in entry["outputs"].as_array().unwrap() {
            let path = dir.join("out").join(output["path"].as_str().unwrap());
            let bytes = std::fs::read(&path).unwrap();
            use sha2::Digest;
            assert_eq!(
                format!("{:x}", sha2::Sha256::digest(&bytes)),
                output["sha256"].as_str().unwrap(),
                "{stem}: {} is not what the record says",
                path.display()
            );
        }
    }
}

/// An output replaced by another of the same size (another run's PDF with one colour
/// changed, or a build killed after its rename and before its record) is not taken for
/// the recorded one: outputs are judged by content.
#[test]
fn an_output_of_the_same_size_but_other_content_is_rebuilt() {
    let dir = project("same-size");
    let (code, _, stderr) = build(&dir, &["--set", "primary=#0b5d3c"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = dir.join("out/minimal.pdf");
    let mine = std::fs::read(&pdf).unwrap();
    // What another run left: a PDF of the same length (a colour differs by one digit).
    let mut theirs = mine.clone();
    let middle = theirs.len() / 2;
    theirs[middle] ^= 0x01;
    std::fs::write(&pdf, &theirs).unwrap();
    let (code, summary, stderr) = build(&dir, &["--set", "primary=#0b5d3c"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(status_of(&summary, "minimal.yaml"), "built", "{stderr}");
    assert_eq!(std::fs::read(&pdf).unwrap(), mine);
    assert_record_matches_disk(&dir);
}

/// Two builds into one output folder at once are serialised by a lock: the second waits
/// and says so, and the record matches the files whatever the order.
#[test]
fn two_builds_into_one_folder_do_not_mix() {
    let dir = project("concurrent");
    let start = |primary: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_charter"))
            .args(["build", "charters", "-o", "out", "--set"])
            .arg(format!("primary={primary}"))
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    // The lock is held while the first builds; hold it here so both must wait.
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("out/.charter-build.lock"))
        .unwrap();
    lock.lock().unwrap();
    let (a, b) = (start("#0b5d3c"), start("#0b5e3b"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    drop(lock);
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    for output in [&a, &b] {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert!(
            stderr.contains("Waiting for another build into out to finish…"),
            "{stderr}"
        );
    }
    assert_record_matches_disk(&dir);
    // And the next run is up to date only for the colour the files hold.
    let (_, summary, _) = build(&dir, &["--set", "primary=#0b5d3c"]);
    let (_, again, _) = build(&dir, &["--set", "primary=#0b5d3c"]);
    assert_eq!(status_of(&again, "minimal.yaml"), "up-to-date", "{summary}");
    assert_record_matches_disk(&dir);
}

/// `--clean` trusts nothing in the record: an entry edited to name a file reached
/// through a link out of the output folder, or a file the build never wrote, is kept.
#[cfg(unix)]
#[test]
fn clean_removes_nothing_outside_the_folder_or_not_written_by_the_build() {
    let dir = project("clean-outside");
    let (code, _, _) = build(&dir, &[]);
    assert_eq!(code, 0);
    let outside = dir.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let secret = outside.join("secret.txt");
    std::fs::write(&secret, "keep me").unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("out/link")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("out/secret-link.txt")).unwrap();
    std::fs::write(dir.join("out/notes.txt"), "mine").unwrap();
    let record_path = dir.join("out/.charter-build.json");
    let mut record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&record_path).unwrap()).unwrap();
    let mut entry = record["entries"]["minimal"].clone();
    entry["source"] = "../charters/gone.yaml".into();
    use sha2::Digest;
    let sha = format!("{:x}", sha2::Sha256::digest(b"keep me"));
    entry["outputs"] = serde_json::json!([
        {"path": "link/secret.txt", "bytes": 7, "sha256": sha},
        {"path": "secret-link.txt", "bytes": 7, "sha256": sha},
        {"path": "../outside/secret.txt", "bytes": 7, "sha256": sha},
        {"path": "notes.txt", "bytes": 4, "sha256": "0".repeat(64)},
    ]);
    record["entries"]["gone"] = entry;
    std::fs::write(&record_path, serde_json::to_vec(&record).unwrap()).unwrap();
    let (_, _, stderr) = build(&dir, &["--clean"]);
    assert_eq!(
        std::fs::read_to_string(&secret).unwrap(),
        "keep me",
        "{stderr}"
    );
    assert!(dir.join("out/secret-link.txt").exists(), "{stderr}");
    assert!(dir.join("out/notes.txt").exists(), "{stderr}");
    assert!(dir.join("out/minimal.pdf").exists(), "{stderr}");
}
