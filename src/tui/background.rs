//! Threads for work the screen does not wait for (loading the knowledge and the syntax
//! definitions, the analyses): started at a lower scheduling priority, so that on a machine with
//! few cores the event loop still gets a core at once when a key arrives while they run.

/// How much nicer than the event loop background work is (Linux `nice` steps: 10 steps nicer, a
/// background thread gets about a tenth of the share of the event loop on a contended core).
const NICENESS: libc::c_int = 10;
/// The nicest a thread can be.
#[cfg(target_os = "linux")]
const NICEST: libc::c_int = 19;

/// Starts `work` on a named thread of lower priority.
pub fn spawn<F>(name: &str, work: F) -> std::io::Result<std::thread::JoinHandle<()>>
where
    F: FnOnce() + Send + 'static,
{
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            lower_priority();
            work();
        })
}

/// Lowers the calling thread's priority by [`NICENESS`] steps from where it is (a workbench
/// started with `nice` keeps its background work below its event loop, never above it); a
/// failure leaves it as it was (the work still runs).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid takes no arguments and cannot fail; getpriority and setpriority on this
        // thread's id only read and change its own niceness (on Linux, PRIO_PROCESS with a
        // thread id is per thread). errno is cleared first, as -1 is a valid niceness.
        unsafe {
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            *libc::__errno_location() = 0;
            let now = libc::getpriority(libc::PRIO_PROCESS, tid);
            if now == -1 && *libc::__errno_location() != 0 {
                return;
            }
            let _ = libc::setpriority(libc::PRIO_PROCESS, tid, (now + NICENESS).min(NICEST));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn background_threads_run_nicer_than_the_caller() {
        // SAFETY: getpriority reads this thread's niceness; errno is cleared first as the
        // man page asks, since -1 is a valid result.
        let nice_of_this_thread = || unsafe {
            *libc::__errno_location() = 0;
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::getpriority(libc::PRIO_PROCESS, tid)
        };
        let here = nice_of_this_thread();
        let there = super::spawn("test", move || {
            let there = nice_of_this_thread();
            // Nicer by the step, up to the nicest there is (a caller started with `nice`).
            assert_eq!(there, (here + super::NICENESS).min(super::NICEST), "{here}");
        })
        .unwrap();
        there.join().expect("the background thread ran nicer");
    }
}
