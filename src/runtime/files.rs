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
}

pub fn hosts(hostname: &str, name: &str) -> String {
    format!(
        "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n127.0.1.1\t{hostname} {name}\n"
    )
}

/// The host's resolver configuration without loopback nameservers, which would point into the
/// container's own (empty) network namespace.
pub fn resolv_conf(host: &str) -> String {
    host.lines()
        .filter(|l| {
            let mut words = l.split_whitespace();
            !(words.next() == Some("nameserver")
                && words
                    .next()
                    .is_some_and(|a| a.starts_with("127.") || a == "::1"))
        })
        .map(|l| format!("{l}\n"))
        .collect()
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
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    std::fs::write(&files.hostname, format!("{}\n", facts.hostname))?;
    std::fs::write(&files.hosts, hosts(facts.hostname, facts.name))?;
    std::fs::write(&files.resolv_conf, resolv_conf(&host_resolv))?;
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
    fn loopback_nameservers_are_dropped() {
        let host =
            "search example.com\nnameserver 127.0.0.53\nnameserver 10.0.0.1\nnameserver ::1\n";
        assert_eq!(
            resolv_conf(host),
            "search example.com\nnameserver 10.0.0.1\n"
        );
    }

    #[test]
    fn hosts_names_the_container() {
        assert!(hosts("abc123", "web").ends_with("127.0.1.1\tabc123 web\n"));
    }

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
