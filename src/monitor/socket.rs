//! The attach socket: a SOCK_SEQPACKET Unix socket per container in burrow's run directory.
//! Paths are bound and reached through /proc/self/fd/N/NAME, so a long run directory never
//! runs into the 108-byte limit of socket addresses.

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::Path;

use nix::sys::socket::{
    AddressFamily, SockFlag, SockType, UnixAddr, accept4, bind, connect, listen, socket, socketpair,
};

use super::MonitorError;

fn sys(what: &'static str) -> impl FnOnce(nix::Error) -> MonitorError {
    move |e| MonitorError::Io {
        what,
        source: e.into(),
    }
}

fn new_socket() -> Result<OwnedFd, MonitorError> {
    socket(
        AddressFamily::Unix,
        SockType::SeqPacket,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(sys("create the attach socket"))
}

/// A connected pair: one end for the monitor, one for the first client.
pub fn pair() -> Result<(OwnedFd, OwnedFd), MonitorError> {
    socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .map_err(sys("create the attach socket pair"))
}

/// The address of `name` in the directory `dir`, through the open directory.
fn address(dir: BorrowedFd<'_>, name: &str) -> Result<UnixAddr, MonitorError> {
    UnixAddr::new(format!("/proc/self/fd/{}/{name}", dir.as_raw_fd()).as_str())
        .map_err(sys("name the attach socket"))
}

fn open_dir(dir: &Path) -> Result<OwnedFd, MonitorError> {
    std::fs::File::open(dir)
        .map(OwnedFd::from)
        .map_err(|source| MonitorError::Io {
            what: "open the container's run directory",
            source,
        })
}

/// Listens on `dir/name`, replacing a socket a dead monitor left.
pub fn listen_at(dir: &Path, name: &str) -> Result<OwnedFd, MonitorError> {
    let _ = std::fs::remove_file(dir.join(name));
    let dir_fd = open_dir(dir)?;
    let fd = new_socket()?;
    bind(fd.as_raw_fd(), &address(dir_fd.as_fd(), name)?).map_err(sys("bind the attach socket"))?;
    listen(
        &fd,
        nix::sys::socket::Backlog::new(16).expect("16 is a valid backlog"),
    )
    .map_err(sys("listen on the attach socket"))?;
    Ok(fd)
}

/// Connects to the monitor listening on `dir/name`.
pub fn connect_to(dir: &Path, name: &str) -> Result<OwnedFd, MonitorError> {
    let dir_fd = open_dir(dir)?;
    let fd = new_socket()?;
    connect(fd.as_raw_fd(), &address(dir_fd.as_fd(), name)?)
        .map_err(sys("connect to the container's monitor"))?;
    // Only a monitor of the user's own may get what the user types and say how the container
    // ended: a socket another user swapped in is refused.
    let peer = nix::sys::socket::getsockopt(&fd, nix::sys::socket::sockopt::PeerCredentials)
        .map_err(sys("check who serves the attach socket"))?;
    let me = nix::unistd::geteuid().as_raw();
    if peer.uid() != me {
        return Err(MonitorError::Io {
            what: "trust the attach socket",
            source: std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!(
                    "{} is served by a process of user {}, not by a monitor of user {me}; remove the run directory {} and start the container again",
                    dir.join(name).display(),
                    peer.uid(),
                    dir.display()
                ),
            ),
        });
    }
    Ok(fd)
}

pub fn accept(listener: BorrowedFd<'_>) -> Result<OwnedFd, MonitorError> {
    accept4(listener, SockFlag::SOCK_CLOEXEC).map_err(sys("accept an attach client"))
}
