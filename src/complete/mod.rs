//! What a shell completion offers: the containers, images and volumes of a store, and the
//! fixed sets of flag values. The store is read as any reader reads it (records are replaced
//! by rename, so no lock is needed) and never from the user namespace: a TAB must answer in a
//! few milliseconds, and must neither wait on a lock nor start the namespace holder. Every
//! source gives nothing rather than an error: a broken store means no candidates.
//!
//! Matching follows podman's completions (cmd/podman/common/completion.go): names match by
//! prefix; IDs (12 digits) are offered once two characters are typed; an image is offered by
//! its full `repo:tag` when nothing is typed, and by each shorter path of it
//! (`library/busybox:latest`, `busybox:latest`) once something is.

use std::path::Path;

use crate::container::current_state;
use crate::store::{ContainerState, ImageRecord, Status, Store};
use crate::volume::VolumeStore;

/// One completion: the word and what it is (zsh and fish show the description).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub value: String,
    pub help: Option<String>,
}

impl Candidate {
    pub fn new(value: impl Into<String>) -> Candidate {
        Candidate {
            value: value.into(),
            help: None,
        }
    }

    pub fn described(value: impl Into<String>, help: impl Into<String>) -> Candidate {
        Candidate {
            value: value.into(),
            help: Some(help.into()),
        }
    }

    fn prefixed(self, prefix: &str) -> Candidate {
        Candidate {
            value: format!("{prefix}{}", self.value),
            ..self
        }
    }

    fn suffixed(self, suffix: &str) -> Candidate {
        Candidate {
            value: format!("{}{suffix}", self.value),
            ..self
        }
    }
}

/// Which containers a command acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// exec, attach, stop, kill, pause: a process to reach.
    Running,
    /// start: one that is not running.
    Stopped,
    All,
}

/// A container as completion needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerEntry {
    pub id: String,
    pub name: String,
    pub image: String,
    pub running: bool,
}

/// The store a completion reads: the one the command line names (`--root`, `--volumepath`)
/// or the default.
#[derive(Debug, Clone)]
pub struct Sources {
    store: Store,
}

impl Sources {
    pub fn new(store: Store) -> Sources {
        Sources { store }
    }

    /// Every readable container, oldest first, with whether its process runs now (a recorded
    /// `running` whose process is gone is not).
    pub fn containers(&self) -> Vec<ContainerEntry> {
        self.store
            .containers()
            .unwrap_or_default()
            .into_iter()
            .map(|c| ContainerEntry {
                running: is_running(&c.state),
                id: c.record.id,
                name: c.record.name,
                image: c.record.image_name,
            })
            .collect()
    }

    pub fn images(&self) -> Vec<ImageRecord> {
        self.store.images().unwrap_or_default()
    }

    /// The names of the volumes whose records can be read.
    pub fn volumes(&self) -> Vec<String> {
        let volumes = VolumeStore::new(self.store.volumes_dir());
        let Ok(entries) = std::fs::read_dir(volumes.dir()) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.starts_with('.'))
            .filter(|n| volumes.get(n).ok().flatten().is_some())
            .collect();
        names.sort();
        names
    }

    /// The platforms (`os/arch[/variant]`) of the stored images, read from their configs.
    pub fn platforms(&self) -> Vec<String> {
        let mut platforms: Vec<String> = self
            .images()
            .iter()
            .filter_map(|i| self.store.image_file(&i.id, "config.json").ok())
            .filter_map(|bytes| serde_json::from_slice::<PlatformFields>(&bytes).ok())
            .map(|p| p.platform())
            .collect();
        platforms.sort();
        platforms.dedup();
        platforms
    }

    pub fn root(&self) -> &Path {
        self.store.root()
    }
}

fn is_running(state: &ContainerState) -> bool {
    state.status == Status::Running && current_state(state).status == Status::Running
}

#[derive(serde::Deserialize)]
struct PlatformFields {
    #[serde(default)]
    os: String,
    #[serde(default)]
    architecture: String,
    #[serde(default)]
    variant: Option<String>,
}

impl PlatformFields {
    fn platform(&self) -> String {
        match self.variant.as_deref().filter(|v| !v.is_empty()) {
            Some(v) => format!("{}/{}/{v}", self.os, self.architecture),
            None => format!("{}/{}", self.os, self.architecture),
        }
    }
}

/// The containers of `which` kind that `word` may start: names, and 12-digit IDs once two
/// characters are typed.
pub fn containers(entries: &[ContainerEntry], which: Which, word: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for c in entries {
        let wanted = match which {
            Which::Running => c.running,
            Which::Stopped => !c.running,
            Which::All => true,
        };
        if !wanted {
            continue;
        }
        let help = if c.running {
            format!("{} (running)", c.image)
        } else {
            c.image.clone()
        };
        if word.len() > 1 && c.id.starts_with(word) {
            out.push(Candidate::described(short_id(&c.id), help.clone()));
        }
        if c.name.starts_with(word) {
            out.push(Candidate::described(&c.name, help));
        }
    }
    out
}

/// The images `word` may name: `repo:tag` (and its shorter paths once something is typed),
/// and 12-digit IDs once two characters are typed.
pub fn images(records: &[ImageRecord], word: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for image in records {
        if word.len() > 1 && image.id.starts_with(word) {
            let help = image
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| "<none>".into());
            out.push(Candidate::described(short_id(&image.id), help));
        }
        for name in &image.names {
            if word.is_empty() {
                out.push(Candidate::new(name));
                continue;
            }
            let parts: Vec<&str> = name.split('/').collect();
            for i in 0..parts.len() {
                let shorter = parts[i..].join("/");
                if shorter.starts_with(word) {
                    out.push(Candidate::new(shorter));
                }
            }
        }
    }
    out.dedup();
    out
}

/// The values of a fixed set that start with `word`.
pub fn fixed(values: &[&str], word: &str) -> Vec<Candidate> {
    values
        .iter()
        .filter(|v| v.starts_with(word))
        .map(|v| Candidate::new(*v))
        .collect()
}

/// Names of `names` that start with `word`.
pub fn matching(names: &[String], word: &str) -> Vec<Candidate> {
    names
        .iter()
        .filter(|n| n.starts_with(word))
        .map(Candidate::new)
        .collect()
}

fn short_id(id: &str) -> &str {
    &id[..12.min(id.len())]
}

/// podman's pull policies (`--pull`).
pub const PULL_POLICIES: &[&str] = &["always", "missing", "never", "newer"];
/// podman's restart policies (`--restart`); `on-failure` takes `:MAX`.
pub const RESTART_POLICIES: &[&str] = &["always", "no", "on-failure", "unless-stopped"];
/// The log drivers burrow writes (`--log-driver`).
pub const LOG_DRIVERS: &[&str] = &["k8s-file", "none", "passthrough"];
/// The network modes of `--network`; `container:` is followed by a container.
pub const NETWORK_MODES: &[&str] = &["container:", "host", "none", "ns:", "pasta", "slirp4netns"];
/// Output formats that are not Go templates (`--format`).
pub const FORMATS: &[&str] = &["json"];
/// Container statuses as `--filter status=` takes them.
pub const STATUSES: &[&str] = &["created", "exited", "paused", "running", "stopped"];

/// Signal names as `kill -s` and `--stop-signal` take them: `TERM`, or `SIGTERM` once `SIG`
/// is typed.
pub fn signals(word: &str) -> Vec<Candidate> {
    let with_sig = word.to_ascii_uppercase().starts_with("SIG");
    nix::sys::signal::Signal::iterator()
        .map(|s| {
            let name = s.as_str();
            if with_sig {
                name.to_string()
            } else {
                name.trim_start_matches("SIG").to_string()
            }
        })
        .filter(|n| n.starts_with(word))
        .map(Candidate::new)
        .collect()
}

/// What the value of one `--filter` key is.
#[derive(Debug, Clone, Copy)]
pub enum FilterValue {
    /// Free text: the key alone is offered.
    Free,
    Fixed(&'static [&'static str]),
    ContainerNames,
    ContainerIds,
    /// A container by name or ID (`before=`, `since=`).
    Containers,
    Images,
    Volumes,
}

/// One key of a `--filter` flag and what follows its `=`.
pub type FilterKey = (&'static str, FilterValue);

/// `ps`'s filters (and `start --filter`'s).
pub const CONTAINER_FILTERS: &[FilterKey] = &[
    ("ancestor", FilterValue::Images),
    ("before", FilterValue::Containers),
    ("exited", FilterValue::Free),
    ("id", FilterValue::ContainerIds),
    ("label", FilterValue::Free),
    ("name", FilterValue::ContainerNames),
    (
        "restart-policy",
        FilterValue::Fixed(&["always", "no", "on-failure", "unless-stopped"]),
    ),
    ("since", FilterValue::Containers),
    ("status", FilterValue::Fixed(STATUSES)),
];

/// `images`'s filters.
pub const IMAGE_FILTERS: &[FilterKey] = &[
    ("before", FilterValue::Images),
    ("dangling", FilterValue::Fixed(&["false", "true"])),
    ("label", FilterValue::Free),
    ("reference", FilterValue::Images),
    ("since", FilterValue::Images),
];

/// `volume ls`'s filters.
pub const VOLUME_FILTERS: &[FilterKey] = &[
    ("dangling", FilterValue::Fixed(&["false", "true"])),
    ("driver", FilterValue::Fixed(&["local"])),
    ("label", FilterValue::Free),
    ("name", FilterValue::Volumes),
    ("opt", FilterValue::Free),
    ("scope", FilterValue::Fixed(&["local"])),
];

/// `events`'s filters.
pub const EVENT_FILTERS: &[FilterKey] = &[
    ("container", FilterValue::Containers),
    ("event", FilterValue::Free),
    ("image", FilterValue::Images),
    ("label", FilterValue::Free),
    ("pod", FilterValue::Free),
    (
        "type",
        FilterValue::Fixed(&["container", "image", "system", "volume"]),
    ),
    ("volume", FilterValue::Volumes),
];

/// The prune commands' filters.
pub const PRUNE_FILTERS: &[FilterKey] = &[
    ("label", FilterValue::Free),
    ("label!", FilterValue::Free),
    ("until", FilterValue::Free),
];

/// A `--filter` value: `KEY=` while no `=` is typed, then the key's values after it.
pub fn filter(keys: &[FilterKey], sources: Option<&Sources>, word: &str) -> Vec<Candidate> {
    let Some((key, value)) = word.split_once('=') else {
        return keys
            .iter()
            .map(|(k, _)| format!("{k}="))
            .filter(|k| k.starts_with(word))
            .map(Candidate::new)
            .collect();
    };
    let Some((_, kind)) = keys.iter().find(|(k, _)| *k == key) else {
        return Vec::new();
    };
    let prefix = format!("{key}=");
    let values = match (kind, sources) {
        (FilterValue::Free, _) => Vec::new(),
        (FilterValue::Fixed(values), _) => fixed(values, value),
        (_, None) => Vec::new(),
        (FilterValue::ContainerNames, Some(s)) => containers(&s.containers(), Which::All, value)
            .into_iter()
            .filter(|c| c.value.len() != 12 || !c.value.bytes().all(|b| b.is_ascii_hexdigit()))
            .collect(),
        (FilterValue::ContainerIds, Some(s)) => s
            .containers()
            .iter()
            .filter(|c| c.id.starts_with(value))
            .map(|c| Candidate::new(short_id(&c.id)))
            .collect(),
        (FilterValue::Containers, Some(s)) => containers(&s.containers(), Which::All, value),
        (FilterValue::Images, Some(s)) => images(&s.images(), value),
        (FilterValue::Volumes, Some(s)) => matching(&s.volumes(), value),
    };
    values.into_iter().map(|c| c.prefixed(&prefix)).collect()
}

/// `--network`: the modes, and `container:NAME` for the containers.
pub fn network(sources: Option<&Sources>, word: &str) -> Vec<Candidate> {
    match (word.strip_prefix("container:"), sources) {
        (Some(rest), Some(s)) => containers(&s.containers(), Which::All, rest)
            .into_iter()
            .map(|c| c.prefixed("container:"))
            .collect(),
        (Some(_), None) => Vec::new(),
        (None, _) => fixed(NETWORK_MODES, word),
    }
}

/// The `CONTAINER:` of a `cp` path (the path inside is not offered: reading a container's
/// files takes its user namespace); `None` once the word has a `:`, or looks like a host path.
pub fn container_prefixes(entries: &[ContainerEntry], word: &str) -> Vec<Candidate> {
    if word.contains(':') || word.starts_with(['/', '.', '~']) {
        return Vec::new();
    }
    containers(entries, Which::All, word)
        .into_iter()
        .map(|c| c.suffixed(":"))
        .collect()
}

/// The `NAME:` of a `-v NAME:/path` volume while no `:` is typed.
pub fn volume_prefixes(names: &[String], word: &str) -> Vec<Candidate> {
    if word.contains(':') || word.starts_with(['/', '.', '~']) {
        return Vec::new();
    }
    matching(names, word)
        .into_iter()
        .map(|c| c.suffixed(":"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, name: &str, running: bool) -> ContainerEntry {
        ContainerEntry {
            id: id.repeat(64 / id.len()),
            name: name.into(),
            image: "busybox".into(),
            running,
        }
    }

    fn values(candidates: Vec<Candidate>) -> Vec<String> {
        candidates.into_iter().map(|c| c.value).collect()
    }

    #[test]
    fn containers_are_offered_by_state_and_ids_after_two_characters() {
        let all = [entry("ab", "web", true), entry("cd", "db", false)];
        assert_eq!(values(containers(&all, Which::Running, "")), ["web"]);
        assert_eq!(values(containers(&all, Which::Stopped, "")), ["db"]);
        assert_eq!(values(containers(&all, Which::All, "")), ["web", "db"]);
        assert_eq!(values(containers(&all, Which::All, "d")), ["db"]);
        assert_eq!(
            values(containers(&all, Which::All, "a")),
            Vec::<String>::new()
        );
        assert_eq!(values(containers(&all, Which::All, "ab")), ["abababababab"]);
        assert_eq!(
            containers(&all, Which::Running, "we")[0].help.as_deref(),
            Some("busybox (running)")
        );
    }

    #[test]
    fn images_are_offered_whole_then_by_shorter_paths() {
        let image = ImageRecord {
            id: "0123456789abcdef".repeat(4),
            names: vec!["docker.io/library/busybox:latest".into()],
            ..Default::default()
        };
        let all = [image];
        assert_eq!(
            values(images(&all, "")),
            ["docker.io/library/busybox:latest"]
        );
        assert_eq!(values(images(&all, "bu")), ["busybox:latest"]);
        assert_eq!(values(images(&all, "lib")), ["library/busybox:latest"]);
        assert_eq!(values(images(&all, "01")), ["0123456789ab"]);
        assert!(images(&all, "x").is_empty());
    }

    #[test]
    fn filters_offer_keys_then_values() {
        assert_eq!(values(filter(CONTAINER_FILTERS, None, "st")), ["status="]);
        assert_eq!(
            values(filter(CONTAINER_FILTERS, None, "status=r")),
            ["status=running"]
        );
        assert!(filter(CONTAINER_FILTERS, None, "label=x").is_empty());
        assert!(filter(CONTAINER_FILTERS, None, "nope=").is_empty());
    }

    #[test]
    fn signals_have_their_sig_prefix_only_when_typed() {
        assert!(values(signals("TE")).contains(&"TERM".to_string()));
        assert!(values(signals("SIGK")).contains(&"SIGKILL".to_string()));
        assert!(!values(signals("")).iter().any(|s| s.starts_with("SIG")));
    }

    #[test]
    fn networks_offer_modes_and_containers_to_join() {
        assert_eq!(values(network(None, "ho")), ["host"]);
        assert!(values(network(None, "")).contains(&"container:".to_string()));
        assert!(network(None, "container:").is_empty());
    }

    #[test]
    fn path_prefixes_stop_at_the_colon() {
        let all = [entry("ab", "web", true)];
        assert_eq!(values(container_prefixes(&all, "w")), ["web:"]);
        assert!(container_prefixes(&all, "web:/").is_empty());
        assert!(container_prefixes(&all, "./").is_empty());
        let vols = vec!["data".to_string()];
        assert_eq!(values(volume_prefixes(&vols, "")), ["data:"]);
        assert!(volume_prefixes(&vols, "data:/x").is_empty());
    }
}
