//! Container logs in conmon's k8s-file format, which podman reads:
//! `<RFC 3339 local time, 9 fraction digits, ±hh:mm> <stdout|stderr> <F|P> <text>\n`, one record
//! per line of output; `P` marks the part of a line that was written without its newline yet
//! (the rest follows in later records, the last one `F`).
//!
//! The writer is used by the container's monitor process (small, single-threaded); the reader
//! backs `burrow logs` (tail, since/until, timestamps, follow across rotation).

pub mod tail;
pub mod time;

use std::fs::{File, OpenOptions};
use std::io::{self, IoSlice, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, FixedOffset, Local, Timelike, Utc};

pub use tail::{FollowFile, Watcher};
pub use time::{TimeError, parse_input_time};

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("cannot open the container log {path}: {source}")]
    Open { path: PathBuf, source: io::Error },
    #[error("cannot write the container log {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot start a new container log {path} after it reached its maximum size: {source}")]
    Rotate { path: PathBuf, source: io::Error },
    #[error("cannot read the container log {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot watch the container log {path} for new lines: {source}")]
    Watch { path: PathBuf, source: io::Error },
    #[error("'{0}' is not a valid container log line")]
    BadLine(String),
}

/// Which of the container's outputs a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    pub fn as_str(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

/// `2024-01-02T03:04:05.123456789+01:00 stdout ` is 43 bytes, as conmon's TSBUFLEN - 1.
const PREFIX_CAPACITY: usize = 64;
/// Slices gathered before one writev.
const BATCH: usize = 64;

/// Appends a container's output to its log file as conmon does.
pub struct LogWriter {
    path: PathBuf,
    file: File,
    max_size: Option<u64>,
    /// Bytes in the current file, counted as conmon counts them for max-size.
    written: u64,
}

impl LogWriter {
    /// Opens (creating with mode 0600) the log for appending. With `max_size`, a record that
    /// would make the file larger than that starts a fresh file instead (conmon's behaviour
    /// without --log-rotate: the old content is dropped).
    pub fn open(path: &Path, max_size: Option<u64>) -> Result<LogWriter, LogError> {
        let file = open_append(path, false).map_err(|source| LogError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let written = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(LogWriter {
            path: path.to_path_buf(),
            file,
            max_size: max_size.filter(|m| *m > 0),
            written,
        })
    }

    /// Writes one chunk read from the container: a record per line, all with the same
    /// timestamp; a trailing piece without newline becomes a `P` record at once.
    pub fn write(&mut self, stream: Stream, data: &[u8]) -> Result<(), LogError> {
        if data.is_empty() {
            return Ok(());
        }
        let mut prefix_buf = [0u8; PREFIX_CAPACITY];
        let prefix_len = format_prefix(&mut prefix_buf, Local::now().fixed_offset(), stream);
        let prefix = &prefix_buf[..prefix_len];
        let mut slices = [IoSlice::new(&[]); BATCH];
        let mut used = 0;
        let mut rest = data;
        while !rest.is_empty() {
            let (line, partial) = match rest.iter().position(|&b| b == b'\n') {
                Some(end) => (&rest[..=end], false),
                None => (rest, true),
            };
            rest = &rest[line.len()..];
            let size = (prefix.len() + 2 + line.len() + usize::from(partial)) as u64;
            if let Some(max) = self.max_size
                && self.written + size > max
            {
                self.flush(&mut slices[..used])?;
                used = 0;
                self.start_new_file()?;
            }
            if used + 4 > BATCH {
                self.flush(&mut slices[..used])?;
                used = 0;
            }
            slices[used] = IoSlice::new(prefix);
            slices[used + 1] = IoSlice::new(if partial { b"P " } else { b"F " });
            slices[used + 2] = IoSlice::new(line);
            used += 3;
            if partial {
                slices[used] = IoSlice::new(b"\n");
                used += 1;
            }
            self.written += size;
        }
        self.flush(&mut slices[..used])
    }

    fn flush(&mut self, mut slices: &mut [IoSlice<'_>]) -> Result<(), LogError> {
        while !slices.is_empty() {
            match self.file.write_vectored(slices) {
                Ok(0) => {
                    return Err(LogError::Write {
                        path: self.path.clone(),
                        source: io::ErrorKind::WriteZero.into(),
                    });
                }
                Ok(n) => IoSlice::advance_slices(&mut slices, n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(source) => {
                    return Err(LogError::Write {
                        path: self.path.clone(),
                        source,
                    });
                }
            }
        }
        Ok(())
    }

    /// conmon's reopen_k8s_file: a new empty `<path>.tmp` renamed over the log, so readers
    /// holding the old file finish it and then find the new one.
    fn start_new_file(&mut self) -> Result<(), LogError> {
        let mut tmp = self.path.clone().into_os_string();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let rotate_err = |source| LogError::Rotate {
            path: self.path.clone(),
            source,
        };
        let file = open_append(&tmp, true).map_err(rotate_err)?;
        std::fs::rename(&tmp, &self.path).map_err(rotate_err)?;
        self.file = file;
        self.written = 0;
        Ok(())
    }
}

fn open_append(path: &Path, truncate: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    if truncate {
        options.write(true).truncate(true);
    } else {
        options.append(true);
    }
    options.create(true).mode(0o600).open(path)
}

/// Writes `<time> <stream> ` into `buf` without allocating; returns its length.
fn format_prefix(
    buf: &mut [u8; PREFIX_CAPACITY],
    now: DateTime<FixedOffset>,
    stream: Stream,
) -> usize {
    let offset = now.offset().local_minus_utc();
    let (sign, offset) = if offset < 0 {
        ('-', -offset)
    } else {
        ('+', offset)
    };
    let mut cursor = &mut buf[..];
    let capacity = cursor.len();
    // A leap second shows as nanosecond >= 1e9 in chrono; conmon never prints that.
    let nanos = now.nanosecond().min(999_999_999);
    let _ = write!(
        cursor,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}{}{:02}:{:02} {} ",
        now.year(),
        now.month(),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        nanos,
        sign,
        offset / 3600,
        (offset % 3600) / 60,
        stream.as_str()
    );
    capacity - cursor.len()
}

/// One record of a k8s-file log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRecord<'a> {
    pub time: DateTime<FixedOffset>,
    pub stream: Stream,
    /// `P`: the line continues in the next record of this stream.
    pub partial: bool,
    pub text: &'a [u8],
}

/// Parses one line of the file (without its newline), as podman's NewLogLine: four
/// space-separated fields, the text being everything after the third space.
pub fn parse_record(line: &[u8]) -> Result<LogRecord<'_>, LogError> {
    let bad = || LogError::BadLine(String::from_utf8_lossy(line).into_owned());
    let mut fields = line.splitn(4, |&b| b == b' ');
    let time = fields.next().ok_or_else(bad)?;
    let stream = fields.next().ok_or_else(bad)?;
    let kind = fields.next().ok_or_else(bad)?;
    let text = fields.next().ok_or_else(bad)?;
    let time = std::str::from_utf8(time)
        .ok()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .ok_or_else(bad)?;
    let stream = match stream {
        b"stdout" => Stream::Stdout,
        b"stderr" => Stream::Stderr,
        _ => return Err(bad()),
    };
    Ok(LogRecord {
        time,
        stream,
        partial: kind == b"P",
        text,
    })
}

/// podman's `logs.LogTimeFormat` (`2006-01-02T15:04:05.000000000Z07:00`) in the record's
/// own offset: nine fraction digits always, `Z` for a zero offset.
pub fn format_log_time(time: DateTime<FixedOffset>) -> String {
    let mut out = time.format("%Y-%m-%dT%H:%M:%S%.9f").to_string();
    if time.offset().local_minus_utc() == 0 {
        out.push('Z');
    } else {
        out.push_str(&time.format("%:z").to_string());
    }
    out
}

/// What `burrow logs` prints.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// only lines strictly after this time
    pub since: Option<DateTime<Utc>>,
    /// only lines strictly before this time; following stops when it passes
    pub until: Option<DateTime<Utc>>,
    /// only the last N lines (a line being its `P` records and the `F` record ending it)
    pub tail: Option<u64>,
    /// print each line's time first
    pub timestamps: bool,
    /// keep reading until the container stops running
    pub follow: bool,
}

/// One container's log to read.
pub struct LogSource<'a> {
    pub path: PathBuf,
    /// printed before each line and a space: podman's ID (12 characters) or, with
    /// `--names`, the name, when it reads several containers
    pub prefix: Option<String>,
    /// whether the container still runs (follow stops once it does not and the file is read)
    pub is_running: &'a dyn Fn() -> bool,
}

/// Where lines go: stdout records to `out`, stderr records to `err`, as podman writes them.
pub struct Sinks<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// The longest wait between two checks of whether a followed container still runs.
const LIVENESS_INTERVAL: Duration = Duration::from_millis(250);

/// Prints the logs of `sources` one after another (podman interleaves them in no defined
/// order); with `follow`, then waits for more from all of them until each one's container
/// has stopped (or `until` passed). A log file that does not exist yet prints nothing.
pub fn read_logs(
    sources: &[LogSource<'_>],
    options: &ReadOptions,
    sinks: &mut Sinks<'_>,
) -> Result<(), LogError> {
    let mut open = Vec::new();
    for source in sources {
        let offset = match options.tail {
            None => 0,
            Some(n) => match File::open(&source.path) {
                Ok(mut f) => tail_offset(&mut f, n).map_err(|e| LogError::Read {
                    path: source.path.clone(),
                    source: e,
                })?,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(LogError::Read {
                        path: source.path.clone(),
                        source: e,
                    });
                }
            },
        };
        let Some(file) = FollowFile::open_at(&source.path, offset).map_err(|e| LogError::Read {
            path: source.path.clone(),
            source: e,
        })?
        else {
            continue;
        };
        open.push(Followed {
            source,
            file,
            printer: Printer::default(),
        });
    }
    if !options.follow {
        for f in &mut open {
            f.read(options, sinks)?;
        }
        return Ok(());
    }
    let Some(first) = open.first() else {
        return Ok(());
    };
    let watcher = Watcher::new().map_err(|e| LogError::Watch {
        path: first.source.path.clone(),
        source: e,
    })?;
    for f in &open {
        let dir = f.source.path.parent().unwrap_or(Path::new("."));
        watcher.watch_dir(dir).map_err(|e| LogError::Watch {
            path: f.source.path.clone(),
            source: e,
        })?;
    }
    loop {
        let mut still = Vec::with_capacity(open.len());
        for mut f in open {
            // Asked before reading: whatever it wrote before stopping is then in the file.
            let running = (f.source.is_running)();
            f.read(options, sinks)?;
            if running {
                still.push(f);
            }
        }
        open = still;
        if open.is_empty() {
            return Ok(());
        }
        let mut wait = LIVENESS_INTERVAL;
        if let Some(until) = options.until {
            let left = until - Utc::now();
            if left <= chrono::Duration::zero() {
                return Ok(());
            }
            wait = wait.min(left.to_std().unwrap_or(Duration::ZERO));
        }
        watcher.wait(wait).map_err(|e| LogError::Watch {
            path: open[0].source.path.clone(),
            source: e,
        })?;
    }
}

struct Followed<'s, 'a> {
    source: &'s LogSource<'a>,
    file: FollowFile,
    printer: Printer,
}

impl Followed<'_, '_> {
    fn read(&mut self, options: &ReadOptions, sinks: &mut Sinks<'_>) -> Result<(), LogError> {
        let mut result = Ok(());
        let printer = &mut self.printer;
        let prefix = self.source.prefix.as_deref();
        self.file
            .read_lines(&mut |line| {
                if result.is_ok() {
                    result = printer.print(line, prefix, options, sinks);
                }
            })
            .map_err(|source| LogError::Read {
                path: self.source.path.clone(),
                source,
            })?;
        // A closed stdout (`burrow logs | head`) ends the command quietly, as in podman.
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(source) => Err(LogError::Write {
                path: PathBuf::from("standard output"),
                source,
            }),
            Ok(()) => Ok(()),
        }
    }
}

/// Turns records into output lines. The parts of a line are printed as they come (so a
/// prompt without newline shows at once, as in podman), but the prefix and timestamp only
/// before its first part, and since/until is decided by the first part's time.
#[derive(Default)]
pub struct Printer {
    /// per stream: inside a line whose `P` parts were seen, and whether it is shown
    open_line: [Option<bool>; 2],
}

impl Printer {
    pub fn print(
        &mut self,
        line: &[u8],
        prefix: Option<&str>,
        options: &ReadOptions,
        sinks: &mut Sinks<'_>,
    ) -> io::Result<()> {
        if line.is_empty() {
            return Ok(());
        }
        let record = match parse_record(line) {
            Ok(r) => r,
            Err(e) => {
                tracing::error!("getting new log line: {e}");
                return Ok(());
            }
        };
        let index = record.stream as usize;
        let out: &mut dyn Write = match record.stream {
            Stream::Stdout => &mut *sinks.out,
            Stream::Stderr => &mut *sinks.err,
        };
        let shown = match self.open_line[index] {
            Some(shown) => shown,
            None => {
                let time = record.time.with_timezone(&Utc);
                let shown = options.since.is_none_or(|t| time > t)
                    && options.until.is_none_or(|t| time < t);
                if shown {
                    if let Some(prefix) = prefix {
                        out.write_all(prefix.as_bytes())?;
                        out.write_all(b" ")?;
                    }
                    if options.timestamps {
                        out.write_all(format_log_time(record.time).as_bytes())?;
                        out.write_all(b" ")?;
                    }
                }
                shown
            }
        };
        if shown {
            out.write_all(record.text)?;
            if !record.partial {
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
        self.open_line[index] = record.partial.then_some(shown);
        Ok(())
    }
}

/// The offset where the last `n` lines of a log start, counted as podman's getTailLog
/// counts: `F` records end lines, `P` records before them belong to them, and a `P` record
/// at the very end counts as a line of its own.
pub fn tail_offset(file: &mut File, n: u64) -> io::Result<u64> {
    let len = file.seek(SeekFrom::End(0))?;
    if n == 0 {
        return Ok(len);
    }
    const CHUNK: u64 = 64 * 1024;
    let mut end = len;
    // Bytes of the line that straddles the chunk boundary, read in an earlier round.
    let mut carry: Vec<u8> = Vec::new();
    let mut counted = 0u64;
    let mut first = true;
    let mut earliest = len;
    while end > 0 {
        let start = end.saturating_sub(CHUNK);
        let mut data = vec![0u8; (end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut data)?;
        data.extend_from_slice(&carry);
        let mut line_end = data.len();
        // Complete lines are those after a newline; the piece before the first newline in
        // this window continues into the previous chunk, unless this is the file's start.
        loop {
            let line_start = match data[..line_end].iter().rposition(|&b| b == b'\n') {
                Some(nl) => nl + 1,
                None if start == 0 => 0,
                None => break,
            };
            let line = &data[line_start..line_end];
            if !line.is_empty() {
                let partial = line.split(|&b| b == b' ').nth(2) == Some(b"P");
                if !partial || first {
                    counted += 1;
                    first = false;
                }
                if counted > n {
                    return Ok(earliest);
                }
                earliest = start + line_start as u64;
            }
            if line_start == 0 {
                break;
            }
            line_end = line_start - 1;
        }
        carry = data[..line_end].to_vec();
        end = start;
    }
    Ok(earliest.min(len))
}

#[cfg(test)]
mod tests;
