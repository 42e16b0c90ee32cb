//! cgroups: what the host offers. Containers get their own cgroup in a later stage; for now
//! burrow only reports what it found (`burrow info`).

use std::path::Path;

/// cgroup2's filesystem magic (linux/magic.h).
const CGROUP2_SUPER_MAGIC: i64 = 0x6367_7270;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CgroupInfo {
    /// "v2" on a unified hierarchy, "v1" on legacy or hybrid hosts.
    pub version: &'static str,
    /// "systemd" when a systemd user manager can delegate a scope, else "cgroupfs".
    pub manager: &'static str,
}

/// Decides from host facts (pure, so it is testable without such hosts).
pub fn plan(unified: bool, systemd_booted: bool, user_bus: bool) -> CgroupInfo {
    CgroupInfo {
        version: if unified { "v2" } else { "v1" },
        manager: if unified && systemd_booted && user_bus {
            "systemd"
        } else {
            "cgroupfs"
        },
    }
}

/// What becomes of resource-limit flags on a host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitsSupport {
    /// Accepted and not applied, with this warning (podman's on cgroup v1 rootless hosts).
    Ignored { warning: &'static str },
    /// Refused: the limits could be applied here, but burrow does not create cgroups yet.
    Unavailable { reason: String },
}

/// Decides what resource limits do on the host (pure). A rootless user on cgroup v1 has no
/// delegation at all, so podman ignores the limits with one warning; burrow does the same.
pub fn limits_support(info: &CgroupInfo, rootless: bool) -> LimitsSupport {
    if info.version == "v1" && rootless {
        return LimitsSupport::Ignored {
            warning: "Resource limits are not supported and ignored on cgroups V1 rootless systems",
        };
    }
    LimitsSupport::Unavailable {
        reason: format!(
            "burrow does not create cgroups yet (this host: cgroup {}, manager {}); run without resource limits",
            info.version, info.manager
        ),
    }
}

pub fn detect() -> CgroupInfo {
    let unified = nix::sys::statfs::statfs("/sys/fs/cgroup")
        .map(|s| s.filesystem_type().0 == CGROUP2_SUPER_MAGIC)
        .unwrap_or(false);
    let systemd_booted = Path::new("/run/systemd/system").is_dir();
    let user_bus = std::env::var_os("XDG_RUNTIME_DIR")
        .map(|d| Path::new(&d).join("bus").exists())
        .unwrap_or(false);
    plan(unified, systemd_booted, user_bus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_ignored_with_a_warning_on_cgroup_v1_rootless_hosts() {
        let v1 = plan(false, false, false);
        assert_eq!(
            limits_support(&v1, true),
            LimitsSupport::Ignored {
                warning: "Resource limits are not supported and ignored on cgroups V1 rootless systems"
            }
        );
        assert!(matches!(
            limits_support(&plan(true, true, true), true),
            LimitsSupport::Unavailable { .. }
        ));
    }

    #[test]
    fn hybrid_hosts_without_a_user_bus_use_cgroupfs_v1() {
        assert_eq!(
            plan(false, false, false),
            CgroupInfo {
                version: "v1",
                manager: "cgroupfs"
            }
        );
        assert_eq!(plan(false, true, true).manager, "cgroupfs");
        assert_eq!(plan(true, true, false).manager, "cgroupfs");
        assert_eq!(
            plan(true, true, true),
            CgroupInfo {
                version: "v2",
                manager: "systemd"
            }
        );
    }
}
