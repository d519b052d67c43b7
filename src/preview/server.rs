//! A small HTTP server for the preview: the output folder's files, the pages of
//! [`super::pages`], and a long-poll that answers when a new build is published.
//!
//! It binds to loopback unless told otherwise, serves only files inside the output folder,
//! and never lets the browser cache (the files change under it).

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response};

use super::{Snapshot, pages};

/// How long a reload request waits for a build before answering "no change" (the page
/// then asks again).
const LONG_POLL: Duration = Duration::from_secs(25);

struct Shared {
    version: u64,
    snapshot: Snapshot,
}

/// A running server. Dropping it does not stop it: it serves until the process ends.
pub struct Server {
    state: Arc<(Mutex<Shared>, Condvar)>,
    pub address: SocketAddr,
}

impl Server {
    /// Binds `host:port` (`port` 0: any free port) and serves `out` in the background.
    pub fn start(host: &str, port: u16, out: &Path) -> Result<Server, String> {
        let http = tiny_http::Server::http((host, port)).map_err(|e| {
            let in_use = e
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse);
            if in_use {
                format!(
                    "port {port} is already in use; choose another with `--port`, or \
                     `--port 0` for any free one"
                )
            } else {
                format!("cannot listen on {host}:{port}: {e}")
            }
        })?;
        let address = http
            .server_addr()
            .to_ip()
            .ok_or("the server has no IP address")?;
        let state = Arc::new((
            Mutex::new(Shared {
                version: 0,
                snapshot: Snapshot::default(),
            }),
            Condvar::new(),
        ));
        let out = std::path::absolute(out).unwrap_or_else(|_| out.to_owned());
        let loopback = address.ip().is_loopback();
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for request in http.incoming_requests() {
                let shared = Arc::clone(&shared);
                let out = out.clone();
                // One thread per request: a long-poll must not hold up the others.
                std::thread::spawn(move || handle(request, &shared, &out, loopback));
            }
        });
        Ok(Server { state, address })
    }

    /// Makes a new build visible: pages waiting to reload are told at once.
    pub fn publish(&self, snapshot: Snapshot) {
        let (lock, changed) = &*self.state;
        let mut shared = lock.lock().unwrap_or_else(|e| e.into_inner());
        shared.version += 1;
        shared.snapshot = snapshot;
        changed.notify_all();
    }
}

fn handle(request: Request, state: &(Mutex<Shared>, Condvar), out: &Path, loopback: bool) {
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let (lock, changed) = state;
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_owned());
    // A web page elsewhere could make the browser ask `evil.example` that resolves to
    // 127.0.0.1 (DNS rebinding): a loopback preview answers only to local names.
    let response = if loopback && !local_host(host.as_deref()) {
        text(
            "this preview answers only to localhost\n".to_owned(),
            "text/plain; charset=utf-8",
        )
        .with_status_code(403)
    } else if path == pages::WAIT_PATH {
        let seen: u64 = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("v="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let shared = lock.lock().unwrap_or_else(|e| e.into_inner());
        let (shared, _) = changed
            .wait_timeout_while(shared, LONG_POLL, |s| s.version == seen)
            .unwrap_or_else(|e| e.into_inner());
        text(shared.version.to_string(), "text/plain; charset=utf-8")
    } else {
        let shared = lock.lock().unwrap_or_else(|e| e.into_inner());
        let (version, snapshot) = (shared.version, shared.snapshot.clone());
        drop(shared);
        route(&path, &snapshot, version, out)
    };
    let _ = request.respond(response);
}

/// Whether a request's `Host` names this machine's loopback.
fn local_host(host: Option<&str>) -> bool {
    let Some(host) = host else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    name == "localhost"
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn route(path: &str, snapshot: &Snapshot, version: u64, out: &Path) -> Reply {
    let html = "text/html; charset=utf-8";
    // One charter: its page is the front page. Several: an index.
    if path == "/" {
        return match snapshot.charters.as_slice() {
            [one] => page(one, snapshot, version, out),
            _ => text(pages::index(snapshot, version), html),
        };
    }
    if let Some(stem) = path.strip_prefix(pages::PDF_PAGE) {
        return match snapshot.charters.iter().find(|c| c.stem == stem) {
            Some(charter) => match (&charter.problems, &charter.pdf) {
                (Some(problems), _) => text(pages::broken(charter, problems, version), html),
                (None, Some(pdf)) => text(pages::pdf(charter, pdf, version), html),
                (None, None) => not_found(),
            },
            None => not_found(),
        };
    }
    let relative = path.trim_start_matches('/');
    // A charter's page: the built one with the reload script, or its problems.
    if let Some(charter) = snapshot.charters.iter().find(|c| {
        c.html.as_deref() == Some(relative)
            || (c.problems.is_some() && format!("{}.html", c.stem) == relative)
    }) {
        return page(charter, snapshot, version, out);
    }
    match file_in(out, relative) {
        Some(file) => match std::fs::read(&file) {
            Ok(bytes) => text_bytes(bytes, content_type(&file)),
            Err(_) => not_found(),
        },
        None => not_found(),
    }
}

fn page(charter: &super::CharterState, snapshot: &Snapshot, version: u64, out: &Path) -> Reply {
    let html = "text/html; charset=utf-8";
    if let Some(problems) = &charter.problems {
        return text(pages::broken(charter, problems, version), html);
    }
    let built = charter
        .html
        .as_deref()
        .and_then(|p| file_in(out, p))
        .and_then(|p| std::fs::read_to_string(p).ok());
    match built {
        Some(page) => text(pages::with_reload(&page, version), html),
        // Built without a page (`--format pdf`): the index links the PDF.
        None => text(pages::index(snapshot, version), html),
    }
}

/// `relative` inside `out`, or `None` for anything that would leave it (`..`, an absolute
/// path, a hidden file such as the build record).
fn file_in(out: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    let plain = relative.components().all(|c| match c {
        Component::Normal(part) => !part.to_string_lossy().starts_with('.'),
        _ => false,
    });
    (plain && !relative.as_os_str().is_empty()).then(|| out.join(relative))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn text(body: String, content_type: &str) -> Reply {
    text_bytes(body.into_bytes(), content_type)
}

fn text_bytes(body: Vec<u8>, content_type: &str) -> Reply {
    Response::from_data(body)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

fn not_found() -> Reply {
    text("not found\n".to_owned(), "text/plain; charset=utf-8").with_status_code(404)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_inside_the_output_folder_are_served() {
        let out = Path::new("/srv/out");
        assert_eq!(
            file_in(out, "a/b.pdf"),
            Some(PathBuf::from("/srv/out/a/b.pdf"))
        );
        for bad in [
            "../Cargo.toml",
            "a/../../x",
            "/etc/passwd",
            ".charter-build.json",
            "",
        ] {
            assert_eq!(file_in(out, bad), None, "{bad}");
        }
    }

    #[test]
    fn only_local_names_reach_a_loopback_server() {
        for host in [
            "localhost:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "localhost",
            // `--host 127.0.0.2`: all of 127.0.0.0/8 is loopback.
            "127.0.0.2:8000",
        ] {
            assert!(local_host(Some(host)), "{host}");
        }
        for host in [
            "evil.example:8000",
            "127.0.0.1.evil.example",
            "",
            "10.0.0.1:8000",
        ] {
            assert!(!local_host(Some(host)), "{host}");
        }
        assert!(!local_host(None));
    }
}
