//! podman's log lines (logrus's text format): `time="..." level=debug msg="..."` on stderr,
//! so that scripts and people reading podman's debug output read burrow's the same way.

use std::fmt::{self, Write as _};

use chrono::{DateTime, Local, SecondsFormat, TimeZone};
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// A tracing-subscriber event format that writes logrus's lines.
pub struct Logrus;

impl<S, N> FormatEvent<S, N> for Logrus
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        _ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let mut fields = Fields::default();
        event.record(&mut fields);
        writer.write_str(&line(
            &Local::now(),
            *event.metadata().level(),
            &fields.message,
            &fields.rest,
        ))
    }
}

#[derive(Default)]
struct Fields {
    message: String,
    rest: Vec<(String, String)>,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.keep(field, value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.keep(field, format!("{value:?}"));
    }
}

impl Fields {
    fn keep(&mut self, field: &Field, value: String) {
        if field.name() == "message" {
            self.message = value;
        } else {
            self.rest.push((field.name().to_string(), value));
        }
    }
}

/// One line: RFC 3339 time in the local zone, logrus's level name (`warning`, not `warn`),
/// the message, then any other fields as key=value.
pub fn line<Tz: TimeZone>(
    time: &DateTime<Tz>,
    level: Level,
    message: &str,
    fields: &[(String, String)],
) -> String
where
    Tz::Offset: fmt::Display,
{
    let mut out = format!(
        "time=\"{}\" level={} msg={}",
        time.to_rfc3339_opts(SecondsFormat::Secs, true),
        level_name(level),
        quoted(message)
    );
    for (key, value) in fields {
        let _ = write!(out, " {key}={}", quoted(value));
    }
    out.push('\n');
    out
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::TRACE => "trace",
        Level::DEBUG => "debug",
        Level::INFO => "info",
        Level::WARN => "warning",
        Level::ERROR => "error",
    }
}

/// logrus leaves a value bare when it has only letters, digits and `-._/@^+`; otherwise it is
/// quoted as Go's %q quotes.
fn quoted(text: &str) -> String {
    let bare = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/@^+".contains(c));
    if bare {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            c if c.is_control() && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn lines_are_logrus_text() {
        let utc = chrono::Utc.with_ymd_and_hms(2026, 12, 7, 5, 30, 4).unwrap();
        assert_eq!(
            line(
                &utc,
                Level::DEBUG,
                "Using graph root /home/u/.local/share/burrow",
                &[]
            ),
            "time=\"2026-12-07T05:30:04Z\" level=debug msg=\"Using graph root /home/u/.local/share/burrow\"\n"
        );
        let paris = utc.with_timezone(&FixedOffset::east_opt(3600).unwrap());
        assert_eq!(
            line(
                &paris,
                Level::WARN,
                "say \"hi\"\n\tnow",
                &[("id".into(), "abc".into())]
            ),
            "time=\"2026-12-07T06:30:04+01:00\" level=warning msg=\"say \\\"hi\\\"\\n\\tnow\" id=abc\n"
        );
        assert_eq!(
            line(&utc, Level::ERROR, "plain", &[("path".into(), "".into())]),
            "time=\"2026-12-07T05:30:04Z\" level=error msg=plain path=\"\"\n"
        );
        assert_eq!(quoted("a\u{1}é"), "\"a\\x01é\"");
    }

    #[test]
    fn the_formatter_writes_one_line_per_event() {
        use std::sync::{Arc, Mutex};
        #[derive(Clone, Default)]
        struct Buffer(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Buffer {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .event_format(Logrus)
            .with_max_level(Level::INFO)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(container = "web", "started {}", 3);
            tracing::debug!("not at info");
        });
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1, "{text}");
        assert!(lines[0].starts_with("time=\""), "{text}");
        assert!(
            lines[0].ends_with("\" level=info msg=\"started 3\" container=web"),
            "{text}"
        );
    }
}
