//! A small HTTP server for the preview: the output folder's files, the pages of
//! [`super::pages`], and a long-poll that answers when a new build is published.
//!
//! It binds to loopback unless told otherwise, serves only regular files whose real path
//! is inside the output folder, and never lets the browser cache (the files change under
//! it). Whatever a client sends, the server stays up and its memory stays bounded:
//! hyper reads a request's head into at most [`HEAD_BYTES`] and never a body (a request
//! announcing `Content-Length: 99999999999` costs nothing); at most [`CONNECTIONS`] are
//! served at once (more wait in the system's queue, then are closed); each gets
//! [`CONNECTION_TIME`] in all; files are sent only while the bytes in flight stay within
//! [`BYTES_IN_FLIGHT`]. It all runs on one thread, a tokio runtime of its own.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use tokio::sync::{Semaphore, watch};

use super::{Snapshot, pages};

/// How long a reload request waits for a build before answering "no change" (the page
/// then asks again).
const LONG_POLL: Duration = Duration::from_secs(25);
/// The most bytes of a request's line and headers.
pub const HEAD_BYTES: usize = 16 * 1024;
/// The most connections served at once.
pub const CONNECTIONS: usize = 64;
/// How long one connection may last, keep-alive and all (a long-poll takes 25 s).
pub const CONNECTION_TIME: Duration = Duration::from_secs(60);
/// How long a client may take to send a request's head.
const HEAD_TIME: Duration = Duration::from_secs(10);
/// The most bytes of files being sent at once, in MiB.
pub const BYTES_IN_FLIGHT: u32 = 256;

/// What every connection shares: the output folder, the latest build, and its version.
struct State {
    out: PathBuf,
    loopback: bool,
    snapshot: Mutex<(u64, Snapshot)>,
    version: watch::Sender<u64>,
    in_flight: Semaphore,
}

/// A running server. Dropping it does not stop it: it serves until the process ends.
pub struct Server {
    state: Arc<State>,
    pub address: SocketAddr,
}

impl Server {
    /// Binds `host:port` (`port` 0: any free port) and serves `out` in the background.
    pub fn start(host: &str, port: u16, out: &Path) -> Result<Server, String> {
        let listener = std::net::TcpListener::bind((host, port)).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                format!(
                    "port {port} is already in use; choose another with `--port`, or \
                     `--port 0` for any free one"
                )
            } else {
                format!("cannot listen on {host}:{port}: {e}")
            }
        })?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen on {host}:{port}: {e}"))?;
        let state = Arc::new(State::new(out, address.ip().is_loopback()));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        let shared = Arc::clone(&state);
        std::thread::Builder::new()
            .name("charter-serve".into())
            .spawn(move || runtime.block_on(accept(listener, shared)))
            .map_err(|e| format!("cannot start the server: {e}"))?;
        Ok(Server { state, address })
    }

    /// Makes a new build visible: pages waiting to reload are told at once.
    pub fn publish(&self, snapshot: Snapshot) {
        self.state.publish(snapshot);
    }
}

impl State {
    fn new(out: &Path, loopback: bool) -> State {
        State {
            out: std::path::absolute(out).unwrap_or_else(|_| out.to_owned()),
            loopback,
            snapshot: Mutex::new((0, Snapshot::default())),
            version: watch::Sender::new(0),
            in_flight: Semaphore::new(BYTES_IN_FLIGHT as usize),
        }
    }

    fn publish(&self, snapshot: Snapshot) {
        let mut shared = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        shared.0 += 1;
        shared.1 = snapshot;
        self.version.send_replace(shared.0);
    }

    fn current(&self) -> (u64, Snapshot) {
        self.snapshot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Accepts connections for ever; a failed accept (no file descriptors left) waits a
/// moment and goes on, so the port never closes while the process lives.
async fn accept(listener: std::net::TcpListener, state: Arc<State>) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: the preview server stopped: {e}");
            return;
        }
    };
    let connections = Arc::new(Semaphore::new(CONNECTIONS));
    loop {
        // Wait for a free slot first: further clients wait in the system's queue.
        let Ok(permit) = Arc::clone(&connections).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let _ = tokio::time::timeout(CONNECTION_TIME, connection(stream, state)).await;
            drop(permit);
        });
    }
}

/// Serves the requests of one connection (any byte stream: a socket, or a test's).
async fn connection<S>(stream: S, state: Arc<State>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |request| {
        let state = Arc::clone(&state);
        async move { Ok::<_, std::convert::Infallible>(handle(request, &state).await) }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .max_buf_size(HEAD_BYTES)
        // A client that closes its side after the request still gets the answer.
        .half_close(true)
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEAD_TIME)
        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
        .await;
}

/// Serves one connection whose client sends `request` and then nothing: what the server
/// writes back. For tests and the fuzzer, which send any bytes at all.
pub fn answer_raw(request: &[u8], out: &Path, snapshot: Snapshot) -> Vec<u8> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .expect("a runtime starts");
    let state = Arc::new(State::new(out, true));
    state.publish(snapshot);
    runtime.block_on(async {
        let (client, server) = tokio::io::duplex(64 * 1024);
        let serving = tokio::spawn(connection(server, state));
        let request = request.to_vec();
        let (mut reader, mut writer) = tokio::io::split(client);
        let sending = tokio::spawn(async move {
            let _ = writer.write_all(&request).await;
            let _ = writer.shutdown().await;
        });
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(2), reader.read_to_end(&mut answer)).await;
        sending.abort();
        serving.abort();
        answer
    })
}

type Reply = Response<Full<Bytes>>;

async fn handle(request: Request<Incoming>, state: &State) -> Reply {
    // The body, if any, is never read.
    let path = percent_encoding::percent_decode_str(request.uri().path())
        .decode_utf8_lossy()
        .into_owned();
    let host = request
        .headers()
        .get(hyper::header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.to_string()));
    // A web page elsewhere could make the browser ask `evil.example` that resolves to
    // 127.0.0.1 (DNS rebinding): a loopback preview answers only to local names.
    if state.loopback && !local_host(host.as_deref()) {
        return status(
            StatusCode::FORBIDDEN,
            "this preview answers only to localhost\n",
        );
    }
    if !matches!(*request.method(), hyper::Method::GET | hyper::Method::HEAD) {
        return status(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    }
    if path == pages::WAIT_PATH {
        let seen: u64 = request
            .uri()
            .query()
            .unwrap_or("")
            .split('&')
            .find_map(|pair| pair.strip_prefix("v="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut version = state.version.subscribe();
        let _ = tokio::time::timeout(LONG_POLL, version.wait_for(|v| *v != seen)).await;
        let now = *version.borrow();
        return ok(now.to_string().into_bytes(), "text/plain; charset=utf-8");
    }
    let (version, snapshot) = state.current();
    route(&path, &snapshot, version, state).await
}

/// Whether a request's `Host` names this machine's loopback (names are case-insensitive:
/// `LOCALHOST` is `localhost`).
fn local_host(host: Option<&str>) -> bool {
    let Some(host) = host else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    let name = name.trim_end_matches('.');
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn route(path: &str, snapshot: &Snapshot, version: u64, state: &State) -> Reply {
    let html = "text/html; charset=utf-8";
    // One charter: its page is the front page. Several: an index.
    if path == "/" {
        return match snapshot.charters.as_slice() {
            [one] => page(one, snapshot, version, state),
            _ => ok(pages::index(snapshot, version).into_bytes(), html),
        };
    }
    if let Some(stem) = path.strip_prefix(pages::PDF_PAGE) {
        return match snapshot.charters.iter().find(|c| c.stem == stem) {
            Some(charter) => match (&charter.problems, &charter.pdf) {
                (Some(problems), _) => {
                    ok(pages::broken(charter, problems, version).into_bytes(), html)
                }
                (None, Some(pdf)) => ok(pages::pdf(charter, pdf, version).into_bytes(), html),
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
        return page(charter, snapshot, version, state);
    }
    let Some(file) = file_in(&state.out, relative) else {
        return not_found();
    };
    // Only what is really inside the folder (a link `out/etc -> /etc` is not), only a
    // regular file (never a FIFO or `/dev/zero`), within the limit and the bytes in
    // flight.
    let Ok((_, size)) = crate::files::open_regular(&file) else {
        return not_found();
    };
    let megabytes = u32::try_from(size.div_ceil(1024 * 1024))
        .unwrap_or(u32::MAX)
        .max(1);
    if size > crate::limits::OUTPUT_BYTES || megabytes > BYTES_IN_FLIGHT {
        return status(
            StatusCode::PAYLOAD_TOO_LARGE,
            "this file is too big to preview\n",
        );
    }
    let Ok(_permit) = state.in_flight.acquire_many(megabytes).await else {
        return not_found();
    };
    let relative = Path::new(relative);
    match crate::files::read_inside(&state.out, relative, size) {
        Ok(Some(bytes)) => ok(bytes, content_type(&file)),
        _ => not_found(),
    }
}

fn page(charter: &super::CharterState, snapshot: &Snapshot, version: u64, state: &State) -> Reply {
    let html = "text/html; charset=utf-8";
    // A poster that does not fit still has its page (written all the same): shown, with
    // the problems above it; a charter that did not build at all shows its problems.
    if let Some(problems) = &charter.problems
        && charter.html.is_none()
    {
        return ok(pages::broken(charter, problems, version).into_bytes(), html);
    }
    let built = charter
        .html
        .as_deref()
        .filter(|p| file_in(&state.out, p).is_some())
        .and_then(|p| {
            crate::files::read_inside(&state.out, Path::new(p), crate::limits::OUTPUT_BYTES)
                .ok()
                .flatten()
        })
        .and_then(|bytes| String::from_utf8(bytes).ok());
    match built {
        Some(page) => {
            let page = match &charter.problems {
                Some(problems) => pages::with_problems(&page, charter, problems),
                None => page,
            };
            ok(pages::with_reload(&page, version).into_bytes(), html)
        }
        // Built without a page (`--format pdf`): the index links the PDF.
        None => ok(pages::index(snapshot, version).into_bytes(), html),
    }
}

/// `relative` inside `out`, or `None` for anything that would leave it (`..`, an absolute
/// path, a hidden file such as the build record), by the path's words; links are checked
/// when the file is read.
fn file_in(out: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    let plain = relative.components().all(|c| match c {
        Component::Normal(part) => !part.to_string_lossy().starts_with('.'),
        _ => false,
    });
    (plain && !relative.as_os_str().is_empty()).then(|| out.join(relative))
}

fn content_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match crate::render::Format::from_extension(extension) {
        Some(format) => format.media_type(),
        None if extension == "svg" => "image/svg+xml",
        None => "application/octet-stream",
    }
}

fn ok(body: Vec<u8>, content_type: &str) -> Reply {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    let headers = response.headers_mut();
    headers.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_str(content_type).unwrap_or(
            hyper::header::HeaderValue::from_static("application/octet-stream"),
        ),
    );
    headers.insert(
        hyper::header::CACHE_CONTROL,
        hyper::header::HeaderValue::from_static("no-store"),
    );
    response
}

fn status(code: StatusCode, message: &str) -> Reply {
    let mut response = ok(message.as_bytes().to_vec(), "text/plain; charset=utf-8");
    *response.status_mut() = code;
    response
}

fn not_found() -> Reply {
    status(StatusCode::NOT_FOUND, "not found\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_is_served_with_its_media_type() {
        for format in crate::render::Format::ALL {
            let file = Path::new("out").join(format!("kitui.{}", format.extension()));
            assert_eq!(content_type(&file), format.media_type());
        }
        assert_eq!(
            content_type(Path::new("kitui.jsonld")),
            "application/ld+json"
        );
        assert!(content_type(Path::new("kitui.csv")).starts_with("text/csv; charset=utf-8"));
        assert_eq!(content_type(Path::new("qr.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("x.exe")), "application/octet-stream");
    }

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
    fn requests_are_answered_from_the_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("a.pdf"), "%PDF-1.7").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("b.pdf")).unwrap();
        let answer = |request: &str| {
            String::from_utf8(answer_raw(request.as_bytes(), &out, Snapshot::default())).unwrap()
        };
        let got = answer("GET /a.pdf HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assert!(
            got.starts_with("HTTP/1.1 200") && got.ends_with("%PDF-1.7"),
            "{got}"
        );
        let got = answer("GET /b.pdf HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assert!(
            got.starts_with("HTTP/1.1 404") && !got.contains("secret"),
            "{got}"
        );
        let got = answer("GET /a.pdf HTTP/1.1\r\nHost: evil.example\r\n\r\n");
        assert!(got.starts_with("HTTP/1.1 403"), "{got}");
        let got = answer(
            "POST /a.pdf HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999\r\n\r\nx",
        );
        assert!(got.starts_with("HTTP/1.1 405"), "{got}");
        let got = answer("GET / HTTP/1.1\r\nHost: localhost\r\nX: yyy\r\n");
        assert!(
            !got.contains("200"),
            "an unfinished head gets no page: {got}"
        );
    }

    #[test]
    fn only_local_names_reach_a_loopback_server() {
        for host in [
            "localhost:8000",
            "LOCALHOST:8000",
            "LocalHost",
            "localhost.:8000",
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
            "localhost.evil.example",
            "",
            "10.0.0.1:8000",
        ] {
            assert!(!local_host(Some(host)), "{host}");
        }
        assert!(!local_host(None));
    }
}
