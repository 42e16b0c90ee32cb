//! Published ports: `-p` parsed with podman's rules and texts, `-P` from the image's EXPOSE
//! list, and the views `port` and `inspect` print.

use std::collections::BTreeMap;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::NetworkError;

/// One `-p`: `range` consecutive host ports from `host_port` forward to as many container ports
/// from `container_port` (podman's types.PortMapping). `host_port` 0 means "pick one".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortMapping {
    /// Empty: every address of the host.
    #[serde(default)]
    pub host_ip: String,
    pub host_port: u16,
    pub container_port: u16,
    pub range: u16,
    /// `tcp`, `udp`, or `tcp,udp`.
    pub protocol: String,
}

impl PortMapping {
    pub fn protocols(&self) -> impl Iterator<Item = &str> {
        self.protocol.split(',')
    }

    /// The host address as `port` prints it.
    pub fn shown_host_ip(&self) -> &str {
        if self.host_ip.is_empty() {
            "0.0.0.0"
        } else {
            &self.host_ip
        }
    }

    /// Each (container port, host port, protocol) this mapping stands for.
    pub fn each(&self) -> impl Iterator<Item = (u16, u16, &str)> {
        self.protocols().flat_map(move |proto| {
            (0..self.range).map(move |i| (self.container_port + i, self.host_port + i, proto))
        })
    }
}

fn invalid(message: impl Into<String>) -> NetworkError {
    NetworkError::BadPublish(message.into())
}

/// Go's strconv.Atoi error texts, which podman's messages carry.
fn atoi(text: &str) -> Result<i64, NetworkError> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!(
            "invalid port number: strconv.Atoi: parsing {text:?}: invalid syntax"
        )));
    }
    text.parse::<i64>().map_err(|_| {
        invalid(format!(
            "invalid port number: strconv.Atoi: parsing {text:?}: value out of range"
        ))
    })
}

fn parse_port(text: &str) -> Result<u16, NetworkError> {
    let n = atoi(text)?;
    if !(1..=65535).contains(&n) {
        return Err(invalid(format!(
            "port numbers must be between 1 and 65535 (inclusive), got {n}"
        )));
    }
    Ok(n as u16)
}

/// `START[-END]` as (start, number of ports).
fn parse_range(text: &str) -> Result<(u16, u16), NetworkError> {
    let parts: Vec<&str> = text.split('-').collect();
    if parts.len() > 2 {
        return Err(invalid(
            "invalid port format - port ranges are formatted as startPort-stopPort",
        ));
    }
    if parts[0].is_empty() {
        return Err(invalid("port numbers cannot be negative"));
    }
    let start = parse_port(parts[0])?;
    let Some(end) = parts.get(1) else {
        return Ok((start, 1));
    };
    if end.is_empty() {
        return Err(invalid("must provide ending number for port range"));
    }
    let end = parse_port(end)?;
    if end <= start {
        return Err(invalid(format!(
            "the end port of a range must be higher than the start port - {end} is not higher than {start}"
        )));
    }
    Ok((start, end - start + 1))
}

fn prefixed(prefix: &str, e: NetworkError) -> NetworkError {
    match e {
        NetworkError::BadPublish(m) => invalid(format!("{prefix}: {m}")),
        e => e,
    }
}

/// Parses one `-p [IP:][HOSTPORT:]CONTAINERPORT[/PROTOCOL]` as podman 4 does
/// (pkg/specgenutil CreatePortBindings), with its error texts.
pub fn parse_publish(spec: &str) -> Result<PortMapping, NetworkError> {
    let mut split_proto = spec.split('/');
    let remainder = split_proto.next().unwrap_or_default();
    let protocol = split_proto.next();
    if split_proto.next().is_some() {
        return Err(invalid(
            "invalid port format - protocol can only be specified once",
        ));
    }
    let mut remainder = remainder.to_string();
    let mut host_ip: Option<String> = None;
    let v6: Vec<&str> = spec
        .split('/')
        .next()
        .unwrap_or_default()
        .split(']')
        .collect();
    let have_v6 = v6.len() == 2;
    match v6.len() {
        1 => {}
        2 => {
            let Some(ip) = v6[0].strip_prefix('[') else {
                return Err(invalid(
                    "invalid port format - IPv6 addresses must be enclosed by []",
                ));
            };
            let Some(rest) = v6[1].strip_prefix(':') else {
                return Err(invalid(
                    "invalid port format - IPv6 address must be followed by a colon (':')",
                ));
            };
            host_ip = Some(ip.to_string());
            remainder = rest.to_string();
        }
        _ => {
            return Err(invalid(
                "invalid port format - at most one IPv6 address can be specified in a --publish",
            ));
        }
    }
    let parts: Vec<&str> = remainder.split(':').collect();
    let (host_port, container_port) = match parts.as_slice() {
        [ctr] => {
            if have_v6 {
                return Err(invalid(
                    "invalid port format - must provide host and destination port if specifying an IP",
                ));
            }
            (None, *ctr)
        }
        [host, ctr] => (Some(*host), *ctr),
        [ip, host, ctr] => {
            if have_v6 {
                return Err(invalid(
                    "invalid port format - when v6 address specified, must be [ipv6]:hostPort:ctrPort",
                ));
            }
            host_ip = Some(ip.to_string());
            (Some(*host), *ctr)
        }
        _ => {
            return Err(invalid(
                "invalid port format - format is [[hostIP:]hostPort:]containerPort",
            ));
        }
    };
    if container_port.is_empty() {
        return Err(invalid(
            "must provide a non-empty container port to publish",
        ));
    }
    let (container_start, range) =
        parse_range(container_port).map_err(|e| prefixed("parsing container port", e))?;
    let protocol = match protocol {
        None => "tcp".to_string(),
        Some("") => return Err(invalid("must provide a non-empty protocol to publish")),
        Some(p) => check_protocol(p)?,
    };
    let host_ip = match host_ip.as_deref() {
        None | Some("0.0.0.0") => String::new(),
        Some("") => {
            return Err(invalid(
                "must provide a non-empty container host IP to publish",
            ));
        }
        Some(text) => text
            .parse::<IpAddr>()
            .map_err(|_| invalid(format!("cannot parse {text:?} as an IP address")))?
            .to_string(),
    };
    let host_port = match host_port {
        None | Some("") => 0,
        Some(text) => {
            let (start, len) = parse_range(text).map_err(|e| prefixed("parsing host port", e))?;
            if len != range {
                return Err(invalid(format!(
                    "host and container port ranges have different lengths: {len} vs {range}"
                )));
            }
            start
        }
    };
    Ok(PortMapping {
        host_ip,
        host_port,
        container_port: container_start,
        range,
        protocol,
    })
}

/// podman's protocol check (pkg/specgen/generate/ports.go), without sctp: neither pasta nor
/// slirp4netns forwards it.
fn check_protocol(text: &str) -> Result<String, NetworkError> {
    let mut seen: Vec<&str> = Vec::new();
    for p in text.split(',') {
        let p = match p.to_ascii_lowercase().as_str() {
            "tcp" | "" => "tcp",
            "udp" => "udp",
            "sctp" => {
                return Err(invalid(
                    "sctp port mappings are not supported by rootless networking (pasta, slirp4netns); publish tcp or udp",
                ));
            }
            _ => {
                return Err(invalid(format!(
                    "unrecognized protocol {p:?} in port mapping: invalid argument"
                )));
            }
        };
        if !seen.contains(&p) {
            seen.push(p);
        }
    }
    Ok(seen.join(","))
}

/// The image's EXPOSE entries (`"80/tcp": {}`) as mappings to random host ports, for `-P`.
pub fn exposed_ports(config: Option<&serde_json::Value>) -> Result<Vec<PortMapping>, NetworkError> {
    let Some(exposed) = config
        .and_then(|c| c.get("ExposedPorts"))
        .and_then(|e| e.as_object())
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for key in exposed.keys() {
        let (port, proto) = key.split_once('/').unwrap_or((key, "tcp"));
        let (start, range) =
            parse_range(port).map_err(|e| prefixed(&format!("image EXPOSE {key:?}"), e))?;
        out.push(PortMapping {
            host_ip: String::new(),
            host_port: 0,
            container_port: start,
            range,
            protocol: check_protocol(proto)?,
        });
    }
    Ok(out)
}

/// `--expose PORT[-END][/PROTO]` as a mapping to random host ports.
pub fn parse_expose(text: &str) -> Result<PortMapping, NetworkError> {
    let (port, proto) = text.split_once('/').unwrap_or((text, "tcp"));
    let (start, range) = parse_range(port).map_err(|e| prefixed("invalid --expose", e))?;
    Ok(PortMapping {
        host_ip: String::new(),
        host_port: 0,
        container_port: start,
        range,
        protocol: check_protocol(proto)?,
    })
}

/// `-P` mappings for container ports no `-p` already publishes.
pub fn add_publish_all(ports: &mut Vec<PortMapping>, exposed: Vec<PortMapping>) {
    for e in exposed {
        let taken = ports.iter().any(|p| {
            p.protocols().any(|proto| proto == e.protocol)
                && p.container_port <= e.container_port
                && e.container_port < p.container_port + p.range
        });
        if !taken {
            ports.push(e);
        }
    }
}

/// Fails for a host port the user may not bind (below net.ipv4.ip_unprivileged_port_start),
/// in podman's words.
pub fn check_privileged(
    ports: &[PortMapping],
    unprivileged_start: u16,
) -> Result<(), NetworkError> {
    for p in ports {
        if p.host_port != 0 && p.host_port < unprivileged_start {
            return Err(NetworkError::PrivilegedPort {
                port: p.host_port,
                current: unprivileged_start,
            });
        }
    }
    Ok(())
}

/// `ps`'s PORTS column as podman writes it: `0.0.0.0:8080->80/tcp, 0.0.0.0:9000-9001->90-91/udp`.
pub fn ports_column(ports: &[PortMapping]) -> String {
    let mut parts = Vec::new();
    for p in ports {
        for proto in p.protocols() {
            parts.push(if p.range > 1 {
                format!(
                    "{}:{}-{}->{}-{}/{proto}",
                    p.shown_host_ip(),
                    p.host_port,
                    p.host_port + p.range - 1,
                    p.container_port,
                    p.container_port + p.range - 1
                )
            } else {
                format!(
                    "{}:{}->{}/{proto}",
                    p.shown_host_ip(),
                    p.host_port,
                    p.container_port
                )
            });
        }
    }
    parts.join(", ")
}

/// `inspect`'s NetworkSettings.Ports: `"80/tcp": [{"HostIp": "", "HostPort": "8080"}]`.
pub fn inspect_ports(ports: &[PortMapping]) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for p in ports {
        for (ctr, host, proto) in p.each() {
            out.entry(format!("{ctr}/{proto}"))
                .or_default()
                .push((p.host_ip.clone(), host.to_string()));
        }
    }
    out
}

/// `port CTR`: one `80/tcp -> 0.0.0.0:8080` line per port; with `private` (`80` or `80/udp`),
/// only the host address of that port. None when `private` is not published.
pub fn port_lines(
    ports: &[PortMapping],
    private: Option<&str>,
) -> Result<Option<Vec<String>>, NetworkError> {
    let Some(private) = private else {
        return Ok(Some(
            ports
                .iter()
                .flat_map(|p| {
                    p.each().map(|(ctr, host, proto)| {
                        format!("{ctr}/{proto} -> {}:{host}", p.shown_host_ip())
                    })
                })
                .collect(),
        ));
    };
    let (number, proto) = private.split_once('/').unwrap_or((private, "tcp"));
    let number = parse_port(number)?;
    let lines: Vec<String> = ports
        .iter()
        .flat_map(|p| {
            p.each()
                .filter(|(ctr, _, pr)| *ctr == number && *pr == proto)
                .map(|(_, host, _)| format!("{}:{host}", p.shown_host_ip()))
                .collect::<Vec<_>>()
        })
        .collect();
    Ok((!lines.is_empty()).then_some(lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(spec: &str) -> String {
        parse_publish(spec).unwrap_err().to_string()
    }

    #[test]
    fn podman_texts_for_malformed_specs() {
        assert_eq!(
            err("abc"),
            "parsing container port: invalid port number: strconv.Atoi: parsing \"abc\": invalid syntax"
        );
        assert_eq!(
            err("99999:80"),
            "parsing host port: port numbers must be between 1 and 65535 (inclusive), got 99999"
        );
        assert_eq!(
            err("80:99999"),
            "parsing container port: port numbers must be between 1 and 65535 (inclusive), got 99999"
        );
        assert_eq!(
            err("1-3:4-5"),
            "host and container port ranges have different lengths: 3 vs 2"
        );
        assert_eq!(
            err("1.2.3:80:80"),
            "cannot parse \"1.2.3\" as an IP address"
        );
        assert_eq!(
            err("0-5:80"),
            "parsing host port: port numbers must be between 1 and 65535 (inclusive), got 0"
        );
        assert_eq!(
            err("8080:"),
            "must provide a non-empty container port to publish"
        );
        assert_eq!(
            err("5-3:80"),
            "parsing host port: the end port of a range must be higher than the start port - 3 is not higher than 5"
        );
        assert_eq!(
            err("80/xyz"),
            "unrecognized protocol \"xyz\" in port mapping: invalid argument"
        );
        assert_eq!(
            err("80/tcp/udp"),
            "invalid port format - protocol can only be specified once"
        );
    }

    #[test]
    fn forms_of_a_mapping() {
        let m = parse_publish("8080:80").unwrap();
        assert_eq!(
            (m.host_ip.as_str(), m.host_port, m.container_port),
            ("", 8080, 80)
        );
        assert_eq!((m.range, m.protocol.as_str()), (1, "tcp"));
        let m = parse_publish("127.0.0.1:8080-8081:90-91/udp").unwrap();
        assert_eq!(
            (m.host_ip.as_str(), m.host_port, m.container_port),
            ("127.0.0.1", 8080, 90)
        );
        assert_eq!((m.range, m.protocol.as_str()), (2, "udp"));
        let m = parse_publish("[::1]:8080:80").unwrap();
        assert_eq!(m.host_ip, "::1");
        let m = parse_publish("80").unwrap();
        assert_eq!((m.host_port, m.container_port), (0, 80));
        let m = parse_publish("127.0.0.1::80").unwrap();
        assert_eq!((m.host_ip.as_str(), m.host_port), ("127.0.0.1", 0));
        assert_eq!(
            parse_publish("0.0.0.0:1:2/tcp,udp").unwrap().protocol,
            "tcp,udp"
        );
    }

    #[test]
    fn publish_all_takes_exposed_ports_not_yet_published() {
        let config = serde_json::json!({"ExposedPorts": {"80/tcp": {}, "53/udp": {}, "90": {}}});
        let exposed = exposed_ports(Some(&config)).unwrap();
        let mut ports = vec![parse_publish("8080:80").unwrap()];
        add_publish_all(&mut ports, exposed);
        let keys: Vec<_> = ports
            .iter()
            .map(|p| (p.container_port, p.host_port))
            .collect();
        assert_eq!(keys, vec![(80, 8080), (53, 0), (90, 0)]);
    }

    #[test]
    fn privileged_ports_name_the_sysctl() {
        let ports = vec![parse_publish("80:80").unwrap()];
        let text = check_privileged(&ports, 1024).unwrap_err().to_string();
        assert!(
            text.contains("net.ipv4.ip_unprivileged_port_start=80"),
            "{text}"
        );
        assert!(text.contains("(>= 1024)"), "{text}");
        assert!(check_privileged(&ports, 80).is_ok());
    }

    #[test]
    fn port_views() {
        let ports = vec![
            parse_publish("18124:80").unwrap(),
            parse_publish("127.0.0.1:18125-18126:90-91/udp").unwrap(),
        ];
        assert_eq!(
            port_lines(&ports, None).unwrap().unwrap(),
            vec![
                "80/tcp -> 0.0.0.0:18124",
                "90/udp -> 127.0.0.1:18125",
                "91/udp -> 127.0.0.1:18126"
            ]
        );
        assert_eq!(
            port_lines(&ports, Some("91/udp")).unwrap().unwrap(),
            vec!["127.0.0.1:18126"]
        );
        assert_eq!(port_lines(&ports, Some("77")).unwrap(), None);
        assert_eq!(
            ports_column(&ports),
            "0.0.0.0:18124->80/tcp, 127.0.0.1:18125-18126->90-91/udp"
        );
        let inspect = inspect_ports(&ports);
        assert_eq!(
            inspect["80/tcp"],
            vec![(String::new(), "18124".to_string())]
        );
        assert_eq!(inspect.len(), 3);
    }
}
