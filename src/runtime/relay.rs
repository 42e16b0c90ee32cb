//! The caller's side of a terminal, shared by `run`, `attach` and `exec`: the user's terminal
//! in raw mode (`RawMode`), its window size passed on to the container's pseudo-terminal, the
//! detach keys found in the input (`DetachMatcher`), and `Relay`, which copies bytes between
//! the caller's stdin/stdout and the master of the container's console (see `console`).
//!
//! The relay is driven by one `poll()` on one thread. The caller's signalfd is part of that poll,
//! so SIGWINCH and SIGCHLD are handled between copies without a second thread or a timeout.

use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use nix::errno::Errno;
use nix::fcntl::{FcntlArg, OFlag, fcntl};
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::termios::{SetArg, Termios, cfmakeraw, tcgetattr, tcsetattr};
use nix::unistd::{read, write};
use rustix::termios::Winsize;

/// How much is read at once, and how much input is held while the container does not read.
const CHUNK: usize = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error("cannot {what}: {source}")]
    Io {
        what: &'static str,
        source: io::Error,
    },
}

/// Maps an errno from nix or rustix to `RelayError::Io` naming what was being done.
fn failed<E: Into<io::Error>>(what: &'static str) -> impl FnOnce(E) -> RelayError {
    move |error| RelayError::Io {
        what,
        source: error.into(),
    }
}

/// The caller's terminal in raw mode: every byte, ^C included, goes to the container, whose own
/// line discipline interprets it. Dropping it (or `restore`) puts back the saved settings.
#[derive(Debug)]
pub struct RawMode {
    /// A duplicate, so the settings can be restored whatever happens to the caller's handle.
    terminal: OwnedFd,
    saved: Termios,
    restored: bool,
}

impl RawMode {
    /// Switches the terminal behind `fd` to raw mode; `None` when `fd` is not a terminal.
    pub fn enter(fd: BorrowedFd<'_>) -> Result<Option<RawMode>, RelayError> {
        let saved = match tcgetattr(fd) {
            Ok(saved) => saved,
            Err(Errno::ENOTTY | Errno::EINVAL) => return Ok(None),
            Err(errno) => return Err(failed("read the terminal's settings")(errno)),
        };
        let terminal = rustix::io::fcntl_dupfd_cloexec(fd, libc::STDERR_FILENO + 1)
            .map_err(failed("duplicate the terminal's file descriptor"))?;
        let mut raw = saved.clone();
        cfmakeraw(&mut raw);
        tcsetattr(&terminal, SetArg::TCSANOW, &raw)
            .map_err(failed("put the terminal into raw mode"))?;
        Ok(Some(RawMode {
            terminal,
            saved,
            restored: false,
        }))
    }

    /// Puts back the settings saved by `enter`, reporting a failure that `Drop` would ignore.
    pub fn restore(mut self) -> Result<(), RelayError> {
        self.put_back()
    }

    fn put_back(&mut self) -> Result<(), RelayError> {
        if self.restored {
            return Ok(());
        }
        self.restored = true;
        tcsetattr(&self.terminal, SetArg::TCSANOW, &self.saved)
            .map_err(failed("restore the terminal's settings"))
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = self.put_back();
    }
}

fn window_size(fd: BorrowedFd<'_>) -> Result<Winsize, rustix::io::Errno> {
    rustix::termios::tcgetwinsize(fd)
}

/// Gives `to` (the pty master) the window size of `from` (the caller's terminal), which makes
/// the kernel send SIGWINCH to the container's foreground process group when it changed.
/// A `from` that is not a terminal has no size to copy, which is not an error.
pub fn copy_window_size(from: BorrowedFd<'_>, to: BorrowedFd<'_>) -> Result<(), RelayError> {
    let size = match window_size(from) {
        Ok(size) => size,
        Err(rustix::io::Errno::NOTTY | rustix::io::Errno::INVAL) => return Ok(()),
        Err(errno) => return Err(failed("read the terminal's window size")(errno)),
    };
    rustix::termios::tcsetwinsize(to, size).map_err(failed("set the pseudo-terminal's window size"))
}

/// The terminal's size as `(rows, columns)`, e.g. for the spec's `process.consoleSize`;
/// `None` when `fd` is not a terminal.
pub fn terminal_size(fd: BorrowedFd<'_>) -> Result<Option<(u16, u16)>, RelayError> {
    match window_size(fd) {
        Ok(size) => Ok(Some((size.ws_row, size.ws_col))),
        Err(rustix::io::Errno::NOTTY | rustix::io::Errno::INVAL) => Ok(None),
        Err(errno) => Err(failed("read the terminal's window size")(errno)),
    }
}

/// Finds the detach sequence in the input as it arrives, across reads.
#[derive(Debug, Clone)]
pub struct DetachMatcher {
    keys: Vec<u8>,
    matched: usize,
}

/// What to do with a chunk of input.
#[derive(Debug, PartialEq, Eq)]
pub enum Scan {
    /// Pass these bytes on (a partial match held back earlier may be released in front).
    Forward(Vec<u8>),
    /// The sequence was typed: pass on what came before it, then detach.
    Detach(Vec<u8>),
}

impl DetachMatcher {
    pub fn new(keys: Vec<u8>) -> DetachMatcher {
        DetachMatcher { keys, matched: 0 }
    }

    pub fn scan(&mut self, input: &[u8]) -> Scan {
        let mut out = Vec::with_capacity(input.len());
        if self.keys.is_empty() {
            out.extend_from_slice(input);
            return Scan::Forward(out);
        }
        for &byte in input {
            if byte == self.keys[self.matched] {
                self.matched += 1;
                if self.matched == self.keys.len() {
                    self.matched = 0;
                    return Scan::Detach(out);
                }
            } else {
                // A broken partial match was input after all.
                out.extend_from_slice(&self.keys[..self.matched]);
                self.matched = 0;
                if byte == self.keys[0] {
                    self.matched = 1;
                } else {
                    out.push(byte);
                }
            }
        }
        Scan::Forward(out)
    }
}

/// What ended a `Relay::step`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelayEvent {
    /// The caller's `extra` descriptor is readable; the caller reads it and steps again.
    Extra,
    /// Every process closed the slave and all its output was copied.
    Closed,
    /// The user typed the detach keys; what they typed before them went to the container.
    Detached,
}

/// The byte pump between the caller's stdin/stdout and the pty master.
#[derive(Debug)]
pub struct Relay<'a> {
    master: OwnedFd,
    /// `None` without -i, and after the input reached end-of-file.
    input: Option<BorrowedFd<'a>>,
    output: BorrowedFd<'a>,
    /// Input the master has not accepted yet; at most `CHUNK` bytes.
    pending: Vec<u8>,
    /// Scratch space for what the master gives.
    chunk: Vec<u8>,
    closed: bool,
    /// Watches the input for the detach keys (none: never detaches).
    detach: DetachMatcher,
    detached: bool,
}

impl<'a> Relay<'a> {
    /// Takes the master (and makes it non-blocking, so a container that does not read cannot
    /// stall the relay); `input` is read only when it is readable, so it stays as it is.
    pub fn new(
        master: OwnedFd,
        input: Option<BorrowedFd<'a>>,
        output: BorrowedFd<'a>,
    ) -> Result<Relay<'a>, RelayError> {
        let flags = fcntl(&master, FcntlArg::F_GETFL)
            .map_err(failed("read the pseudo-terminal's flags"))?;
        let flags = OFlag::from_bits_retain(flags) | OFlag::O_NONBLOCK;
        fcntl(&master, FcntlArg::F_SETFL(flags))
            .map_err(failed("make the pseudo-terminal non-blocking"))?;
        Ok(Relay {
            master,
            input,
            output,
            pending: Vec::with_capacity(CHUNK),
            chunk: vec![0; CHUNK],
            closed: false,
            detach: DetachMatcher::new(Vec::new()),
            detached: false,
        })
    }

    /// Detach (`RelayEvent::Detached`) when the input carries `keys`, which are not passed on.
    pub fn detach_on(mut self, keys: Vec<u8>) -> Relay<'a> {
        self.detach = DetachMatcher::new(keys);
        self
    }

    /// Gives back the master, e.g. to keep it open after detaching.
    pub fn into_master(self) -> OwnedFd {
        self.master
    }

    pub fn master(&self) -> BorrowedFd<'_> {
        self.master.as_fd()
    }

    /// Copies input → master and master → output until `extra` is readable (`Extra`) or the
    /// master reports that the slave is gone and nothing is left to read (`Closed`, also on
    /// every later call). End-of-file on the input only stops reading it.
    pub fn step(&mut self, extra: BorrowedFd<'_>) -> Result<RelayEvent, RelayError> {
        loop {
            if self.closed {
                return Ok(RelayEvent::Closed);
            }
            // While input waits for the container, the master is polled for room; while the
            // pending buffer is full, input is not read, so a stalled container stalls only input.
            let mut master_events = PollFlags::POLLIN;
            if !self.pending.is_empty() {
                master_events |= PollFlags::POLLOUT;
            }
            let input = self.input.filter(|_| self.pending.len() < CHUNK);
            let mut fds = [
                PollFd::new(extra, PollFlags::POLLIN),
                PollFd::new(self.master.as_fd(), master_events),
                PollFd::new(input.unwrap_or(extra), PollFlags::POLLIN),
            ];
            let watched = if input.is_some() { 3 } else { 2 };
            match poll(&mut fds[..watched], PollTimeout::NONE) {
                Ok(_) => {}
                Err(Errno::EINTR) => continue,
                Err(errno) => return Err(failed("wait for terminal input or output")(errno)),
            }
            let [extra_ready, master_ready, input_ready] =
                fds.map(|fd| fd.revents().unwrap_or(PollFlags::empty()));
            let input_ready = if input.is_some() {
                input_ready
            } else {
                PollFlags::empty()
            };
            if (extra_ready | master_ready | input_ready).contains(PollFlags::POLLNVAL) {
                return Err(RelayError::Io {
                    what: "wait for terminal input or output",
                    source: io::Error::from(Errno::EBADF),
                });
            }

            let readable = PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR;
            if master_ready.intersects(readable) {
                self.copy_master_output(master_ready.contains(PollFlags::POLLHUP))?;
            }
            let mut fresh_input = false;
            if input_ready.intersects(readable) {
                fresh_input = self.read_input()?;
            }
            if !self.closed && (fresh_input || master_ready.contains(PollFlags::POLLOUT)) {
                self.flush_pending()?;
            }
            if self.closed {
                return Ok(RelayEvent::Closed);
            }
            if self.detached {
                return Ok(RelayEvent::Detached);
            }
            if extra_ready.intersects(readable) {
                return Ok(RelayEvent::Extra);
            }
        }
    }

    /// After the container exited: copies what the master still holds to the output, without
    /// waiting for more.
    pub fn drain(&mut self) -> Result<(), RelayError> {
        loop {
            match read(&self.master, &mut self.chunk) {
                Ok(0) | Err(Errno::EIO) => {
                    self.closed = true;
                    return Ok(());
                }
                Ok(count) => write_all(self.output, &self.chunk[..count])?,
                Err(Errno::EAGAIN) => return Ok(()),
                Err(Errno::EINTR) => {}
                Err(errno) => return Err(failed("read the container's terminal output")(errno)),
            }
        }
    }

    /// One read from the master. EIO (or end-of-file) means no process holds the slave any
    /// more and everything it wrote has been read.
    fn copy_master_output(&mut self, hung_up: bool) -> Result<(), RelayError> {
        match read(&self.master, &mut self.chunk) {
            Ok(0) | Err(Errno::EIO) => self.closed = true,
            Ok(count) => write_all(self.output, &self.chunk[..count])?,
            // A hang-up with nothing to read would report itself forever: that is the end.
            Err(Errno::EAGAIN) => self.closed = hung_up,
            Err(Errno::EINTR) => {}
            Err(errno) => return Err(failed("read the container's terminal output")(errno)),
        }
        Ok(())
    }

    /// One read from the input into the free part of `pending`; true when bytes arrived.
    fn read_input(&mut self) -> Result<bool, RelayError> {
        let Some(input) = self.input else {
            return Ok(false);
        };
        let start = self.pending.len();
        self.pending.resize(CHUNK, 0);
        let result = read(input, &mut self.pending[start..]);
        let received = match result {
            Ok(count) => count,
            Err(Errno::EAGAIN | Errno::EINTR) => 0,
            // EIO: the user's terminal hung up, which ends input like end-of-file.
            Err(Errno::EIO) => {
                self.pending.truncate(start);
                self.input = None;
                return Ok(false);
            }
            Err(errno) => {
                self.pending.truncate(start);
                return Err(failed("read the terminal input")(errno));
            }
        };
        self.pending.truncate(start + received);
        if matches!(result, Ok(0)) {
            self.input = None;
        }
        if received > 0 {
            let fresh = self.pending.split_off(start);
            let kept = match self.detach.scan(&fresh) {
                Scan::Forward(kept) => kept,
                Scan::Detach(kept) => {
                    // Nothing after the keys is read: it is the user's terminal's again.
                    self.detached = true;
                    self.input = None;
                    kept
                }
            };
            self.pending.extend_from_slice(&kept);
            return Ok(!kept.is_empty());
        }
        Ok(false)
    }

    /// Writes as much pending input as the master takes now; the rest waits for POLLOUT.
    fn flush_pending(&mut self) -> Result<(), RelayError> {
        while !self.pending.is_empty() {
            match write(&self.master, &self.pending) {
                Ok(0) | Err(Errno::EAGAIN) => break,
                Ok(count) => {
                    self.pending.drain(..count);
                }
                Err(Errno::EINTR) => {}
                // No process holds the slave: the input has no reader, and the next read of
                // the master reports the end.
                Err(Errno::EIO) => self.pending.clear(),
                Err(errno) => return Err(failed("write to the container's terminal")(errno)),
            }
        }
        Ok(())
    }
}

/// Reads what the processes on a terminal write and drops it, until none holds the terminal
/// (end-of-file or EIO), so a process nobody is attached to never blocks writing.
pub fn discard_until_closed(master: OwnedFd) {
    let mut chunk = vec![0; CHUNK];
    loop {
        let mut fds = [PollFd::new(master.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(_) => return,
        }
        match read(&master, &mut chunk) {
            Ok(0) => return,
            Ok(_) | Err(Errno::EAGAIN | Errno::EINTR) => {}
            Err(_) => return,
        }
    }
}

/// Writes all of `bytes`, waiting for room if `fd` happens to be non-blocking.
fn write_all(fd: BorrowedFd<'_>, mut bytes: &[u8]) -> Result<(), RelayError> {
    const WHAT: &str = "write the container's terminal output";
    while !bytes.is_empty() {
        match write(fd, bytes) {
            Ok(0) => return Err(failed(WHAT)(io::Error::from(io::ErrorKind::WriteZero))),
            Ok(count) => bytes = &bytes[count..],
            Err(Errno::EINTR) => {}
            Err(Errno::EAGAIN) => loop {
                match poll(
                    &mut [PollFd::new(fd, PollFlags::POLLOUT)],
                    PollTimeout::NONE,
                ) {
                    Err(Errno::EINTR) => continue,
                    Err(errno) => return Err(failed(WHAT)(errno)),
                    Ok(_) => break,
                }
            },
            Err(errno) => return Err(failed(WHAT)(errno)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::console::{
        make_controlling_terminal, open_pty, pty_path, set_terminal_size,
    };
    use std::io::{Read, Seek, SeekFrom, Write};
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    use std::process::{Child, Command, Stdio};

    use nix::sys::termios::{LocalFlags, OutputFlags};

    fn pipe() -> (OwnedFd, OwnedFd) {
        nix::unistd::pipe2(OFlag::O_CLOEXEC).unwrap()
    }

    /// Stands in for the caller's signalfd: readable once a byte is written to its other end.
    struct Extra {
        read_end: OwnedFd,
        write_end: OwnedFd,
    }

    impl Extra {
        fn new() -> Extra {
            let (read_end, write_end) = pipe();
            Extra {
                read_end,
                write_end,
            }
        }

        fn fd(&self) -> BorrowedFd<'_> {
            self.read_end.as_fd()
        }

        fn signal(&self) {
            write_all_to(&self.write_end, b"!");
        }

        fn clear(&self) {
            let mut byte = [0u8];
            assert_eq!(read(&self.read_end, &mut byte).unwrap(), 1);
        }
    }

    fn write_all_to(fd: impl AsFd, bytes: &[u8]) {
        write_all(fd.as_fd(), bytes).unwrap();
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

    /// Runs `sh -c script` with `slave` as its controlling terminal and stdio, like the
    /// container's process. The only copy of the slave left here is dropped with the command,
    /// so the master hangs up when the shell (and its children) exit.
    fn spawn_on_pty(script: &str, slave: OwnedFd) -> Child {
        let mut command = Command::new("/bin/sh");
        command
            .args(["-c", script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut slave = Some(slave);
        // SAFETY: the hook runs between fork and exec and makes only async-signal-safe system
        // calls (getsid, setsid, ioctl, fcntl, dup2, close); it allocates only for an error.
        unsafe {
            command.pre_exec(move || {
                let slave = slave
                    .take()
                    .ok_or_else(|| io::Error::other("the slave was already used"))?;
                make_controlling_terminal(slave).map_err(io::Error::other)
            });
        }
        command.spawn().unwrap()
    }

    /// `extra` is never signalled here, so one step runs until the slave is gone.
    fn run_until_closed(relay: &mut Relay<'_>, extra: BorrowedFd<'_>) {
        assert_eq!(relay.step(extra).unwrap(), RelayEvent::Closed);
    }

    fn contents(mut file: &std::fs::File) -> String {
        let mut text = String::new();
        file.seek(SeekFrom::Start(0)).unwrap();
        file.read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn raw_mode_changes_the_terminal_and_drop_restores_it() {
        let (_master, slave) = open_pty().unwrap();
        let before = tcgetattr(&slave).unwrap();
        assert!(
            before
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO)
        );

        let raw = RawMode::enter(slave.as_fd())
            .unwrap()
            .expect("a pty is a terminal");
        let during = tcgetattr(&slave).unwrap();
        assert!(!during.local_flags.intersects(
            LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG | LocalFlags::IEXTEN
        ));
        assert!(!during.output_flags.contains(OutputFlags::OPOST));
        drop(raw);
        assert_eq!(tcgetattr(&slave).unwrap(), before);

        let raw = RawMode::enter(slave.as_fd()).unwrap().unwrap();
        assert_ne!(tcgetattr(&slave).unwrap(), before);
        raw.restore().unwrap();
        assert_eq!(tcgetattr(&slave).unwrap(), before);
    }

    #[test]
    fn raw_mode_of_a_pipe_is_none() {
        let (read_end, _write_end) = pipe();
        assert!(RawMode::enter(read_end.as_fd()).unwrap().is_none());
    }

    #[test]
    fn window_size_is_copied_between_ptys() {
        let (from, _from_slave) = open_pty().unwrap();
        let (to, to_slave) = open_pty().unwrap();
        set_terminal_size(from.as_fd(), 41, 132).unwrap();
        assert_ne!(terminal_size(to.as_fd()).unwrap(), Some((41, 132)));
        copy_window_size(from.as_fd(), to.as_fd()).unwrap();
        // The size belongs to the pair, so the container sees it on its side.
        assert_eq!(terminal_size(to_slave.as_fd()).unwrap(), Some((41, 132)));

        let (read_end, _write_end) = pipe();
        copy_window_size(read_end.as_fd(), to.as_fd()).unwrap();
        assert_eq!(terminal_size(to.as_fd()).unwrap(), Some((41, 132)));
        assert_eq!(terminal_size(read_end.as_fd()).unwrap(), None);
    }

    #[test]
    fn relay_carries_a_line_to_a_shell_and_its_answer_back() {
        let (master, slave) = open_pty().unwrap();
        let path = pty_path(slave.as_fd()).unwrap();
        let (input, input_writer) = pipe();
        write_all_to(&input_writer, b"hello\n");
        drop(input_writer);
        let mut child = spawn_on_pty("tty; read line; echo got:$line", slave);

        let output = tempfile::tempfile().unwrap();
        let extra = Extra::new();
        let mut relay = Relay::new(master, Some(input.as_fd()), output.as_fd()).unwrap();
        run_until_closed(&mut relay, extra.fd());
        assert!(child.wait().unwrap().success());

        let text = contents(&output);
        assert!(
            text.contains(&format!("{}\r\n", path.display())),
            "{text:?}"
        );
        assert!(text.contains("hello\r\n"), "no echo in {text:?}");
        assert!(text.contains("got:hello\r\n"), "{text:?}");
        assert_eq!(relay.step(extra.fd()).unwrap(), RelayEvent::Closed);
    }

    #[test]
    fn control_c_interrupts_the_foreground_process() {
        let (master, slave) = open_pty().unwrap();
        let mut child = spawn_on_pty("echo ready; exec cat", slave);
        // Until the shell runs, the slave may not be its controlling terminal yet, and a ^C
        // before that would signal nobody.
        read_until(master.as_fd(), "ready");

        let (input, input_writer) = pipe();
        write_all_to(&input_writer, b"\x03");
        drop(input_writer);
        let output = tempfile::tempfile().unwrap();
        let extra = Extra::new();
        let mut relay = Relay::new(master, Some(input.as_fd()), output.as_fd()).unwrap();
        run_until_closed(&mut relay, extra.fd());
        assert_eq!(child.wait().unwrap().signal(), Some(libc::SIGINT));
    }

    #[test]
    fn relay_passes_a_mebibyte_of_input_without_loss() {
        const SIZE: usize = 1 << 20;
        let (master, slave) = open_pty().unwrap();
        let (input, input_writer) = pipe();
        // Lines stay far below the canonical line limit (4095 bytes); ^D at the start of a
        // line is end-of-file for wc.
        let mut data = b"x".repeat(63);
        data.push(b'\n');
        let mut data = data.repeat(SIZE / 64);
        data.push(0x04);
        let writer = std::thread::spawn(move || write_all_to(&input_writer, &data));
        let mut child = spawn_on_pty("wc -c", slave);

        let output = tempfile::tempfile().unwrap();
        let extra = Extra::new();
        let mut relay = Relay::new(master, Some(input.as_fd()), output.as_fd()).unwrap();
        run_until_closed(&mut relay, extra.fd());
        writer.join().unwrap();
        assert!(child.wait().unwrap().success());

        let text = contents(&output);
        // The echo has no digits but may interleave with wc's answer when the echo could not
        // be written at once, so only the digits are compared.
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let tail = &text[text.len().saturating_sub(200)..];
        assert_eq!(digits, SIZE.to_string(), "output ends with {tail:?}");
    }

    #[test]
    fn relay_passes_a_mebibyte_of_output_without_loss() {
        const SIZE: usize = 1 << 20;
        let (master, slave) = open_pty().unwrap();
        let mut child = spawn_on_pty("head -c 1048576 /dev/zero | tr '\\000' y", slave);
        let output = tempfile::tempfile().unwrap();
        let extra = Extra::new();
        let mut relay = Relay::new(master, None, output.as_fd()).unwrap();
        run_until_closed(&mut relay, extra.fd());
        assert!(child.wait().unwrap().success());

        let text = contents(&output);
        assert_eq!(text.len(), SIZE);
        assert!(text.bytes().all(|b| b == b'y'));
    }

    #[test]
    fn a_stalled_container_holds_back_input_without_losing_it() {
        const SIZE: usize = 4 << 20;
        let (master, slave) = open_pty().unwrap();
        // Raw, so the slave gets the bytes unchanged and nothing is echoed back.
        let mut raw = tcgetattr(&slave).unwrap();
        cfmakeraw(&mut raw);
        tcsetattr(&slave, SetArg::TCSANOW, &raw).unwrap();
        let slave_flags = OFlag::from_bits_retain(fcntl(&slave, FcntlArg::F_GETFL).unwrap());
        fcntl(&slave, FcntlArg::F_SETFL(slave_flags | OFlag::O_NONBLOCK)).unwrap();

        let data: Vec<u8> = (0..SIZE).map(|i| (i % 251) as u8).collect();
        let mut input = tempfile::tempfile().unwrap();
        input.write_all(&data).unwrap();
        input.seek(SeekFrom::Start(0)).unwrap();
        let output = tempfile::tempfile().unwrap();
        // Always readable: every step is one pass of the poll loop.
        let extra = Extra::new();
        extra.signal();
        let mut relay = Relay::new(master, Some(input.as_fd()), output.as_fd()).unwrap();

        // Nobody reads the slave: the pty fills (the kernel frees room in it at its own pace,
        // so how much it takes varies), then the pending buffer, then input waits. Steps that
        // kept reading would have read 128 x 64 KiB, all of the input.
        for _ in 0..128 {
            assert_eq!(relay.step(extra.fd()).unwrap(), RelayEvent::Extra);
            assert!(relay.pending.len() <= CHUNK);
        }
        let offset = (&input).stream_position().unwrap();
        assert!(offset < SIZE as u64 / 2, "read {offset} bytes of input");

        // Now the container reads: everything arrives, in order.
        let mut received = Vec::with_capacity(SIZE);
        let mut buffer = vec![0u8; CHUNK];
        while received.len() < SIZE {
            loop {
                match read(&slave, &mut buffer) {
                    Ok(count) => received.extend_from_slice(&buffer[..count]),
                    Err(Errno::EAGAIN) => break,
                    Err(errno) => panic!("reading the slave: {errno}"),
                }
            }
            assert_eq!(relay.step(extra.fd()).unwrap(), RelayEvent::Extra);
        }
        assert!(
            received == data,
            "the bytes arrived changed or out of order"
        );
        assert!(relay.pending.is_empty());
        assert!(contents(&output).is_empty());
    }

    #[test]
    fn input_end_of_file_does_not_end_the_relay() {
        let (master, slave) = open_pty().unwrap();
        let (input, input_writer) = pipe();
        drop(input_writer);
        let mut child = spawn_on_pty("read line; echo got:$line", slave);
        let output = tempfile::tempfile().unwrap();
        let extra = Extra::new();
        // Ready before the first step, as the input's end-of-file is: one poll sees both.
        extra.signal();
        let mut relay = Relay::new(master, Some(input.as_fd()), output.as_fd()).unwrap();
        assert_eq!(relay.step(extra.fd()).unwrap(), RelayEvent::Extra);
        assert!(
            relay.input.is_none(),
            "end-of-file on the input was not seen"
        );
        extra.clear();

        // The container is still there and still answers.
        write_all_to(relay.master(), b"later\n");
        run_until_closed(&mut relay, extra.fd());
        assert!(child.wait().unwrap().success());
        assert!(contents(&output).contains("got:later\r\n"));
    }

    #[test]
    fn drain_collects_output_left_after_the_process_exited() {
        let (master, slave) = open_pty().unwrap();
        let mut child = spawn_on_pty("printf done", slave);
        assert!(child.wait().unwrap().success());

        let output = tempfile::tempfile().unwrap();
        let extra = Extra::new();
        let mut relay = Relay::new(master, None, output.as_fd()).unwrap();
        relay.drain().unwrap();
        assert_eq!(contents(&output), "done");
        assert_eq!(relay.step(extra.fd()).unwrap(), RelayEvent::Closed);
    }
}
