//! Files handled with care, for every part of the program that reads or writes one: bounded reads
//! that refuse FIFOs, devices and directories without waiting on them; plain-text checks; RON with
//! errors that name the file, line and column; and crash-safe writes (a temporary file renamed
//! into place, a `.bak` of the previous version, links resolved and never followed out of place).
//!
//! It knows nothing of sessions: [`crate::store`] builds their persistence on it, and the knowledge
//! files and input documents are read through it.

mod atomic;
mod error;
mod read;
mod ron_text;

pub use atomic::{
    Links, WriteOptions, backup_path, open_device, write_atomic, write_in_dir, write_to_device,
};
pub(crate) use atomic::{resolve_links, sibling};
pub use error::{ParseProblem, StoreError};
pub use read::{
    BOM, MAX_SETTINGS_BYTES, ReadProblem, read_capped, read_regular, read_settings, strip_bom,
};
pub use ron_text::{from_ron, from_ron_implicit_some, text_of, to_ron};

/// Makes a FIFO at `path`, for the tests of what must never wait on one.
#[cfg(all(test, unix))]
pub(crate) fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Runs `f` on a thread of its own and fails the test if it has not returned within a minute:
/// for the calls that would wait for ever on a FIFO if they were broken.
#[cfg(test)]
pub(crate) fn within_deadline<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(60))
        .expect("the call hung (still waiting after a minute)")
}
