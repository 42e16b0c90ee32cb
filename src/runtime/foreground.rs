//! Waiting in the foreground for a process burrow started itself (`exec`): its signals are
//! forwarded and its terminal relayed to the caller's.

use nix::sys::signal::Signal;
use nix::unistd::Pid;

use super::{RuntimeError, console_err, forwarded, reap, tty, wait_err};

/// A process that has exec'd, to wait for in the foreground, with the master of its terminal
/// when it has one.
pub struct Foreground {
    pub pid: Pid,
    pub console: Option<std::os::fd::OwnedFd>,
    /// Relay the caller's standard input.
    pub stdin: bool,
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
            tty::RawMode::enter(stdin.as_fd()).map_err(console_err)?
        } else {
            None
        };
        let _ = tty::copy_window_size(stdin.as_fd(), master.as_fd());
        let input = self.stdin.then(|| stdin.as_fd());
        let mut relay = tty::Relay::new(master, input, stdout.as_fd()).map_err(console_err)?;
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
                tty::RelayEvent::Extra => forward(&signals, self.pid, Some(&relay))?,
                tty::RelayEvent::Closed => closed = true,
            }
        };
        if let Some(raw) = raw {
            raw.restore().map_err(console_err)?;
        }
        Ok(code)
    }
}

/// Reads one signal and passes it on; with a terminal, a window change resizes it instead
/// (the kernel then tells the container's foreground processes).
fn forward(
    signals: &nix::sys::signalfd::SignalFd,
    pid: Pid,
    relay: Option<&tty::Relay>,
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
                    let _ = tty::copy_window_size(std::io::stdin().as_fd(), relay.master());
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
