//! What the host offers: the helpers installed, its default route, the lowest port a user may
//! bind, and free ports for `-p CONTAINERPORT` and `-P`.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, UdpSocket};
use std::path::PathBuf;

use super::{NetworkError, PortMapping};

/// A helper (pasta, slirp4netns) in $PATH or podman's helper directories.
pub fn find_helper(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(
            [
                "/usr/local/libexec/podman",
                "/usr/libexec/podman",
                "/usr/lib/podman",
                "/usr/bin",
                "/usr/sbin",
            ]
            .map(PathBuf::from),
        )
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The host's IPv4 default route: what pasta copies into the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostRoute {
    pub interface: String,
    pub gateway: Ipv4Addr,
    /// The interface's address towards the gateway.
    pub address: Option<Ipv4Addr>,
    pub prefix_len: u8,
}

/// Reads the default route from /proc/net/route text (hex, host byte order little-endian).
fn parse_routes(text: &str) -> Option<(String, Ipv4Addr, u8)> {
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .filter(|r: &Vec<&str>| r.len() >= 8)
        .collect();
    let hex = |s: &str| u32::from_str_radix(s, 16).ok().map(u32::from_be);
    let default = rows
        .iter()
        .find(|r| r[1] == "00000000" && r[7] == "00000000")?;
    let gateway = Ipv4Addr::from(hex(default[2])?);
    let prefix_len = rows
        .iter()
        .filter(|r| r[0] == default[0] && r[1] != "00000000")
        .filter_map(|r| hex(r[7]))
        .map(|mask| mask.count_ones() as u8)
        .next()
        .unwrap_or(24);
    Some((default[0].to_string(), gateway, prefix_len))
}

pub fn detect_route() -> Option<HostRoute> {
    let text = std::fs::read_to_string("/proc/net/route").ok()?;
    let (interface, gateway, prefix_len) = parse_routes(&text)?;
    // A connected UDP socket sends nothing; its local address is the one the kernel would use.
    let address = UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| {
            s.connect((gateway, 53))?;
            s.local_addr()
        })
        .ok()
        .and_then(|a| match a {
            SocketAddr::V4(v4) => Some(*v4.ip()),
            SocketAddr::V6(_) => None,
        });
    Some(HostRoute {
        interface,
        gateway,
        address,
        prefix_len,
    })
}

/// net.ipv4.ip_unprivileged_port_start of the caller's network namespace.
pub fn unprivileged_port_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(1024)
}

fn bind_address(mapping: &PortMapping, port: u16) -> String {
    if mapping.host_ip.contains(':') {
        format!("[{}]:{port}", mapping.host_ip)
    } else if mapping.host_ip.is_empty() {
        format!("0.0.0.0:{port}")
    } else {
        format!("{}:{port}", mapping.host_ip)
    }
}

/// Binds (and at once releases) one host port, as the helper will.
fn try_bind(address: &str, protocol: &str) -> std::io::Result<u16> {
    if protocol == "udp" {
        UdpSocket::bind(address).and_then(|s| s.local_addr().map(|a| a.port()))
    } else {
        TcpListener::bind(address).and_then(|s| s.local_addr().map(|a| a.port()))
    }
}

/// Go's text for a bind error, as podman's messages carry it.
fn bind_reason(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(libc::EADDRINUSE) => "bind: address already in use".into(),
        Some(libc::EACCES) => "bind: permission denied".into(),
        Some(libc::EADDRNOTAVAIL) => "bind: cannot assign requested address".into(),
        _ => format!("bind: {e}"),
    }
}

/// Fails, naming the port, for a host port that something else holds.
pub fn check_ports_free(ports: &[PortMapping]) -> Result<(), NetworkError> {
    for p in ports {
        for (_, host, proto) in p.each() {
            let address = bind_address(p, host);
            if let Err(e) = try_bind(&address, proto) {
                return Err(NetworkError::PortInUse {
                    port: host,
                    protocol: proto.to_string(),
                    address,
                    reason: bind_reason(&e),
                });
            }
        }
    }
    Ok(())
}

/// Gives every mapping without a host port (`-p 80`, `-P`) free host ports, found by binding
/// port 0 as podman does; a range gets consecutive ports.
pub fn assign_host_ports(ports: &mut [PortMapping]) -> Result<(), NetworkError> {
    for p in ports.iter_mut().filter(|p| p.host_port == 0) {
        let proto = p.protocols().next().unwrap_or("tcp").to_string();
        let fail = |reason: String| NetworkError::NoFreePort {
            container_port: p.container_port,
            protocol: proto.clone(),
            reason,
        };
        let mut found = None;
        for _ in 0..50 {
            let start = try_bind(&bind_address(p, 0), &proto).map_err(|e| fail(e.to_string()))?;
            if u32::from(start) + u32::from(p.range) > 65536 {
                continue;
            }
            let all_free = (0..p.range).all(|i| {
                p.protocols()
                    .all(|pr| try_bind(&bind_address(p, start + i), pr).is_ok())
            });
            if all_free {
                found = Some(start);
                break;
            }
        }
        p.host_port = found.ok_or_else(|| fail("every port tried was taken".into()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_route_from_proc() {
        let text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n\
eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
        assert_eq!(
            parse_routes(text),
            Some(("eth0".into(), Ipv4Addr::new(192, 0, 2, 1), 24))
        );
        assert_eq!(parse_routes("Iface\n"), None);
    }
}
