//! The helpers' command lines and requests (pure): pasta as podman 4.4+ runs it, slirp4netns
//! as podman runs it with slirp4netns's own port forwarding (its API socket).

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use super::{NetworkError, PortMapping};

/// The address pasta answers DNS on inside the namespace (podman's choice), forwarded to the
/// host's resolver.
pub const PASTA_DNS_FORWARDER: &str = "169.254.1.1";
/// slirp4netns's built-in DNS forwarder in its default network.
pub const SLIRP_DNS: &str = "10.0.2.3";

/// The container's address as planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addressing {
    pub ip: String,
    pub prefix_len: u8,
    pub gateway: String,
    /// The address through which the container reaches the host (host.containers.internal).
    pub host_ip: String,
}

/// podman's slirp4netns options (`--network slirp4netns:OPT,...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlirpOptions {
    pub allow_host_loopback: bool,
    pub enable_ipv6: bool,
    pub mtu: u32,
    /// The network's first address and prefix length (default 10.0.2.0/24).
    pub cidr: (Ipv4Addr, u8),
}

impl SlirpOptions {
    pub fn parse(options: &[String]) -> Result<SlirpOptions, NetworkError> {
        let mut out = SlirpOptions {
            allow_host_loopback: false,
            enable_ipv6: false,
            mtu: 65520,
            cidr: (Ipv4Addr::new(10, 0, 2, 0), 24),
        };
        for option in options {
            let bad = || NetworkError::BadSlirpOption {
                option: option.clone(),
            };
            let (key, value) = option.split_once('=').ok_or_else(bad)?;
            let boolean = || match value {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(bad()),
            };
            match key {
                "allow_host_loopback" => out.allow_host_loopback = boolean()?,
                "enable_ipv6" => out.enable_ipv6 = boolean()?,
                "mtu" => out.mtu = value.parse().ok().filter(|m| *m >= 68).ok_or_else(bad)?,
                "cidr" => {
                    let (ip, len) = value.split_once('/').ok_or_else(bad)?;
                    let ip: Ipv4Addr = ip.parse().map_err(|_| bad())?;
                    let len: u8 = len
                        .parse()
                        .ok()
                        .filter(|l| (8..=25).contains(l))
                        .ok_or_else(bad)?;
                    out.cidr = (ip, len);
                }
                // Both mean "forward ports" here: burrow always uses slirp4netns's own.
                "port_handler" if value == "slirp4netns" || value == "rootlesskit" => {}
                _ => return Err(bad()),
            }
        }
        Ok(out)
    }

    fn nth(&self, n: u32) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.cidr.0) + n)
    }
}

/// The container's address on slirp4netns's network: .100, gateway .2, DNS .3. The host is
/// the gateway only when host loopback is allowed; else its own address, as podman writes.
pub fn slirp_addressing(options: &SlirpOptions, host_address: Option<&str>) -> Addressing {
    Addressing {
        ip: options.nth(100).to_string(),
        prefix_len: options.cidr.1,
        gateway: options.nth(2).to_string(),
        host_ip: if options.allow_host_loopback {
            options.nth(2).to_string()
        } else {
            host_address.unwrap_or_default().to_string()
        },
    }
}

/// slirp4netns's DNS address on the network the options give.
pub fn slirp_dns(options: &SlirpOptions) -> String {
    options.nth(3).to_string()
}

fn has_option(options: &[String], names: &[&str]) -> bool {
    options.iter().any(|o| {
        names
            .iter()
            .any(|n| o == n || o.starts_with(&format!("{n}=")))
    })
}

/// pasta's arguments for a container's namespace, open in pasta at `netns` (a /proc/self/fd
/// path: pasta drops its capabilities before it opens the path, so it could not open the
/// container's /proc/PID/ns/net itself); it writes its pid to `ready` once the namespace is
/// configured. Ports as podman passes them; every direction podman does not forward is
/// `none`, and DNS is answered at the forwarder.
pub fn pasta_args(
    ports: &[PortMapping],
    user_options: &[String],
    mac: Option<&str>,
    netns: &str,
    userns: Option<&str>,
    ready: &str,
) -> Vec<String> {
    let mut args: Vec<String> = ["--config-net", "--foreground", "--quiet"]
        .map(String::from)
        .to_vec();
    let (mut tcp, mut udp) = (false, false);
    for p in ports {
        let address = if p.host_ip.is_empty() {
            String::new()
        } else {
            format!("{}/", p.host_ip)
        };
        for proto in p.protocols() {
            let flag = if proto == "udp" {
                udp = true;
                "-u"
            } else {
                tcp = true;
                "-t"
            };
            args.push(flag.into());
            args.push(format!(
                "{address}{}-{}:{}-{}",
                p.host_port,
                p.host_port + p.range - 1,
                p.container_port,
                p.container_port + p.range - 1
            ));
        }
    }
    args.extend(user_options.iter().cloned());
    for (given, flags) in [
        (tcp, ["-t", "--tcp-ports"]),
        (udp, ["-u", "--udp-ports"]),
        (false, ["-T", "--tcp-ns"]),
        (false, ["-U", "--udp-ns"]),
    ] {
        if !given && !has_option(user_options, &flags) {
            args.extend([flags[0].to_string(), "none".to_string()]);
        }
    }
    if !has_option(user_options, &["--dns-forward"]) {
        args.extend(["--dns-forward".into(), PASTA_DNS_FORWARDER.into()]);
    }
    if let Some(mac) = mac
        && !has_option(user_options, &["--ns-mac-addr"])
    {
        args.extend(["--ns-mac-addr".into(), mac.into()]);
    }
    if let Some(userns) = userns {
        args.extend(["--userns".into(), userns.into()]);
    }
    args.extend(["--pid".into(), ready.into(), "--netns".into(), netns.into()]);
    args
}

/// slirp4netns's arguments: it configures tap0 in the namespace open at `netns`, writes "1" to
/// `ready_fd` when done and ends when `exit_fd` reaches end-of-file (the monitor holds its
/// other end); ports are added through `api_socket` afterwards.
pub fn slirp4netns_args(
    options: &SlirpOptions,
    mac: Option<&str>,
    netns: &str,
    userns: Option<&str>,
    ready_fd: i32,
    exit_fd: i32,
    api_socket: &str,
) -> Vec<String> {
    let mut args = vec!["--configure".to_string(), format!("--mtu={}", options.mtu)];
    if !options.allow_host_loopback {
        args.push("--disable-host-loopback".into());
    }
    if options.cidr != (Ipv4Addr::new(10, 0, 2, 0), 24) {
        args.push(format!("--cidr={}/{}", options.cidr.0, options.cidr.1));
    }
    if options.enable_ipv6 {
        args.push("--enable-ipv6".into());
    }
    if let Some(mac) = mac {
        args.push(format!("--macaddress={mac}"));
    }
    args.extend([
        format!("--ready-fd={ready_fd}"),
        format!("--exit-fd={exit_fd}"),
        format!("--api-socket={api_socket}"),
    ]);
    if let Some(userns) = userns {
        args.push(format!("--userns-path={userns}"));
    }
    args.extend(["--netns-type=path".into(), netns.into(), "tap0".into()]);
    args
}

/// One `add_hostfwd` request per forwarded port, for slirp4netns's API socket.
pub fn slirp_hostfwd_requests(ports: &[PortMapping], guest_ip: &str) -> Vec<serde_json::Value> {
    ports
        .iter()
        .flat_map(|p| {
            p.each()
                .map(|(ctr, host, proto)| {
                    serde_json::json!({
                        "execute": "add_hostfwd",
                        "arguments": {
                            "proto": proto,
                            "host_addr": if p.host_ip.is_empty() { "0.0.0.0" } else { p.host_ip.as_str() },
                            "host_port": host,
                            "guest_addr": guest_ip,
                            "guest_port": ctr,
                        }
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::parse_publish;
    use super::*;

    #[test]
    fn pasta_forwards_what_is_published_and_nothing_else() {
        let ports = vec![
            parse_publish("8080:80").unwrap(),
            parse_publish("127.0.0.1:9000-9001:90-91/udp").unwrap(),
        ];
        let args = pasta_args(
            &ports,
            &[],
            None,
            "/proc/self/fd/3",
            None,
            "/proc/self/fd/4",
        );
        assert_eq!(
            args.join(" "),
            "--config-net --foreground --quiet -t 8080-8080:80-80 -u 127.0.0.1/9000-9001:90-91 -T none -U none --dns-forward 169.254.1.1 --pid /proc/self/fd/4 --netns /proc/self/fd/3"
        );
        let args = pasta_args(
            &[],
            &["-T".into(), "5432".into()],
            Some("aa:bb:cc:dd:ee:ff"),
            "N",
            Some("U"),
            "R",
        );
        assert_eq!(
            args.join(" "),
            "--config-net --foreground --quiet -T 5432 -t none -u none -U none --dns-forward 169.254.1.1 --ns-mac-addr aa:bb:cc:dd:ee:ff --userns U --pid R --netns N"
        );
    }

    #[test]
    fn slirp4netns_as_podman_runs_it() {
        let options = SlirpOptions::parse(&[]).unwrap();
        assert_eq!(
            slirp4netns_args(
                &options,
                None,
                "/proc/self/fd/3",
                None,
                4,
                5,
                "/run/x/slirp.sock"
            )
            .join(" "),
            "--configure --mtu=65520 --disable-host-loopback --ready-fd=4 --exit-fd=5 --api-socket=/run/x/slirp.sock --netns-type=path /proc/self/fd/3 tap0"
        );
        let options = SlirpOptions::parse(&[
            "allow_host_loopback=true".into(),
            "cidr=10.5.0.0/24".into(),
            "mtu=1500".into(),
        ])
        .unwrap();
        let args = slirp4netns_args(&options, None, "N", Some("U"), 4, 5, "S").join(" ");
        assert!(
            args.ends_with("--userns-path=U --netns-type=path N tap0"),
            "{args}"
        );
        assert!(
            args.starts_with("--configure --mtu=1500 --cidr=10.5.0.0/24 "),
            "{args}"
        );
        let a = slirp_addressing(&options, Some("192.0.2.2"));
        assert_eq!(
            (a.ip.as_str(), a.gateway.as_str(), a.host_ip.as_str()),
            ("10.5.0.100", "10.5.0.2", "10.5.0.2")
        );
        assert_eq!(slirp_dns(&options), "10.5.0.3");
        let a = slirp_addressing(&SlirpOptions::parse(&[]).unwrap(), Some("192.0.2.2"));
        assert_eq!(a.host_ip, "192.0.2.2");
    }

    #[test]
    fn slirp_ports_are_one_request_each() {
        let ports = vec![parse_publish("8080-8081:80-81/tcp,udp").unwrap()];
        let requests = slirp_hostfwd_requests(&ports, "10.0.2.100");
        assert_eq!(requests.len(), 4);
        assert_eq!(
            requests[1],
            serde_json::json!({"execute": "add_hostfwd", "arguments": {"proto": "tcp", "host_addr": "0.0.0.0", "host_port": 8081, "guest_addr": "10.0.2.100", "guest_port": 81}})
        );
    }
}
