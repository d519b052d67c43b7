//! Building each charter in a worker process, within a time and a memory bound.
//!
//! A theme is code: nested loops that never end, a string doubled forty times, a
//! 20,000-page handbook. Typst cannot be interrupted from outside, and an allocation that
//! fails aborts the process, so a bound inside one process would lose the whole batch.
//! Instead each build thread of a batch drives a worker: the same `charter` executable,
//! started as `charter __build-worker`, which sets up the same engine once and then builds
//! one charter at a time, writing its outputs itself. The thread waits for each answer
//! until the deadline; past it the worker is killed, and the charter fails with
//! `E409 build-timeout`. A worker counts what it allocates (`crate::memory`) and exits at
//! once past its limit; the charter fails with `E410 build-memory`. Either way the next
//! charter gets a new worker, and the rest of the batch is built.
//!
//! The protocol: the first line on the worker's standard input is the [`Plan`] (JSON);
//! then one [`Job`] a line. The worker answers each on standard output with one line of
//! [`Reply`]. When its input closes (the batch is done, or its program died) it exits at
//! once. Workers are in a process group of their own, so a terminal's Ctrl-C reaches
//! only the batch, which decides (finish what is in flight, or stop now).

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::run::{BuildResult, Job, Status, build_job};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;
use crate::render::{Engine, Settings};
use crate::source::{Read, SourceFile};

/// How long and how much memory one charter's build may take. The defaults are far above
/// what any real charter needs (a few hundred milliseconds and 150 MB, the largest
/// accepted charter about 1 GB as a handbook): only a runaway theme meets them.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Bounds {
    pub time: Duration,
    /// Bytes a worker may have allocated at once.
    pub memory: u64,
}

impl Default for Bounds {
    fn default() -> Bounds {
        Bounds {
            time: Duration::from_secs(DEFAULT_SECONDS),
            memory: DEFAULT_MEGABYTES * 1024 * 1024,
        }
    }
}

/// The default deadline of one charter's build, in seconds.
pub const DEFAULT_SECONDS: u64 = 60;
/// The default memory bound of one charter's build, in MiB.
pub const DEFAULT_MEGABYTES: u64 = 2048;

/// What every worker of a run builds with: what the run itself was set up with.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Plan {
    /// The theme as `--theme` names it: a built-in name or a folder.
    pub theme: String,
    pub font_paths: Vec<PathBuf>,
    pub settings: Settings,
    pub bounds: Bounds,
}

/// A worker's answer to a job.
#[derive(Debug, Serialize, Deserialize)]
enum Reply {
    Built(Box<BuildResult>),
    Error(WireError),
}

/// An operational error, as a worker sends it.
#[derive(Debug, Serialize, Deserialize)]
struct WireError {
    kind: String,
    path: PathBuf,
    message: String,
}

impl WireError {
    fn new(error: &Error) -> WireError {
        let (kind, path, message) = match error {
            Error::Read { path, source } => ("read", path, crate::error::plain_io(source)),
            Error::Write { path, source } => ("write", path, crate::error::plain_io(source)),
            Error::Walk { path, message } => ("walk", path, message.clone()),
            Error::Crashed { path, message } => ("crashed", path, message.clone()),
            other => ("other", &PathBuf::new(), other.to_string()),
        };
        WireError {
            kind: kind.to_owned(),
            path: path.clone(),
            message,
        }
    }

    fn into_error(self) -> Error {
        let io = |message: String| {
            let kind = match message.as_str() {
                "no such file or directory" => std::io::ErrorKind::NotFound,
                "permission denied" => std::io::ErrorKind::PermissionDenied,
                "it is a directory" => std::io::ErrorKind::IsADirectory,
                _ => return std::io::Error::other(message),
            };
            std::io::Error::from(kind)
        };
        let path = self.path;
        match self.kind.as_str() {
            "read" => Error::Read {
                path,
                source: io(self.message),
            },
            "write" => Error::Write {
                path,
                source: io(self.message),
            },
            "walk" => Error::Walk {
                path,
                message: self.message,
            },
            _ => Error::Crashed {
                path,
                message: self.message,
            },
        }
    }
}

/// The workers of a run: how to start one, and those idle between batches (`charter
/// watch` builds again and again with the same workers).
pub struct Pool {
    plan: Plan,
    program: PathBuf,
    idle: std::sync::Mutex<Vec<Worker>>,
}

/// A worker taken from the pool by a build thread (none yet: one is started for its first
/// charter), given back when the thread is done.
pub struct Lease<'a> {
    pool: &'a Pool,
    pub worker: Option<Worker>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.take() {
            self.pool
                .idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(worker);
        }
    }
}

/// One running worker, driven by one build thread. Dropping it closes its input, which
/// ends it, and waits for it (no process is left behind, not even a zombie).
pub struct Worker {
    child: Child,
    input: Option<ChildStdin>,
    answers: mpsc::Receiver<String>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        drop(self.input.take());
        let _ = self.child.wait();
    }
}

impl Pool {
    /// Workers of `program` (the `charter` executable) that build with `plan`.
    pub fn new(program: PathBuf, plan: Plan) -> Pool {
        Pool {
            plan,
            program,
            idle: std::sync::Mutex::default(),
        }
    }

    /// A worker for one build thread: an idle one, or none yet.
    pub fn lease(&self) -> Lease<'_> {
        let worker = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        Lease { pool: self, worker }
    }

    pub fn bounds(&self) -> Bounds {
        self.plan.bounds
    }

    fn spawn(&self) -> std::io::Result<Worker> {
        let mut command = Command::new(&self.program);
        command
            .arg(WORKER_COMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        // A process group of its own, so a terminal's Ctrl-C reaches only the batch: on
        // Unix a new group; on Windows CREATE_NEW_PROCESS_GROUP (0x200), which also turns
        // Ctrl-C off in the worker.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        #[cfg(windows)]
        std::os::windows::process::CommandExt::creation_flags(&mut command, 0x0000_0200);
        let mut child = command.spawn()?;
        let mut input = child.stdin.take().expect("piped");
        let output = child.stdout.take().expect("piped");
        let (send, answers) = mpsc::channel();
        // The answers are read on a thread of their own, so the build thread can stop
        // waiting at the deadline.
        std::thread::Builder::new()
            .name("charter-worker-answers".into())
            .spawn(move || {
                for line in BufReader::new(output).lines() {
                    let Ok(line) = line else { break };
                    if send.send(line).is_err() {
                        break;
                    }
                }
            })?;
        let plan = serde_json::to_string(&self.plan).expect("a plan serialises");
        writeln!(input, "{plan}")?;
        Ok(Worker {
            child,
            input: Some(input),
            answers,
        })
    }

    /// Builds a job in `worker` (started when there is none, or the last one was lost),
    /// within the bounds. `read` is the charter as the batch read it, to report on when
    /// the worker gives no answer.
    pub fn build(&self, lease: &mut Lease, job: &Job, read: Read) -> Result<BuildResult, Error> {
        let worker = &mut lease.worker;
        let source = match read {
            Read::Text(source) | Read::Refused(source, _) => source,
        };
        if worker.is_none() {
            *worker = Some(self.spawn().map_err(|e| Error::Crashed {
                path: job.file.clone(),
                message: format!("a build worker could not be started: {e}"),
            })?);
        }
        let running = worker.as_mut().expect("just started");
        let start = std::time::Instant::now();
        let sent = serde_json::to_string(job)
            .map_err(std::io::Error::other)
            .and_then(|line| match &mut running.input {
                Some(input) => writeln!(input, "{line}"),
                None => Err(std::io::ErrorKind::BrokenPipe.into()),
            });
        let answer = match sent {
            Ok(()) => running.answers.recv_timeout(self.plan.bounds.time),
            Err(_) => Err(mpsc::RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(line) => match serde_json::from_str::<Reply>(&line) {
                Ok(Reply::Built(result)) => Ok(*result),
                Ok(Reply::Error(error)) => Err(error.into_error()),
                Err(e) => {
                    worker.take();
                    Err(Error::Crashed {
                        path: job.file.clone(),
                        message: format!("a build worker answered what cannot be read: {e}"),
                    })
                }
            },
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let mut lost = worker.take().expect("running");
                let _ = lost.child.kill();
                drop(lost);
                Ok(self.bounded(source, job, start, Bound::Time))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let mut lost = worker.take().expect("running");
                let status = lost.child.wait();
                match status.map(|s| s.code()) {
                    Ok(Some(crate::memory::EXIT_OVER_LIMIT)) => {
                        Ok(self.bounded(source, job, start, Bound::Memory))
                    }
                    other => Err(lost_worker(
                        &job.file,
                        other.map_err(|e| crate::error::plain_io(&e)),
                    )),
                }
            }
        }
    }

    /// The result of a charter whose build went past a bound: failed, with the diagnostic
    /// that says which, naming the theme.
    fn bounded(
        &self,
        source: SourceFile,
        job: &Job,
        start: std::time::Instant,
        bound: Bound,
    ) -> BuildResult {
        let theme = &self.plan.theme;
        let theme = theme
            .strip_prefix(crate::theme::BUILTIN_PREFIX)
            .unwrap_or(theme);
        let bounds = self.plan.bounds;
        let diagnostic = match bound {
            Bound::Time => Diagnostic::error(
                Code::BuildTimeout,
                format!(
                    "building this charter with the theme `{theme}` took longer than {} s, \
                     so it was stopped",
                    bounds.time.as_secs_f64()
                ),
            )
            .with_hint(
                "a charter builds in well under a second with the built-in themes: if the \
                 theme is yours, look for a loop that never ends; if the charter is really \
                 this big, allow more time with `--time-limit SECONDS`",
            ),
            Bound::Memory => Diagnostic::error(
                Code::BuildMemory,
                format!(
                    "building this charter with the theme `{theme}` needed more than {} MB \
                     of memory, so it was stopped",
                    bounds.memory / (1024 * 1024)
                ),
            )
            .with_hint(
                "a charter needs about 150 MB with the built-in themes: if the theme is \
                 yours, look for text or lists that grow without end; if the charter is \
                 really this big, allow more with `--memory-limit MB`",
            ),
        };
        let mut result = BuildResult::new(source, Status::Failed);
        result.stem = super::incremental::stem_key(&job.out, &job.stem);
        result.stale = job
            .previous
            .iter()
            .filter(|p| p.is_file())
            .cloned()
            .collect();
        result.diagnostics.push(diagnostic);
        result.elapsed = start.elapsed();
        result
    }
}

/// Why a worker ended without answering for `path`, from its exit status: it could not
/// set up (status 2, after saying why), or it crashed.
fn lost_worker(path: &std::path::Path, status: Result<Option<i32>, String>) -> Error {
    let path = path.to_owned();
    match status {
        Ok(Some(SETUP_FAILED)) => Error::WorkerStart { path },
        Ok(Some(code)) => Error::Crashed {
            path,
            message: format!("its build worker exited with status {code}"),
        },
        Ok(None) => Error::Crashed {
            path,
            message: "its build worker was killed by a signal (a stack overflow, or another \
                      program)"
                .into(),
        },
        Err(e) => Error::Crashed {
            path,
            message: format!("its build worker was lost: {e}"),
        },
    }
}

/// The exit status of a worker that could not set up.
const SETUP_FAILED: i32 = 2;

enum Bound {
    Time,
    Memory,
}

/// The hidden command a worker is started with.
pub const WORKER_COMMAND: &str = "__build-worker";

/// A worker's life: read the plan, set up, then build each job as it comes, until the
/// input closes. Returns the exit status (2 when it cannot set up).
pub fn serve() -> u8 {
    let (jobs, plan) = match read_plan() {
        Ok(started) => started,
        Err(message) => {
            eprintln!("error: a build worker could not start: {message}");
            return SETUP_FAILED as u8;
        }
    };
    crate::memory::set_limit(usize::try_from(plan.bounds.memory).unwrap_or(usize::MAX));
    let engine = match engine(&plan) {
        Ok(engine) => engine,
        Err(message) => {
            eprintln!("error: a build worker could not start: {message}");
            return SETUP_FAILED as u8;
        }
    };
    let stdout = std::io::stdout();
    for job in jobs {
        let reply =
            match crate::error::isolate(&job.file, || build_job(&job, &engine, &plan.settings)) {
                Ok(result) => Reply::Built(Box::new(result)),
                Err(error) => Reply::Error(WireError::new(&error)),
            };
        typst::comemo::evict(10);
        let line = serde_json::to_string(&reply).expect("a reply serialises");
        let mut out = stdout.lock();
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            break;
        }
    }
    0
}

/// The plan, and the jobs that follow it, read on a thread of their own: when the input
/// closes, the worker's batch is gone, and it exits at once, whatever it is building.
fn read_plan() -> Result<(mpsc::Receiver<Job>, Plan), String> {
    let (plan_send, plan_receive) = mpsc::channel();
    let (job_send, jobs) = mpsc::channel();
    std::thread::Builder::new()
        .name("charter-worker-jobs".into())
        .spawn(move || {
            let mut lines = std::io::stdin().lock().lines();
            let plan = lines.next().and_then(Result::ok);
            let _ = plan_send.send(plan);
            for line in lines {
                let Ok(line) = line else { break };
                match serde_json::from_str::<Job>(&line) {
                    Ok(job) => {
                        if job_send.send(job).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                }
            }
            std::process::exit(0);
        })
        .map_err(|e| e.to_string())?;
    let plan = plan_receive
        .recv()
        .ok()
        .flatten()
        .ok_or("no plan on standard input")?;
    let plan: Plan = serde_json::from_str(&plan).map_err(|e| e.to_string())?;
    Ok((jobs, plan))
}

fn engine(plan: &Plan) -> Result<Engine, String> {
    let theme = crate::theme::Theme::load(&plan.theme).map_err(|e| e.to_string())?;
    let mut engine = Engine::new(theme, &plan.font_paths);
    if plan.settings.formats.contains(crate::render::Format::Html) {
        let templates =
            crate::render::html::Templates::load(&engine.theme).map_err(|problems| {
                problems
                    .first()
                    .map_or_else(String::new, |p| p.diagnostic.message.clone())
            })?;
        engine.templates = Some(templates);
    }
    Ok(engine)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worker_that_could_not_set_up_is_not_called_a_crash() {
        let path = std::path::Path::new("kitui.yaml");
        let error = lost_worker(path, Ok(Some(SETUP_FAILED)));
        assert!(matches!(error, Error::WorkerStart { .. }), "{error}");
        assert!(!error.to_string().contains("bug"), "{error}");
        // Any other end is a crash, and says how it ended.
        let error = lost_worker(path, Ok(Some(101)));
        assert!(error.to_string().contains("status 101") && error.to_string().contains("bug"));
        assert!(lost_worker(path, Ok(None)).to_string().contains("signal"));
    }
}
