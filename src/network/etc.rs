//! /etc/hosts and /etc/resolv.conf as podman 4 writes them (containers/common's etchosts and
//! resolvconf), from the host's files and the flags (pure).

use std::net::IpAddr;

use super::NetworkError;

/// One `--add-host NAME:IP`; `host-gateway` stands for the address of the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddHost {
    pub name: String,
    pub ip: String,
}

pub fn parse_add_host(text: &str) -> Result<AddHost, NetworkError> {
    let Some((name, ip)) = text.split_once(':') else {
        return Err(NetworkError::BadAddHost(text.to_string()));
    };
    if name.is_empty() {
        return Err(NetworkError::BadAddHost(text.to_string()));
    }
    if ip != "host-gateway" && ip.parse::<IpAddr>().is_err() {
        return Err(NetworkError::BadAddHostIp(ip.to_string()));
    }
    Ok(AddHost {
        name: name.to_string(),
        ip: ip.to_string(),
    })
}

pub struct HostsInput<'a> {
    /// The host's /etc/hosts, podman's base file.
    pub base: &'a str,
    pub add_hosts: &'a [AddHost],
    /// Where host.containers.internal (and `host-gateway`) point; none leaves the name out.
    pub host_ip: Option<&'a str>,
    /// The container's own address for its names: 127.0.0.1 without a network.
    pub container_ip: &'a str,
    pub hostname: &'a str,
    pub name: &'a str,
}

fn entries(text: &str) -> Vec<(String, Vec<String>)> {
    text.lines()
        .filter_map(|line| {
            let line = line.split('#').next().unwrap_or("");
            let mut words = line.split_whitespace();
            let ip = words.next()?;
            let names: Vec<String> = words.map(String::from).collect();
            (!names.is_empty()).then(|| (ip.to_string(), names))
        })
        .collect()
}

/// The container's /etc/hosts in podman's order: `--add-host` entries, the host's entries
/// (localhost when it has none), host.containers.internal unless named already, then the
/// container's address with its hostname and name.
pub fn hosts(input: &HostsInput) -> String {
    let mut all: Vec<(String, Vec<String>)> = input
        .add_hosts
        .iter()
        .filter_map(|h| {
            let ip = if h.ip == "host-gateway" {
                input.host_ip?.to_string()
            } else {
                h.ip.clone()
            };
            Some((ip, vec![h.name.clone()]))
        })
        .collect();
    let base = entries(input.base);
    if base.is_empty() {
        all.push((
            "127.0.0.1".into(),
            [
                "localhost",
                "localhost.localdomain",
                "localhost4",
                "localhost4.localdomain4",
            ]
            .map(String::from)
            .to_vec(),
        ));
        all.push((
            "::1".into(),
            [
                "localhost",
                "localhost.localdomain",
                "localhost6",
                "localhost6.localdomain6",
            ]
            .map(String::from)
            .to_vec(),
        ));
    }
    all.extend(base);
    let named = |all: &[(String, Vec<String>)], name: &str| {
        all.iter().any(|(_, names)| names.iter().any(|n| n == name))
    };
    if let Some(ip) = input.host_ip
        && !ip.is_empty()
        && !named(&all, "host.containers.internal")
    {
        all.push((ip.to_string(), vec!["host.containers.internal".into()]));
    }
    let mut own = vec![input.hostname.to_string()];
    if input.name != input.hostname {
        own.push(input.name.to_string());
    }
    all.push((input.container_ip.to_string(), own));
    all.iter()
        .map(|(ip, names)| format!("{ip}\t{}\n", names.join(" ")))
        .collect()
}

pub struct ResolvInput<'a> {
    /// The host's /etc/resolv.conf.
    pub host: &'a str,
    /// `--dns`: these and nothing else.
    pub dns: &'a [String],
    /// `--dns-search`; "." clears the host's.
    pub search: &'a [String],
    /// `--dns-option`.
    pub options: &'a [String],
    /// The helper's resolvers, first.
    pub network: &'a [String],
    /// Whether the host's own (non-loopback) resolvers follow the helper's: not with pasta,
    /// whose forwarder already goes to them.
    pub keep_host_nameservers: bool,
}

fn is_loopback(address: &str) -> bool {
    address
        .split('%')
        .next()
        .and_then(|a| a.parse::<IpAddr>().ok())
        .is_some_and(|a| a.is_loopback())
}

/// The container's /etc/resolv.conf as podman writes it: search, nameservers, options; the
/// host's search and options unless the flags give their own; the host's loopback resolvers
/// never (they would point into the container's own namespace).
pub fn resolv_conf(input: &ResolvInput) -> String {
    let mut search: Vec<String> = Vec::new();
    let mut host_servers: Vec<String> = Vec::new();
    let mut options: Vec<String> = Vec::new();
    for line in input.host.lines() {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("search" | "domain") => search = words.map(String::from).collect(),
            Some("nameserver") => {
                if let Some(a) = words.next()
                    && !is_loopback(a)
                {
                    host_servers.push(a.to_string());
                }
            }
            Some("options") => options.extend(words.map(String::from)),
            _ => {}
        }
    }
    if !input.search.is_empty() {
        search = input
            .search
            .iter()
            .filter(|s| s.as_str() != ".")
            .cloned()
            .collect();
    }
    if !input.options.is_empty() {
        options = input.options.to_vec();
    }
    let servers: Vec<String> = if !input.dns.is_empty() {
        input.dns.to_vec()
    } else {
        let mut s = input.network.to_vec();
        if input.keep_host_nameservers {
            s.extend(host_servers);
        }
        s
    };
    let mut out = String::new();
    if !search.is_empty() {
        out.push_str(&format!("search {}\n", search.join(" ")));
    }
    for s in servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    if !options.is_empty() {
        out.push_str(&format!("options {}\n", options.join(" ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST_HOSTS: &str = "127.0.0.1 localhost\n# comment\n127.0.0.1 runsc\n\n";

    #[test]
    fn hosts_in_podmans_order() {
        let add = vec![
            parse_add_host("foo:1.2.3.4").unwrap(),
            parse_add_host("gw:host-gateway").unwrap(),
        ];
        let text = hosts(&HostsInput {
            base: HOST_HOSTS,
            add_hosts: &add,
            host_ip: Some("10.0.2.2"),
            container_ip: "10.0.2.100",
            hostname: "hh",
            name: "pm1",
        });
        assert_eq!(
            text,
            "1.2.3.4\tfoo\n10.0.2.2\tgw\n127.0.0.1\tlocalhost\n127.0.0.1\trunsc\n10.0.2.2\thost.containers.internal\n10.0.2.100\thh pm1\n"
        );
    }

    #[test]
    fn hosts_without_a_base_get_localhost_and_no_duplicate_names() {
        let add = vec![parse_add_host("host.containers.internal:5.6.7.8").unwrap()];
        let text = hosts(&HostsInput {
            base: "",
            add_hosts: &add,
            host_ip: Some("10.0.2.2"),
            container_ip: "127.0.0.1",
            hostname: "web",
            name: "web",
        });
        assert_eq!(
            text,
            "5.6.7.8\thost.containers.internal\n127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n127.0.0.1\tweb\n"
        );
    }

    #[test]
    fn add_host_errors_are_podmans() {
        assert_eq!(
            parse_add_host("foo").unwrap_err().to_string(),
            "bad format for add-host: \"foo\""
        );
        assert_eq!(
            parse_add_host("foo:bar").unwrap_err().to_string(),
            "invalid IP address in add-host: \"bar\""
        );
        assert_eq!(parse_add_host("v6:fd00::1").unwrap().ip, "fd00::1");
    }

    const HOST_RESOLV: &str =
        "search corp.example\nnameserver 127.0.0.53\nnameserver 10.255.255.53\noptions edns0\n";

    #[test]
    fn resolv_conf_with_slirp4netns_keeps_the_hosts_resolvers_after_its_own() {
        let text = resolv_conf(&ResolvInput {
            host: HOST_RESOLV,
            dns: &[],
            search: &[],
            options: &[],
            network: &["10.0.2.3".into()],
            keep_host_nameservers: true,
        });
        assert_eq!(
            text,
            "search corp.example\nnameserver 10.0.2.3\nnameserver 10.255.255.53\noptions edns0\n"
        );
    }

    #[test]
    fn resolv_conf_flags_replace_the_hosts() {
        let text = resolv_conf(&ResolvInput {
            host: HOST_RESOLV,
            dns: &["9.9.9.9".into()],
            search: &["example.com".into()],
            options: &["ndots:2".into()],
            network: &["169.254.1.1".into()],
            keep_host_nameservers: false,
        });
        assert_eq!(
            text,
            "search example.com\nnameserver 9.9.9.9\noptions ndots:2\n"
        );
        let text = resolv_conf(&ResolvInput {
            host: HOST_RESOLV,
            dns: &[],
            search: &[".".into()],
            options: &[],
            network: &["169.254.1.1".into()],
            keep_host_nameservers: false,
        });
        assert_eq!(text, "nameserver 169.254.1.1\noptions edns0\n");
    }
}
