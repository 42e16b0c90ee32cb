//! The image config a commit or an import writes: the `-c` instructions parsed as
//! podman parses them (libimage's ImageConfigFromChanges, with its texts), and the
//! base config with the container's settings, the changes and a history entry.
//! Pure: no file is read or written here.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

/// A `-c` instruction that podman would refuse, with podman's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid change {change:?} - {reason}")]
pub struct ChangeError {
    pub change: String,
    pub reason: String,
}

/// The `-c` instructions, folded in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigChanges {
    pub user: Option<String>,
    pub exposed_ports: Vec<String>,
    pub env: Vec<String>,
    pub entrypoint: Option<Vec<String>>,
    pub cmd: Option<Vec<String>>,
    pub volumes: Vec<String>,
    pub workdir: Option<String>,
    pub labels: Vec<(String, String)>,
    /// The signal's number, as podman stores it.
    pub stop_signal: Option<String>,
    pub onbuild: Vec<String>,
}

/// Parses `-c`/`--change` instructions: `KEY VALUE` (or `KEY=VALUE`), KEY one of
/// CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR.
pub fn parse_changes(changes: &[String]) -> Result<ConfigChanges, ChangeError> {
    let mut out = ConfigChanges::default();
    let mut workdir = String::new();
    for change in changes {
        let bad = |reason: String| ChangeError {
            change: change.clone(),
            reason,
        };
        let (key, value) = change
            .split_once(' ')
            .or_else(|| change.split_once('='))
            .ok_or_else(|| bad("must be formatted as KEY VALUE".into()))?;
        let key = key.trim().to_uppercase();
        let value = value.trim();
        match key.as_str() {
            "USER" => {
                if value.is_empty() {
                    return Err(bad("must provide a value to USER".into()));
                }
                out.user = Some(value.to_owned());
            }
            "EXPOSE" => {
                let parts: Vec<&str> = value.split('/').collect();
                if parts.len() > 2 {
                    return Err(bad("EXPOSE port must be formatted as PORT[/PROTO]".into()));
                }
                let port: i64 = parts[0].parse().map_err(|_| {
                    bad(format!(
                        "EXPOSE port must be an integer: strconv.Atoi: parsing {:?}: invalid syntax",
                        parts[0]
                    ))
                })?;
                if !(1..=65535).contains(&port) {
                    return Err(bad("EXPOSE port must be a valid port number".into()));
                }
                let proto = match parts.get(1).map(|p| p.to_lowercase()) {
                    None => "tcp".to_owned(),
                    Some(p) if p == "tcp" || p == "udp" => p,
                    Some(_) => return Err(bad("EXPOSE protocol must be TCP or UDP".into())),
                };
                out.exposed_ports.push(format!("{port}/{proto}"));
            }
            "ENV" => {
                let (key, val) = value.split_once('=').unwrap_or((value, ""));
                if key.is_empty() {
                    return Err(bad("ENV must have at least one argument".into()));
                }
                out.env
                    .push(format!("{}={}", strip_quotes(key), strip_quotes(val)));
            }
            "ENTRYPOINT" => {
                out.entrypoint = Some(match json_array(value) {
                    Some(list) => list,
                    None if value.is_empty() => Vec::new(),
                    None => shell_form(value),
                });
            }
            "CMD" => {
                out.cmd = Some(match json_array(value) {
                    Some(list) => list,
                    None if value.is_empty() => vec!["/bin/sh".into(), "-c".into()],
                    None => shell_form(value),
                });
            }
            "VOLUME" => {
                let list = json_array(value)
                    .unwrap_or_else(|| value.split(' ').map(str::to_owned).collect());
                if list.is_empty() {
                    return Err(bad("must provide at least one argument to VOLUME".into()));
                }
                if list.iter().any(String::is_empty) {
                    return Err(bad("VOLUME paths must not be empty".into()));
                }
                out.volumes.extend(list);
            }
            "WORKDIR" => {
                if value.is_empty() {
                    return Err(bad("must provide a non-empty WORKDIR".into()));
                }
                // Each WORKDIR is relative to the previous one, as filepath.Join.
                workdir = if value.starts_with('/') || workdir.is_empty() {
                    value.to_owned()
                } else {
                    format!("{}/{value}", workdir.trim_end_matches('/'))
                };
                out.workdir = Some(clean_path(&workdir));
            }
            "LABEL" => {
                let (key, val) = value
                    .split_once('=')
                    .ok_or_else(|| bad("LABEL must be formatted key=value".into()))?;
                let key = strip_quotes(key);
                if key.is_empty() {
                    return Err(bad("LABEL must have a non-empty key".into()));
                }
                out.labels
                    .push((key.to_owned(), strip_quotes(val).to_owned()));
            }
            "STOPSIGNAL" => {
                let number = crate::spec::parse_signal(value)
                    .map_err(|e| bad(format!("KILLSIGNAL must be given a valid signal: {e}")))?;
                out.stop_signal = Some(number.to_string());
            }
            "ONBUILD" => {
                if value.is_empty() {
                    return Err(bad("ONBUILD must be given an argument".into()));
                }
                out.onbuild.push(value.to_owned());
            }
            _ => return Err(bad(format!("invalid instruction {key}"))),
        }
    }
    Ok(out)
}

fn json_array(value: &str) -> Option<Vec<String>> {
    serde_json::from_str::<Vec<String>>(value).ok()
}

fn shell_form(value: &str) -> Vec<String> {
    vec!["/bin/sh".into(), "-c".into(), value.to_owned()]
}

fn strip_quotes(text: &str) -> &str {
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text)
}

/// Go's filepath.Clean for the paths WORKDIR builds.
fn clean_path(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// Which manifest and config media types an image is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImageFormat {
    #[default]
    Oci,
    Docker,
}

impl ImageFormat {
    pub fn parse(text: &str) -> Option<ImageFormat> {
        match text {
            "oci" => Some(ImageFormat::Oci),
            "docker" => Some(ImageFormat::Docker),
            _ => None,
        }
    }

    pub fn manifest_media_type(self) -> &'static str {
        match self {
            ImageFormat::Oci => "application/vnd.oci.image.manifest.v1+json",
            ImageFormat::Docker => "application/vnd.docker.distribution.manifest.v2+json",
        }
    }

    pub fn config_media_type(self) -> &'static str {
        match self {
            ImageFormat::Oci => "application/vnd.oci.image.config.v1+json",
            ImageFormat::Docker => "application/vnd.docker.container.image.v1+json",
        }
    }

    /// The media type of an uncompressed layer.
    pub fn layer_media_type(self) -> &'static str {
        match self {
            ImageFormat::Oci => "application/vnd.oci.image.layer.v1.tar",
            ImageFormat::Docker => "application/vnd.docker.image.rootfs.diff.tar",
        }
    }
}

/// What the container brings to the committed config (podman takes these and not,
/// for example, its stop signal).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerSettings {
    pub env: Vec<String>,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub workdir: String,
    pub user: String,
    pub labels: BTreeMap<String, String>,
    pub exposed_ports: Vec<String>,
    /// Only with `--include-volumes`.
    pub volumes: Vec<String>,
}

/// `SOURCE_DATE_EPOCH` as buildah reads it: whole seconds since 1970. Layers made with it
/// store no file time later than it, and the config's and history's times are it, so the
/// same changes give the same image ID.
pub fn source_date_epoch(value: Option<&str>) -> Result<Option<DateTime<Utc>>, String> {
    let Some(text) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .map(Some)
        .ok_or_else(|| {
            format!(
                "SOURCE_DATE_EPOCH={text:?} is not a number of seconds since 1970-01-01; \
                 set it to one (e.g. $(date +%s)) or unset it"
            )
        })
}

/// Everything a new config is made of.
#[derive(Debug, Clone)]
pub struct NewConfig<'a> {
    /// The base image's config; `None` for an import (a config from scratch).
    pub base: Option<&'a Value>,
    pub settings: Option<&'a ContainerSettings>,
    pub changes: &'a ConfigChanges,
    pub format: ImageFormat,
    pub author: Option<&'a str>,
    /// `-m`: the config's comment (docker format).
    pub message: Option<&'a str>,
    pub created: DateTime<Utc>,
    pub history_created_by: &'a str,
    pub history_comment: Option<&'a str>,
    /// The new layer's diff ID, appended to the base's (or all layers' when squashed).
    pub diff_ids: Vec<String>,
    /// Replace the base's layers and history instead of extending them (`--squash`).
    pub squash: bool,
    pub platform: (&'a str, &'a str),
}

/// The new image's config JSON.
pub fn build_config(input: &NewConfig<'_>) -> Value {
    let mut root = match input.base {
        Some(Value::Object(base)) => base.clone(),
        _ => Map::new(),
    };
    // Properties of the image, not of what it was built from.
    for key in [
        "container",
        "container_config",
        "docker_version",
        "id",
        "parent",
    ] {
        root.remove(key);
    }
    root.entry("architecture")
        .or_insert_with(|| Value::String(input.platform.0.to_owned()));
    root.entry("os")
        .or_insert_with(|| Value::String(input.platform.1.to_owned()));
    let created = go_time(input.created);
    root.insert("created".into(), Value::String(created.clone()));
    match input.author {
        Some(author) if !author.is_empty() => {
            root.insert("author".into(), Value::String(author.to_owned()));
        }
        _ => {
            root.remove("author");
        }
    }
    match (input.format, input.message) {
        (ImageFormat::Docker, Some(message)) if !message.is_empty() => {
            root.insert("comment".into(), Value::String(message.to_owned()));
        }
        _ => {
            root.remove("comment");
        }
    }

    let config = root
        .entry("config")
        .or_insert_with(|| Value::Object(Map::new()));
    if !config.is_object() {
        *config = Value::Object(Map::new());
    }
    let config = config.as_object_mut().expect("made an object above");
    if let Some(settings) = input.settings {
        apply_settings(config, settings);
    }
    apply_changes(config, input.changes, input.format);

    let mut diff_ids: Vec<Value> = if input.squash {
        Vec::new()
    } else {
        root.get("rootfs")
            .and_then(|r| r.get("diff_ids"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    diff_ids.extend(input.diff_ids.iter().cloned().map(Value::String));
    root.insert(
        "rootfs".into(),
        json!({"type": "layers", "diff_ids": diff_ids}),
    );

    let mut history: Vec<Value> = if input.squash {
        Vec::new()
    } else {
        root.get("history")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let mut entry = Map::new();
    entry.insert("created".into(), Value::String(created));
    entry.insert(
        "created_by".into(),
        Value::String(input.history_created_by.to_owned()),
    );
    if let Some(author) = input.author.filter(|a| !a.is_empty()) {
        entry.insert("author".into(), Value::String(author.to_owned()));
    }
    if let Some(comment) = input.history_comment.filter(|c| !c.is_empty()) {
        entry.insert("comment".into(), Value::String(comment.to_owned()));
    }
    if input.diff_ids.is_empty() {
        entry.insert("empty_layer".into(), Value::Bool(true));
    }
    history.push(Value::Object(entry));
    root.insert("history".into(), Value::Array(history));
    Value::Object(root)
}

/// Go's RFC3339Nano: the fraction without trailing zeros.
fn go_time(time: DateTime<Utc>) -> String {
    let text = time.to_rfc3339_opts(SecondsFormat::Nanos, true);
    let (whole, fraction) = text
        .trim_end_matches('Z')
        .split_once('.')
        .unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{}Z", whole.trim_end_matches('Z'))
    } else {
        format!("{whole}.{fraction}Z")
    }
}

fn apply_settings(config: &mut Map<String, Value>, settings: &ContainerSettings) {
    for env in &settings.env {
        set_env(config, env);
    }
    if !settings.cmd.is_empty() {
        config.insert("Cmd".into(), json!(settings.cmd));
    }
    if !settings.entrypoint.is_empty() {
        config.insert("Entrypoint".into(), json!(settings.entrypoint));
    }
    if !settings.workdir.is_empty() {
        config.insert("WorkingDir".into(), json!(settings.workdir));
    }
    if !settings.user.is_empty() {
        config.insert("User".into(), json!(settings.user));
    }
    for (key, value) in &settings.labels {
        insert_in(config, "Labels", key, Value::String(value.clone()));
    }
    for port in &settings.exposed_ports {
        insert_in(config, "ExposedPorts", port, json!({}));
    }
    for volume in &settings.volumes {
        insert_in(config, "Volumes", volume, json!({}));
    }
}

fn apply_changes(config: &mut Map<String, Value>, changes: &ConfigChanges, format: ImageFormat) {
    if let Some(user) = &changes.user {
        config.insert("User".into(), json!(user));
    }
    for port in &changes.exposed_ports {
        insert_in(config, "ExposedPorts", port, json!({}));
    }
    for env in &changes.env {
        set_env(config, env);
    }
    if let Some(entrypoint) = &changes.entrypoint {
        config.insert("Entrypoint".into(), json!(entrypoint));
    }
    if let Some(cmd) = &changes.cmd {
        config.insert("Cmd".into(), json!(cmd));
    }
    for volume in &changes.volumes {
        insert_in(config, "Volumes", volume, json!({}));
    }
    if let Some(workdir) = &changes.workdir {
        config.insert("WorkingDir".into(), json!(workdir));
    }
    for (key, value) in &changes.labels {
        insert_in(config, "Labels", key, Value::String(value.clone()));
    }
    if let Some(signal) = &changes.stop_signal {
        config.insert("StopSignal".into(), json!(signal));
    }
    if format == ImageFormat::Docker && !changes.onbuild.is_empty() {
        let list = config
            .entry("OnBuild")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.extend(changes.onbuild.iter().cloned().map(Value::String));
        } else {
            *list = json!(changes.onbuild);
        }
    }
}

/// Sets `KEY=VALUE` in Env, replacing an earlier value of KEY in place.
fn set_env(config: &mut Map<String, Value>, entry: &str) {
    let key = entry.split_once('=').map_or(entry, |(k, _)| k);
    let env = config
        .entry("Env")
        .or_insert_with(|| Value::Array(Vec::new()));
    if !env.is_array() {
        *env = Value::Array(Vec::new());
    }
    let env = env.as_array_mut().expect("made an array above");
    let existing = env.iter_mut().find(|e| {
        e.as_str()
            .is_some_and(|e| e.split_once('=').map_or(e, |(k, _)| k) == key)
    });
    match existing {
        Some(slot) => *slot = Value::String(entry.to_owned()),
        None => env.push(Value::String(entry.to_owned())),
    }
}

fn insert_in(config: &mut Map<String, Value>, field: &str, key: &str, value: Value) {
    let map = config
        .entry(field)
        .or_insert_with(|| Value::Object(Map::new()));
    if !map.is_object() {
        *map = Value::Object(Map::new());
    }
    map.as_object_mut()
        .expect("made an object above")
        .insert(key.to_owned(), value);
}

/// An OCI (or Docker schema2) manifest for a config and its uncompressed layers.
pub fn build_manifest(
    format: ImageFormat,
    config: (&str, u64),
    layers: &[(String, u64, String)],
) -> Value {
    let layers: Vec<Value> = layers
        .iter()
        .map(|(digest, size, media_type)| {
            json!({"mediaType": media_type, "digest": digest, "size": size})
        })
        .collect();
    json!({
        "schemaVersion": 2,
        "mediaType": format.manifest_media_type(),
        "config": {
            "mediaType": format.config_media_type(),
            "digest": config.0,
            "size": config.1,
        },
        "layers": layers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(changes: &[&str]) -> Result<ConfigChanges, String> {
        let owned: Vec<String> = changes.iter().map(|s| s.to_string()).collect();
        parse_changes(&owned).map_err(|e| e.to_string())
    }

    #[test]
    fn parses_each_instruction_as_podman() {
        let c = parse(&[
            r#"CMD ["echo","hello"]"#,
            "ENV A=1",
            "env B",
            r#"ENV "C"="x y""#,
            "EXPOSE 8080",
            "EXPOSE 53/UDP",
            r#"LABEL k="v v""#,
            "STOPSIGNAL SIGTERM",
            "VOLUME /data /more",
            r#"VOLUME ["/json"]"#,
            "ONBUILD RUN true",
            "WORKDIR /a",
            "WORKDIR b/../c",
            "ENTRYPOINT echo x",
            "USER=1000:1000",
        ])
        .unwrap();
        assert_eq!(c.cmd, Some(vec!["echo".into(), "hello".into()]));
        assert_eq!(c.env, ["A=1", "B=", "C=x y"]);
        assert_eq!(c.exposed_ports, ["8080/tcp", "53/udp"]);
        assert_eq!(c.labels, [("k".to_owned(), "v v".to_owned())]);
        assert_eq!(c.stop_signal.as_deref(), Some("15"));
        assert_eq!(c.volumes, ["/data", "/more", "/json"]);
        assert_eq!(c.onbuild, ["RUN true"]);
        assert_eq!(c.workdir.as_deref(), Some("/a/c"));
        assert_eq!(
            c.entrypoint,
            Some(vec!["/bin/sh".into(), "-c".into(), "echo x".into()])
        );
        assert_eq!(c.user.as_deref(), Some("1000:1000"));
        assert_eq!(
            parse(&["CMD echo hi"]).unwrap().cmd,
            Some(vec!["/bin/sh".into(), "-c".into(), "echo hi".into()])
        );
        assert_eq!(
            parse(&["WORKDIR sub"]).unwrap().workdir.as_deref(),
            Some("sub")
        );
        assert_eq!(parse(&["ENTRYPOINT []"]).unwrap().entrypoint, Some(vec![]));
    }

    #[test]
    fn refuses_bad_instructions_with_podmans_texts() {
        for (change, text) in [
            (
                "BOGUS x",
                r#"invalid change "BOGUS x" - invalid instruction BOGUS"#,
            ),
            (
                "CMD",
                r#"invalid change "CMD" - must be formatted as KEY VALUE"#,
            ),
            (
                "STOPSIGNAL FOO",
                r#"invalid change "STOPSIGNAL FOO" - KILLSIGNAL must be given a valid signal: invalid signal: FOO"#,
            ),
            (
                "EXPOSE 99999",
                r#"invalid change "EXPOSE 99999" - EXPOSE port must be a valid port number"#,
            ),
            (
                "EXPOSE 80/sctp",
                r#"invalid change "EXPOSE 80/sctp" - EXPOSE protocol must be TCP or UDP"#,
            ),
            (
                "LABEL x",
                r#"invalid change "LABEL x" - LABEL must be formatted key=value"#,
            ),
            (
                "ENV =x",
                r#"invalid change "ENV =x" - ENV must have at least one argument"#,
            ),
            (
                "VOLUME /a  /b",
                r#"invalid change "VOLUME /a  /b" - VOLUME paths must not be empty"#,
            ),
        ] {
            assert_eq!(parse(&[change]).unwrap_err(), text, "{change}");
        }
    }

    #[test]
    fn builds_the_config_from_base_settings_and_changes() {
        let base = json!({
            "architecture": "amd64", "os": "linux", "created": "2024-01-01T00:00:00Z",
            "config": {"Env": ["PATH=/bin", "FOO=old"], "Cmd": ["sh"], "Labels": {"a": "1"}},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:aaa"]},
            "history": [{"created": "2024-01-01T00:00:00Z", "created_by": "base"}],
        });
        let settings = ContainerSettings {
            env: vec!["PATH=/bin".into(), "FOO=bar".into(), "TERM=xterm".into()],
            cmd: vec!["sh".into(), "-c".into(), "true".into()],
            workdir: "/tmp".into(),
            user: "1000".into(),
            labels: BTreeMap::from([("x".into(), "y".into())]),
            ..ContainerSettings::default()
        };
        let changes = parse(&["ENV A=1", "EXPOSE 8080", "ONBUILD RUN true"]).unwrap();
        let created = DateTime::parse_from_rfc3339("2026-12-07T14:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut input = NewConfig {
            base: Some(&base),
            settings: Some(&settings),
            changes: &changes,
            format: ImageFormat::Oci,
            author: Some("Ann"),
            message: Some("ignored for oci"),
            created,
            history_created_by: "/bin/sh",
            history_comment: Some("FROM busybox"),
            diff_ids: vec!["sha256:bbb".into()],
            squash: false,
            platform: ("amd64", "linux"),
        };
        let config = build_config(&input);
        assert_eq!(
            config["config"],
            json!({
                "Env": ["PATH=/bin", "FOO=bar", "TERM=xterm", "A=1"],
                "Cmd": ["sh", "-c", "true"],
                "WorkingDir": "/tmp",
                "User": "1000",
                "Labels": {"a": "1", "x": "y"},
                "ExposedPorts": {"8080/tcp": {}},
            })
        );
        assert_eq!(config["author"], "Ann");
        assert!(config.get("comment").is_none());
        assert_eq!(config["created"], "2026-12-07T14:00:00Z");
        assert_eq!(
            config["rootfs"]["diff_ids"],
            json!(["sha256:aaa", "sha256:bbb"])
        );
        assert_eq!(
            config["history"][1],
            json!({"created": "2026-12-07T14:00:00Z", "created_by": "/bin/sh",
                   "author": "Ann", "comment": "FROM busybox"})
        );

        input.format = ImageFormat::Docker;
        input.squash = true;
        input.diff_ids = vec!["sha256:ccc".into()];
        let config = build_config(&input);
        assert_eq!(config["comment"], "ignored for oci");
        assert_eq!(config["config"]["OnBuild"], json!(["RUN true"]));
        assert_eq!(config["rootfs"]["diff_ids"], json!(["sha256:ccc"]));
        assert_eq!(config["history"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn formats_times_as_go() {
        let at = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc)
        };
        assert_eq!(go_time(at("2026-12-07T14:00:00Z")), "2026-12-07T14:00:00Z");
        assert_eq!(
            go_time(at("2026-12-07T14:07:35.001860990Z")),
            "2026-12-07T14:07:35.00186099Z"
        );
    }

    #[test]
    fn cleans_paths_as_go() {
        assert_eq!(clean_path("/a/b/../c/"), "/a/c");
        assert_eq!(clean_path("a/./b"), "a/b");
        assert_eq!(clean_path("/.."), "/");
        assert_eq!(clean_path("a/.."), ".");
    }

    #[test]
    fn source_date_epoch_is_whole_seconds() {
        assert_eq!(source_date_epoch(None), Ok(None));
        assert_eq!(source_date_epoch(Some("")), Ok(None));
        assert_eq!(
            source_date_epoch(Some("1704067200")).unwrap().unwrap(),
            DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap()
        );
        let err = source_date_epoch(Some("yesterday")).unwrap_err();
        assert!(
            err.contains("SOURCE_DATE_EPOCH=\"yesterday\" is not a number"),
            "{err}"
        );
    }
}
