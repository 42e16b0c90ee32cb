//! The process environment that decides where configuration files live.
//!
//! Everything that depends on `$HOME`, the XDG variables or the override variables goes
//! through [`ConfigEnv`], so planning code can be tested against temporary directories
//! without touching the real home directory or `/etc`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variables (and identity) that locate registries.conf and auth files.
///
/// Empty variables are treated as unset, like podman does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigEnv {
    /// `$HOME`, or the home directory from the user database when `$HOME` is unset.
    pub home: PathBuf,
    /// The real UID; selects `/run/containers/<uid>/auth.json` and root's alias cache.
    pub uid: u32,
    pub xdg_config_home: Option<PathBuf>,
    pub xdg_runtime_dir: Option<PathBuf>,
    pub xdg_cache_home: Option<PathBuf>,
    pub containers_registries_conf: Option<PathBuf>,
    pub registry_auth_file: Option<PathBuf>,
    pub docker_config: Option<PathBuf>,
    /// `$CONTAINERS_CONF`: the only containers.conf read when set, as in podman.
    pub containers_conf: Option<PathBuf>,
    /// Not the real root: the user's own containers.conf counts. True for UID 0 inside
    /// burrow's user namespace (a monitor), which is still the user.
    pub rootless: bool,
    /// Prefix for the absolute system paths (`/etc/containers/...`, `/run/containers/...`,
    /// `/var/cache/containers/...`). `/` in real use; a temporary directory in tests.
    pub system_root: PathBuf,
}

impl ConfigEnv {
    /// Reads the real process environment.
    pub fn from_process() -> Self {
        let uid = rustix::process::getuid().as_raw();
        let home = non_empty(std::env::var_os("HOME"))
            .or_else(|| {
                uzers::get_user_by_uid(uid).map(|user| {
                    use uzers::os::unix::UserExt;
                    user.home_dir().to_path_buf()
                })
            })
            .unwrap_or_else(|| PathBuf::from("/"));
        ConfigEnv {
            home,
            uid,
            xdg_config_home: non_empty(std::env::var_os("XDG_CONFIG_HOME")),
            xdg_runtime_dir: non_empty(std::env::var_os("XDG_RUNTIME_DIR")),
            xdg_cache_home: non_empty(std::env::var_os("XDG_CACHE_HOME")),
            containers_registries_conf: non_empty(std::env::var_os("CONTAINERS_REGISTRIES_CONF")),
            registry_auth_file: non_empty(std::env::var_os("REGISTRY_AUTH_FILE")),
            docker_config: non_empty(std::env::var_os("DOCKER_CONFIG")),
            containers_conf: non_empty(std::env::var_os("CONTAINERS_CONF")),
            rootless: uid != 0 || in_user_namespace(),
            system_root: PathBuf::from("/"),
        }
    }

    /// An environment with only a home directory and UID set, system paths under
    /// `system_root`: the tests' fixture.
    #[cfg(test)]
    pub fn with_home(home: impl Into<PathBuf>, uid: u32, system_root: impl Into<PathBuf>) -> Self {
        ConfigEnv {
            home: home.into(),
            uid,
            xdg_config_home: None,
            xdg_runtime_dir: None,
            xdg_cache_home: None,
            containers_registries_conf: None,
            registry_auth_file: None,
            docker_config: None,
            containers_conf: None,
            rootless: uid != 0,
            system_root: system_root.into(),
        }
    }

    /// An absolute system path (given with a leading `/`) re-rooted under `system_root`.
    pub fn system_path(&self, absolute: &str) -> PathBuf {
        self.system_root.join(absolute.trim_start_matches('/'))
    }

    /// `$XDG_CONFIG_HOME`, defaulting to `~/.config`.
    pub fn config_home(&self) -> PathBuf {
        self.xdg_config_home
            .clone()
            .unwrap_or_else(|| self.home.join(".config"))
    }

    /// `$XDG_CACHE_HOME`, defaulting to `~/.cache`.
    pub fn cache_home(&self) -> PathBuf {
        self.xdg_cache_home
            .clone()
            .unwrap_or_else(|| self.home.join(".cache"))
    }

    pub(crate) fn home_path(&self, relative: &str) -> PathBuf {
        self.home.join(relative)
    }
}

/// Whether this process runs in a user namespace other than the initial one, whose map is
/// the whole ID range onto itself.
fn in_user_namespace() -> bool {
    std::fs::read_to_string("/proc/self/uid_map")
        .is_ok_and(|map| map.split_whitespace().collect::<Vec<_>>() != ["0", "0", "4294967295"])
}

fn non_empty(value: Option<OsString>) -> Option<PathBuf> {
    value.filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// Shows a path the way error messages quote it.
pub(crate) fn shown(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_path_is_rerooted() {
        let env = ConfigEnv::with_home("/home/a", 1000, "/tmp/root");
        assert_eq!(
            env.system_path("/etc/containers/registries.conf"),
            PathBuf::from("/tmp/root/etc/containers/registries.conf")
        );
        let real = ConfigEnv::with_home("/home/a", 1000, "/");
        assert_eq!(
            real.system_path("/etc/containers/registries.conf"),
            PathBuf::from("/etc/containers/registries.conf")
        );
    }

    #[test]
    fn xdg_defaults_follow_home() {
        let mut env = ConfigEnv::with_home("/home/a", 1000, "/");
        assert_eq!(env.config_home(), PathBuf::from("/home/a/.config"));
        assert_eq!(env.cache_home(), PathBuf::from("/home/a/.cache"));
        env.xdg_config_home = Some("/x/cfg".into());
        env.xdg_cache_home = Some("/x/cache".into());
        assert_eq!(env.config_home(), PathBuf::from("/x/cfg"));
        assert_eq!(env.cache_home(), PathBuf::from("/x/cache"));
    }

    #[test]
    fn empty_variables_count_as_unset() {
        assert_eq!(non_empty(Some(OsString::new())), None);
        assert_eq!(
            non_empty(Some(OsString::from("/a"))),
            Some(PathBuf::from("/a"))
        );
        assert_eq!(non_empty(None), None);
    }
}
