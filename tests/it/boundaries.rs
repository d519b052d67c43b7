//! Nothing outside its root is read, and nothing can block or exhaust a build: a theme's
//! links out of its folder, Typst and Tera paths that lead out, FIFOs and devices where
//! files are expected, inputs past their limits. Each ends in a clear refusal, in bounded
//! time, and no output holds what was outside.

#[cfg(unix)]
use std::path::Path;
use std::path::PathBuf;
#[cfg(unix)]
use std::time::{Duration, Instant};

use crate::{charter_in, out_dir, root};

/// A folder with `charter.yaml` (the minimal example) and a theme folder `theme/` that
/// extends kenya with the given files.
fn project(name: &str, theme_files: &[(&str, &str)]) -> PathBuf {
    let dir = out_dir("boundaries", name);
    let theme = dir.join("theme");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::copy(
        root().join("examples/minimal.yaml"),
        dir.join("charter.yaml"),
    )
    .unwrap();
    std::fs::write(
        theme.join("theme.toml"),
        "name = \"t\"\nversion = \"0.1.0\"\ndescription = \"test\"\ncharter-version = \"0.1.0\"\nextends = \"kenya\"\n",
    )
    .unwrap();
    for (path, text) in theme_files {
        std::fs::write(theme.join(path), text).unwrap();
    }
    dir
}

/// Builds `charter.yaml` with the theme, within a minute (a hang fails the test), and
/// returns the exit code and stderr. (Only the Unix tests, with their links and FIFOs,
/// use it and the helpers below.)
#[cfg(unix)]
fn build(dir: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let start = Instant::now();
    let mut args = vec!["build", "charter.yaml", "--theme", "theme", "-o", "out"];
    args.extend_from_slice(extra);
    let output = charter_in(dir, &args);
    assert!(start.elapsed() < Duration::from_secs(60), "the build hung");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// No file in `out` holds `needle` (as text, or in a PDF's text layer).
#[cfg(unix)]
fn assert_nothing_leaked(out: &Path, needle: &str) {
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(needle),
                "{} holds what was outside",
                entry.path().display()
            );
        }
    }
}

#[cfg(unix)]
const SECRET: &str = "secret-outside-the-theme";

/// A file outside the theme, and a link to it inside.
#[cfg(unix)]
fn link_secret(dir: &Path, name: &str) {
    std::fs::write(dir.join("secret.txt"), SECRET).unwrap();
    std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("theme").join(name)).unwrap();
}

/// A theme's link to a file outside it is refused whichever way the theme reads it;
/// Typst's `..`, absolute paths and packages are refused too.
#[cfg(unix)]
#[test]
fn typst_in_a_theme_reads_nothing_outside_it() {
    let poster = |body: &str| {
        format!(
            "#let data = json(\"/charter.json\")\n#set page(width: data.build.width * 1mm, height: data.build.height * 1mm)\n{body}\n"
        )
    };
    let cases = [
        (
            "link",
            poster("#read(\"secret.txt\")"),
            "secret.txt`: its real path",
        ),
        ("parent", poster("#read(\"../secret.txt\")"), "E405"),
        ("absolute", poster("#read(\"/../secret.txt\")"), "E405"),
        (
            "package",
            poster("#import \"@preview/example:0.1.0\": *"),
            "use Typst packages",
        ),
    ];
    for (name, text, expected) in cases {
        let dir = project(&format!("typst-{name}"), &[("poster.typ", &text)]);
        link_secret(&dir, "secret.txt");
        let (code, stderr) = build(&dir, &["--format", "pdf"]);
        assert_eq!(code, Some(1), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(!dir.join("out/charter.pdf").exists(), "{name}");
        assert_nothing_leaked(&dir.join("out"), SECRET);
    }
    // A link to a file inside the theme is fine.
    let dir = project(
        "typst-inner-link",
        &[
            ("poster.typ", &poster("#read(\"inner.txt\")")),
            ("real.txt", "inside"),
        ],
    );
    std::os::unix::fs::symlink("real.txt", dir.join("theme/inner.txt")).unwrap();
    let (code, stderr) = build(&dir, &["--format", "pdf"]);
    assert_eq!(code, Some(0), "{stderr}");
}

/// The same for the web page's templates: a linked template, or an `include` of a path
/// that leads out, is refused.
#[cfg(unix)]
#[test]
fn templates_in_a_theme_read_nothing_outside_it() {
    let dir = project("tera-link", &[]);
    link_secret(&dir, "page.html");
    let (code, stderr) = build(&dir, &["--format", "html"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("E408") && stderr.contains("is outside `theme`"),
        "{stderr}"
    );
    assert_nothing_leaked(&dir.join("out"), SECRET);

    for include in [
        "../secret.txt",
        "/etc/passwd",
        "../../../../../../etc/passwd",
    ] {
        let page = format!(
            "{{% extends \"kenya/page.html\" %}}{{% block footer %}}{{% include \"{include}\" %}}{{% endblock %}}"
        );
        let dir = project("tera-include", &[("page.html", &page)]);
        std::fs::write(dir.join("secret.txt"), SECRET).unwrap();
        let (code, stderr) = build(&dir, &["--format", "html"]);
        assert_eq!(code, Some(1), "{include}: {stderr}");
        assert!(stderr.contains("E408"), "{include}: {stderr}");
        assert_nothing_leaked(&dir.join("out"), SECRET);
        assert_nothing_leaked(&dir.join("out"), "root:x:0:0");
    }
}

/// A FIFO where a file is expected opens at once and is refused: as the logo, as a file a
/// theme reads, as the build record, as a charter found under a folder.
#[cfg(unix)]
#[test]
fn a_fifo_never_hangs_a_build() {
    let mkfifo = |path: &Path| {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    };
    // The logo.
    let dir = project("fifo-logo", &[]);
    let charter = std::fs::read_to_string(dir.join("charter.yaml")).unwrap();
    std::fs::write(
        dir.join("charter.yaml"),
        charter.replace("organization:\n", "organization:\n  logo: logo.png\n"),
    )
    .unwrap();
    mkfifo(&dir.join("logo.png"));
    let (code, stderr) = build(&dir, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("E402") && stderr.contains("named pipe"),
        "{stderr}"
    );

    // A file the theme reads.
    let dir = project(
        "fifo-theme",
        &[(
            "poster.typ",
            "#let data = json(\"/charter.json\")\n#set page(width: data.build.width * 1mm, height: data.build.height * 1mm)\n#read(\"pipe.txt\")\n",
        )],
    );
    mkfifo(&dir.join("theme/pipe.txt"));
    let (code, stderr) = build(&dir, &["--format", "pdf"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("named pipe"), "{stderr}");

    // The record: read as no record, so everything is built.
    let dir = project("fifo-record", &[]);
    std::fs::create_dir_all(dir.join("out")).unwrap();
    mkfifo(&dir.join("out/.charter-build.json"));
    let (code, stderr) = build(&dir, &["--format", "pdf"]);
    assert!(matches!(code, Some(0 | 2)), "{stderr}");
    assert!(dir.join("out/charter.pdf").is_file(), "{stderr}");

    // A charter named on the command line: that one is an error, the others are built;
    // under a folder, a FIFO is no charter and is passed over.
    let dir = out_dir("boundaries", "fifo-charter");
    std::fs::create_dir_all(dir.join("charters")).unwrap();
    std::fs::copy(
        root().join("examples/minimal.yaml"),
        dir.join("charters/good.yaml"),
    )
    .unwrap();
    mkfifo(&dir.join("charters/pipe.yaml"));
    for command in ["build", "check", "lint"] {
        let output = charter_in(&dir, &[command, "charters/pipe.yaml", "charters/good.yaml"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains(
                "cannot read `charters/pipe.yaml`: it is a named pipe (FIFO), not a regular file"
            ),
            "{command}: {stderr}"
        );
    }
    assert!(dir.join("build/good.pdf").is_file());
    let output = charter_in(&dir, &["check", "charters"]);
    assert_eq!(output.status.code(), Some(0));
}

/// Inputs past their limits are refused before they are read: a logo of 11 MB, a PNG
/// whose header claims 100,000 × 100,000 pixels, a record naming `/dev/zero` as an input,
/// a theme of too many files, a device or a FIFO named like a font under `--font-path`.
#[cfg(unix)]
#[test]
fn inputs_past_their_limits_are_refused() {
    let with_logo = |name: &str, logo: &[u8]| {
        let dir = project(name, &[]);
        let charter = std::fs::read_to_string(dir.join("charter.yaml")).unwrap();
        std::fs::write(
            dir.join("charter.yaml"),
            charter.replace("organization:\n", "organization:\n  logo: logo.png\n"),
        )
        .unwrap();
        std::fs::write(dir.join("logo.png"), logo).unwrap();
        dir
    };
    let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
    big.resize(11 * 1024 * 1024, 0);
    let dir = with_logo("big-logo", &big);
    let (code, stderr) = build(&dir, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("E402") && stderr.contains("at most 10 MB"),
        "{stderr}"
    );

    let dir = with_logo("huge-png", &huge_png(100_000, 100_000));
    let (code, stderr) = build(&dir, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("E402") && stderr.contains("100000 × 100000 pixels"),
        "{stderr}"
    );

    // A record whose input is `/dev/zero`: not a file, so the charter is built again.
    let dir = with_logo(
        "record-dev-zero",
        &std::fs::read(root().join("examples/ziwani-county-logo.svg")).unwrap(),
    );
    let (code, stderr) = build(&dir, &["--format", "pdf"]);
    assert_eq!(code, Some(0), "{stderr}");
    let record_path = dir.join("out/.charter-build.json");
    let record = std::fs::read_to_string(&record_path).unwrap();
    let logo = std::fs::canonicalize(dir.join("logo.png")).unwrap();
    std::fs::write(
        &record_path,
        record.replace(logo.to_str().unwrap(), "/dev/zero"),
    )
    .unwrap();
    let (code, stderr) = build(&dir, &["--format", "pdf"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("1 charter built"), "{stderr}");

    // A theme folder of more files than a theme may hold.
    let dir = project("many-files", &[]);
    std::fs::create_dir_all(dir.join("theme/images")).unwrap();
    for i in 0..=2000 {
        std::fs::write(dir.join(format!("theme/images/{i}.txt")), "x").unwrap();
    }
    let (code, stderr) = build(&dir, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("more than 2000 files"), "{stderr}");

    // Under `--font-path`, only font files are read, and only regular ones.
    let dir = project("font-path", &[]);
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    std::fs::write(fonts.join("notes.txt"), "not a font").unwrap();
    std::os::unix::fs::symlink("/dev/zero", fonts.join("zero.ttf")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(fonts.join("pipe.otf"))
        .status()
        .unwrap();
    assert!(status.success());
    let (code, stderr) = build(&dir, &["--font-path", "fonts", "--format", "pdf"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("font `fonts/zero.ttf` not used: it is a device"),
        "{stderr}"
    );
    assert!(
        stderr.contains("font `fonts/pipe.otf` not used: it is a named pipe"),
        "{stderr}"
    );
}

/// The header of a PNG that claims `width` × `height` pixels, and an empty image.
#[cfg(unix)]
fn huge_png(width: u32, height: u32) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend(kind);
        out.extend(data);
        let mut crc = !0u32;
        for &b in kind.iter().chain(data) {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        out.extend((!crc).to_be_bytes());
        out
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let ihdr = [
        &width.to_be_bytes()[..],
        &height.to_be_bytes(),
        &[8, 6, 0, 0, 0],
    ]
    .concat();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &[]));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// Runaway theme code, in Typst or in a template, stops at the memory or time bound of its
/// charter, with a diagnostic naming the theme; the other charters are built.
#[test]
fn runaway_theme_code_is_bounded() {
    let poster = "#let data = json(\"/charter.json\")\n#set page(width: data.build.width * 1mm, height: data.build.height * 1mm)\n#let xs = range(2000000000)\n#xs.len()\n";
    let page = "{% extends \"kenya/page.html\" %}{% block footer %}{% for i in range(end=100000) %}{% for j in range(end=100000) %}{{ i }} and more text {% endfor %}{% endfor %}{% endblock %}";
    for (name, file, text, format) in [
        ("typst-range", "poster.typ", poster, "pdf"),
        ("tera-loop", "page.html", page, "html"),
    ] {
        let dir = project(name, &[(file, text)]);
        std::fs::create_dir_all(dir.join("more")).unwrap();
        std::fs::copy(
            root().join("examples/minimal.yaml"),
            dir.join("more/other.yaml"),
        )
        .unwrap();
        let output = charter_in(
            &dir,
            &[
                "build",
                "charter.yaml",
                "more/other.yaml",
                "--theme",
                "theme",
                "-o",
                "out",
                "--format",
                format,
                "--memory-limit",
                "300",
                "--time-limit",
                "20",
            ],
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            (stderr.contains("E410") || stderr.contains("E409")) && stderr.contains("`theme`"),
            "{name}: {stderr}"
        );
        assert!(
            stderr.contains("0 of 2 charters built") || stderr.contains("2 failed"),
            "{name}: {stderr}"
        );
    }
}
