//! Mermaid diagrams are drawn in a separate process, the diagram worker.
//!
//! `mermaid-text` is not safe on every input: a subgraph opened inside a subgraph of the same id
//! makes it recurse until the stack overflows, which aborts the whole process on whatever thread
//! it happens (no panic guard can catch it), and other inputs could loop or allocate without
//! bound. Nothing untrusted may run in the workbench's process like that, so diagrams are drawn
//! by a worker: this same executable, started with [`MODE_VAR`] set, which [`serve_if_worker`]
//! turns into the worker at the very top of `main`, before anything else is loaded.
//!
//! The worker limits its address space to [`MEMORY_LIMIT`], writes no core file, draws on a
//! thread with a [`STACK_SIZE`] stack (deep legitimate diagrams fit; runaway recursion ends
//! quickly), keeps the panic guard around the drawing library, and reads nothing but its
//! requests: its standard input and output are the protocol and are pointed at `/dev/null` for
//! anything else, and it exits when its parent is gone.
//!
//! The workbench keeps one worker per process ([`draw`]), started on the first diagram and
//! reused, one request at a time behind a lock. A reply that does not come within
//! [`TIME_LIMIT`] gets the worker killed; a worker that dies (stack overflow, abort, out of
//! memory) fails its request with the reason, read from what it wrote on its standard error. The
//! next request starts a new worker. When no worker can be started the diagram is not drawn: the
//! drawing library never runs in this process.
//!
//! The protocol, over the worker's standard input and output, one request at a time:
//! - request: the width (u32, little-endian), the source's length in bytes (u32), the source
//!   (UTF-8);
//! - reply: the kind (u8: 0 drawn, 1 drawn top-down, 2 not drawn), the text's length (u32), the
//!   text (UTF-8): the drawing, or why there is none.
//!
//! The drawing is data: the renderer sanitises it like any text from a document.

use std::ffi::OsString;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
#[cfg(not(unix))]
use std::sync::mpsc::Receiver;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use super::diagram::{self, Drawing};

/// The environment variable that names the worker executable, overriding the one `main`
/// registers (see [`use_worker_executable`]).
pub const PATH_VAR: &str = "INFRADRAFT_DIAGRAM_WORKER";
/// The environment variable that makes this executable the diagram worker, and its value.
const MODE_VAR: &str = "INFRADRAFT_WORKER_MODE";
const MODE: &str = "diagram-1";
/// Debug builds only: with this set, the worker hangs on a source holding `%% test: hang` and
/// allocates without bound on one holding `%% test: hog`, so tests can prove the limits.
const HOOKS_VAR: &str = "INFRADRAFT_TEST_DIAGRAM_HOOKS";

/// How long one drawing may take before the worker is killed.
pub(crate) const TIME_LIMIT: Duration = Duration::from_secs(2);
/// The worker's address space limit. Drawing 2,000 real diagrams (flowcharts with subgraphs,
/// sequence, state, pie and ER diagrams) peaks at about 180 MiB of address space in a release
/// build's worker (7 MiB resident), most of it the drawing thread's stack and the allocator's
/// reservations.
pub(crate) const MEMORY_LIMIT: u64 = 1 << 30;
/// The stack of the thread that draws: twice a main thread's. The deepest flowchart of 8 KiB
/// (440 nested subgraphs) is drawn within 8 MiB (though not within the time limit). A runaway
/// recursion fills the stack before the worker dies, which takes time in proportion (a quarter
/// of a second for 32 MiB here), and a diagram being typed can crash the worker on every key.
pub(crate) const STACK_SIZE: usize = 16 << 20;
/// The largest request the worker reads.
const MAX_REQUEST: usize = 1 << 20;
/// The largest reply the workbench reads.
const MAX_REPLY: usize = 16 << 20;

static EXECUTABLE: OnceLock<PathBuf> = OnceLock::new();

/// Names the executable to start as the diagram worker: `main` registers its own. Without one,
/// library code run from a test binary (`target/<profile>/deps/<test>-<hash>`) uses the
/// `infradraft` binary cargo built beside it, and [`PATH_VAR`] overrides both.
pub fn use_worker_executable(path: PathBuf) {
    let _ = EXECUTABLE.set(path);
}

/// In a process started as the diagram worker, serves requests until the parent closes the pipe
/// and exits; otherwise returns at once. `main` calls this before anything else.
pub fn serve_if_worker() {
    if std::env::var_os(MODE_VAR).is_some_and(|m| m == MODE) {
        std::process::exit(serve());
    }
}

/// Draws `source` in the worker (see the module documentation).
pub(crate) fn draw(source: &str, max_width: usize) -> Result<Drawing, String> {
    static CLIENT: Mutex<Option<Client>> = Mutex::new(None);
    let mut client = CLIENT.lock().unwrap_or_else(PoisonError::into_inner);
    client
        .get_or_insert_with(|| Client::new(Vec::new(), TIME_LIMIT))
        .draw(source, max_width)
}

/// The executable to start as the worker, or why there is none.
fn worker_executable() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os(PATH_VAR).filter(|p| !p.is_empty()) {
        return Ok(path.into());
    }
    if let Some(path) = EXECUTABLE.get() {
        return Ok(path.clone());
    }
    // A test binary: never start the test binary itself (it would run the tests), but the
    // binary cargo builds for integration tests, `target/<profile>/infradraft`.
    let exe = std::env::current_exe().map_err(|e| format!("no diagram renderer: {e}"))?;
    let dir = exe.parent();
    if let Some(dir) = dir.filter(|d| d.file_name().is_some_and(|n| n == "deps"))
        && let Some(profile) = dir.parent()
    {
        let candidate = profile.join(format!("infradraft{}", std::env::consts::EXE_SUFFIX));
        if candidate.is_file() && candidate != exe {
            return Ok(candidate);
        }
    }
    Err(format!(
        "no diagram renderer: this program did not name one (set {PATH_VAR} to an infradraft \
         executable)"
    ))
}

/// The next thing read from a worker.
enum Next {
    Reply(Result<Drawing, String>),
    /// The replies ended: the worker closed its output (it died), or a reply broke the protocol
    /// (the reason).
    Ended(Option<String>),
    /// No reply within the time limit.
    TimedOut,
}

/// A running worker.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stderr: Option<ChildStderr>,
    replies: Replies,
}

/// A worker's replies, read with a time limit: on Unix straight from the pipe by the thread that
/// asked, waiting with `poll` (no thread in between, which keeps a round trip short).
#[cfg(unix)]
struct Replies(BufReader<TimedPipe>);

#[cfg(unix)]
impl Replies {
    fn new(stdout: ChildStdout) -> std::io::Result<Replies> {
        Ok(Replies(BufReader::new(TimedPipe {
            pipe: stdout,
            deadline: Instant::now(),
        })))
    }

    fn next(&mut self, limit: Duration) -> Next {
        self.0.get_mut().deadline = Instant::now() + limit;
        read_reply(&mut self.0)
    }
}

/// The worker's output, whose reads fail with `TimedOut` past the deadline.
#[cfg(unix)]
struct TimedPipe {
    pipe: ChildStdout,
    deadline: Instant,
}

#[cfg(unix)]
impl Read for TimedPipe {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::os::fd::AsRawFd;
        loop {
            let left = self.deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(std::io::ErrorKind::TimedOut.into());
            }
            let mut fd = libc::pollfd {
                fd: self.pipe.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = i32::try_from(left.as_millis()).unwrap_or(i32::MAX).max(1);
            // SAFETY: one valid pollfd, for a descriptor this struct owns.
            let ready = unsafe { libc::poll(&mut fd, 1, ms) };
            if ready > 0 {
                return self.pipe.read(buf);
            }
            if ready < 0 {
                let e = std::io::Error::last_os_error();
                if e.kind() != std::io::ErrorKind::Interrupted {
                    return Err(e);
                }
            }
        }
    }
}

/// Elsewhere, a thread reads the replies and hands them over.
#[cfg(not(unix))]
struct Replies(Receiver<Next>);

#[cfg(not(unix))]
impl Replies {
    fn new(mut stdout: ChildStdout) -> std::io::Result<Replies> {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("diagram-replies".into())
            .spawn(move || {
                loop {
                    let next = read_reply(&mut stdout);
                    let more = matches!(next, Next::Reply(_));
                    if tx.send(next).is_err() || !more {
                        return;
                    }
                }
            })?;
        Ok(Replies(rx))
    }

    fn next(&mut self, limit: Duration) -> Next {
        match self.0.recv_timeout(limit) {
            Ok(next) => next,
            Err(RecvTimeoutError::Timeout) => Next::TimedOut,
            Err(RecvTimeoutError::Disconnected) => Next::Ended(None),
        }
    }
}

impl Worker {
    fn start(executable: &PathBuf, env: &[(OsString, OsString)]) -> Result<Worker, String> {
        let mut command = Command::new(executable);
        command
            .env(MODE_VAR, MODE)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command.spawn().map_err(|e| {
            format!(
                "the diagram renderer could not be started ({}: {e})",
                executable.display()
            )
        })?;
        let (Some(stdin), Some(stdout), stderr) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("the diagram renderer could not be started (no pipes)".to_string());
        };
        let replies = match Replies::new(stdout) {
            Ok(replies) => replies,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("the diagram renderer could not be started ({e})"));
            }
        };
        Ok(Worker {
            child,
            stdin,
            stderr,
            replies,
        })
    }

    fn exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }

    /// Ends the worker and says why it stopped, from its exit status and what it wrote on its
    /// standard error.
    fn stop(mut self) -> String {
        // A worker whose output ended is normally dead already; give it a moment to be.
        let deadline = Instant::now() + Duration::from_millis(200);
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
        let status = self.child.wait();
        let mut said = Vec::new();
        if let Some(stderr) = self.stderr.take() {
            let _ = stderr.take(64 * 1024).read_to_end(&mut said);
        }
        explain(status.ok(), &String::from_utf8_lossy(&said))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Why a worker stopped.
fn explain(status: Option<ExitStatus>, said: &str) -> String {
    if said.contains("overflowed its stack") {
        return "the renderer crashed (stack overflow)".to_string();
    }
    if said.contains("memory allocation of") {
        return format!(
            "the renderer ran out of memory (the limit is {} MiB)",
            MEMORY_LIMIT >> 20
        );
    }
    #[cfg(unix)]
    if let Some(signal) = status.and_then(|s| std::os::unix::process::ExitStatusExt::signal(&s)) {
        let name = match signal {
            libc::SIGABRT => " (abort)",
            libc::SIGSEGV => " (segmentation fault)",
            libc::SIGKILL => " (killed)",
            _ => "",
        };
        return format!("the renderer crashed (signal {signal}{name})");
    }
    match status.and_then(|s| s.code()) {
        Some(code) => format!("the renderer stopped (exit status {code})"),
        None => "the renderer stopped".to_string(),
    }
}

/// The workbench's side: a worker started when needed, replaced when it died.
pub(crate) struct Client {
    /// Extra environment for the worker (tests).
    env: Vec<(OsString, OsString)>,
    limit: Duration,
    worker: Option<Worker>,
}

impl Client {
    pub(crate) fn new(env: Vec<(OsString, OsString)>, limit: Duration) -> Client {
        Client {
            env,
            limit,
            worker: None,
        }
    }

    pub(crate) fn draw(&mut self, source: &str, max_width: usize) -> Result<Drawing, String> {
        let request = encode_request(source, max_width);
        // A worker that ended between requests is replaced, and a request it could not take
        // (its pipe already closed) is sent once more, to a new one.
        for _ in 0..2 {
            if self.worker.as_mut().is_none_or(Worker::exited) {
                if let Some(old) = self.worker.take() {
                    old.stop();
                }
                self.worker = Some(Worker::start(&worker_executable()?, &self.env)?);
            }
            let Some(worker) = self.worker.as_mut() else {
                continue;
            };
            let sent = worker
                .stdin
                .write_all(&request)
                .and_then(|()| worker.stdin.flush());
            if sent.is_err() {
                if let Some(old) = self.worker.take() {
                    old.stop();
                }
                continue;
            }
            let next = worker.replies.next(self.limit);
            let worker = self.worker.take();
            return match next {
                Next::Reply(reply) => {
                    self.worker = worker;
                    reply
                }
                Next::Ended(problem) => {
                    let reason = worker.map(Worker::stop);
                    Err(problem
                        .or(reason)
                        .unwrap_or_else(|| "the renderer stopped".to_string()))
                }
                Next::TimedOut => {
                    drop(worker);
                    Err(format!(
                        "the renderer took longer than {} to draw it",
                        seconds(self.limit)
                    ))
                }
            };
        }
        Err("the diagram renderer stopped before it read the diagram".to_string())
    }
}

/// `2 s`, `0.5 s`.
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}

fn encode_request(source: &str, max_width: usize) -> Vec<u8> {
    let width = u32::try_from(max_width).unwrap_or(u32::MAX);
    let len = u32::try_from(source.len()).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(8 + source.len());
    out.extend_from_slice(&width.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(source.as_bytes());
    out
}

/// Reads one reply.
fn read_reply(input: &mut impl Read) -> Next {
    let ended = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::TimedOut => Next::TimedOut,
        _ => Next::Ended(None),
    };
    let mut head = [0u8; 5];
    if let Err(e) = input.read_exact(&mut head) {
        return ended(e);
    }
    let len = u32::from_le_bytes([head[1], head[2], head[3], head[4]]) as usize;
    if len > MAX_REPLY {
        return Next::Ended(Some(format!(
            "the drawing is too large ({len} bytes; the limit is {MAX_REPLY})"
        )));
    }
    let mut text = vec![0u8; len];
    if let Err(e) = input.read_exact(&mut text) {
        return ended(e);
    }
    let text = String::from_utf8_lossy(&text).into_owned();
    match head[0] {
        0 | 1 => Next::Reply(Ok(Drawing {
            text,
            rotated: head[0] == 1,
        })),
        2 => Next::Reply(Err(text)),
        other => Next::Ended(Some(format!(
            "the renderer's reply was garbled (kind {other})"
        ))),
    }
}

// ---------------------------------------------------------------------------------------------
// The worker's side.

/// The worker: limits, then requests served on a thread with a large stack while this thread
/// watches for the parent to go away. Returns the exit status.
fn serve() -> i32 {
    limit_resources();
    // Panics inside the drawing library are caught and answered; nothing is printed for them.
    std::panic::set_hook(Box::new(|_| {}));
    let Some((input, output)) = protocol_streams() else {
        return 3;
    };
    let (done, finished) = mpsc::channel::<()>();
    let server = std::thread::Builder::new()
        .name("diagram".into())
        .stack_size(STACK_SIZE)
        .spawn(move || {
            serve_requests(input, output);
            let _ = done.send(());
        });
    if server.is_err() {
        return 3;
    }
    #[cfg(unix)]
    // SAFETY: getppid has no preconditions.
    let parent = unsafe { libc::getppid() };
    loop {
        match finished.recv_timeout(Duration::from_millis(250)) {
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return 0,
            Err(RecvTimeoutError::Timeout) => {
                // The parent is gone (killed while a drawing hangs): stop at once.
                #[cfg(unix)]
                // SAFETY: getppid has no preconditions; _exit ends the process without running
                // anything else, which is all that is wanted here.
                unsafe {
                    if libc::getppid() != parent {
                        libc::_exit(0);
                    }
                }
            }
        }
    }
}

/// The address space limit and no core files.
fn limit_resources() {
    #[cfg(unix)]
    {
        let limit = |resource, value: u64| {
            let mut current = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            // SAFETY: getrlimit and setrlimit only read and write the struct given.
            unsafe {
                if libc::getrlimit(resource, &mut current) != 0 {
                    current.rlim_max = libc::RLIM_INFINITY;
                }
                let value = value as libc::rlim_t;
                let wanted = libc::rlimit {
                    rlim_cur: value.min(current.rlim_max),
                    rlim_max: value.min(current.rlim_max),
                };
                libc::setrlimit(resource, &wanted);
            }
        };
        limit(libc::RLIMIT_AS, MEMORY_LIMIT);
        limit(libc::RLIMIT_CORE, 0);
    }
}

/// The request and reply streams: copies of standard input and output, whose descriptors are
/// then pointed at `/dev/null` so that nothing the drawing library might print gets into the
/// replies.
#[cfg(unix)]
fn protocol_streams() -> Option<(std::fs::File, std::fs::File)> {
    use std::os::fd::{FromRawFd, IntoRawFd};
    let null = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .ok()?
        .into_raw_fd();
    // SAFETY: dup and dup2 on the process's own standard descriptors; each descriptor returned
    // by dup is new and owned by exactly one File.
    unsafe {
        let input = libc::dup(0);
        let output = libc::dup(1);
        if input < 0 || output < 0 {
            return None;
        }
        libc::fcntl(input, libc::F_SETFD, libc::FD_CLOEXEC);
        libc::fcntl(output, libc::F_SETFD, libc::FD_CLOEXEC);
        libc::dup2(null, 0);
        libc::dup2(null, 1);
        libc::close(null);
        Some((
            std::fs::File::from_raw_fd(input),
            std::fs::File::from_raw_fd(output),
        ))
    }
}

#[cfg(not(unix))]
fn protocol_streams() -> Option<(std::io::Stdin, std::io::Stdout)> {
    Some((std::io::stdin(), std::io::stdout()))
}

/// Answers requests until the input ends or a request is malformed.
fn serve_requests(input: impl Read, output: impl Write) {
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    loop {
        let mut head = [0u8; 8];
        if input.read_exact(&mut head).is_err() {
            return;
        }
        let width = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let len = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
        if len > MAX_REQUEST {
            return;
        }
        let mut source = vec![0u8; len];
        if input.read_exact(&mut source).is_err() {
            return;
        }
        let Ok(source) = String::from_utf8(source) else {
            return;
        };
        test_hooks(&source);
        let reply = diagram::draw_untrusted(&source, width);
        let (kind, text) = match &reply {
            Ok(d) if d.text.len() > MAX_REPLY => (
                2,
                format!(
                    "the drawing is too large ({} bytes; the limit is {MAX_REPLY})",
                    d.text.len()
                ),
            ),
            Ok(d) => (u8::from(d.rotated), d.text.clone()),
            Err(reason) => (2, reason.clone()),
        };
        let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        let sent = output
            .write_all(&[kind])
            .and_then(|()| output.write_all(&len.to_le_bytes()))
            .and_then(|()| output.write_all(text.as_bytes()))
            .and_then(|()| output.flush());
        if sent.is_err() {
            return;
        }
    }
}

/// Debug builds with [`HOOKS_VAR`] set: a hang and a runaway allocation on marked sources.
fn test_hooks(source: &str) {
    if !cfg!(debug_assertions) || std::env::var_os(HOOKS_VAR).is_none() {
        return;
    }
    if source.contains("%% test: hang") {
        loop {
            std::thread::sleep(Duration::from_secs(60));
        }
    }
    if source.contains("%% test: hog") {
        let mut hog: Vec<Vec<u8>> = Vec::new();
        loop {
            // Address space is what the limit counts: untouched zeroed blocks reach it quickly.
            hog.push(vec![0u8; 32 << 20]);
            std::hint::black_box(&hog);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The diagram that overflows mermaid-text's stack (issue 14).
    const NESTED: &str = "flowchart TD\nsubgraph x\nsubgraph x\nA\nend\nend\n";
    const FINE: &str = "flowchart LR\n  A[Client] --> B[API]\n";

    fn hooks() -> Vec<(OsString, OsString)> {
        vec![(HOOKS_VAR.into(), "1".into())]
    }

    #[test]
    fn a_stack_overflow_fails_the_diagram_and_the_next_one_is_drawn() {
        let mut client = Client::new(Vec::new(), TIME_LIMIT);
        assert!(
            client
                .draw(FINE, 80)
                .expect("drawn")
                .text
                .contains("Client")
        );
        let err = client.draw(NESTED, 80).unwrap_err();
        assert_eq!(err, "the renderer crashed (stack overflow)");
        assert!(client.worker.is_none(), "the dead worker is dropped");
        // A new worker takes the next request.
        assert!(client.draw(FINE, 80).expect("drawn").text.contains("API"));
        // Twice in a row, too.
        assert!(client.draw(NESTED, 40).is_err());
        assert!(client.draw(NESTED, 50).is_err());
        assert!(client.draw(FINE, 60).is_ok());
    }

    #[test]
    #[cfg_attr(
        not(debug_assertions),
        ignore = "the worker's test hooks exist in debug builds only"
    )]
    fn a_hang_is_cut_off_at_the_time_limit() {
        let mut client = Client::new(hooks(), Duration::from_millis(500));
        assert!(client.draw(FINE, 80).is_ok());
        let started = Instant::now();
        let err = client
            .draw("flowchart LR\n%% test: hang\nA --> B\n", 80)
            .unwrap_err();
        let took = started.elapsed();
        assert_eq!(err, "the renderer took longer than 0.5 s to draw it");
        assert!(
            took >= Duration::from_millis(500) && took < Duration::from_secs(5),
            "{took:?}"
        );
        assert!(client.draw(FINE, 80).is_ok());
    }

    #[test]
    #[cfg_attr(
        not(debug_assertions),
        ignore = "the worker's test hooks exist in debug builds only"
    )]
    fn runaway_memory_is_stopped_at_the_limit() {
        let mut client = Client::new(hooks(), Duration::from_secs(20));
        let err = client
            .draw("flowchart LR\n%% test: hog\nA --> B\n", 80)
            .unwrap_err();
        assert_eq!(
            err,
            "the renderer ran out of memory (the limit is 1024 MiB)"
        );
        assert!(client.draw(FINE, 80).is_ok());
    }

    #[test]
    fn the_worker_ends_when_its_input_is_closed() {
        let mut child = Command::new(worker_executable().expect("a worker"))
            .env(MODE_VAR, MODE)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("started");
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(&encode_request(FINE, 80)).expect("sent");
        stdin.flush().expect("sent");
        let mut replies = Replies::new(child.stdout.take().expect("stdout")).expect("replies");
        match replies.next(Duration::from_secs(10)) {
            Next::Reply(Ok(d)) => assert!(d.text.contains("Client"), "{}", d.text),
            _ => panic!("not drawn"),
        }
        // Closing the request pipe is what the parent's exit does.
        drop(stdin);
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(status) = child.try_wait().expect("status") {
                assert!(status.success(), "{status:?}");
                break;
            }
            assert!(Instant::now() < deadline, "the worker kept running");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn replies_are_read_as_data() {
        // A drawing with control characters comes back as it is; the renderer sanitises it.
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&3u32.to_le_bytes());
        bytes.extend_from_slice(b"\x1b[2");
        bytes.push(9);
        bytes.extend_from_slice(&0u32.to_le_bytes());
        let mut input = &bytes[..];
        match read_reply(&mut input) {
            Next::Reply(Ok(d)) => {
                assert_eq!(d.text, "\x1b[2");
                assert!(d.rotated);
            }
            _ => panic!("not a drawing"),
        }
        match read_reply(&mut input) {
            Next::Ended(Some(reason)) => assert!(reason.contains("garbled"), "{reason}"),
            _ => panic!("a garbled reply ends the replies"),
        }
        assert!(matches!(read_reply(&mut input), Next::Ended(None)));
        let mut huge = vec![0u8];
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        match read_reply(&mut &huge[..]) {
            Next::Ended(Some(reason)) => assert!(reason.contains("too large"), "{reason}"),
            _ => panic!("an oversized reply ends the replies"),
        }
    }

    #[test]
    fn stops_are_explained() {
        assert_eq!(
            explain(
                None,
                "\nthread 'diagram' has overflowed its stack\nfatal runtime error"
            ),
            "the renderer crashed (stack overflow)"
        );
        assert!(explain(None, "memory allocation of 33554432 bytes failed").contains("memory"));
        assert_eq!(explain(None, ""), "the renderer stopped");
        assert_eq!(seconds(Duration::from_secs(2)), "2 s");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5 s");
    }

    #[test]
    fn a_test_binary_is_never_started_as_the_worker() {
        let exe = std::env::current_exe().expect("exe");
        if let Ok(worker) = worker_executable() {
            assert_ne!(worker, exe);
            assert!(
                worker
                    .file_stem()
                    .is_some_and(|n| n == "infradraft" || std::env::var_os(PATH_VAR).is_some()),
                "{worker:?}"
            );
        }
    }
}
