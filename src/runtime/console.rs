//! The container's console, for `run -t` and `exec -t` (crun's `terminal.c` is the model): in
//! the container, after pivot_root, `open_pty` opens a pseudo-terminal in the container's own
//! devpts, `set_terminal_size` gives it the spec's consoleSize (so the process starts with the
//! right size), `pty_path` names the slave for /dev/console, `send_fd` hands the master to
//! burrow over the console socket and `make_controlling_terminal` makes the slave the process's
//! terminal and stdio before exec. burrow takes the master with `receive_fd`; relaying it to
//! the caller's terminal is `relay`'s job.

use std::io::{self, IoSlice, IoSliceMut};
use std::mem::MaybeUninit;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::path::PathBuf;

use nix::fcntl::OFlag;
use nix::pty::{posix_openpt, unlockpt};
use nix::unistd::{dup2_stderr, dup2_stdin, dup2_stdout, getpid, getsid, setsid};
use rustix::io::Errno;
use rustix::net::{
    RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, SendAncillaryBuffer,
    SendAncillaryMessage, SendFlags,
};
use rustix::termios::Winsize;

/// The device major of every Unix98 pty slave; its minor is the number under /dev/pts.
const PTY_SLAVE_MAJOR: u32 = 136;

#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    #[error(
        "cannot open /dev/ptmx in the container: {0}; the container needs a devpts instance \
         on /dev/pts (newinstance, ptmxmode=0666) and /dev/ptmx linking to pts/ptmx"
    )]
    OpenPtmx(io::Error),
    #[error(
        "cannot open the slave side of the pseudo-terminal with TIOCGPTPEER: {0}; \
         burrow -t needs Linux 4.13 or newer"
    )]
    OpenPeer(io::Error),
    #[error("file descriptor {fd} is not a pseudo-terminal slave")]
    NotPtySlave { fd: RawFd },
    #[error(
        "cannot receive the container's pseudo-terminal: the container closed the socket \
         without sending it"
    )]
    NothingReceived,
    #[error(
        "cannot receive the container's pseudo-terminal: the message on the socket carried \
         no file descriptor"
    )]
    NoDescriptor,
    #[error("cannot {what}: {source}")]
    Io {
        what: &'static str,
        source: io::Error,
    },
}

/// Maps an errno from nix or rustix to `ConsoleError::Io` naming what was being done.
fn failed<E: Into<io::Error>>(what: &'static str) -> impl FnOnce(E) -> ConsoleError {
    move |error| ConsoleError::Io {
        what,
        source: error.into(),
    }
}

/// In the container, after pivot_root: opens a new pseudo-terminal in the container's devpts
/// (through /dev/ptmx) and returns `(master, slave)`, both close-on-exec. The slave is opened
/// from the master (TIOCGPTPEER) rather than by path, so it is always the peer of this master
/// even if /dev/pts is not what it seems.
pub fn open_pty() -> Result<(OwnedFd, OwnedFd), ConsoleError> {
    let master = posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC)
        .map_err(|errno| ConsoleError::OpenPtmx(errno.into()))?;
    unlockpt(&master).map_err(failed("unlock the pseudo-terminal (TIOCSPTLCK)"))?;
    use rustix::pty::OpenptFlags;
    let slave = rustix::pty::ioctl_tiocgptpeer(
        &master,
        OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC,
    )
    .map_err(|errno| ConsoleError::OpenPeer(errno.into()))?;
    Ok((master.into(), slave))
}

/// The slave's path in the devpts it was opened from, e.g. "/dev/pts/0", for bind-mounting over
/// /dev/console. Read from the device number, so it needs no ioctl (TIOCGPTN works only on the
/// master) and no lookup in /dev; the path is only meaningful in the container's mount namespace.
pub fn pty_path(slave: BorrowedFd<'_>) -> Result<PathBuf, ConsoleError> {
    let stat = rustix::fs::fstat(slave).map_err(failed("inspect the pseudo-terminal slave"))?;
    let is_char_device =
        rustix::fs::FileType::from_raw_mode(stat.st_mode) == rustix::fs::FileType::CharacterDevice;
    if !is_char_device || rustix::fs::major(stat.st_rdev) != PTY_SLAVE_MAJOR {
        return Err(ConsoleError::NotPtySlave {
            fd: slave.as_raw_fd(),
        });
    }
    Ok(PathBuf::from(format!(
        "/dev/pts/{}",
        rustix::fs::minor(stat.st_rdev)
    )))
}

/// Sets the size of the pseudo-terminal behind `pty` (either side).
pub fn set_terminal_size(pty: BorrowedFd<'_>, rows: u16, columns: u16) -> Result<(), ConsoleError> {
    let size = Winsize {
        ws_row: rows,
        ws_col: columns,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix::termios::tcsetwinsize(pty, size)
        .map_err(failed("set the pseudo-terminal's window size"))
}

/// In the container: makes `slave` the controlling terminal of a new session and the process's
/// stdin, stdout and stderr, so ^C and ^Z reach the container's foreground process group.
/// A process that already leads its session keeps it (setsid would fail with EPERM).
///
/// Only async-signal-safe system calls are made, so this may run between fork and exec; it
/// allocates only to report an error.
pub fn make_controlling_terminal(slave: OwnedFd) -> Result<(), ConsoleError> {
    if getsid(None).ok() != Some(getpid()) {
        setsid().map_err(failed("start a new session for the terminal"))?;
    }
    rustix::process::ioctl_tiocsctty(&slave).map_err(failed(
        "make the pseudo-terminal the controlling terminal (TIOCSCTTY)",
    ))?;
    // dup2 onto the same number would keep close-on-exec and the final close would then
    // take the descriptor away from stdio, so a slave on 0, 1 or 2 is moved above them first.
    let slave = if slave.as_raw_fd() <= libc::STDERR_FILENO {
        rustix::io::fcntl_dupfd_cloexec(&slave, libc::STDERR_FILENO + 1)
            .map_err(failed("duplicate the pseudo-terminal slave"))?
    } else {
        slave
    };
    dup2_stdin(&slave).map_err(failed("make the pseudo-terminal standard input"))?;
    dup2_stdout(&slave).map_err(failed("make the pseudo-terminal standard output"))?;
    dup2_stderr(&slave).map_err(failed("make the pseudo-terminal standard error"))?;
    Ok(())
}

/// Sends `fd` over a unix stream socket with SCM_RIGHTS and one byte of payload (a stream
/// socket cannot carry a message with no data).
pub fn send_fd(socket: BorrowedFd<'_>, fd: BorrowedFd<'_>) -> Result<(), ConsoleError> {
    let fds = [fd];
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(1))];
    let mut rights = SendAncillaryBuffer::new(&mut space);
    rights.push(SendAncillaryMessage::ScmRights(&fds));
    let payload = [0u8];
    loop {
        // MSG_NOSIGNAL: a parent that died is an error to report, not a SIGPIPE to die of.
        match rustix::net::sendmsg(
            socket,
            &[IoSlice::new(&payload)],
            &mut rights,
            SendFlags::NOSIGNAL,
        ) {
            Ok(_) => return Ok(()),
            Err(Errno::INTR) => continue,
            Err(errno) => return Err(failed("send the pseudo-terminal over the socket")(errno)),
        }
    }
}

/// Receives one descriptor sent by `send_fd`, close-on-exec. It reads exactly one byte, so
/// nothing sent after it on the socket is consumed; any extra descriptors are closed.
/// No buffered reader may read the socket ahead of it: a plain read that takes the byte makes
/// the kernel discard the descriptor.
pub fn receive_fd(socket: BorrowedFd<'_>) -> Result<OwnedFd, ConsoleError> {
    let mut payload = [0u8];
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(1))];
    loop {
        let mut control = RecvAncillaryBuffer::new(&mut space);
        let message = match rustix::net::recvmsg(
            socket,
            &mut [IoSliceMut::new(&mut payload)],
            &mut control,
            RecvFlags::CMSG_CLOEXEC,
        ) {
            Ok(message) => message,
            Err(Errno::INTR) => continue,
            Err(errno) => {
                return Err(failed("receive the container's pseudo-terminal")(errno));
            }
        };
        // Descriptors left in the buffer are closed when it is dropped.
        let received = control.drain().find_map(|message| match message {
            RecvAncillaryMessage::ScmRights(mut fds) => fds.next(),
            _ => None,
        });
        return match received {
            Some(fd) => Ok(fd),
            None if message.bytes == 0 => Err(ConsoleError::NothingReceived),
            None => Err(ConsoleError::NoDescriptor),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::os::fd::AsFd;
    use std::os::unix::net::UnixStream;

    use nix::unistd::{read, write};

    fn pipe() -> (OwnedFd, OwnedFd) {
        nix::unistd::pipe2(OFlag::O_CLOEXEC).unwrap()
    }

    fn write_all_to(fd: impl AsFd, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            bytes = &bytes[write(fd.as_fd(), bytes).unwrap()..];
        }
    }

    /// Reads from a blocking descriptor until `want` has appeared in what was read.
    fn read_until(fd: BorrowedFd<'_>, want: &str) -> String {
        let mut seen = Vec::new();
        let mut buffer = [0u8; 256];
        while !String::from_utf8_lossy(&seen).contains(want) {
            let count = read(fd, &mut buffer).unwrap();
            assert!(count > 0, "end of file before {want:?} in {seen:?}");
            seen.extend_from_slice(&buffer[..count]);
        }
        String::from_utf8_lossy(&seen).into_owned()
    }

    fn has_cloexec(fd: BorrowedFd<'_>) -> bool {
        rustix::io::fcntl_getfd(fd)
            .unwrap()
            .contains(rustix::io::FdFlags::CLOEXEC)
    }

    #[test]
    fn open_pty_pair_carries_bytes_both_ways() {
        let (master, slave) = open_pty().unwrap();
        assert!(has_cloexec(master.as_fd()) && has_cloexec(slave.as_fd()));
        assert!(nix::unistd::isatty(&slave).unwrap());

        write_all_to(&master, b"ping\n");
        let mut line = [0u8; 16];
        let count = read(&slave, &mut line).unwrap();
        assert_eq!(&line[..count], b"ping\n");

        write_all_to(&slave, b"pong\n");
        // The default line discipline echoes "ping" and maps \n to \r\n on output.
        let seen = read_until(master.as_fd(), "pong\r\n");
        assert!(seen.ends_with("ping\r\npong\r\n"), "{seen:?}");
    }

    #[test]
    fn pty_path_names_the_slave_in_dev_pts() {
        let (master, slave) = open_pty().unwrap();
        let path = pty_path(slave.as_fd()).unwrap();
        let link = std::fs::read_link(format!("/proc/self/fd/{}", slave.as_raw_fd())).unwrap();
        assert_eq!(path, link);
        assert!(path.starts_with("/dev/pts"));

        let (read_end, _write_end) = pipe();
        assert!(matches!(
            pty_path(read_end.as_fd()),
            Err(ConsoleError::NotPtySlave { .. })
        ));
        // The master is a character device too, but not a slave.
        assert!(matches!(
            pty_path(master.as_fd()),
            Err(ConsoleError::NotPtySlave { .. })
        ));
    }

    #[test]
    fn terminal_size_is_set_on_the_pair() {
        let (master, slave) = open_pty().unwrap();
        set_terminal_size(master.as_fd(), 41, 132).unwrap();
        let size = rustix::termios::tcgetwinsize(&slave).unwrap();
        assert_eq!((size.ws_row, size.ws_col), (41, 132));
    }

    #[test]
    fn a_sent_master_works_in_the_receiver() {
        let (sender, receiver) = UnixStream::pair().unwrap();
        let (master, slave) = open_pty().unwrap();
        send_fd(sender.as_fd(), master.as_fd()).unwrap();
        drop(master);
        let received = receive_fd(receiver.as_fd()).unwrap();
        assert!(has_cloexec(received.as_fd()));

        write_all_to(&received, b"over the socket\n");
        let mut line = [0u8; 32];
        let count = read(&slave, &mut line).unwrap();
        assert_eq!(&line[..count], b"over the socket\n");

        drop(sender);
        assert!(matches!(
            receive_fd(receiver.as_fd()),
            Err(ConsoleError::NothingReceived)
        ));
    }

    #[test]
    fn receive_fd_reads_only_its_own_byte() {
        let (mut sender, receiver) = UnixStream::pair().unwrap();
        let (read_end, write_end) = pipe();
        send_fd(sender.as_fd(), write_end.as_fd()).unwrap();
        sender.write_all(b"after").unwrap();
        let received = receive_fd(receiver.as_fd()).unwrap();

        let mut rest = [0u8; 5];
        (&receiver).read_exact(&mut rest).unwrap();
        assert_eq!(&rest, b"after");

        write_all_to(&received, b"x");
        drop((received, write_end));
        let mut all = Vec::new();
        std::fs::File::from(read_end).read_to_end(&mut all).unwrap();
        assert_eq!(all, b"x");
    }

    #[test]
    fn plain_bytes_without_a_descriptor_are_an_error() {
        let (mut sender, receiver) = UnixStream::pair().unwrap();
        sender.write_all(b"?").unwrap();
        assert!(matches!(
            receive_fd(receiver.as_fd()),
            Err(ConsoleError::NoDescriptor)
        ));
    }
}
