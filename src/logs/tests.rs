use super::*;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn records(text: &str) -> Vec<(String, &'static str, bool, String)> {
    text.lines()
        .map(|l| {
            let r = parse_record(l.as_bytes()).unwrap();
            (
                r.time.to_rfc3339(),
                r.stream.as_str(),
                r.partial,
                String::from_utf8(r.text.to_vec()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn prefix_is_conmons_timestamp_and_stream() {
    let mut buf = [0u8; PREFIX_CAPACITY];
    let n = format_prefix(
        &mut buf,
        at("2024-01-02T03:04:05.000012+01:30"),
        Stream::Stderr,
    );
    assert_eq!(
        std::str::from_utf8(&buf[..n]).unwrap(),
        "2024-01-02T03:04:05.000012000+01:30 stderr "
    );
    let n = format_prefix(&mut buf, at("2024-01-02T03:04:05Z"), Stream::Stdout);
    // conmon prints a zero offset as +00:00, not Z
    assert_eq!(
        std::str::from_utf8(&buf[..n]).unwrap(),
        "2024-01-02T03:04:05.000000000+00:00 stdout "
    );
    assert_eq!(n, 43);
}

#[test]
fn writer_splits_chunks_into_full_and_partial_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ctr.log");
    let mut w = LogWriter::open(&path, None).unwrap();
    w.write(Stream::Stdout, b"one\ntwo\nthr").unwrap();
    w.write(Stream::Stderr, b"oops\n").unwrap();
    w.write(Stream::Stdout, b"ee\n").unwrap();
    w.write(Stream::Stdout, b"").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let got: Vec<_> = records(&text)
        .into_iter()
        .map(|(_, s, p, t)| (s, p, t))
        .collect();
    assert_eq!(
        got,
        [
            ("stdout", false, "one".to_string()),
            ("stdout", false, "two".to_string()),
            ("stdout", true, "thr".to_string()),
            ("stderr", false, "oops".to_string()),
            ("stdout", false, "ee".to_string()),
        ]
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // every record of one chunk carries the same timestamp
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0][..35], lines[2][..35]);
}

#[test]
fn writer_appends_to_an_existing_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ctr.log");
    LogWriter::open(&path, None)
        .unwrap()
        .write(Stream::Stdout, b"a\n")
        .unwrap();
    LogWriter::open(&path, None)
        .unwrap()
        .write(Stream::Stdout, b"b\n")
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(records(&text).len(), 2);
}

#[test]
fn writer_starts_a_new_file_when_max_size_would_be_exceeded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ctr.log");
    // each record of "xxxx\n" is 43 + 2 + 5 = 50 bytes
    let mut w = LogWriter::open(&path, Some(120)).unwrap();
    w.write(Stream::Stdout, b"aaaa\nbbbb\n").unwrap();
    let before = std::fs::metadata(&path).unwrap();
    assert_eq!(before.len(), 100);
    w.write(Stream::Stdout, b"cccc\ndddd\n").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let texts: Vec<String> = records(&text).into_iter().map(|r| r.3).collect();
    assert_eq!(texts, ["cccc", "dddd"]);
    use std::os::unix::fs::MetadataExt;
    let after = std::fs::metadata(&path).unwrap();
    assert_ne!(
        before.ino(),
        after.ino(),
        "replaced by rename, not truncated"
    );
    assert!(!dir.path().join("ctr.log.tmp").exists());
    // a reopened writer counts what is already there
    let mut w = LogWriter::open(&path, Some(120)).unwrap();
    w.write(Stream::Stdout, b"eeee\n").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let texts: Vec<String> = records(&text).into_iter().map(|r| r.3).collect();
    assert_eq!(texts, ["eeee"]);
}

#[test]
fn records_parse_like_podman() {
    let r = parse_record(b"2024-01-02T03:04:05.123456789+01:00 stderr P a  b ").unwrap();
    assert_eq!(r.time, at("2024-01-02T03:04:05.123456789+01:00"));
    assert_eq!(r.stream, Stream::Stderr);
    assert!(r.partial);
    assert_eq!(r.text, b"a  b ");
    let empty = parse_record(b"2024-01-02T03:04:05.000000000Z stdout F ").unwrap();
    assert_eq!(empty.text, b"");
    assert!(parse_record(b"2024-01-02T03:04:05.000000000Z stdout F").is_err());
    assert!(parse_record(b"yesterday stdout F x").is_err());
    assert!(parse_record(b"2024-01-02T03:04:05.000000000Z stdin F x").is_err());
}

#[test]
fn log_time_keeps_nine_digits_and_prints_z_for_utc() {
    assert_eq!(
        format_log_time(at("2024-01-02T03:04:05.1+02:00")),
        "2024-01-02T03:04:05.100000000+02:00"
    );
    assert_eq!(
        format_log_time(at("2024-01-02T03:04:05+00:00")),
        "2024-01-02T03:04:05.000000000Z"
    );
}

const LOG: &str = "\
2024-01-01T00:00:01.000000000+00:00 stdout F one
2024-01-01T00:00:02.000000000+00:00 stderr F warn
2024-01-01T00:00:03.000000000+00:00 stdout P tw
2024-01-01T00:00:04.000000000+00:00 stdout F o
2024-01-01T00:00:05.000000000+00:00 stdout F three
";

fn print_all(text: &str, prefix: Option<&str>, options: &ReadOptions) -> (String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut sinks = Sinks {
        out: &mut out,
        err: &mut err,
    };
    let mut printer = Printer::default();
    for line in text.lines() {
        printer
            .print(line.as_bytes(), prefix, options, &mut sinks)
            .unwrap();
    }
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn printer_splits_streams_and_joins_partial_lines() {
    let (out, err) = print_all(LOG, None, &ReadOptions::default());
    assert_eq!(out, "one\ntwo\nthree\n");
    assert_eq!(err, "warn\n");
}

#[test]
fn printer_puts_prefix_and_timestamp_once_per_line() {
    let options = ReadOptions {
        timestamps: true,
        ..ReadOptions::default()
    };
    let (out, _) = print_all(LOG, Some("0123456789ab"), &options);
    assert_eq!(
        out,
        "0123456789ab 2024-01-01T00:00:01.000000000Z one\n\
         0123456789ab 2024-01-01T00:00:03.000000000Z two\n\
         0123456789ab 2024-01-01T00:00:05.000000000Z three\n"
    );
}

#[test]
fn printer_filters_by_since_and_until_strictly() {
    let t = |s: &str| Some(at(s).with_timezone(&Utc));
    let options = ReadOptions {
        since: t("2024-01-01T00:00:01Z"),
        until: t("2024-01-01T00:00:05Z"),
        ..ReadOptions::default()
    };
    let (out, err) = print_all(LOG, None, &options);
    assert_eq!(out, "two\n");
    assert_eq!(err, "warn\n");
}

#[test]
fn printer_skips_bad_lines() {
    let (out, _) = print_all(
        "garbage\n2024-01-01T00:00:01.000000000Z stdout F ok\n",
        None,
        &ReadOptions::default(),
    );
    assert_eq!(out, "ok\n");
}

fn tail_of(text: &str, n: u64) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ctr.log");
    std::fs::write(&path, text).unwrap();
    let mut f = File::open(&path).unwrap();
    let offset = tail_offset(&mut f, n).unwrap() as usize;
    text[offset..].to_string()
}

#[test]
fn tail_counts_lines_with_their_partial_records() {
    let lines: Vec<&str> = LOG.lines().collect();
    assert_eq!(tail_of(LOG, 0), "");
    assert_eq!(tail_of(LOG, 1), format!("{}\n", lines[4]));
    assert_eq!(
        tail_of(LOG, 2),
        format!("{}\n{}\n{}\n", lines[2], lines[3], lines[4])
    );
    assert_eq!(tail_of(LOG, 4), LOG);
    assert_eq!(tail_of(LOG, 100), LOG);
    assert_eq!(tail_of("", 3), "");
}

#[test]
fn tail_counts_a_trailing_partial_record_as_a_line() {
    let text = format!("{LOG}2024-01-01T00:00:06.000000000+00:00 stdout P pro\n");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(tail_of(&text, 2), format!("{}\n{}\n", lines[4], lines[5]));
}

#[test]
fn tail_works_across_read_chunks() {
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(&format!(
            "2024-01-01T00:00:01.000000000+00:00 stdout F line {i:05} {}\n",
            "x".repeat(i % 40)
        ));
    }
    let got = tail_of(&text, 1234);
    assert_eq!(got.lines().count(), 1234);
    assert!(got.starts_with("2024-01-01T00:00:01.000000000+00:00 stdout F line 03766 "));
    assert_eq!(tail_of(&text, 5000), text);
}

#[test]
fn read_logs_prints_files_and_skips_missing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.log");
    std::fs::write(&a, LOG).unwrap();
    let running = || false;
    let sources = [
        LogSource {
            path: dir.path().join("missing.log"),
            prefix: Some("m".into()),
            is_running: &running,
        },
        LogSource {
            path: a,
            prefix: Some("a".into()),
            is_running: &running,
        },
    ];
    let mut out = Vec::new();
    let mut err = Vec::new();
    let options = ReadOptions {
        tail: Some(2),
        follow: true,
        ..ReadOptions::default()
    };
    read_logs(
        &sources,
        &options,
        &mut Sinks {
            out: &mut out,
            err: &mut err,
        },
    )
    .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "a two\na three\n");
    assert!(err.is_empty());
}

#[test]
fn follow_reads_new_lines_until_the_container_stops() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ctr.log");
    let mut w = LogWriter::open(&path, Some(200)).unwrap();
    w.write(Stream::Stdout, b"first\n").unwrap();
    let running = Arc::new(AtomicBool::new(true));
    let writer = {
        let running = running.clone();
        std::thread::spawn(move || {
            for i in 0..6 {
                std::thread::sleep(Duration::from_millis(60));
                // 200 bytes hold three records: this rotates the file twice
                w.write(Stream::Stdout, format!("line{i}\n").as_bytes())
                    .unwrap();
            }
            running.store(false, Ordering::SeqCst);
        })
    };
    let is_running = || running.load(Ordering::SeqCst);
    let sources = [LogSource {
        path,
        prefix: None,
        is_running: &is_running,
    }];
    let mut out = Vec::new();
    let mut err = Vec::new();
    let options = ReadOptions {
        follow: true,
        ..ReadOptions::default()
    };
    let start = std::time::Instant::now();
    read_logs(
        &sources,
        &options,
        &mut Sinks {
            out: &mut out,
            err: &mut err,
        },
    )
    .unwrap();
    writer.join().unwrap();
    assert!(start.elapsed() < Duration::from_secs(3));
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "first\nline0\nline1\nline2\nline3\nline4\nline5\n"
    );
}

#[test]
fn follow_stops_when_until_passes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ctr.log");
    std::fs::write(&path, LOG).unwrap();
    let running = || true;
    let sources = [LogSource {
        path,
        prefix: None,
        is_running: &running,
    }];
    let options = ReadOptions {
        follow: true,
        until: Some(Utc::now() + chrono::Duration::milliseconds(300)),
        ..ReadOptions::default()
    };
    let mut out = Vec::new();
    let mut err = Vec::new();
    let start = std::time::Instant::now();
    read_logs(
        &sources,
        &options,
        &mut Sinks {
            out: &mut out,
            err: &mut err,
        },
    )
    .unwrap();
    let elapsed = start.elapsed();
    assert!(elapsed >= Duration::from_millis(250) && elapsed < Duration::from_secs(2));
    assert_eq!(String::from_utf8(out).unwrap(), "one\ntwo\nthree\n");
}
