//! Waiting in the foreground for a process burrow started itself (`exec`): its signals are
//! forwarded and its terminal relayed to the caller's.

use nix::sys::signal::Signal;
use nix::unistd::Pid;

use super::relay::{self, RawMode, Relay, RelayEvent};
use super::{RuntimeError, console_err, forwarded, reap, wait_err};

/// A process that has exec'd, to wait for in the foreground, with the master of its terminal
/// when it has one.
pub struct Foreground {
    pub pid: Pid,
    pub console: Option<std::os::fd::OwnedFd>,
    /// Relay the caller's standard input.
    pub stdin: bool,
    /// Typed on the caller's terminal, these keys detach: burrow returns and the process
    /// keeps running (empty: never).
    pub detach_keys: Vec<u8>,
}

impl Foreground {
    /// Waits for the container's process to end, forwarding the signals burrow receives to it
    /// and relaying its terminal if it has one, and returns burrow's exit status for it.
    pub fn wait(self) -> Result<u8, RuntimeError> {
        use nix::sys::signalfd::{SfdFlags, SignalFd};
        use std::os::fd::AsFd;
        // `start` blocked these signals; a signalfd reads them instead of handlers.
        let signals =
            SignalFd::with_flags(&forwarded(), SfdFlags::SFD_CLOEXEC).map_err(wait_err)?;
        let Some(master) = self.console else {
            loop {
                if let Some(code) = reap(self.pid)? {
                    return Ok(code);
                }
                forward(&signals, self.pid, None)?;
            }
        };
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        // Raw mode only when input is relayed: keys such as ^C then travel as bytes to the
        // container's terminal, whose line discipline makes them signals there.
        let raw = if self.stdin {
            RawMode::enter(stdin.as_fd()).map_err(console_err)?
        } else {
            None
        };
        let _ = relay::copy_window_size(stdin.as_fd(), master.as_fd());
        let input = self.stdin.then(|| stdin.as_fd());
        // Only a user at a terminal types keys; piped input is passed on whole.
        let keys = if raw.is_some() {
            self.detach_keys
        } else {
            Vec::new()
        };
        let mut relay = Relay::new(master, input, stdout.as_fd())
            .map_err(console_err)?
            .detach_on(keys);
        let mut closed = false;
        let code = loop {
            if let Some(code) = reap(self.pid)? {
                let _ = relay.drain();
                break code;
            }
            if closed {
                forward(&signals, self.pid, None)?;
                continue;
            }
            match relay.step(signals.as_fd()).map_err(console_err)? {
                RelayEvent::Extra => forward(&signals, self.pid, Some(&relay))?,
                RelayEvent::Closed => closed = true,
                RelayEvent::Detached => {
                    if let Some(raw) = raw {
                        raw.restore().map_err(console_err)?;
                    }
                    keep_terminal_open(relay.into_master())?;
                    return Ok(0);
                }
            }
        };
        if let Some(raw) = raw {
            raw.restore().map_err(console_err)?;
        }
        Ok(code)
    }
}

/// After a detach: the process keeps its terminal, so a keeper forked off holds the master
/// and reads (and drops) what the process writes, as conmon does for podman, until no
/// process holds the terminal any more. burrow itself returns; the process, orphaned, goes to
/// the container's PID 1 like a detached `exec -d`'s.
///
/// burrow is single-threaded here (see `exec`), so forking is safe.
fn keep_terminal_open(master: std::os::fd::OwnedFd) -> Result<(), RuntimeError> {
    use nix::unistd::{ForkResult, fork};
    // SAFETY: single-threaded (exec's duty), so the child's copy of memory holds no lock of
    // another thread; it only reads the master and leaves through _exit.
    match unsafe { fork() }.map_err(wait_err)? {
        ForkResult::Child => {
            // Out of the caller's session and away from its terminal and pipes, so neither
            // the shell's job control nor a closed pipe reaches the keeper.
            let _ = nix::unistd::setsid();
            if let Ok(null) = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/null")
            {
                let _ = nix::unistd::dup2_stdin(&null);
                let _ = nix::unistd::dup2_stdout(&null);
                let _ = nix::unistd::dup2_stderr(&null);
            }
            let _ = nix::sys::signal::sigprocmask(
                nix::sys::signal::SigmaskHow::SIG_SETMASK,
                Some(&nix::sys::signal::SigSet::empty()),
                None,
            );
            relay::discard_until_closed(master);
            // SAFETY: _exit skips the parent's atexit handlers and destructors.
            unsafe { libc::_exit(0) }
        }
        ForkResult::Parent { .. } => Ok(()),
    }
}

/// Reads one signal and passes it on; with a terminal, a window change resizes it instead
/// (the kernel then tells the container's foreground processes).
fn forward(
    signals: &nix::sys::signalfd::SignalFd,
    pid: Pid,
    relay: Option<&Relay>,
) -> Result<(), RuntimeError> {
    use std::os::fd::AsFd;
    match signals.read_signal() {
        Ok(Some(info)) => {
            let Ok(signal) = Signal::try_from(info.ssi_signo as i32) else {
                return Ok(());
            };
            match (signal, relay) {
                (Signal::SIGCHLD, _) => {}
                (Signal::SIGWINCH, Some(relay)) => {
                    let _ = relay::copy_window_size(std::io::stdin().as_fd(), relay.master());
                }
                // The container may be gone already; its exit is collected by `reap`.
                _ => {
                    let _ = nix::sys::signal::kill(pid, signal);
                }
            }
            Ok(())
        }
        Ok(None) | Err(nix::Error::EINTR) => Ok(()),
        Err(e) => Err(wait_err(e)),
    }
}
