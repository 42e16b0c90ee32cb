//! Reading a line-oriented file as it grows (`tail -F`): new complete lines are handed out as
//! they appear, a file renamed over the path (log rotation) is followed to its replacement,
//! and waiting is done with inotify on the file's directory, never by spinning.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use rustix::fs::inotify;

/// A file read from an offset on, line by line, across replacements of the path.
pub struct FollowFile {
    path: PathBuf,
    file: File,
    identity: (u64, u64),
    position: u64,
    /// The start of a line whose newline has not been written yet.
    pending: Vec<u8>,
    /// The last complete line handed out: a replacement that kept the old file's tail (the
    /// event log's rotation keeps its newer half) is read on from just after it.
    last: Vec<u8>,
}

impl FollowFile {
    /// Opens `path` and starts reading at `offset`; `None` if the file does not exist.
    pub fn open_at(path: &Path, offset: u64) -> io::Result<Option<FollowFile>> {
        let mut file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let meta = file.metadata()?;
        let position = file.seek(SeekFrom::Start(offset.min(meta.len())))?;
        Ok(Some(FollowFile {
            path: path.to_path_buf(),
            file,
            identity: (meta.dev(), meta.ino()),
            position,
            pending: Vec::new(),
            last: Vec::new(),
        }))
    }

    /// Hands every complete line (without its newline) written since the last call to
    /// `each`; when the path now names another file, finishes the old one and continues
    /// with the new one: after the last line handed out if the new file holds it (a rotation
    /// that kept the tail), else from its start.
    pub fn read_lines(&mut self, each: &mut dyn FnMut(&[u8])) -> io::Result<()> {
        loop {
            self.drain(each)?;
            match std::fs::metadata(&self.path) {
                Ok(meta) if (meta.dev(), meta.ino()) != self.identity => {
                    let Ok(mut file) = File::open(&self.path) else {
                        return Ok(());
                    };
                    let meta = file.metadata()?;
                    let resume = offset_after_line(&mut file, &self.last)?;
                    self.position = file.seek(SeekFrom::Start(resume))?;
                    self.file = file;
                    self.identity = (meta.dev(), meta.ino());
                    self.pending.clear();
                }
                Ok(meta) if meta.len() < self.position => {
                    // Truncated in place: what is there now is new.
                    self.position = self.file.seek(SeekFrom::Start(0))?;
                    self.pending.clear();
                }
                _ => return Ok(()),
            }
        }
    }

    fn drain(&mut self, each: &mut dyn FnMut(&[u8])) -> io::Result<()> {
        let mut buf = [0u8; 16384];
        loop {
            let n = match self.file.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.position += n as u64;
            let mut chunk = &buf[..n];
            while let Some(end) = chunk.iter().position(|&b| b == b'\n') {
                self.last.clear();
                if self.pending.is_empty() {
                    self.last.extend_from_slice(&chunk[..end]);
                } else {
                    self.last.append(&mut self.pending);
                    self.last.extend_from_slice(&chunk[..end]);
                }
                each(&self.last);
                chunk = &chunk[end + 1..];
            }
            self.pending.extend_from_slice(chunk);
        }
    }
}

/// Where to read a replacement file from: just after the first whole line equal to `line`,
/// else (no such line, or nothing read before) its start.
fn offset_after_line(file: &mut File, line: &[u8]) -> io::Result<u64> {
    if line.is_empty() {
        return Ok(0);
    }
    let mut content = Vec::new();
    file.read_to_end(&mut content)?;
    let mut start = 0;
    for piece in content.split_inclusive(|&b| b == b'\n') {
        start += piece.len();
        if piece.strip_suffix(b"\n") == Some(line) {
            return Ok(start as u64);
        }
    }
    Ok(0)
}

/// Wakes a follower when something changes in a set of directories.
pub struct Watcher {
    fd: OwnedFd,
}

impl Watcher {
    pub fn new() -> io::Result<Watcher> {
        let fd = inotify::init(inotify::CreateFlags::CLOEXEC | inotify::CreateFlags::NONBLOCK)?;
        Ok(Watcher { fd })
    }

    /// Watches `dir` for files written, created or renamed into it.
    pub fn watch_dir(&self, dir: &Path) -> io::Result<()> {
        let mask = inotify::WatchFlags::MODIFY
            | inotify::WatchFlags::CREATE
            | inotify::WatchFlags::MOVED_TO
            | inotify::WatchFlags::CLOSE_WRITE;
        inotify::add_watch(&self.fd, dir, mask)?;
        Ok(())
    }

    /// Waits until something changed or `timeout` passed, then forgets what happened (the
    /// caller rereads its files either way).
    pub fn wait(&self, timeout: Duration) -> io::Result<()> {
        let millis = timeout.as_millis().clamp(1, i32::MAX as u128) as i32;
        let mut fds = [PollFd::new(self.fd.as_fd(), PollFlags::POLLIN)];
        match poll(
            &mut fds,
            PollTimeout::try_from(millis).unwrap_or(PollTimeout::MAX),
        ) {
            Ok(_) | Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(e.into()),
        }
        let mut buf = [0u8; 4096];
        loop {
            match rustix::io::read(&self.fd, &mut buf) {
                Ok(0) => return Ok(()),
                Ok(_) => continue,
                Err(rustix::io::Errno::AGAIN) => return Ok(()),
                Err(rustix::io::Errno::INTR) => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn collect(f: &mut FollowFile) -> Vec<String> {
        let mut out = Vec::new();
        f.read_lines(&mut |l| out.push(String::from_utf8_lossy(l).into_owned()))
            .unwrap();
        out
    }

    #[test]
    fn follows_appends_partial_writes_and_replacement() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        assert!(FollowFile::open_at(&path, 0).unwrap().is_none());
        std::fs::write(&path, "one\ntw").unwrap();
        let mut f = FollowFile::open_at(&path, 0).unwrap().unwrap();
        assert_eq!(collect(&mut f), ["one"]);
        let mut w = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        w.write_all(b"o\nthree\n").unwrap();
        assert_eq!(collect(&mut f), ["two", "three"]);
        assert!(collect(&mut f).is_empty());
        // rotation: the old file gets a last line, then a new file is renamed over it
        w.write_all(b"four\n").unwrap();
        let tmp = dir.path().join("log.tmp");
        std::fs::write(&tmp, "five\n").unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        assert_eq!(collect(&mut f), ["four", "five"]);
    }

    #[test]
    fn a_replacement_that_kept_the_tail_resumes_after_the_last_line_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        std::fs::write(&path, "one\ntwo\nthree\n").unwrap();
        let mut f = FollowFile::open_at(&path, 0).unwrap().unwrap();
        assert_eq!(collect(&mut f), ["one", "two", "three"]);
        // the event log's rotation: the newer half kept, a rotation line, then new lines
        let tmp = dir.path().join("log.tmp");
        std::fs::write(&tmp, "two\nthree\nrotated\nfour\n").unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        assert_eq!(collect(&mut f), ["rotated", "four"]);
        // the last line read was dropped by the next rotation: all that is left is new
        std::fs::write(&tmp, "rotated again\nfive\n").unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        assert_eq!(collect(&mut f), ["rotated again", "five"]);
    }

    #[test]
    fn starts_at_an_offset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        std::fs::write(&path, "one\ntwo\n").unwrap();
        let mut f = FollowFile::open_at(&path, 4).unwrap().unwrap();
        assert_eq!(collect(&mut f), ["two"]);
    }

    #[test]
    fn watcher_wakes_on_write_and_times_out_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let w = Watcher::new().unwrap();
        w.watch_dir(dir.path()).unwrap();
        let start = std::time::Instant::now();
        w.wait(Duration::from_millis(100)).unwrap();
        assert!(start.elapsed() >= Duration::from_millis(90));
        std::fs::write(dir.path().join("x"), "y").unwrap();
        let start = std::time::Instant::now();
        w.wait(Duration::from_secs(5)).unwrap();
        assert!(start.elapsed() < Duration::from_secs(2));
    }
}
