//! The parent↔child handshake of a launch: one named message per step, as JSON lines over a
//! socketpair. The child's end is close-on-exec, so a successful exec shows up in the parent
//! as end-of-file, and any failure before it arrives as a readable error.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;

use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub enum Message {
    /// Parent → child: the user namespace's ID maps are written; the child may go on.
    MappingWritten,
    /// Child → parent: the container is built and about to exec; it waits for `Go`, so the
    /// parent can record the process before it runs anything of the image's.
    Ready,
    /// Parent → child: the process is recorded; exec.
    Go,
    /// Child → parent: setup failed; `code` is the exit status podman would give.
    Failed { message: String, code: u8 },
}

pub struct Channel {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
}

impl Channel {
    pub fn pair() -> std::io::Result<(Channel, Channel)> {
        let (a, b) = UnixStream::pair()?;
        Ok((Channel::new(a)?, Channel::new(b)?))
    }

    fn new(stream: UnixStream) -> std::io::Result<Channel> {
        Ok(Channel {
            writer: stream.try_clone()?,
            reader: BufReader::new(stream),
        })
    }

    /// Moves the channel's descriptors to `floor` or above, so that descriptors put in place
    /// below it (`--preserve-fds`) cannot replace them.
    pub fn move_above(&mut self, floor: std::os::fd::RawFd) -> std::io::Result<()> {
        use std::os::fd::AsFd;
        let moved = |stream: &UnixStream| -> std::io::Result<UnixStream> {
            let fd =
                nix::fcntl::fcntl(stream.as_fd(), nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(floor))?;
            // SAFETY: F_DUPFD_CLOEXEC returned a new descriptor that nothing else owns.
            Ok(unsafe { <UnixStream as std::os::fd::FromRawFd>::from_raw_fd(fd) })
        };
        // Nothing is buffered yet: every message is read whole, one line at a time.
        let reader = moved(self.reader.get_ref())?;
        self.writer = moved(&self.writer)?;
        self.reader = BufReader::new(reader);
        Ok(())
    }

    pub fn send(&mut self, message: &Message) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(message).map_err(std::io::Error::other)?;
        line.push(b'\n');
        self.writer.write_all(&line)
    }

    /// The next message, or `None` at end-of-file (the other end exec'd or exited).
    pub fn receive(&mut self) -> std::io::Result<Option<Message>> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        serde_json::from_str(&line)
            .map(Some)
            .map_err(std::io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_cross_and_eof_is_none() {
        let (mut a, mut b) = Channel::pair().unwrap();
        a.send(&Message::MappingWritten).unwrap();
        a.send(&Message::Failed {
            message: "no such file".into(),
            code: 127,
        })
        .unwrap();
        drop(a);
        assert_eq!(b.receive().unwrap(), Some(Message::MappingWritten));
        assert!(matches!(
            b.receive().unwrap(),
            Some(Message::Failed { code: 127, .. })
        ));
        assert_eq!(b.receive().unwrap(), None);
    }
}
