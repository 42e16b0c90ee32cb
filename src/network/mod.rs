//! A container's network: which helper connects its namespace (pasta, slirp4netns) or none,
//! its published ports, and the /etc/hosts and /etc/resolv.conf it sees.
//!
//! Planning is pure and unit-tested (`ports`, `plan`, `etc`); `helper` spawns the helper
//! against the namespace of a container that waits to exec, and `host` reads what the host
//! offers (its default route, free ports).

mod etc;
mod helper;
mod host;
mod plan;
mod ports;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::spec::NetworkMode;
pub use etc::{AddHost, HostsInput, ResolvInput, hosts, parse_add_host, resolv_conf};
pub use helper::{Ending, Helper, Pending, attach, begin};
pub use host::{
    HostRoute, assign_host_ports, check_ports_free, detect_route, find_helper,
    unprivileged_port_start,
};
pub use plan::{
    Addressing, PASTA_DNS_FORWARDER, SLIRP_DNS, SlirpOptions, pasta_args, slirp_addressing,
    slirp_dns, slirp_hostfwd_requests, slirp4netns_args,
};
pub use ports::{
    PortMapping, add_publish_all, check_privileged, exposed_ports, inspect_ports, parse_expose,
    parse_publish, port_lines, ports_column,
};

/// The name of the one network burrow has, as podman names its default.
pub const DEFAULT_NETWORK: &str = "podman";

#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    /// podman's texts for a malformed `-p`.
    #[error("{0}")]
    BadPublish(String),
    #[error(
        "cannot expose privileged port {port}, you can add 'net.ipv4.ip_unprivileged_port_start={port}' to /etc/sysctl.conf (currently {current}), or choose a larger port number (>= {current})"
    )]
    PrivilegedPort { port: u16, current: u16 },
    #[error(
        "cannot publish host port {port}/{protocol}: listen {protocol} {address}: {reason}; stop what uses the port or choose another host port"
    )]
    PortInUse {
        port: u16,
        protocol: String,
        address: String,
        reason: String,
    },
    #[error(
        "cannot find a free host port for container port {container_port}/{protocol}: {reason}"
    )]
    NoFreePort {
        container_port: u16,
        protocol: String,
        reason: String,
    },
    /// containers.conf cannot be read, or names a helper burrow does not know.
    #[error("{0}")]
    Config(String),
    #[error(
        "invalid slirp4netns option {option:?}: use allow_host_loopback=BOOL, cidr=CIDR, enable_ipv6=BOOL, mtu=N or port_handler=slirp4netns"
    )]
    BadSlirpOption { option: String },
    #[error(
        "{helper} is not installed; install it (apt-get install {package}) or choose another --network"
    )]
    HelperMissing {
        helper: &'static str,
        package: &'static str,
    },
    #[error(
        "/dev/net/tun cannot be opened by user {uid} ({reason}), and {helper} needs it for the container's network; as root run: chmod 0666 /dev/net/tun (or add the udev rule KERNEL==\"tun\", MODE=\"0666\"), or use --network none"
    )]
    TunUnusable {
        uid: u32,
        helper: &'static str,
        reason: String,
    },
    #[error("{helper} failed to set up the container's network: {message}")]
    HelperFailed {
        helper: &'static str,
        message: String,
    },
    #[error("bad format for add-host: {0:?}")]
    BadAddHost(String),
    #[error("invalid IP address in add-host: {0:?}")]
    BadAddHostIp(String),
    #[error("{0} is not a valid mac address")]
    BadMac(String),
    #[error("cannot {what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
}

impl NetworkError {
    fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> NetworkError {
        let what = what.into();
        move |source| NetworkError::Io { what, source }
    }
}

/// The default network: the helper containers.conf names (`configured`), else pasta when
/// installed, else slirp4netns, else none with a warning saying what to install.
pub fn resolve_default(
    mode: &NetworkMode,
    configured: Option<&str>,
    has: impl Fn(&str) -> bool,
) -> (NetworkMode, Option<String>) {
    if *mode != NetworkMode::Default {
        return (mode.clone(), None);
    }
    match configured {
        Some("slirp4netns") => return (NetworkMode::Slirp4netns(Vec::new()), None),
        Some("pasta") => return (NetworkMode::Pasta(Vec::new()), None),
        _ => {}
    }
    if has("pasta") {
        (NetworkMode::Pasta(Vec::new()), None)
    } else if has("slirp4netns") {
        (NetworkMode::Slirp4netns(Vec::new()), None)
    } else {
        (
            NetworkMode::None,
            Some(
                "neither pasta nor slirp4netns is installed, so the container gets only loopback; install passt (pasta) or slirp4netns for networking"
                    .to_string(),
            ),
        )
    }
}

/// The mode's name as `inspect` shows it in HostConfig.NetworkMode.
pub fn mode_name(mode: &NetworkMode) -> String {
    match mode {
        NetworkMode::Default | NetworkMode::Pasta(_) => "pasta".into(),
        NetworkMode::Slirp4netns(_) => "slirp4netns".into(),
        NetworkMode::None => "none".into(),
        NetworkMode::Host => "host".into(),
        NetworkMode::Path(p) => format!("ns:{}", p.display()),
        NetworkMode::Container(n) => format!("container:{n}"),
    }
}

/// What a container's network is, saved beside its spec (`userdata/network.json`) for the
/// monitor (which starts the helper), `port` and `inspect`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkConfig {
    pub mode: NetworkMode,
    #[serde(default)]
    pub ports: Vec<PortMapping>,
    #[serde(default)]
    pub mac_address: Option<String>,
    /// The container's address as planned (pasta copies the host's; slirp4netns has its own).
    #[serde(default)]
    pub addressing: Option<Addressing>,
}

impl NetworkConfig {
    pub fn path_in(userdata: &Path) -> PathBuf {
        userdata.join("network.json")
    }

    /// What a container made before networks were saved has.
    pub fn none() -> NetworkConfig {
        NetworkConfig {
            mode: NetworkMode::None,
            ports: Vec::new(),
            mac_address: None,
            addressing: None,
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("network configs serialize")
    }
}

/// `--mac-address`: six hex pairs, not multicast.
pub fn parse_mac(text: &str) -> Result<String, NetworkError> {
    let parts: Vec<&str> = text.split(':').collect();
    let ok = parts.len() == 6
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()));
    if !ok {
        return Err(NetworkError::BadMac(text.to_string()));
    }
    Ok(text.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_prefers_pasta_then_slirp4netns_then_none_with_a_warning() {
        let d = NetworkMode::Default;
        assert_eq!(
            resolve_default(&d, None, |_| true).0,
            NetworkMode::Pasta(vec![])
        );
        assert_eq!(
            resolve_default(&d, None, |n| n == "slirp4netns").0,
            NetworkMode::Slirp4netns(vec![])
        );
        // containers.conf's choice wins over what is installed.
        assert_eq!(
            resolve_default(&d, Some("slirp4netns"), |_| true).0,
            NetworkMode::Slirp4netns(vec![])
        );
        let (mode, warning) = resolve_default(&d, None, |_| false);
        assert_eq!(mode, NetworkMode::None);
        assert!(
            warning
                .unwrap()
                .contains("install passt (pasta) or slirp4netns")
        );
        assert_eq!(
            resolve_default(&NetworkMode::Host, Some("pasta"), |_| true).0,
            NetworkMode::Host
        );
    }

    #[test]
    fn an_unusable_tun_device_names_the_fix() {
        let text = NetworkError::TunUnusable {
            uid: 1001,
            helper: "pasta",
            reason: "Permission denied (os error 13)".into(),
        }
        .to_string();
        assert!(
            text.starts_with("/dev/net/tun cannot be opened by user 1001"),
            "{text}"
        );
        assert!(text.contains("chmod 0666 /dev/net/tun"), "{text}");
        assert!(text.contains("udev rule"), "{text}");
    }

    #[test]
    fn mac_addresses() {
        assert_eq!(parse_mac("92:D0:C6:0A:29:33").unwrap(), "92:d0:c6:0a:29:33");
        assert!(parse_mac("92:d0:c6").is_err());
    }
}
