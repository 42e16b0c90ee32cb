//! The monitor's loop while a container runs: copy its output to the log and to attached
//! clients, pass clients' input and terminal sizes on, accept new clients, and return the
//! process's exit status once it is reaped. One poll(2) over every descriptor; nothing runs
//! while nothing happens.

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signalfd::SignalFd;
use nix::sys::socket::{MsgFlags, recv, send};
use nix::unistd::Pid;

use super::MonitorError;
use super::proto::{ClientMessage, MAX_PAYLOAD, MonitorMessage};
use crate::logs::{LogWriter, Stream};

/// The container's end of things, as the monitor holds them.
pub enum Streams {
    /// The master of the container's pseudo-terminal: output and input in one.
    Terminal(OwnedFd),
    /// Pipes: the write end of its stdin (None when it reads /dev/null, or after a client
    /// closed it) and the read ends of stdout and stderr.
    Pipes {
        stdin: Option<OwnedFd>,
        stdout: Option<OwnedFd>,
        stderr: Option<OwnedFd>,
    },
}

/// One run of the container's process.
pub struct Session<'a> {
    pub pid: Pid,
    pub streams: Streams,
    pub log: Option<&'a mut LogWriter>,
    pub listener: Option<BorrowedFd<'a>>,
    pub clients: &'a mut Vec<OwnedFd>,
    pub signals: &'a SignalFd,
    /// `--timeout`: when the container is killed if it still runs.
    pub deadline: Option<std::time::Instant>,
}

/// How a supervised process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    /// Its exit status (128+N for signal N).
    pub code: u8,
    /// It was killed because its `--timeout` passed.
    pub timed_out: bool,
}

fn sys(what: &'static str) -> impl FnOnce(Errno) -> MonitorError {
    move |e| MonitorError::Io {
        what,
        source: e.into(),
    }
}

pub fn set_nonblocking(fd: BorrowedFd<'_>) -> Result<(), MonitorError> {
    use nix::fcntl::{FcntlArg, OFlag, fcntl};
    let flags = fcntl(fd, FcntlArg::F_GETFL).map_err(sys("read a descriptor's flags"))?;
    fcntl(
        fd,
        FcntlArg::F_SETFL(OFlag::from_bits_retain(flags) | OFlag::O_NONBLOCK),
    )
    .map_err(sys("make a descriptor non-blocking"))?;
    Ok(())
}

/// Sends one packet to every client; a client that cannot take it within the socket's send
/// timeout (or is gone) is dropped rather than allowed to stall the container for good.
pub fn broadcast(clients: &mut Vec<OwnedFd>, message: &MonitorMessage, buf: &mut Vec<u8>) {
    message.encode(buf);
    clients.retain(|c| send(c.as_raw_fd(), buf, MsgFlags::MSG_NOSIGNAL).is_ok());
}

/// Gives a client a bounded time to take each packet.
pub fn prepare_client(client: &OwnedFd) {
    use nix::sys::socket::{setsockopt, sockopt::SendTimeout};
    let _ = setsockopt(client, SendTimeout, &nix::sys::time::TimeVal::new(10, 0));
}

/// Writes all of `data` to a possibly non-blocking descriptor, waiting for room as needed.
fn write_all(fd: BorrowedFd<'_>, mut data: &[u8]) -> Result<(), Errno> {
    while !data.is_empty() {
        match nix::unistd::write(fd, data) {
            Ok(n) => data = &data[n..],
            Err(Errno::EAGAIN) => {
                let mut fds = [PollFd::new(fd, PollFlags::POLLOUT)];
                match poll(&mut fds, PollTimeout::from(10_000u16)) {
                    Ok(0) => return Err(Errno::ETIMEDOUT),
                    Ok(_) | Err(Errno::EINTR) => {}
                    Err(e) => return Err(e),
                }
            }
            Err(Errno::EINTR) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

struct Output {
    fd: OwnedFd,
    stream: Stream,
}

/// Reads what one output holds right now; false once it reached its end.
fn pump(
    output: &Output,
    buf: &mut [u8],
    log: &mut Option<&mut LogWriter>,
    clients: &mut Vec<OwnedFd>,
    packet: &mut Vec<u8>,
) -> bool {
    loop {
        match nix::unistd::read(output.fd.as_fd(), buf) {
            // EIO: a terminal whose every slave is closed.
            Ok(0) | Err(Errno::EIO) => return false,
            Ok(n) => {
                let data = &buf[..n];
                if let Some(log) = log.as_deref_mut()
                    && let Err(e) = log.write(output.stream, data)
                {
                    tracing::warn!("{e}");
                }
                let message = match output.stream {
                    Stream::Stdout => MonitorMessage::Stdout(data),
                    Stream::Stderr => MonitorMessage::Stderr(data),
                };
                broadcast(clients, &message, packet);
            }
            Err(Errno::EINTR) => {}
            Err(Errno::EAGAIN) => return true,
            Err(_) => return false,
        }
    }
}

/// Runs the session until the container's process is reaped; returns how it ended.
pub fn supervise(session: Session) -> Result<Ended, MonitorError> {
    let Session {
        pid,
        streams,
        mut log,
        listener,
        clients,
        signals,
        deadline,
    } = session;
    let mut timed_out = false;
    let (mut input, mut outputs) = match streams {
        Streams::Terminal(master) => {
            let input = master.try_clone().map_err(|source| MonitorError::Io {
                what: "duplicate the terminal",
                source,
            })?;
            (
                Some(input),
                vec![Output {
                    fd: master,
                    stream: Stream::Stdout,
                }],
            )
        }
        Streams::Pipes {
            stdin,
            stdout,
            stderr,
        } => (
            stdin,
            [(stdout, Stream::Stdout), (stderr, Stream::Stderr)]
                .into_iter()
                .filter_map(|(fd, stream)| fd.map(|fd| Output { fd, stream }))
                .collect(),
        ),
    };
    let terminal = outputs.len() == 1 && input.is_some() && is_terminal(&outputs[0].fd);
    for output in &outputs {
        set_nonblocking(output.fd.as_fd())?;
    }
    let mut buf = vec![0u8; MAX_PAYLOAD];
    let mut packet = Vec::with_capacity(MAX_PAYLOAD + 1);
    let mut trimmed = false;
    loop {
        if let Some(code) = crate::runtime::reap(pid)? {
            // What the process wrote before it ended is still in the pipes or the terminal.
            outputs.retain(|o| pump(o, &mut buf, &mut log, clients, &mut packet));
            return Ok(Ended { code, timed_out });
        }
        let mut fds = Vec::with_capacity(2 + outputs.len() + clients.len());
        fds.push(PollFd::new(signals.as_fd(), PollFlags::POLLIN));
        for output in &outputs {
            fds.push(PollFd::new(output.fd.as_fd(), PollFlags::POLLIN));
        }
        if let Some(listener) = listener {
            fds.push(PollFd::new(listener, PollFlags::POLLIN));
        }
        for client in clients.iter() {
            fds.push(PollFd::new(client.as_fd(), PollFlags::POLLIN));
        }
        if !trimmed {
            // Everything the start needed is done: an idle monitor keeps only what it touches
            // from here on.
            super::trim_memory();
            trimmed = true;
        }
        let timeout = match deadline.filter(|_| !timed_out) {
            Some(deadline) => {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    // PID 1 of its PID namespace: the kernel takes every process in it along.
                    timed_out = true;
                    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
                    PollTimeout::NONE
                } else {
                    // Rounded up, so the wake-up is never early.
                    let ms = left.as_millis().saturating_add(1);
                    PollTimeout::try_from(ms.min(i32::MAX as u128) as i32)
                        .unwrap_or(PollTimeout::MAX)
                }
            }
            None => PollTimeout::NONE,
        };
        match poll(&mut fds, timeout) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(e) => return Err(sys("wait for the container")(e)),
        }
        let ready: Vec<bool> = fds
            .iter()
            .map(|f| {
                f.revents().is_some_and(|r| {
                    r.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR)
                })
            })
            .collect();
        drop(fds);
        if ready[0] {
            // SIGCHLD is the only signal read; the loop's top reaps.
            while let Ok(Some(_)) = signals.read_signal() {}
        }
        let mut index = 1;
        let mut ended = Vec::new();
        for (i, output) in outputs.iter().enumerate() {
            if ready[index] && !pump(output, &mut buf, &mut log, clients, &mut packet) {
                ended.push(i);
            }
            index += 1;
        }
        for i in ended.into_iter().rev() {
            outputs.remove(i);
        }
        if let Some(listener) = listener {
            if ready[index]
                && let Ok(client) = super::socket::accept(listener)
            {
                prepare_client(&client);
                clients.push(client);
            }
            index += 1;
        }
        let polled_clients = ready.len() - index;
        let mut gone = Vec::new();
        for i in 0..polled_clients {
            if !ready[index + i] {
                continue;
            }
            let client = &clients[i];
            match recv(client.as_raw_fd(), &mut buf, MsgFlags::MSG_DONTWAIT) {
                Ok(0) => gone.push(i),
                Ok(n) => match ClientMessage::decode(&buf[..n]) {
                    Some(ClientMessage::Input(data)) => {
                        if let Some(fd) = &input
                            && write_all(fd.as_fd(), data).is_err()
                        {
                            input = None;
                        }
                    }
                    Some(ClientMessage::CloseInput) => {
                        // A terminal has no end of input to pass on; the client just stops.
                        if !terminal {
                            input = None;
                        }
                    }
                    Some(ClientMessage::Resize(rows, columns)) => {
                        if terminal && let Some(fd) = &input {
                            let _ = crate::runtime::console::set_terminal_size(
                                fd.as_fd(),
                                rows,
                                columns,
                            );
                        }
                    }
                    None => gone.push(i),
                },
                Err(Errno::EAGAIN | Errno::EINTR) => {}
                Err(_) => gone.push(i),
            }
        }
        for i in gone.into_iter().rev() {
            clients.remove(i);
        }
    }
}

fn is_terminal(fd: &OwnedFd) -> bool {
    nix::unistd::isatty(fd).unwrap_or(false)
}
