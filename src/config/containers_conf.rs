//! What burrow reads of containers.conf: the events settings (`[engine] events_logger`,
//! `events_logfile_path`, `events_logfile_max_size`) and the default network helper (`[network]
//! default_rootless_network_cmd`), from podman's files in podman's order: a later file
//! overrides an earlier one key by key. Everything else in containers.conf is left to podman.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

use super::ConfigEnv;

/// podman's default `events_logfile_max_size` ("1m", decimal as its units.FromHumanSize reads).
pub const DEFAULT_EVENTS_LOG_MAX_SIZE: u64 = 1_000_000;

#[derive(Debug, thiserror::Error)]
pub enum ContainersConfError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid containers.conf TOML: {message}; fix or remove it")]
    Parse { path: PathBuf, message: String },
    #[error(
        "{path}: events_logfile_max_size {value:?} is not a size; write bytes (1000000) or a size such as \"1m\""
    )]
    Size { path: PathBuf, value: String },
    #[error(
        "{path}: default_rootless_network_cmd {value:?} is not a network helper burrow knows; set it to \"pasta\" or \"slirp4netns\""
    )]
    NetworkCmd { path: PathBuf, value: String },
}

/// What burrow reads of containers.conf; `None` where no file sets a key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainersConf {
    /// `events_logger`: file, journald or none.
    pub logger: Option<String>,
    pub logfile_path: Option<PathBuf>,
    /// In bytes; 0 lets the log grow without limit, as in podman.
    pub logfile_max_size: Option<u64>,
    /// `[network] default_rootless_network_cmd`: the helper (pasta or slirp4netns) a container
    /// gets when `--network` is not given.
    pub rootless_network_cmd: Option<String>,
    /// `[engine] cgroup_manager`: systemd or cgroupfs.
    pub cgroup_manager: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct FileDoc {
    #[serde(default)]
    engine: EngineDoc,
    #[serde(default)]
    network: NetworkDoc,
}

#[derive(Debug, Default, Deserialize)]
struct NetworkDoc {
    default_rootless_network_cmd: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct EngineDoc {
    events_logger: Option<String>,
    events_logfile_path: Option<String>,
    events_logfile_max_size: Option<SizeDoc>,
    cgroup_manager: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SizeDoc {
    Bytes(u64),
    Text(String),
}

/// This process's containers.conf, read once (a 24 KB parse costs about a millisecond, and a
/// `create` wants it for its network and again for its event); a file that cannot be read
/// stays an error for every caller.
pub fn for_process() -> Result<&'static ContainersConf, &'static ContainersConfError> {
    static CONF: OnceLock<Result<ContainersConf, ContainersConfError>> = OnceLock::new();
    CONF.get_or_init(|| ContainersConf::load(&ConfigEnv::from_process()))
        .as_ref()
}

impl ContainersConf {
    /// Reads the files podman reads, in its order.
    pub fn load(env: &ConfigEnv) -> Result<ContainersConf, ContainersConfError> {
        let mut conf = ContainersConf::default();
        for path in containers_conf_files(env) {
            conf.merge_file(&path)?;
        }
        Ok(conf)
    }

    fn merge_file(&mut self, path: &Path) -> Result<(), ContainersConfError> {
        let text = std::fs::read_to_string(path).map_err(|source| ContainersConfError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        self.merge_text(path, &text)
    }

    fn merge_text(&mut self, path: &Path, text: &str) -> Result<(), ContainersConfError> {
        let doc: FileDoc = toml::from_str(text).map_err(|e| ContainersConfError::Parse {
            path: path.to_path_buf(),
            message: e.message().to_string(),
        })?;
        match doc.network.default_rootless_network_cmd {
            Some(cmd) if cmd == "pasta" || cmd == "slirp4netns" => {
                self.rootless_network_cmd = Some(cmd)
            }
            Some(cmd) if cmd.is_empty() => {}
            Some(value) => {
                return Err(ContainersConfError::NetworkCmd {
                    path: path.to_path_buf(),
                    value,
                });
            }
            None => {}
        }
        let engine = doc.engine;
        if let Some(manager) = engine.cgroup_manager.filter(|m| !m.is_empty()) {
            self.cgroup_manager = Some(manager);
        }
        if let Some(logger) = engine.events_logger {
            self.logger = Some(logger);
        }
        if let Some(log) = engine.events_logfile_path.filter(|p| !p.is_empty()) {
            self.logfile_path = Some(PathBuf::from(log));
        }
        match engine.events_logfile_max_size {
            Some(SizeDoc::Bytes(n)) => self.logfile_max_size = Some(n),
            Some(SizeDoc::Text(value)) => {
                self.logfile_max_size =
                    Some(
                        parse_human_size(&value).ok_or_else(|| ContainersConfError::Size {
                            path: path.to_path_buf(),
                            value,
                        })?,
                    )
            }
            None => {}
        }
        Ok(())
    }
}

/// podman's list: `$CONTAINERS_CONF` alone when set; else /usr/share, /etc and its `.d`
/// drop-ins, then the user's file and its drop-ins (drop-ins in name order).
pub fn containers_conf_files(env: &ConfigEnv) -> Vec<PathBuf> {
    if let Some(only) = &env.containers_conf {
        return vec![only.clone()];
    }
    let system = env.system_path("/usr/share/containers/containers.conf");
    let mut files: Vec<PathBuf> = Some(system).filter(|f| f.is_file()).into_iter().collect();
    let mut add = |file: PathBuf| {
        if file.is_file() {
            files.push(file.clone());
        }
        let mut dropins: Vec<PathBuf> = std::fs::read_dir(file.with_extension("conf.d"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "conf") && p.is_file())
            .collect();
        dropins.sort();
        files.extend(dropins);
    };
    add(env.system_path("/etc/containers/containers.conf"));
    if env.rootless {
        add(env.config_home().join("containers/containers.conf"));
    }
    files
}

/// A size as podman's units.FromHumanSize reads it: a number, an optional space, an optional
/// k/m/g/t/p (powers of 1000), then an optional i and b, any case.
pub fn parse_human_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(end);
    if number.is_empty() || number.starts_with('.') || number.ends_with('.') {
        return None;
    }
    let number: f64 = number.parse().ok()?;
    let unit = unit.strip_prefix(' ').unwrap_or(unit).to_ascii_lowercase();
    let mut chars = unit.chars().peekable();
    let multiplier = match chars.peek() {
        Some('k') => 1e3,
        Some('m') => 1e6,
        Some('g') => 1e9,
        Some('t') => 1e12,
        Some('p') => 1e15,
        _ => 1.0,
    };
    if multiplier != 1.0 {
        chars.next();
    }
    let rest: String = chars.collect();
    if !matches!(rest.as_str(), "" | "b" | "i" | "ib") {
        return None;
    }
    Some((number * multiplier) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_podman_reads_them() {
        for (text, bytes) in [
            ("1m", 1_000_000),
            ("1MB", 1_000_000),
            ("10k", 10_000),
            ("1.5 GB", 1_500_000_000),
            ("2048", 2048),
            ("0", 0),
            ("1mib", 1_000_000),
        ] {
            assert_eq!(parse_human_size(text), Some(bytes), "{text}");
        }
        for bad in ["", "m", "1x", "1mbb", "-1", "1.m"] {
            assert_eq!(parse_human_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_default_network_command_is_pasta_or_slirp4netns() {
        let read = |text: &str| {
            let mut conf = ContainersConf::default();
            conf.merge_text(Path::new("/c"), text)
                .map(|()| conf.rootless_network_cmd)
        };
        assert_eq!(
            read("[network]\ndefault_rootless_network_cmd = \"slirp4netns\"\n").unwrap(),
            Some("slirp4netns".into())
        );
        assert_eq!(read("[engine]\nevents_logger = \"file\"\n").unwrap(), None);
        let err = read("[network]\ndefault_rootless_network_cmd = \"vde\"\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("set it to \"pasta\" or \"slirp4netns\""),
            "{err}"
        );
    }

    #[test]
    fn later_files_override_key_by_key() {
        let mut conf = ContainersConf::default();
        conf.merge_text(
            Path::new("/a"),
            "[engine]\nevents_logger = \"journald\"\nevents_logfile_max_size = \"2m\"\n[engine.runtimes]\nrunc = [\"/usr/bin/runc\"]\n",
        )
        .unwrap();
        conf.merge_text(
            Path::new("/b"),
            "[containers]\nlog_driver = \"k8s-file\"\n[engine]\nevents_logfile_path = \"/tmp/ev.log\"\nevents_logfile_max_size = 4096\n",
        )
        .unwrap();
        assert_eq!(
            conf,
            ContainersConf {
                logger: Some("journald".into()),
                logfile_path: Some("/tmp/ev.log".into()),
                logfile_max_size: Some(4096),
                rootless_network_cmd: None,
                cgroup_manager: None,
            }
        );
        let err = conf
            .merge_text(
                Path::new("/c"),
                "[engine]\nevents_logfile_max_size = \"lots\"\n",
            )
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("/c: events_logfile_max_size \"lots\""),
            "{err}"
        );
    }

    #[test]
    fn files_are_podmans_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("sys");
        let home = dir.path().join("home");
        for f in [
            "sys/usr/share/containers/containers.conf",
            "sys/etc/containers/containers.conf",
            "sys/etc/containers/containers.conf.d/20-b.conf",
            "sys/etc/containers/containers.conf.d/10-a.conf",
            "sys/etc/containers/containers.conf.d/ignored.txt",
            "home/.config/containers/containers.conf.d/x.conf",
        ] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let mut env = ConfigEnv::with_home(&home, 1000, &root);
        let names: Vec<String> = containers_conf_files(&env)
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "sys/usr/share/containers/containers.conf",
                "sys/etc/containers/containers.conf",
                "sys/etc/containers/containers.conf.d/10-a.conf",
                "sys/etc/containers/containers.conf.d/20-b.conf",
                "home/.config/containers/containers.conf.d/x.conf",
            ]
        );
        env.containers_conf = Some("/only.conf".into());
        assert_eq!(containers_conf_files(&env), [PathBuf::from("/only.conf")]);
    }
}
