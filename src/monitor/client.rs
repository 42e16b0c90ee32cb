//! The attaching side: `run`, `start -a` and `attach` connect the caller's terminal or pipes
//! to a container's monitor. Output goes to stdout and stderr as the container wrote it;
//! input, window sizes and signals (podman's sig-proxy) go to the container.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::socket::{MsgFlags, recv, send};

use super::MonitorError;
use super::proto::{ClientMessage, DetachMatcher, MAX_PAYLOAD, MonitorMessage, Scan};
use crate::runtime::{ProcessHandle, relay};

/// How the caller attaches.
pub struct AttachOptions {
    /// Relay the caller's standard input (`-i`).
    pub stdin: bool,
    /// Show the container's standard output and error (`-a` names the ones shown).
    pub stdout: bool,
    pub stderr: bool,
    /// The container has a terminal (`-t`): the caller's goes raw and its size follows.
    pub tty: bool,
    /// The key sequence that detaches (only read from a terminal).
    pub detach_keys: Vec<u8>,
    /// Where the signals burrow receives go; `None` with --sig-proxy=false.
    pub signals_to: Option<ProcessHandle>,
}

/// How an attachment ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Exited(i32),
    /// The user typed the detach keys; the container keeps running.
    Detached,
    /// The monitor went away without telling the exit status (it was killed).
    Lost,
}

/// What the runtime forwards, but for SIGCHLD: the caller's children are none of its business.
fn proxied() -> SigSet {
    let mut set = crate::runtime::forwarded();
    set.remove(Signal::SIGCHLD);
    set
}

/// Blocks the signals an attached caller passes on, so one that arrives while the container
/// starts waits for the relay instead of killing the caller. Call before starting it.
pub fn hold_signals() {
    let _ = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&proxied()), None);
}

fn sys(what: &'static str) -> impl FnOnce(Errno) -> MonitorError {
    move |e| MonitorError::Io {
        what,
        source: e.into(),
    }
}

fn send_message(socket: &OwnedFd, message: &ClientMessage, buf: &mut Vec<u8>) -> bool {
    message.encode(buf);
    send(socket.as_raw_fd(), buf, MsgFlags::MSG_NOSIGNAL).is_ok()
}

/// Relays between the caller and the monitor on `socket` until the container exits, the user
/// detaches or the monitor goes away.
pub fn attach(socket: OwnedFd, options: AttachOptions) -> Result<Outcome, MonitorError> {
    let mut previous = SigSet::empty();
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&proxied()), Some(&mut previous))
        .map_err(sys("block signals"))?;
    let signals = SignalFd::with_flags(&proxied(), SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
        .map_err(sys("read signals"))?;
    let stdin = std::io::stdin();
    let interactive_terminal = options.tty && nix::unistd::isatty(&stdin).unwrap_or(false);
    let raw = if options.stdin && interactive_terminal {
        relay::RawMode::enter(stdin.as_fd()).map_err(|e| MonitorError::Terminal(e.to_string()))?
    } else {
        None
    };
    let mut packet = Vec::with_capacity(MAX_PAYLOAD + 1);
    if interactive_terminal && let Ok(Some((rows, columns))) = relay::terminal_size(stdin.as_fd()) {
        send_message(&socket, &ClientMessage::Resize(rows, columns), &mut packet);
    }
    let mut detach = DetachMatcher::new(if interactive_terminal {
        options.detach_keys.clone()
    } else {
        Vec::new()
    });
    let result = relay(&socket, &signals, &options, &mut detach, &mut packet);
    if let Some(raw) = raw {
        let _ = raw.restore();
    }
    drop(signals);
    let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&previous), None);
    result
}

fn relay(
    socket: &OwnedFd,
    signals: &SignalFd,
    options: &AttachOptions,
    detach: &mut DetachMatcher,
    packet: &mut Vec<u8>,
) -> Result<Outcome, MonitorError> {
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let mut reading_input = options.stdin;
    let mut buf = vec![0u8; MAX_PAYLOAD + 1];
    loop {
        let mut fds = vec![
            PollFd::new(socket.as_fd(), PollFlags::POLLIN),
            PollFd::new(signals.as_fd(), PollFlags::POLLIN),
        ];
        if reading_input {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(e) => return Err(sys("wait for the container's output")(e)),
        }
        let readable = |f: &PollFd| {
            f.revents().is_some_and(|r| {
                r.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR)
            })
        };
        let ready: Vec<bool> = fds.iter().map(readable).collect();
        drop(fds);
        if ready[0] {
            match recv(socket.as_raw_fd(), &mut buf, MsgFlags::empty()) {
                Ok(0) => return Ok(Outcome::Lost),
                Ok(n) => match MonitorMessage::decode(&buf[..n]) {
                    // A reader that went away (a closed pipe) loses the output, not the run.
                    Some(MonitorMessage::Stdout(data)) if options.stdout => {
                        let _ = stdout.write_all(data).and_then(|()| stdout.flush());
                    }
                    Some(MonitorMessage::Stderr(data)) if options.stderr => {
                        let _ = stderr.write_all(data).and_then(|()| stderr.flush());
                    }
                    Some(MonitorMessage::Exit(code)) => return Ok(Outcome::Exited(code)),
                    Some(MonitorMessage::Stdout(_) | MonitorMessage::Stderr(_)) | None => {}
                },
                Err(Errno::EINTR | Errno::EAGAIN) => {}
                Err(_) => return Ok(Outcome::Lost),
            }
        }
        if ready[1] {
            while let Ok(Some(info)) = signals.read_signal() {
                let Ok(signal) = Signal::try_from(info.ssi_signo as i32) else {
                    continue;
                };
                if signal == Signal::SIGWINCH {
                    if let Ok(Some((rows, columns))) = relay::terminal_size(stdin.as_fd()) {
                        send_message(socket, &ClientMessage::Resize(rows, columns), packet);
                    }
                } else if let Some(target) = &options.signals_to {
                    let _ = target.signal(signal);
                }
            }
        }
        if reading_input && ready[2] {
            match nix::unistd::read(stdin.as_fd(), &mut buf[..MAX_PAYLOAD]) {
                Ok(0) => {
                    reading_input = false;
                    send_message(socket, &ClientMessage::CloseInput, packet);
                }
                Ok(n) => {
                    let (data, detached) = match detach.scan(&buf[..n]) {
                        Scan::Forward(data) => (data, false),
                        Scan::Detach(data) => (data, true),
                    };
                    if !data.is_empty() {
                        send_message(socket, &ClientMessage::Input(&data), packet);
                    }
                    if detached {
                        return Ok(Outcome::Detached);
                    }
                }
                Err(Errno::EINTR | Errno::EAGAIN) => {}
                Err(_) => {
                    reading_input = false;
                    send_message(socket, &ClientMessage::CloseInput, packet);
                }
            }
        }
    }
}
