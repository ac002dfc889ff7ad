//! Running the real binary with a pseudo-terminal as its standard output and error, and reading
//! back every byte that reached the "terminal".

use std::fs::File;
use std::io::Read;
use std::os::fd::FromRawFd;
use std::process::{Command, ExitStatus, Stdio};

/// A new pseudo-terminal of `cols`×`rows`: (master, slave).
pub fn open(cols: u16, rows: u16) -> (File, File) {
    // SAFETY: plain libc calls on descriptors this function owns; every result is checked, and
    // each descriptor is handed to exactly one `File`.
    unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        assert!(master >= 0, "posix_openpt");
        assert_eq!(libc::grantpt(master), 0, "grantpt");
        assert_eq!(libc::unlockpt(master), 0, "unlockpt");
        let mut name = [0 as libc::c_char; 128];
        assert_eq!(
            libc::ptsname_r(master, name.as_mut_ptr(), name.len()),
            0,
            "ptsname_r"
        );
        let slave = libc::open(
            name.as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        );
        assert!(slave >= 0, "open the slave");
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        assert_eq!(
            libc::ioctl(slave, libc::TIOCSWINSZ, &size),
            0,
            "window size"
        );
        (File::from_raw_fd(master), File::from_raw_fd(slave))
    }
}

/// Runs `cmd` with stdin from /dev/null and stdout and stderr on a new pseudo-terminal (so both
/// are terminals to it), and returns its exit status and everything it wrote there.
pub fn run(mut cmd: Command) -> (ExitStatus, Vec<u8>) {
    let (mut master, slave) = open(100, 40);
    cmd.stdin(Stdio::null())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    let mut child = cmd.spawn().unwrap();
    // The command holds the slave's descriptors: without dropping it, the master never sees the
    // end of the output.
    drop(cmd);
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match master.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => bytes.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // EIO: every slave descriptor is closed, and everything written has been read.
                Err(_) => break,
            }
        }
        bytes
    });
    let status = child.wait().unwrap();
    (status, reader.join().unwrap())
}
