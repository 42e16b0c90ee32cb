//! Is a recorded container process still the one we started? A pid alone can be reused, so a
//! process is identified by pid, start time and boot; signals go through a pidfd opened and
//! then checked, so they can never reach a process that merely inherited the pid.

use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

use nix::sys::signal::Signal;
use rustix::process::{Pid, PidfdFlags};

use super::procfs::{self, boot_id};

/// How a process is recorded: enough to recognise it later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessIdentity {
    pub pid: i32,
    pub start_time: u64,
    pub boot_id: String,
}

/// A live (not zombie) process's start time in clock ticks since boot, from /proc/PID/stat.
fn start_time(pid: i32) -> Option<u64> {
    procfs::read_stat(pid)
        .ok()
        .flatten()
        .filter(|stat| !stat.ended())
        .map(|stat| stat.starttime)
}

impl ProcessIdentity {
    /// Records the running process `pid`.
    pub fn of(pid: i32) -> Option<ProcessIdentity> {
        Some(ProcessIdentity {
            pid,
            start_time: start_time(pid)?,
            boot_id: boot_id(),
        })
    }

    /// Whether the recorded process is still running.
    pub fn alive(&self) -> bool {
        self.boot_id == boot_id() && start_time(self.pid) == Some(self.start_time)
    }

    /// A handle on the recorded process, or `None` if it has ended.
    pub fn open(&self) -> Option<ProcessHandle> {
        let pid = Pid::from_raw(self.pid)?;
        let fd = rustix::process::pidfd_open(pid, PidfdFlags::empty()).ok()?;
        // Checked after opening: the pidfd now pins this process, whatever happens to the pid.
        self.alive().then_some(ProcessHandle { fd })
    }
}

/// A pidfd on a process that was checked to be the recorded one.
pub struct ProcessHandle {
    fd: OwnedFd,
}

/// The pidfd itself, e.g. for setns(2), which joins the process's namespaces through it.
impl AsFd for ProcessHandle {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl ProcessHandle {
    /// The pidfd, to be held for setns(2) later (a namespace joined by another container).
    pub fn into_fd(self) -> OwnedFd {
        self.fd
    }

    /// Sends `signal`; a process that already ended is not an error.
    pub fn signal(&self, signal: Signal) -> std::io::Result<()> {
        self.send(signal as i32)
    }

    /// Sends signal number `signo` (1 to 64: real-time ones too, which `Signal` cannot
    /// name); a process that already ended is not an error.
    pub fn send(&self, signo: i32) -> std::io::Result<()> {
        if !(1..=64).contains(&signo) {
            return Err(std::io::Error::from_raw_os_error(libc::EINVAL));
        }
        // SAFETY: the number is a valid signal (checked above); rustix's caveat about the
        // libc's reserved real-time signals concerns this process's own handlers, and this
        // signal only goes to another process.
        let signal = unsafe { rustix::process::Signal::from_raw_unchecked(signo) };
        match rustix::process::pidfd_send_signal(self.fd.as_fd(), signal) {
            Ok(()) | Err(rustix::io::Errno::SRCH) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Waits up to `timeout` for the process to end; true if it did.
    pub fn wait_exit(&self, timeout: Duration) -> bool {
        use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let ms = PollTimeout::try_from(left.as_millis().min(i32::MAX as u128) as i32)
                .unwrap_or(PollTimeout::MAX);
            let mut fds = [PollFd::new(self.fd.as_fd(), PollFlags::POLLIN)];
            match poll(&mut fds, ms) {
                Ok(n) if n > 0 => return true,
                Ok(_) => return false,
                Err(nix::Error::EINTR) => continue,
                Err(_) => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_is_alive_until_it_ends_and_the_handle_sees_it_end() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let me = ProcessIdentity::of(child.id() as i32).unwrap();
        assert!(me.alive());
        let handle = me.open().unwrap();
        assert!(!handle.wait_exit(Duration::from_millis(10)));
        handle.signal(Signal::SIGKILL).unwrap();
        assert!(handle.wait_exit(Duration::from_secs(10)));
        // A zombie is not alive; reaped, it is gone.
        assert!(!me.alive());
        child.wait().unwrap();
        assert!(!me.alive());
        assert!(me.open().is_none());
        // Same pid, another start time: not the recorded process.
        let other = ProcessIdentity {
            start_time: 1,
            ..ProcessIdentity::of(std::process::id() as i32).unwrap()
        };
        assert!(!other.alive());
    }
}
