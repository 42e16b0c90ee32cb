//! Files a container gets from burrow rather than from its image: /etc/hostname, /etc/hosts,
//! /etc/resolv.conf and /run/.containerenv (which tools such as toolbox look for).

use std::path::{Path, PathBuf};

use crate::spec::ContainerFiles;

/// What the generated files say about the container.
pub struct ContainerFacts<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub hostname: &'a str,
    pub image_name: &'a str,
    pub image_id: &'a str,
    pub rootless: bool,
    /// Only a privileged container learns about its engine and itself (podman's rule).
    pub privileged: bool,
    /// A volume shows the store's graph root inside (toolbox and distrobox mount /).
    pub graph_root_mounted: bool,
    /// /etc/hosts as planned by `network::hosts`; none with `--no-hosts`.
    pub hosts: Option<&'a str>,
    /// /etc/resolv.conf as planned by `network::resolv_conf`.
    pub resolv_conf: &'a str,
}

/// /run/.containerenv as podman writes it: empty unless privileged, then the engine and the
/// container; `graphRootMounted=1` (no newline, as podman) when the store is visible inside.
pub fn containerenv(f: &ContainerFacts) -> String {
    let mut text = String::new();
    if f.privileged {
        text = format!(
            "engine=\"burrow-{}\"\nname=\"{}\"\nid=\"{}\"\nimage=\"{}\"\nimageid=\"{}\"\nrootless={}\n",
            env!("CARGO_PKG_VERSION"),
            f.name,
            f.id,
            f.image_name,
            f.image_id,
            u8::from(f.rootless)
        );
    }
    if f.graph_root_mounted {
        text.push_str("graphRootMounted=1");
    }
    text
}

/// Writes the files into `dir`, at the paths `files_in` gives.
pub fn write(dir: &Path, facts: &ContainerFacts) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let files = files_in(dir);
    std::fs::write(&files.hostname, format!("{}\n", facts.hostname))?;
    if let Some(hosts) = facts.hosts {
        std::fs::write(&files.hosts, hosts)?;
    }
    std::fs::write(&files.resolv_conf, facts.resolv_conf)?;
    std::fs::write(&files.containerenv, containerenv(facts))
}

/// Where `write` puts the files in `dir`.
pub fn files_in(dir: &Path) -> ContainerFiles {
    let path = |name: &str| -> PathBuf { dir.join(name) };
    ContainerFiles {
        hostname: path("hostname"),
        hosts: path("hosts"),
        resolv_conf: path("resolv.conf"),
        containerenv: path(".containerenv"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containerenv_is_empty_unless_privileged() {
        let mut facts = ContainerFacts {
            id: "0123",
            name: "web",
            hostname: "0123",
            image_name: "busybox",
            image_id: "abcd",
            rootless: true,
            privileged: false,
            graph_root_mounted: false,
            hosts: None,
            resolv_conf: "",
        };
        assert_eq!(containerenv(&facts), "");
        facts.graph_root_mounted = true;
        assert_eq!(containerenv(&facts), "graphRootMounted=1");
        facts.privileged = true;
        let text = containerenv(&facts);
        assert!(text.starts_with("engine=\"burrow-"));
        assert!(text.ends_with("name=\"web\"\nid=\"0123\"\nimage=\"busybox\"\nimageid=\"abcd\"\nrootless=1\ngraphRootMounted=1"));
    }
}
