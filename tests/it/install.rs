//! The installers and the Action's install step, run outside GitHub: `packaging/archive`
//! makes a release's archives from stand-in binaries into a local folder, and
//! `packaging/install.sh` (what `curl … | sh` and the Action run) installs from it. A fake
//! `uname` and `sysctl` on the PATH play each platform; a fake `cargo` plays a build from
//! source. And the places that name the release's archives or repository agree.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::root;

const VERSION: &str = "v9.9.9";

/// Each release target, and the `uname -s`, `uname -m` (and `sysctl hw.optional.arm64`)
/// of a machine that gets it.
const PLATFORMS: [(&str, &str, &str, &str); 6] = [
    ("x86_64-unknown-linux-musl", "Linux", "x86_64", ""),
    ("aarch64-unknown-linux-musl", "Linux", "aarch64", ""),
    ("x86_64-apple-darwin", "Darwin", "x86_64", "0"),
    ("aarch64-apple-darwin", "Darwin", "arm64", "1"),
    // A shell under Rosetta says x86_64 on an Apple chip.
    ("aarch64-apple-darwin", "Darwin", "x86_64", "1"),
    (
        "x86_64-pc-windows-msvc",
        "MINGW64_NT-10.0-20348",
        "x86_64",
        "",
    ),
];

/// A folder standing in for the project's releases: `download/v9.9.9/<archive>` and its
/// `.sha256`, for every target, each archive holding a `charter` that names its target.
struct Release {
    dir: tempfile::TempDir,
}

impl Release {
    fn new() -> Release {
        let dir = tempfile::tempdir().unwrap();
        let assets = dir.path().join("download").join(VERSION);
        for (target, ..) in PLATFORMS {
            let binary = dir.path().join(format!("{target}.bin"));
            std::fs::write(
                &binary,
                format!("#!/bin/sh\necho \"charter for {target}\"\n"),
            )
            .unwrap();
            let output = Command::new("bash")
                .arg(root().join("packaging/archive"))
                .arg(target)
                .arg(&binary)
                .arg(&assets)
                .output()
                .expect("bash runs packaging/archive");
            assert!(output.status.success(), "{}", text(&output.stderr));
        }
        Release { dir }
    }

    fn url(&self) -> String {
        format!("file://{}", self.dir.path().display())
    }

    /// Runs the installer for this release's version on `platform`, into `to`, with
    /// `extra` options.
    fn install(
        &self,
        work: &Path,
        platform: (&str, &str, &str),
        to: &Path,
        extra: &[&str],
    ) -> Output {
        let url = self.url();
        let mut args = vec!["--version", VERSION, "--base-url", &url, "--to"];
        args.push(to.to_str().unwrap());
        args.extend_from_slice(extra);
        install(work, platform, &args)
    }

    fn asset(&self, name: &str) -> PathBuf {
        self.dir.path().join("download").join(VERSION).join(name)
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder of fake commands to put first on the PATH.
fn fake_commands(dir: &Path, uname_s: &str, uname_m: &str, arm64: &str) -> PathBuf {
    let bin = dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = |name: &str, body: String| {
        let path = bin.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        make_executable(&path);
    };
    script(
        "uname",
        format!("case \"$1\" in -s) echo '{uname_s}' ;; -m) echo '{uname_m}' ;; *) exit 1 ;; esac"),
    );
    script("sysctl", format!("[ -n '{arm64}' ] && echo '{arm64}'"));
    // `cargo install --root ROOT`: records the call and leaves a binary in ROOT/bin.
    script(
        "cargo",
        format!(
            "echo \"$@\" >> '{}'\nwhile [ $# -gt 0 ]; do [ \"$1\" = --root ] && root=$2; shift; done\n\
             mkdir -p \"$root/bin\" && printf '#!/bin/sh\\necho built from source\\n' > \"$root/bin/charter\"",
            dir.join("cargo.log").display()
        ),
    );
    bin
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Runs `sh packaging/install.sh ARGS` on the platform `(uname -s, uname -m, arm64)`.
fn install(work: &Path, platform: (&str, &str, &str), args: &[&str]) -> Output {
    let bin = fake_commands(work, platform.0, platform.1, platform.2);
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    Command::new("sh")
        .arg(root().join("packaging/install.sh"))
        .args(args)
        .env("PATH", path)
        .env_remove("CHARTER_VERSION")
        .env_remove("CHARTER_INSTALL_DIR")
        .output()
        .expect("sh runs the installer")
}

const LINUX: (&str, &str, &str) = ("Linux", "x86_64", "");

/// What the installed `charter` says when run (the stand-ins print their target).
fn run_installed(binary: &Path) -> String {
    make_executable(binary);
    text(&Command::new(binary).output().expect("it runs").stdout)
}

#[test]
fn the_archive_for_each_platform_is_chosen_and_installed() {
    let release = Release::new();
    let work = tempfile::tempdir().unwrap();
    for (n, (target, s, m, arm64)) in PLATFORMS.into_iter().enumerate() {
        let to = work.path().join(format!("bin{n}"));
        let output = release.install(work.path(), (s, m, arm64), &to, &[]);
        assert!(output.status.success(), "{s} {m}: {}", text(&output.stderr));
        let exe = if target.contains("windows") {
            "charter.exe"
        } else {
            "charter"
        };
        assert_eq!(
            run_installed(&to.join(exe)),
            format!("charter for {target}\n"),
            "{s} {m} {arm64}"
        );
        assert!(text(&output.stderr).contains(&format!("installed into {}", to.display())));
    }
}

#[test]
fn a_platform_without_an_archive_is_told_how_to_build() {
    let release = Release::new();
    let work = tempfile::tempdir().unwrap();
    let to = work.path().join("bin");
    let output = release.install(work.path(), ("FreeBSD", "amd64", ""), &to, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("no release archive for FreeBSD")
            && stderr.contains("cargo install --locked service-charter"),
        "{stderr}"
    );
    assert!(!to.exists());
}

#[test]
fn a_bad_checksum_is_refused_and_nothing_is_written() {
    let release = Release::new();
    let work = tempfile::tempdir().unwrap();
    let sums = release.asset("charter-x86_64-unknown-linux-musl.tar.gz.sha256");
    let good = std::fs::read_to_string(&sums).unwrap();
    let bad = format!("{}{}", "0".repeat(64), &good[64..]);
    std::fs::write(&sums, bad).unwrap();
    let (to, cache) = (work.path().join("bin"), work.path().join("cache"));
    let output = release.install(
        work.path(),
        LINUX,
        &to,
        &["--cache", cache.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("SHA-256") && stderr.contains("nothing was installed"),
        "{stderr}"
    );
    assert!(!to.join("charter").exists());
    // Nor is the cache given a binary that failed its check.
    assert!(!cache.join(VERSION).exists());
}

#[test]
fn the_second_run_takes_the_archive_from_the_cache_and_checks_it_again() {
    let release = Release::new();
    let work = tempfile::tempdir().unwrap();
    let cache = work.path().join("cache");
    let run = |to: &Path| {
        release.install(
            work.path(),
            LINUX,
            to,
            &["--cache", cache.to_str().unwrap()],
        )
    };
    let first = run(&work.path().join("bin1"));
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stderr).contains("downloading"));
    // The archive is gone from the release: only the cache can serve the second run (the
    // checksum still comes from the release).
    let archive = "charter-x86_64-unknown-linux-musl.tar.gz";
    std::fs::remove_file(release.asset(archive)).unwrap();
    let second = run(&work.path().join("bin2"));
    assert!(second.status.success(), "{}", text(&second.stderr));
    let stderr = text(&second.stderr);
    assert!(
        stderr.contains("from the cache") && !stderr.contains("downloading"),
        "{stderr}"
    );
    assert_eq!(
        run_installed(&work.path().join("bin2/charter")),
        "charter for x86_64-unknown-linux-musl\n"
    );
    // A cached archive that is not the release's is refused, and dropped from the cache.
    let kept = cache.join(VERSION).join(archive);
    let mut bytes = std::fs::read(&kept).unwrap();
    bytes.extend_from_slice(b"tampered");
    std::fs::write(&kept, bytes).unwrap();
    let third = run(&work.path().join("bin3"));
    assert_eq!(third.status.code(), Some(1), "{}", text(&third.stderr));
    assert!(text(&third.stderr).contains("nothing was installed"));
    assert!(!work.path().join("bin3/charter").exists());
    assert!(!kept.exists());
}

#[test]
fn only_a_ref_without_a_release_is_built_from_source() {
    let release = Release::new();
    let work = tempfile::tempdir().unwrap();
    let url = release.url();
    let source = root().to_str().unwrap();
    let run = |version: &str, to: &str, with_source: bool| {
        let mut args = vec!["--version", version, "--base-url", &url, "--to", to];
        if with_source {
            args.extend(["--source", source]);
        }
        install(work.path(), LINUX, &args)
    };
    let log = work.path().join("cargo.log");
    let bin = |name: &str| work.path().join(name).to_str().unwrap().to_owned();

    // A release: downloaded, cargo never called.
    let output = run(VERSION, &bin("released"), true);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(!log.exists(), "cargo ran for a released version");

    // A tag with no release, without a source folder: says so, exit 3.
    let output = run("v0.0.1", &bin("none"), false);
    assert_eq!(output.status.code(), Some(3), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("no release v0.0.1"));

    // The same with the source folder, and a branch: built with cargo from the source.
    for version in ["v0.0.1", "main"] {
        let to = bin(version);
        let output = run(version, &to, true);
        assert!(output.status.success(), "{}", text(&output.stderr));
        assert_eq!(
            run_installed(&Path::new(&to).join("charter")),
            "built from source\n"
        );
    }
    let calls = std::fs::read_to_string(&log).unwrap();
    assert_eq!(calls.lines().count(), 2, "{calls}");
    assert!(calls.contains(&format!("--locked --quiet --path {source} --bin charter")));

    // A branch without a source folder is a usage error.
    let output = run("main", &bin("branch"), false);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
}

/// Only a 404 is a missing release: a rate limit or an outage is a failure, never a reason
/// to spend ten minutes building from source. (A stand-in `curl` answers as curl does with
/// `--fail`: exit 22, and the status in `--write-out`.)
#[test]
fn only_a_missing_file_is_a_missing_release() {
    let work = tempfile::tempdir().unwrap();
    let source = root().to_str().unwrap();
    for (status, code) in [(404, 0), (403, 1), (429, 1), (503, 1)] {
        let bin = fake_commands(work.path(), "Linux", "x86_64", "");
        std::fs::write(
            bin.join("curl"),
            format!("#!/bin/sh\nprintf '{status} https://example.org/x'\nexit 22\n"),
        )
        .unwrap();
        make_executable(&bin.join("curl"));
        let to = work.path().join(format!("bin{status}"));
        let log = work.path().join("cargo.log");
        let _ = std::fs::remove_file(&log);
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
        let output = Command::new("sh")
            .arg(root().join("packaging/install.sh"))
            .args(["--version", VERSION, "--to", to.to_str().unwrap()])
            .args(["--source", source])
            .env("PATH", path)
            .output()
            .unwrap();
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{status}: {stderr}");
        // 404: built from source; anything else: no build, and says the download failed.
        assert_eq!(log.exists(), status == 404, "{status}: {stderr}");
        if status != 404 {
            assert!(stderr.contains("could not download"), "{stderr}");
        }
    }
}

/// `cargo binstall`'s metadata names the archives `packaging/archive` makes, the release
/// workflow builds exactly the targets the installer knows, and every file that names the
/// repository names the one in Cargo.toml.
#[test]
fn the_release_is_named_the_same_everywhere() {
    let read = |path: &str| std::fs::read_to_string(root().join(path)).unwrap();
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let package = manifest["package"].as_table().unwrap();
    let repository = package["repository"].as_str().unwrap();
    for file in [
        "packaging/install.sh",
        "packaging/install.ps1",
        "README.md",
        "action.yml",
        "examples/.github/workflows/charters.yml",
        ".pre-commit-hooks.yaml",
    ] {
        let slug = repository.trim_start_matches("https://github.com/");
        assert!(
            read(file).contains(slug),
            "{file} does not name {repository}"
        );
    }

    let binstall = package["metadata"]["binstall"].as_table().unwrap();
    let release = Release::new();
    let workflow = read(".github/workflows/release.yml");
    for (target, ..) in PLATFORMS {
        let windows = target.contains("windows");
        let fmt = if windows {
            binstall["overrides"][target]["pkg-fmt"].as_str().unwrap()
        } else {
            binstall["pkg-fmt"].as_str().unwrap()
        };
        assert_eq!(fmt, if windows { "zip" } else { "tgz" });
        let url = if windows {
            binstall["overrides"][target]["pkg-url"].as_str().unwrap()
        } else {
            binstall["pkg-url"].as_str().unwrap()
        };
        let name = url
            .replace("{ repo }", repository)
            .replace("{ version }", "9.9.9")
            .replace("{ target }", target);
        let archive = if windows {
            format!("charter-{target}.zip")
        } else {
            format!("charter-{target}.tar.gz")
        };
        let expected = format!("{repository}/releases/download/{VERSION}/{archive}");
        assert_eq!(name, expected);
        assert!(release.asset(&archive).exists(), "{archive}");
        let bin_dir = binstall["bin-dir"]
            .as_str()
            .unwrap()
            .replace("{ target }", target)
            .replace("{ bin }", "charter")
            .replace("{ binary-ext }", if windows { ".exe" } else { "" });
        let listing = if windows {
            Command::new("unzip")
                .arg("-l")
                .arg(release.asset(&archive))
                .output()
        } else {
            Command::new("tar")
                .arg("-tzf")
                .arg(release.asset(&archive))
                .output()
        }
        .expect("the archive can be listed");
        assert!(
            text(&listing.stdout).contains(&bin_dir),
            "{archive}: {bin_dir}"
        );
        assert!(
            workflow.contains(&format!("target: {target}")),
            "the release workflow does not build {target}"
        );
    }
}

/// `curl … | sh` gives the script on standard input: the whole of it installs, and any
/// download cut short runs nothing at all (everything is in functions until the last line).
#[test]
fn a_piped_script_cut_short_runs_nothing() {
    let release = Release::new();
    let work = tempfile::tempdir().unwrap();
    let script = std::fs::read_to_string(root().join("packaging/install.sh")).unwrap();
    let lines: Vec<&str> = script.lines().collect();
    let bin = fake_commands(work.path(), "Linux", "x86_64", "");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let url = release.url();
    let piped = |text: String, to: &Path| {
        let mut child = Command::new("sh")
            .args(["-s", "--", "--version", VERSION, "--base-url", &url, "--to"])
            .arg(to)
            .env("PATH", &path)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), text.as_bytes()).unwrap();
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    };
    for cut in (1..lines.len()).step_by(5) {
        let to = work.path().join(format!("cut{cut}"));
        let output = piped(lines[..cut].join("\n"), &to);
        assert!(!to.exists(), "the first {cut} lines installed something");
        assert!(
            !text(&output.stderr).contains("downloading"),
            "the first {cut} lines started a download"
        );
    }
    let to = work.path().join("whole");
    let output = piped(script.clone(), &to);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(to.join("charter").exists());
}
