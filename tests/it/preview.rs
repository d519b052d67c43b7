//! `charter watch` and `charter serve`, run as a user would: a real process, real saves,
//! and HTTP requests to the preview server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::{out_dir, root};

/// A running `charter watch` or `serve`, stopped when dropped, with its stderr lines.
struct Running {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    fn start(dir: &Path, args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Running {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// The lines printed during `duration`.
    fn lines_for(&mut self, duration: Duration) -> Vec<String> {
        let deadline = Instant::now() + duration;
        let mut lines = Vec::new();
        while let Ok(line) = self
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.seen.push(line.clone());
            lines.push(line);
        }
        lines
    }

    /// Waits for a line containing `needle` (after those already waited for).
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "no line with {needle:?} within 30 s; stderr so far:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }
}

/// A GET over a plain socket: the status code and the body.
fn get(port: u16, path: &str) -> (u16, String) {
    get_as(port, path, "localhost")
}

/// A GET with the given `Host` header.
fn get_as(port: u16, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// The build version a served page was made from (its reload script's `var v=`).
fn version(page: &str) -> u64 {
    let start = page.find("var v=").expect("a reload script") + "var v=".len();
    page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

fn project(name: &str) -> PathBuf {
    let dir = out_dir("preview", name);
    std::fs::create_dir_all(&dir).unwrap();
    for file in ["full.yaml", "ziwani-county-logo.svg"] {
        std::fs::copy(root().join("examples").join(file), dir.join(file)).unwrap();
    }
    dir
}

/// Rewrites a file as an editor saves it: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let temporary = path.with_extension("saving");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

#[test]
fn serve_shows_the_page_reloads_it_after_a_save_and_shows_problems_instead_of_a_stale_page() {
    let dir = project("serve");
    let mut serve = Running::start(&dir, &["serve", "full.yaml", "-o", "out", "--port", "0"]);
    let line = serve.wait_for("serving at http://127.0.0.1:");
    let port: u16 = line
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap();
    serve.wait_for("watching for changes");

    let (status, page) = get(port, "/");
    assert_eq!(status, 200);
    assert!(page.contains("Ziwani"), "the charter's page");
    assert!(
        page.contains("/__charter/wait?v="),
        "with the reload script"
    );
    assert!(
        !std::fs::read_to_string(dir.join("out/full.html"))
            .unwrap()
            .contains("__charter"),
        "the file written has no reload script"
    );
    let (status, pdf) = get(port, "/full.pdf");
    assert_eq!(status, 200);
    assert!(pdf.starts_with("%PDF"));
    let (status, holder) = get(port, "/__charter/pdf/full");
    assert_eq!(status, 200);
    assert!(
        holder.contains("<iframe") && holder.contains("full.pdf?v=1"),
        "{holder}"
    );
    for outside in [
        "/../Cargo.toml",
        "/%2e%2e/full.yaml",
        "/.charter-build.json",
    ] {
        assert_eq!(get(port, outside).0, 404, "{outside}");
    }
    // A page of another site resolving its name to 127.0.0.1 (DNS rebinding) is refused.
    assert_eq!(get_as(port, "/", "evil.example").0, 403);

    // A save: a page waiting to reload is answered with a newer version.
    let waiting =
        std::thread::spawn(move || get(port, &format!("/__charter/wait?v={}", version(&page))));
    std::thread::sleep(Duration::from_millis(200));
    let text = std::fs::read_to_string(dir.join("full.yaml")).unwrap();
    save(&dir.join("full.yaml"), &text.replace("Ziwani", "Pwani"));
    let (status, _) = waiting.join().unwrap();
    assert_eq!(status, 200);
    let (_, page) = get(port, "/");
    assert!(page.contains("Pwani") && !page.contains("Ziwani"));

    // A broken charter: its problems, not the last good page.
    save(&dir.join("full.yaml"), &format!("{text}\nservices: [\n"));
    get(port, &format!("/__charter/wait?v={}", version(&page)));
    let (status, page) = get(port, "/");
    assert_eq!(status, 200);
    assert!(page.contains("full.yaml does not build"), "{page}");
    assert!(page.contains("E10"), "the diagnostic's code: {page}");
    assert!(
        page.contains("/__charter/wait?v="),
        "and it reloads when fixed"
    );
    save(&dir.join("full.yaml"), &text);
    get(port, &format!("/__charter/wait?v={}", version(&page)));
    assert!(get(port, "/").1.contains("Ziwani"));

    // Broken again, then back to the text of the last good build: nothing to build, and
    // the terminal says the charter is fine (or the save would seem ignored).
    serve.lines_for(Duration::from_millis(300));
    save(&dir.join("full.yaml"), &format!("{text}\nservices: [\n"));
    serve.wait_for("1 failed: full.yaml");
    save(&dir.join("full.yaml"), &text);
    serve.wait_for("full.yaml is fixed: its outputs are up to date");
}

#[test]
fn watch_rebuilds_when_the_logo_or_the_theme_changes_but_not_for_other_files() {
    let dir = project("watch");
    let theme = crate::override_theme(&dir);
    let mut watch = Running::start(
        &dir,
        &["watch", "full.yaml", "-o", "out", "--theme", "theme", "-v"],
    );
    watch.wait_for("watching for changes");
    let page = || std::fs::read_to_string(dir.join("out/full.html")).unwrap();
    assert!(page().contains("Visit us on market days."));

    // Another file in the folder is not a reason to build.
    std::fs::write(dir.join("notes.txt"), "minutes of the meeting").unwrap();
    let quiet = watch.lines_for(Duration::from_millis(500));
    assert!(
        !quiet
            .iter()
            .any(|l| l.contains("changed") || l.contains("built")),
        "{quiet:?}"
    );
    // The logo is.
    let logo = dir.join("ziwani-county-logo.svg");
    let svg = std::fs::read_to_string(&logo).unwrap();
    save(&logo, &svg.replace("</svg>", "<!-- v2 --></svg>"));
    watch.wait_for("changed: ");
    watch.wait_for("built full.yaml");
    watch.wait_for("ms after the save");
    assert!(
        !watch.seen.iter().any(|l| l.contains("notes.txt")),
        "{:?}",
        watch.seen
    );

    // So is the theme: its files are loaded again.
    let template = theme.join("page.html");
    let text = std::fs::read_to_string(&template).unwrap();
    save(&template, &text.replace("market days", "Fridays"));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !page().contains("Visit us on Fridays.") {
        assert!(Instant::now() < deadline, "{:?}", watch.seen);
        std::thread::sleep(Duration::from_millis(20));
    }
    watch.wait_for("built full.yaml");
    assert!(
        !watch.seen.iter().any(|l| l.contains("notes.txt")),
        "{:?}",
        watch.seen
    );
}

#[test]
fn watch_builds_again_when_a_broken_logo_is_replaced() {
    let dir = out_dir("preview", "logo-fix");
    std::fs::create_dir_all(&dir).unwrap();
    for file in ["charter.yaml", "logo.png"] {
        std::fs::copy(
            root().join("tests/build/bad-logo").join(file),
            dir.join(file),
        )
        .unwrap();
    }
    let mut watch = Running::start(&dir, &["watch", "charter.yaml", "-o", "out"]);
    watch.wait_for("E402");
    watch.wait_for("watching for changes");
    // The logo was never read into a build, yet replacing it is the fix.
    let svg = std::fs::read(root().join("examples/ziwani-county-logo.svg")).unwrap();
    let temporary = dir.join("logo.saving");
    std::fs::write(&temporary, svg).unwrap();
    std::fs::rename(&temporary, dir.join("logo.png")).unwrap();
    watch.wait_for("built charter.yaml");
    assert!(dir.join("out/charter.pdf").is_file());
}

/// Sends raw bytes and reads what comes back (until the server closes, or 20 s).
#[cfg(target_os = "linux")]
fn raw(port: u16, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let _ = stream.write_all(request);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

/// The server survives any request, in bounded memory: a body announced as 100 GB, a
/// head of a megabyte, hundreds of connections that send nothing; it serves nothing
/// outside its folder through a link, nor a FIFO or a device; host names are
/// case-insensitive.
#[cfg(target_os = "linux")]
#[test]
fn serve_survives_any_request_and_serves_only_its_folder() {
    let dir = project("serve-hostile");
    let mut serve = Running::start(&dir, &["serve", "full.yaml", "-o", "out", "--port", "0"]);
    let line = serve.wait_for("serving at http://127.0.0.1:");
    let port: u16 = line
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap();
    serve.wait_for("watching for changes");
    let out = dir.join("out");
    std::os::unix::fs::symlink("/etc", out.join("etc")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", out.join("zero.pdf")).unwrap();
    let status = Command::new("mkfifo")
        .arg(out.join("pipe.pdf"))
        .status()
        .unwrap();
    assert!(status.success());

    let answer = raw(
        port,
        b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999\r\n\r\nabc",
    );
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
    let mut big = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ".to_vec();
    big.resize(1024 * 1024, b'a');
    let answer = raw(port, &big);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );
    for path in ["/etc/passwd", "/etc/hostname", "/zero.pdf", "/pipe.pdf"] {
        assert_eq!(get(port, path).0, 404, "{path}");
    }
    assert_eq!(get_as(port, "/", "LOCALHOST").0, 200);
    assert_eq!(get_as(port, "/", "LocalHost:8000").0, 200);

    // Connections that never send a request hold a slot each until their head times
    // out; a client after them is still answered.
    let idle: Vec<TcpStream> = (0..150)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok())
        .collect();
    let start = Instant::now();
    let (status, page) = get(port, "/");
    assert_eq!(status, 200, "{page}");
    assert!(start.elapsed() < Duration::from_secs(30));
    drop(idle);

    let peak = std::fs::read_to_string(format!("/proc/{}/status", serve.child.id()))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_owned()))
        .unwrap();
    let kb: u64 = peak.trim_end_matches(" kB").trim().parse().unwrap();
    assert!(kb < 300 * 1024, "serve peaked at {peak}");
}

/// Saving text pasted from Word (a line of one non-breaking space) used to kill `watch`:
/// now it reports the character, and builds again once the line is gone.
#[test]
fn watch_survives_a_save_of_pasted_characters() {
    let dir = project("watch-pasted");
    let mut watch = Running::start(&dir, &["watch", "full.yaml", "-o", "out"]);
    watch.wait_for("watching for changes");
    let text = std::fs::read_to_string(dir.join("full.yaml")).unwrap();
    save(
        &dir.join("full.yaml"),
        &text.replacen("\n\n", "\n\u{a0}\n", 1),
    );
    watch.wait_for("non-breaking space (U+00A0)");
    save(&dir.join("full.yaml"), &text);
    watch.wait_for("full.yaml is fixed");
    assert!(
        watch.child.try_wait().unwrap().is_none(),
        "watch is still running"
    );
}
