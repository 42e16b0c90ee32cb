//! The event log: one JSON object per line in `<root>/events/events.log` (or containers.conf's
//! `events_logfile_path`), appended by every burrow that changes something, read and followed
//! by `burrow events`. Each event is one `write` under `<log>.lock`, which keeps writers from
//! appending to a log that another one is rotating: past `events_logfile_max_size` the newer
//! half is kept and a `log-rotation` event written, as podman does. The objects use the keys of
//! podman's events file.

use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::logs::{FollowFile, Watcher, parse_input_time};
use crate::output::{self, JsonStyle, OutputError};

#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[error("cannot write event to {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot read events from {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot watch {path} for new events: {source}")]
    Watch { path: PathBuf, source: io::Error },
    /// podman's texts: `failed to parse event filters: KEY is an invalid filter`
    #[error("failed to parse event filters: {0} is an invalid filter")]
    Filter(String),
    #[error(
        "failed to parse event filters: unable to convert {which} time of {value}: unable to interpret time value"
    )]
    Time { which: &'static str, value: String },
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// What kind of object an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventType {
    Container,
    Image,
    Pod,
    Volume,
    Network,
    System,
    Secret,
    Machine,
    Artifact,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Container => "container",
            EventType::Image => "image",
            EventType::Pod => "pod",
            EventType::Volume => "volume",
            EventType::Network => "network",
            EventType::System => "system",
            EventType::Secret => "secret",
            EventType::Machine => "machine",
            EventType::Artifact => "artifact",
        }
    }
}

/// One event, as stored (podman's libpod event keys). `status` is podman's word for what
/// happened: create, init, start, attach, exec, died, stop, kill, pause, unpause, remove,
/// rename, restart, cleanup; for images pull, remove, tag, untag, ….
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(
        rename = "ContainerExitCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub container_exit_code: Option<i32>,
    #[serde(rename = "ID", default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(rename = "Image", default, skip_serializing_if = "String::is_empty")]
    pub image: String,
    #[serde(rename = "Name", default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(rename = "Status")]
    pub status: String,
    #[serde(rename = "Time")]
    pub time: DateTime<Utc>,
    #[serde(rename = "Type")]
    pub kind: EventType,
    #[serde(rename = "error", default, skip_serializing_if = "String::is_empty")]
    pub error: String,
    /// container events: the container's labels (podman's Details.Attributes)
    #[serde(rename = "Attributes", default)]
    pub attributes: Option<BTreeMap<String, String>>,
}

impl Event {
    /// A container event now: its labels are the attributes, as podman records them.
    pub fn container(
        status: &str,
        id: &str,
        name: &str,
        image: &str,
        labels: &BTreeMap<String, String>,
    ) -> Event {
        Event {
            container_exit_code: None,
            id: id.to_string(),
            image: image.to_string(),
            name: name.to_string(),
            status: status.to_string(),
            time: Utc::now(),
            kind: EventType::Container,
            error: String::new(),
            attributes: Some(labels.clone()),
        }
    }

    /// An image event now: `name` is the reference it was pulled, tagged or removed by.
    pub fn image(status: &str, id: &str, name: &str) -> Event {
        Event {
            container_exit_code: None,
            id: id.to_string(),
            image: String::new(),
            name: name.to_string(),
            status: status.to_string(),
            time: Utc::now(),
            kind: EventType::Image,
            error: String::new(),
            attributes: None,
        }
    }

    /// podman's record of a rotated log: a system event named by the log's path.
    pub fn rotation(log: &Path) -> Event {
        Event {
            container_exit_code: None,
            id: String::new(),
            image: String::new(),
            name: log.display().to_string(),
            status: "log-rotation".to_string(),
            time: Utc::now(),
            kind: EventType::System,
            error: String::new(),
            attributes: None,
        }
    }

    /// The same event with the container's exit code (podman sets it on died and remove).
    pub fn with_exit_code(mut self, code: i32) -> Event {
        self.container_exit_code = Some(code);
        self
    }
}

/// Where the event log of a store lives unless containers.conf says otherwise.
pub fn log_path(graph_root: &Path) -> PathBuf {
    graph_root.join("events/events.log")
}

/// How this process logs events: podman's `--events-backend` and containers.conf's
/// `events_logger`, `events_logfile_path` and `events_logfile_max_size`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogSettings {
    /// false for the "none" backend: nothing is written, and `events` refuses to read.
    pub enabled: bool,
    /// `None`: the store's own log ([`log_path`]).
    pub path: Option<PathBuf>,
    /// Rotate past this many bytes; 0 never.
    pub max_size: u64,
}

impl LogSettings {
    /// From containers.conf, for a process that was given no flags (a monitor). A file that
    /// cannot be read costs a warning and podman's defaults; journald, which burrow cannot
    /// write to, is the file backend.
    pub fn from_config(env: &crate::config::ConfigEnv) -> LogSettings {
        Self::from_conf(crate::config::ContainersConf::load(env).as_ref())
    }

    fn from_conf(
        conf: Result<
            &crate::config::ContainersConf,
            &crate::config::containers_conf::ContainersConfError,
        >,
    ) -> LogSettings {
        let conf = conf.cloned().unwrap_or_else(|e| {
            tracing::warn!("{e}; using the default events settings");
            Default::default()
        });
        LogSettings {
            enabled: conf.logger.as_deref() != Some("none"),
            path: conf.logfile_path,
            max_size: conf
                .logfile_max_size
                .unwrap_or(crate::config::containers_conf::DEFAULT_EVENTS_LOG_MAX_SIZE),
        }
    }

    /// The log of the store at `graph_root`.
    pub fn log(&self, graph_root: &Path) -> PathBuf {
        self.path.clone().unwrap_or_else(|| log_path(graph_root))
    }
}

static SETTINGS: OnceLock<LogSettings> = OnceLock::new();

/// The backend a burrow given `--events-backend` hands to the processes it starts (monitors).
pub const BACKEND_VARIABLE: &str = "BURROW_EVENTS_BACKEND";

/// This process's settings, read when first needed (parsing containers.conf costs a command
/// that records no event about a millisecond): containers.conf, then the backend given to
/// this burrow or to the one that started it (the environment carries it).
pub fn settings() -> &'static LogSettings {
    SETTINGS.get_or_init(|| {
        let mut settings = LogSettings::from_conf(crate::config::containers_conf::for_process());
        match std::env::var(BACKEND_VARIABLE).as_deref() {
            Ok("none") => settings.enabled = false,
            Ok("file") => settings.enabled = true,
            _ => {}
        }
        settings
    })
}

/// Appends `event` to the log of the store at `graph_root`; a failure costs a warning, never
/// the command that had something to tell.
pub fn record(graph_root: &Path, event: &Event) {
    let settings = settings();
    if !settings.enabled {
        return;
    }
    if let Err(e) = append_limited(&settings.log(graph_root), event, settings.max_size) {
        tracing::warn!("{e}");
    }
}

/// Appends `event` to the log in one write, creating the file (0600) and its directory
/// (0700) if needed. When the log would reach `max_size` bytes (0: no limit) its older half
/// is dropped first and a `log-rotation` event written, as podman does. Callers only warn on
/// failure: no command fails for want of an event.
pub fn append_limited(log: &Path, event: &Event, max_size: u64) -> Result<(), EventsError> {
    let line = event_line(log, event)?;
    let write_err = |source| EventsError::Write {
        path: log.to_path_buf(),
        source,
    };
    let _lock = match lock_log(log) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            create_dir(log).map_err(write_err)?;
            lock_log(log)
        }
        other => other,
    }
    .map_err(write_err)?;
    let mut file = open_for_append(log).map_err(write_err)?;
    if max_size > 0 {
        let size = file.metadata().map_err(write_err)?.len();
        if size > 0 && size + line.len() as u64 >= max_size {
            drop(file);
            keep_newer_half(log).map_err(write_err)?;
            file = open_for_append(log).map_err(write_err)?;
            let rotation = Event::rotation(log);
            write_line(&mut file, &event_line(log, &rotation)?).map_err(write_err)?;
        }
    }
    write_line(&mut file, &line).map_err(write_err)
}

fn event_line(log: &Path, event: &Event) -> Result<Vec<u8>, EventsError> {
    let mut line = serde_json::to_vec(event).map_err(|e| EventsError::Write {
        path: log.to_path_buf(),
        source: io::Error::other(e),
    })?;
    line.push(b'\n');
    Ok(line)
}

fn lock_log(log: &Path) -> io::Result<crate::store::Lock> {
    let mut name = log.as_os_str().to_owned();
    name.push(".lock");
    crate::store::Lock::exclusive(Path::new(&name))
}

/// podman's truncation: from the middle of the log, the lines after the first line break,
/// into a new file renamed over the log (a reader following the old file sees no more).
fn keep_newer_half(log: &Path) -> io::Result<()> {
    use std::io::{BufRead, Seek};
    let mut old = std::fs::File::open(log)?;
    let half = old.metadata()?.len() / 2;
    old.seek(io::SeekFrom::Start(half))?;
    let mut reader = io::BufReader::new(old);
    let mut partial = Vec::new();
    reader.read_until(b'\n', &mut partial)?;
    let mut kept = Vec::new();
    io::Read::read_to_end(&mut reader, &mut kept)?;
    crate::store::write_replace(log, &kept)
}

fn write_line(file: &mut std::fs::File, line: &[u8]) -> io::Result<()> {
    let written = loop {
        match file.write(line) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => break other,
        }
    }?;
    if written != line.len() {
        return Err(io::ErrorKind::WriteZero.into());
    }
    Ok(())
}

fn open_for_append(log: &Path) -> io::Result<std::fs::File> {
    OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(log)
}

fn create_dir(log: &Path) -> io::Result<()> {
    match log.parent() {
        Some(dir) => std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir),
        None => Ok(()),
    }
}

/// `--filter` values, parsed: podman ORs the values of one key and ANDs the keys (a key is
/// compared as typed, so `event=` and `status=` are two keys although they mean the same).
#[derive(Debug, Default)]
pub struct EventFilter {
    groups: Vec<(String, Vec<Matcher>)>,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
}

#[derive(Debug)]
enum Matcher {
    /// name equal or ID prefix, for events of this type
    Object(EventType, String),
    /// volumes match by name prefix, as docker does
    VolumeName(String),
    Status(String),
    Type(String),
    Label(String, Option<String>),
}

impl Matcher {
    fn matches(&self, e: &Event) -> bool {
        match self {
            Matcher::Object(kind, value) => {
                e.kind == *kind && (e.name == *value || e.id.starts_with(value.as_str()))
            }
            Matcher::VolumeName(value) => {
                e.kind == EventType::Volume && e.name.starts_with(value.as_str())
            }
            Matcher::Status(value) => e.status == *value,
            Matcher::Type(value) => e.kind.as_str() == value,
            Matcher::Label(key, value) => e.attributes.as_ref().is_some_and(|a| {
                a.get(key)
                    .is_some_and(|have| value.as_ref().is_none_or(|want| have == want))
            }),
        }
    }
}

impl EventFilter {
    /// Parses `--filter` values and `--since`/`--until` (podman's time syntax) as of `now`.
    pub fn parse(
        filters: &[String],
        since: Option<&str>,
        until: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<EventFilter, EventsError> {
        let mut f = EventFilter::default();
        for filter in filters {
            let (key, value) = filter
                .split_once('=')
                .ok_or_else(|| EventsError::Filter(filter.clone()))?;
            let value = value.to_string();
            let matcher = match key.to_uppercase().as_str() {
                "CONTAINER" => Matcher::Object(EventType::Container, value),
                "IMAGE" => Matcher::Object(EventType::Image, value),
                "POD" => Matcher::Object(EventType::Pod, value),
                "ARTIFACT" => Matcher::Object(EventType::Artifact, value),
                "VOLUME" => Matcher::VolumeName(value),
                // "die" is docker's word
                "EVENT" | "STATUS" if value == "die" => Matcher::Status("died".into()),
                "EVENT" | "STATUS" => Matcher::Status(value),
                "TYPE" => Matcher::Type(value),
                "LABEL" => match value.split_once('=') {
                    Some((k, v)) => Matcher::Label(k.into(), Some(v.into())),
                    None => Matcher::Label(value, None),
                },
                _ => return Err(EventsError::Filter(key.to_string())),
            };
            match f.groups.iter_mut().find(|(k, _)| k == key) {
                Some((_, list)) => list.push(matcher),
                None => f.groups.push((key.to_string(), vec![matcher])),
            }
        }
        let time = |which, value: Option<&str>, is_since| {
            value
                .filter(|v| !v.is_empty())
                .map(|v| {
                    parse_input_time(v, is_since, now).map_err(|_| EventsError::Time {
                        which,
                        value: v.to_string(),
                    })
                })
                .transpose()
        };
        f.since = time("since", since, true)?;
        f.until = time("until", until, false)?;
        Ok(f)
    }

    pub fn until(&self) -> Option<DateTime<Utc>> {
        self.until
    }

    pub fn matches(&self, e: &Event) -> bool {
        self.since.is_none_or(|t| e.time > t)
            && self.until.is_none_or(|t| e.time < t)
            && self
                .groups
                .iter()
                .all(|(_, list)| list.iter().any(|m| m.matches(e)))
    }
}

/// Parses one line of the log.
pub fn parse_event(line: &[u8]) -> Option<Event> {
    serde_json::from_slice(line).ok()
}

/// The event as `podman events` prints it without `--format`; `truncate` (`--no-trunc=false`)
/// shortens IDs to 12 characters. Attributes come sorted (Go's map order is random).
pub fn human_line(e: &Event, truncate: bool) -> String {
    // Written in local time, podman reads event times back into Go's Local location.
    let time = output::go_local_time_string(e.time);
    let id = if truncate {
        &e.id[..e.id.len().min(12)]
    } else {
        e.id.as_str()
    };
    let (kind, status) = (e.kind.as_str(), e.status.as_str());
    match e.kind {
        EventType::Container | EventType::Pod => {
            let mut out = format!(
                "{time} {kind} {status} {id} (image={}, name={}",
                e.image, e.name
            );
            for (k, v) in e.attributes.iter().flatten() {
                out.push_str(&format!(", {k}={v}"));
            }
            out.push(')');
            out
        }
        EventType::Image | EventType::Artifact => {
            let mut out = format!("{time} {kind} {status} {id} {}", e.name);
            if !e.error.is_empty() {
                out.push(' ');
                out.push_str(&e.error);
            }
            out
        }
        EventType::System if e.name.is_empty() => format!("{time} {kind} {status}"),
        EventType::System | EventType::Volume | EventType::Machine => {
            format!("{time} {kind} {status} {}", e.name)
        }
        EventType::Secret => format!("{time} {kind} {status} {id}"),
        EventType::Network => format!("{time} {kind} {status} {id} (name={})", e.name),
    }
}

/// podman's `events --format` object (cmd/podman/system/events.go `Event`): `.Time` is unix
/// seconds there, `.TimeNano` nanoseconds.
#[derive(Serialize)]
#[serde(rename = "system.Event")]
struct TemplateEvent<'a> {
    #[serde(rename = "ContainerExitCode")]
    container_exit_code: Option<i32>,
    #[serde(rename = "OOMKilled")]
    oom_killed: Option<bool>,
    #[serde(rename = "ID")]
    id: &'a str,
    #[serde(rename = "Image")]
    image: &'a str,
    #[serde(rename = "Name")]
    name: &'a str,
    #[serde(rename = "Network")]
    network: &'a str,
    #[serde(rename = "Status")]
    status: &'a str,
    #[serde(rename = "Time")]
    time: i64,
    #[serde(rename = "TimeNano")]
    time_nano: i64,
    #[serde(rename = "Type")]
    kind: &'a str,
    #[serde(rename = "HealthStatus")]
    health_status: &'a str,
    #[serde(rename = "Error")]
    error: &'a str,
    #[serde(rename = "ContainerInspectData")]
    container_inspect_data: &'a str,
    #[serde(rename = "PodID")]
    pod_id: &'a str,
    #[serde(rename = "Attributes", serialize_with = "output::serialize_nil_map")]
    attributes: Option<&'a BTreeMap<String, String>>,
}

/// The same for `--format json`: Go's omitempty fields left out, lower-case keys where
/// podman's struct tags say so.
#[derive(Serialize)]
struct JsonEvent<'a> {
    #[serde(rename = "ContainerExitCode", skip_serializing_if = "Option::is_none")]
    container_exit_code: Option<i32>,
    #[serde(rename = "ID", skip_serializing_if = "str::is_empty")]
    id: &'a str,
    #[serde(rename = "Image", skip_serializing_if = "str::is_empty")]
    image: &'a str,
    #[serde(rename = "Name", skip_serializing_if = "str::is_empty")]
    name: &'a str,
    #[serde(rename = "Status")]
    status: &'a str,
    #[serde(rename = "time", skip_serializing_if = "is_zero")]
    time: i64,
    #[serde(rename = "timeNano", skip_serializing_if = "is_zero")]
    time_nano: i64,
    #[serde(rename = "Type")]
    kind: &'a str,
    #[serde(rename = "Error", skip_serializing_if = "str::is_empty")]
    error: &'a str,
    #[serde(rename = "Attributes")]
    attributes: Option<&'a BTreeMap<String, String>>,
}

fn is_zero(v: &i64) -> bool {
    *v == 0
}

fn time_nano(t: DateTime<Utc>) -> i64 {
    t.timestamp_nanos_opt().unwrap_or(0)
}

/// `json.Marshal`: compact, with Go's HTML escaping.
const JSON_LINE: JsonStyle = JsonStyle {
    indent: 0,
    escape_html: true,
};

/// How `burrow events` prints each event.
#[derive(Debug, Clone)]
pub enum EventFormat {
    /// podman's human-readable line; `truncate` shortens IDs
    Human { truncate: bool },
    /// one compact JSON object per line
    Json,
    /// a Go template applied to each event
    Template(String),
}

impl EventFormat {
    pub fn from_flag(format: Option<&str>, no_trunc: bool) -> EventFormat {
        match format {
            None => EventFormat::Human {
                truncate: !no_trunc,
            },
            Some(f) if output::is_json(f) => EventFormat::Json,
            Some(f) => EventFormat::Template(f.to_string()),
        }
    }

    /// The text for one event, newline included.
    pub fn render(&self, e: &Event) -> Result<String, EventsError> {
        match self {
            EventFormat::Human { truncate } => Ok(format!("{}\n", human_line(e, *truncate))),
            EventFormat::Json => Ok(output::to_json_pretty(
                &JsonEvent {
                    container_exit_code: e.container_exit_code,
                    id: &e.id,
                    image: &e.image,
                    name: &e.name,
                    status: &e.status,
                    time: e.time.timestamp(),
                    time_nano: time_nano(e.time),
                    kind: e.kind.as_str(),
                    error: &e.error,
                    attributes: e.attributes.as_ref(),
                },
                JSON_LINE,
            )?),
            EventFormat::Template(format) => {
                let row = TemplateEvent {
                    container_exit_code: e.container_exit_code,
                    oom_killed: None,
                    id: &e.id,
                    image: &e.image,
                    name: &e.name,
                    network: "",
                    status: &e.status,
                    time: e.time.timestamp(),
                    time_nano: time_nano(e.time),
                    kind: e.kind.as_str(),
                    health_status: "",
                    error: &e.error,
                    container_inspect_data: "",
                    pod_id: "",
                    attributes: e.attributes.as_ref(),
                };
                Ok(output::render_one(
                    &row,
                    Some(format),
                    "events",
                    JsonStyle::TEMPLATE_FUNC,
                )?)
            }
        }
    }
}

/// How `burrow events` reads the log.
pub struct ReadEvents<'a> {
    pub log: &'a Path,
    pub filter: &'a EventFilter,
    /// keep waiting for new events (until `--until` passes or the process is interrupted)
    pub stream: bool,
    /// start at the beginning of the log rather than at its end (podman: with --since or
    /// --until, or when not streaming)
    pub from_start: bool,
}

/// Reads events and hands each matching one to `each`, which may stop the reading by
/// returning false (its output was closed). Lines that are not events are reported and
/// skipped, as podman does.
pub fn read_events(
    read: &ReadEvents<'_>,
    each: &mut dyn FnMut(&Event) -> bool,
) -> Result<(), EventsError> {
    let log = read.log;
    let read_err = |source| EventsError::Read {
        path: log.to_path_buf(),
        source,
    };
    // podman creates the log here too, so a reader can wait on a log nobody wrote yet.
    if read.stream && !log.exists() {
        create_dir(log).map_err(read_err)?;
        open_for_append(log).map_err(read_err)?;
    }
    let offset = if read.from_start {
        0
    } else {
        std::fs::metadata(log).map(|m| m.len()).unwrap_or(0)
    };
    let Some(mut file) = FollowFile::open_at(log, offset).map_err(read_err)? else {
        return Ok(());
    };
    let mut go_on = true;
    let mut pass = |file: &mut FollowFile, go_on: &mut bool| {
        file.read_lines(&mut |line| {
            if !*go_on || line.is_empty() {
                return;
            }
            match parse_event(line) {
                Some(e) if read.filter.matches(&e) => *go_on = each(&e),
                Some(_) => {}
                None => tracing::error!(
                    "failed to read event: event type is not valid in {}",
                    log.display()
                ),
            }
        })
    };
    pass(&mut file, &mut go_on).map_err(read_err)?;
    if !read.stream || !go_on {
        return Ok(());
    }
    let watcher = Watcher::new().map_err(|source| EventsError::Watch {
        path: log.to_path_buf(),
        source,
    })?;
    if let Some(dir) = log.parent() {
        watcher
            .watch_dir(dir)
            .map_err(|source| EventsError::Watch {
                path: log.to_path_buf(),
                source,
            })?;
    }
    // Events written between the first read and the watch being set are read now.
    loop {
        pass(&mut file, &mut go_on).map_err(read_err)?;
        if !go_on {
            return Ok(());
        }
        let wait = match read.filter.until() {
            Some(until) => {
                let left = until - Utc::now();
                if left <= chrono::Duration::zero() {
                    return Ok(());
                }
                left.to_std().unwrap_or(Duration::ZERO)
            }
            None => Duration::from_secs(3600),
        };
        watcher.wait(wait).map_err(|source| EventsError::Watch {
            path: log.to_path_buf(),
            source,
        })?;
    }
}

#[cfg(test)]
mod tests;
