//! Bad input and faults in a batch: each hostile file gets its own clear diagnostic and the
//! rest of the batch is still built; a killed build never leaves a partial output.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{charter_in, out_dir, root};

/// A folder with one good charter in `charters/`.
fn batch(name: &str) -> PathBuf {
    let dir = out_dir("faults", name);
    std::fs::create_dir_all(dir.join("charters")).unwrap();
    std::fs::copy(
        root().join("examples/minimal.yaml"),
        dir.join("charters/good.yaml"),
    )
    .unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = charter_in(dir, args);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn hostile_files_are_each_reported_and_the_rest_is_built() {
    let dir = batch("hostile");
    let charters = dir.join("charters");
    for (_, name, text) in crate::hostile::hostile_charters(root()) {
        std::fs::write(charters.join(name), text).unwrap();
    }

    let start = Instant::now();
    let (code, stderr) = run(&dir, &["build", "charters", "-o", "out"]);
    let elapsed = start.elapsed();
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("E107") && stderr.contains("10.0 MB"),
        "{stderr}"
    );
    assert!(
        stderr.contains("deep.yaml") && stderr.contains("brackets.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("E103"), "{stderr}");
    assert!(
        stderr.contains(
            "1 of 5 charters built; 4 failed: charters/bomb.yaml, charters/brackets.yaml, \
         charters/deep.yaml, charters/huge.yaml"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("bomb.yaml") && stderr.contains("huge.yaml"),
        "{stderr}"
    );
    assert!(dir.join("out/good.pdf").is_file());
    // Not a timing test (the bench measures); a guard against a hang.
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
}

#[test]
fn loops_and_dangling_links_are_passed_over_unless_they_name_a_charter() {
    let dir = batch("links");
    let charters = dir.join("charters");
    std::os::unix::fs::symlink(".", charters.join("loop")).unwrap();
    std::os::unix::fs::symlink("/nix/store/gone", charters.join("result")).unwrap();
    std::fs::create_dir_all(charters.join("z")).unwrap();
    std::fs::copy(
        root().join("examples/minimal.yaml"),
        charters.join("z/later.yaml"),
    )
    .unwrap();
    let (code, stderr) = run(&dir, &["build", "charters", "-o", "out", "-v"]);
    assert_eq!(
        code,
        Some(0),
        "a loop or a link to something else is no failure:\n{stderr}"
    );
    assert!(
        stderr.contains("skipped charters/loop: a symbolic link back to"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("skipped charters/result: a symbolic link to something that does not exist"),
        "{stderr}"
    );
    assert!(
        dir.join("out/z/later.pdf").is_file(),
        "the walk went on:\n{stderr}"
    );

    // A charter's name that leads nowhere is a charter that cannot be read.
    std::os::unix::fs::symlink("nowhere.yaml", charters.join("dangling.yaml")).unwrap();
    let (code, stderr) = run(&dir, &["build", "charters", "-o", "out"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "cannot read `charters/dangling.yaml`: it is a symbolic link to something that \
             does not exist"
        ),
        "{stderr}"
    );
    assert!(dir.join("out/good.pdf").is_file());
}

/// Run as an unprivileged user (root reads every file), when there is a way to become one.
#[test]
fn an_unreadable_file_is_reported_and_the_rest_is_built() {
    let dir = batch("unreadable");
    let secret = dir.join("charters/secret.yaml");
    std::fs::copy(root().join("examples/minimal.yaml"), &secret).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root_user = std::fs::read(&secret).is_ok();
    let mut command = if root_user {
        // As `nobody`: the folder must be theirs to write in.
        for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
            let mode = if entry.path() == secret {
                0o000
            } else if entry.file_type().is_dir() {
                0o777
            } else {
                0o644
            };
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let mut ancestors = dir.parent();
        while let Some(folder) = ancestors.filter(|p| p.starts_with(std::env::temp_dir())) {
            let mode = std::fs::metadata(folder).unwrap().permissions().mode();
            std::fs::set_permissions(folder, std::fs::Permissions::from_mode(mode | 0o711))
                .unwrap();
            ancestors = folder.parent();
        }
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        command.arg(env!("CARGO_BIN_EXE_charter"));
        command
    } else {
        Command::new(env!("CARGO_BIN_EXE_charter"))
    };
    let output = command
        .args(["build", "charters", "-o", "out"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("setpriv (util-linux) runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot read `charters/secret.yaml`: permission denied"),
        "{stderr}"
    );
    assert!(dir.join("out/good.pdf").is_file(), "{stderr}");
}

#[test]
fn thousands_of_other_files_are_walked_past() {
    let dir = batch("thousands");
    let notes = dir.join("charters/notes");
    std::fs::create_dir_all(&notes).unwrap();
    for i in 0..3000 {
        std::fs::write(notes.join(format!("scan-{i}.txt")), "not yaml").unwrap();
    }
    // Another tool's YAML that shares a key with charters (`services`) is still skipped.
    std::fs::write(
        notes.join("docker-compose.yml"),
        "version: \"3.8\"\nservices:\n  web:\n    image: nginx\n",
    )
    .unwrap();
    for i in 0..499 {
        std::fs::write(
            notes.join(format!("config-{i}.yml")),
            "version: 3\nname: x\n",
        )
        .unwrap();
    }
    let (code, stderr) = run(&dir, &["build", "charters", "-o", "out"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("1 charter built; 500 files skipped (-v says why)"),
        "{stderr}"
    );
    let (_, verbose) = run(&dir, &["build", "charters", "-o", "out", "-v"]);
    assert!(
        verbose.contains("skipped charters/notes/config-7.yml: not a charter (no `organization:`"),
        "{verbose}"
    );
}

#[test]
fn excluded_paths_are_not_read() {
    let dir = batch("exclude");
    std::fs::create_dir_all(dir.join("charters/drafts")).unwrap();
    std::fs::write(dir.join("charters/drafts/broken.yaml"), "vision: [").unwrap();
    let (code, stderr) = run(
        &dir,
        &["build", "charters", "-o", "out", "--exclude", "drafts"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stderr) = run(&dir, &["check", "charters", "--exclude", "drafts/**"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _) = run(&dir, &["check", "charters"]);
    assert_eq!(code, Some(1), "without --exclude the draft is read");
}

/// How many copies of each of two real charters a slow batch holds.
const COPIES: usize = 16;
/// Their outputs: a PDF and a page each.
const OUTPUTS: usize = COPIES * 2 * 2;

/// Copies of the real charters, each under its own name, to make a batch that takes a
/// few seconds.
fn slow_batch(name: &str) -> PathBuf {
    let dir = out_dir("faults", name);
    std::fs::create_dir_all(dir.join("charters")).unwrap();
    for i in 0..COPIES {
        for file in ["kitui-bilingual.yaml", "kilosa.yaml"] {
            let text = std::fs::read_to_string(root().join("charters").join(file)).unwrap();
            std::fs::write(
                dir.join(format!("charters/{i}-{file}")),
                // Other words, so no copy is laid out from another's cache.
                text.replace("Huduma", &format!("Huduma {i}")),
            )
            .unwrap();
        }
    }
    dir
}

/// Starts a build, waits for its first output, then signals it.
fn interrupt(dir: &Path, signal: &str) -> std::process::Output {
    let child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["build", "charters", "-o", "out", "--format", "pdf,html"])
        .current_dir(dir)
        // Two at a time, whatever the machine: the batch must still be under way.
        .env("RAYON_NUM_THREADS", "2")
        // As `charter_in` runs the next build (the date is part of what a build is from).
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let written = || {
        std::fs::read_dir(dir.join("out")).is_ok_and(|d| {
            d.flatten()
                .any(|e| !e.file_name().to_string_lossy().starts_with('.'))
        })
    };
    while !written() {
        assert!(Instant::now() < deadline, "the build wrote nothing");
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    child.wait_with_output().unwrap()
}

/// Every output in `out` is whole: PDFs end with `%%EOF`, pages with `</html>`.
fn assert_outputs_whole(out: &Path) -> (usize, Vec<PathBuf>) {
    let mut whole = 0;
    let mut temporary = Vec::new();
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if name.starts_with(".charter-") && name.ends_with(".tmp") {
            temporary.push(path.to_owned());
            continue;
        }
        let bytes = std::fs::read(path).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        match path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => {
                assert!(
                    text.trim_end().ends_with("%%EOF"),
                    "{} is cut short",
                    path.display()
                );
                whole += 1;
            }
            Some("html") => {
                assert!(
                    text.trim_end().ends_with("</html>"),
                    "{} is cut short",
                    path.display()
                );
                whole += 1;
            }
            _ => {}
        }
    }
    (whole, temporary)
}

#[test]
fn a_build_killed_mid_batch_leaves_no_partial_output() {
    let dir = slow_batch("sigkill");
    let output = interrupt(&dir, "-KILL");
    assert_eq!(output.status.code(), None, "killed by the signal");
    let (whole, _) = assert_outputs_whole(&dir.join("out"));
    assert!(
        whole < OUTPUTS,
        "the build was stopped mid-batch ({whole} outputs)"
    );
    // The next build finishes the batch and removes what the killed one left.
    let (code, stderr) = run(&dir, &["build", "charters", "-o", "out"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (whole, temporary) = assert_outputs_whole(&dir.join("out"));
    assert_eq!(whole, OUTPUTS);
    assert!(temporary.is_empty(), "{temporary:?}");
}

#[test]
fn a_build_stopped_by_sigterm_finishes_what_it_started_and_records_it() {
    let dir = slow_batch("sigterm");
    let output = interrupt(&dir, "-TERM");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("not built (stopped by Ctrl-C)"), "{stderr}");
    let (whole, temporary) = assert_outputs_whole(&dir.join("out"));
    assert!(
        temporary.is_empty(),
        "nothing half-written is left: {temporary:?}"
    );
    assert!(whole > 0 && whole < OUTPUTS, "{whole} outputs\n{stderr}");
    // What was written is recorded: the next build only builds the rest.
    let (code, stderr) = run(&dir, &["build", "charters", "-o", "out"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{} of {} charters built; {} up to date\n",
            COPIES * 2 - whole / 2,
            COPIES * 2,
            whole / 2
        )),
        "{stderr}"
    );
}

/// Runs the binary and fails the test on a panic (exit 101, "panicked" on stderr): every
/// outcome but a crash is fine here, the diagnostics have tests of their own.
fn assert_no_panic(dir: &Path, args: &[&str]) -> String {
    let (code, stderr) = run(dir, args);
    assert!(
        matches!(code, Some(0..=2)) && !stderr.contains("panicked"),
        "`charter {}` crashed ({code:?}):\n{stderr}",
        args.join(" ")
    );
    stderr
}

/// Text pasted from Word: non-breaking spaces, Unicode line and paragraph separators,
/// ideographic spaces, byte-order marks and lone carriage returns, in every kind of place.
/// Every command reads every such file without a crash, and a syntax error it causes
/// names the character.
#[test]
fn pasted_characters_never_crash_any_command() {
    let dir = out_dir("faults", "pasted");
    let charters = dir.join("charters");
    std::fs::create_dir_all(&charters).unwrap();
    let minimal = std::fs::read_to_string(root().join("examples/minimal.yaml")).unwrap();
    let files = crate::pasted::pasted_charters(&minimal);
    for (name, text) in &files {
        std::fs::write(charters.join(name), text).unwrap();
    }
    assert_no_panic(&dir, &["check", "charters"]);
    assert_no_panic(&dir, &["check", "charters", "--format", "json"]);
    assert_no_panic(&dir, &["lint", "charters"]);
    assert_no_panic(&dir, &["lint", "charters", "--output-format", "sarif"]);
    assert_no_panic(&dir, &["lint", "charters", "--diff"]);
    assert_no_panic(
        &dir,
        &["build", "charters", "-o", "out", "--format", "pdf,html"],
    );
    std::fs::write(dir.join("minimal.yaml"), &minimal).unwrap();
    for (name, _) in &files {
        let path = format!("charters/{name}");
        assert_no_panic(&dir, &["diff", "minimal.yaml", &path]);
        assert_no_panic(&dir, &["diff", &path, "minimal.yaml"]);
    }
    // The reproducer of the report: a line of one non-breaking space.
    std::fs::write(dir.join("x.yaml"), "a: b\n\u{a0}\n").unwrap();
    let stderr = assert_no_panic(&dir, &["check", "x.yaml"]);
    assert!(
        stderr.contains("this line holds only a non-breaking space (U+00A0)"),
        "{stderr}"
    );
}

/// A problem past column 65,535 of a line, or a span longer than that, is shown clipped
/// around it, at its real line and column.
#[test]
fn problems_far_along_a_line_are_shown_clipped() {
    let dir = out_dir("faults", "long-lines");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in crate::hostile::long_line_charters() {
        std::fs::write(dir.join(&name), text).unwrap();
        for args in [
            vec!["check", name.as_str()],
            vec!["lint", name.as_str()],
            vec!["build", name.as_str(), "-o", "out", "--format", "html"],
        ] {
            let stderr = assert_no_panic(&dir, &args);
            assert!(
                stderr.lines().all(|l| l.chars().count() < 400),
                "a line of the report is not clipped:\n{stderr}"
            );
        }
    }
    let stderr = assert_no_panic(&dir, &["check", "far-key.yaml"]);
    assert!(stderr.contains("[far-key.yaml:3:70024]"), "{stderr}");
    assert!(stderr.contains("…xxxx"), "{stderr}");
}

/// Processes whose current folder is `dir`: a build and its workers.
fn processes_in(dir: &Path) -> Vec<u32> {
    let dir = dir.canonicalize().unwrap();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/cwd")).is_ok_and(|cwd| cwd == dir))
        .collect()
}

/// A theme whose poster never finishes: nested loops of ten billion steps.
fn endless_theme(dir: &Path) {
    let theme = dir.join("theme");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(
        theme.join("theme.toml"),
        "name = \"endless\"\nversion = \"0.1.0\"\ndescription = \"d\"\ncharter-version = \"0.1.0\"\nextends = \"kenya\"\n",
    )
    .unwrap();
    std::fs::write(
        theme.join("poster.typ"),
        "#let data = json(\"/charter.json\")\n#set page(width: data.build.width * 1mm, height: data.build.height * 1mm)\n#let n = 0\n#for i in range(100000) { for j in range(100000) { n += 1 } }\n#n\n",
    )
    .unwrap();
}

/// A charter whose theme never finishes is stopped at the deadline and reported; the
/// others of the batch are built.
#[test]
fn an_endless_theme_is_stopped_at_the_deadline_and_the_batch_goes_on() {
    let dir = batch("deadline");
    endless_theme(&dir);
    let start = Instant::now();
    let (code, stderr) = run(
        &dir,
        &[
            "build",
            "charters",
            "--theme",
            "theme",
            "-o",
            "out",
            "--time-limit",
            "2",
        ],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E409"), "{stderr}");
    assert!(start.elapsed() < Duration::from_secs(30));
    assert!(processes_in(&dir).is_empty(), "a worker was left running");
}

/// The first SIGTERM lets the charters in flight finish; a second ends the build at once
/// (exit 130), workers included, even while a theme is stuck.
#[test]
fn a_second_signal_stops_a_stuck_build_at_once() {
    let dir = batch("second-signal");
    endless_theme(&dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args([
            "build",
            "charters",
            "--theme",
            "theme",
            "-o",
            "out",
            "--time-limit",
            "600",
        ])
        .current_dir(&dir)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the workers to be building.
    let deadline = Instant::now() + Duration::from_secs(30);
    while processes_in(&dir).len() < 2 {
        assert!(Instant::now() < deadline, "no worker started");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let term = |pid: u32| {
        let status = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    };
    term(child.id());
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the first signal waits for the charters in flight"
    );
    term(child.id());
    let stopped = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(10),
            "the second signal did not stop it"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    let gone = Instant::now();
    while !processes_in(&dir).is_empty() {
        assert!(
            gone.elapsed() < Duration::from_secs(10),
            "a worker outlived its build"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
