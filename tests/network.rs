//! Rootless networking as the unprivileged test user: pasta (the default) and slirp4netns
//! connect the container, published ports answer on the host's loopback, host.containers.internal
//! reaches the host, DNS goes where the flags say, and the helper never outlives the container.
//! Traffic goes only to 127.0.0.0/8 and to the containers' own namespaces.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use common::*;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

const TIMEOUT: Duration = Duration::from_secs(20);

/// A TCP port nothing listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A UDP and TCP port nothing holds now.
fn free_udp_port() -> u16 {
    loop {
        let port = UdpSocket::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

/// GET /index.html from the host's loopback, or None while nothing answers.
fn http_get(port: u16) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream.write_all(b"GET /index.html HTTP/1.0\r\n\r\n").ok()?;
    let mut text = String::new();
    stream.read_to_string(&mut text).ok()?;
    Some(text)
}

/// Waits until the container's httpd answers on `port` and returns its answer.
fn wait_for_http(port: u16, body: &str) {
    wait_for(&format!("the server behind port {port}"), TIMEOUT, || {
        http_get(port).is_some_and(|t| t.contains(body))
    });
}

/// A detached busybox httpd serving `body`, with the extra run flags.
fn run_httpd(sb: &Sandbox, name: &str, flags: &[&str], body: &str) {
    let script = format!("mkdir -p /w && echo {body} > /w/index.html && exec httpd -f -p 80 -h /w");
    let mut args = vec!["run", "-d", "--name", name];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["busybox", "sh", "-c", &script]);
    sb.ok(&args);
}

fn monitor_of(sb: &Sandbox, name: &str) -> i64 {
    sb.inspect(name)["State"]["ConmonPid"].as_i64().unwrap()
}

/// The parent pid and command name of a process.
fn parent_and_name(pid: i64) -> Option<(i64, String)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let name = stat[stat.find('(')? + 1..stat.rfind(')')?].to_string();
    let ppid = stat[stat.rfind(')')? + 2..]
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some((ppid, name))
}

/// The network helpers (pasta, which runs as passt.avx2, or slirp4netns) a monitor started.
fn helpers_of(monitor: i64) -> Vec<i64> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i64>().ok())
        .filter(|pid| {
            parent_and_name(*pid).is_some_and(|(ppid, name)| {
                ppid == monitor
                    && (name.starts_with("pasta")
                        || name.starts_with("passt")
                        || name == "slirp4netns")
            })
        })
        .collect()
}

fn one_helper(sb: &Sandbox, name: &str) -> i64 {
    let helpers = helpers_of(monitor_of(sb, name));
    assert_eq!(helpers.len(), 1, "helpers of {name}: {helpers:?}");
    helpers[0]
}

fn wait_gone(pid: i64, what: &str) {
    wait_for(&format!("{what} (pid {pid}) to end"), TIMEOUT, || {
        !alive(pid)
    });
}

#[test]
fn a_published_tcp_port_answers_on_the_host_loopback_and_port_and_inspect_show_it() {
    let sb = sandbox_with_busybox();
    let port = free_port();
    let mapping = format!("{port}:80");
    run_httpd(&sb, "web", &["-p", &mapping], "hello-from-the-container");
    wait_for_http(port, "hello-from-the-container");
    let out = sb.ok(&["port", "web"]);
    assert_eq!(out.stdout(), format!("80/tcp -> 0.0.0.0:{port}\n"));
    assert_eq!(
        sb.ok(&["port", "web", "80/tcp"]).stdout(),
        format!("0.0.0.0:{port}\n")
    );
    sb.run(&["port", "web", "81"])
        .assert_error(125, &["failed to find published port \"81\""]);
    let id = sb.inspect("web")["Id"].as_str().unwrap().to_string();
    assert!(
        sb.ok(&["port", "-a"])
            .stdout()
            .contains(&format!("{}\t80/tcp -> 0.0.0.0:{port}", &id[..12]))
    );
    let info = sb.inspect("web");
    let settings = &info["NetworkSettings"];
    assert_eq!(settings["Ports"]["80/tcp"][0]["HostPort"], port.to_string());
    assert_eq!(settings["Ports"]["80/tcp"][0]["HostIp"], "");
    assert!(!settings["IPAddress"].as_str().unwrap().is_empty());
    assert_eq!(info["HostConfig"]["NetworkMode"], "pasta");
    assert!(
        sb.ok(&["ps"])
            .stdout()
            .contains(&format!("0.0.0.0:{port}->80/tcp")),
    );
    sb.ok(&["rm", "-f", "-t", "0", "web"]);
}

#[test]
fn a_udp_echo_answers_on_a_published_port() {
    let sb = sandbox_with_busybox();
    // busybox has no UDP server: the host's python, bound in read-only. pasta (Debian 12's)
    // loses the answers of a port translated on its loopback path, so the numbers match.
    let port = free_udp_port();
    let script = format!(
        "import socket\ns=socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.bind(('0.0.0.0', {port}))\nwhile True:\n    d, a = s.recvfrom(2000)\n    s.sendto(d, a)\n"
    );
    let mapping = format!("{port}:{port}/udp");
    sb.ok(&[
        "run",
        "-d",
        "--name",
        "echo",
        "-p",
        &mapping,
        "-v",
        "/usr:/usr:ro",
        "-v",
        "/lib64:/lib64:ro",
        "-v",
        "/lib:/lib:ro",
        "busybox",
        "/usr/bin/python3",
        "-c",
        &script,
    ]);
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 64];
    // Datagrams sent before the server binds are lost: send until one comes back.
    wait_for("the UDP echo", TIMEOUT, || {
        socket.send_to(b"ping-udp", ("127.0.0.1", port)).unwrap();
        matches!(socket.recv_from(&mut buf), Ok((8, _)))
    });
    assert_eq!(&buf[..8], b"ping-udp");
    assert_eq!(
        sb.ok(&["port", "echo"]).stdout(),
        format!("{port}/udp -> 0.0.0.0:{port}\n")
    );
    sb.ok(&["rm", "-f", "-t", "0", "echo"]);
}

#[test]
fn publish_all_gives_exposed_ports_random_host_ports() {
    let sb = sandbox_with_busybox();
    run_httpd(&sb, "all", &["-P", "--expose", "80"], "published-by-P");
    let out = sb.ok(&["port", "all", "80"]).stdout();
    let port: u16 = out
        .trim()
        .strip_prefix("0.0.0.0:")
        .unwrap_or_else(|| panic!("port output: {out}"))
        .parse()
        .unwrap();
    wait_for_http(port, "published-by-P");
    sb.ok(&["rm", "-f", "-t", "0", "all"]);
}

#[test]
fn host_containers_internal_reaches_a_server_on_the_host_loopback() {
    let sb = sandbox_with_busybox();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // An HTTP exchange: the client never half-closes before the answer, which Debian 12's
    // pasta does not always carry across.
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 1024];
        let _ = stream.read(&mut request).unwrap();
        stream
            .write_all(b"HTTP/1.0 200 OK\r\nContent-Length: 20\r\n\r\nhello-from-the-host\n")
            .unwrap();
    });
    let out = sb.ok(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        &format!(
            "grep host.containers.internal /etc/hosts && wget -q -O - http://host.containers.internal:{port}/"
        ),
    ]);
    server.join().unwrap();
    assert!(
        out.stdout().contains("hello-from-the-host"),
        "{}",
        out.stdout()
    );
}

#[test]
fn dns_and_hosts_flags_shape_the_generated_files() {
    let sb = sandbox_with_busybox();
    let out = sb.ok(&[
        "run",
        "--rm",
        "--name",
        "files",
        "--hostname",
        "hh",
        "--dns",
        "9.9.9.9",
        "--dns-search",
        "example.com",
        "--dns-option",
        "ndots:2",
        "--add-host",
        "foo:1.2.3.4",
        "--add-host",
        "gw:host-gateway",
        "busybox",
        "sh",
        "-c",
        "cat /etc/resolv.conf; echo ---; cat /etc/hosts",
    ]);
    let text = out.stdout();
    let (resolv, hosts) = text.split_once("---\n").unwrap();
    assert_eq!(
        resolv,
        "search example.com\nnameserver 9.9.9.9\noptions ndots:2\n"
    );
    let lines: Vec<&str> = hosts.lines().collect();
    assert_eq!(lines[0], "1.2.3.4\tfoo");
    assert!(lines[1].ends_with("\tgw"), "{hosts}");
    let gateway = lines[1].split('\t').next().unwrap();
    assert!(
        hosts.contains(&format!("{gateway}\thost.containers.internal\n")),
        "{hosts}"
    );
    assert!(lines.last().unwrap().ends_with("\thh files"), "{hosts}");
    // --no-hosts keeps the image's file; pasta's forwarder answers DNS by default.
    let out = sb.ok(&[
        "run",
        "--rm",
        "--no-hosts",
        "busybox",
        "sh",
        "-c",
        "cat /etc/hosts /etc/resolv.conf 2>/dev/null; true",
    ]);
    assert!(
        !out.stdout().contains("host.containers.internal"),
        "{}",
        out.stdout()
    );
    assert!(
        out.stdout().contains("nameserver 169.254.1.1\n"),
        "{}",
        out.stdout()
    );
}

/// One dnsmasq on 127.0.0.1:53 at a time.
static DNS: Mutex<()> = Mutex::new(());

struct Dnsmasq(Child);

impl Drop for Dnsmasq {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The host's IPv4 default gateway, which pasta maps to the host's loopback.
fn default_gateway() -> String {
    let routes = std::fs::read_to_string("/proc/net/route").unwrap();
    let row = routes
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|r| r[1] == "00000000")
        .expect("a default route");
    let gw = u32::from_str_radix(row[2], 16).unwrap();
    std::net::Ipv4Addr::from(u32::from_be(gw)).to_string()
}

#[test]
fn names_resolve_through_a_resolver_on_the_host_loopback() {
    let _one = DNS.lock().unwrap_or_else(|e| e.into_inner());
    let sb = sandbox_with_busybox();
    let mut dnsmasq = Dnsmasq(
        Command::new("dnsmasq")
            .args([
                "--keep-in-foreground",
                "--no-resolv",
                "--no-hosts",
                "--port=53",
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--address=/burrow-test.internal/10.9.8.7",
                "--pid-file=",
                "--user=root",
                "--log-facility=-",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dnsmasq (apt-get install dnsmasq-base)"),
    );
    wait_for("dnsmasq to listen", TIMEOUT, || {
        assert!(dnsmasq.0.try_wait().unwrap().is_none(), "dnsmasq ended");
        UdpSocket::bind("127.0.0.1:53").is_err()
    });
    // The gateway's address is the host's loopback for pasta.
    let gateway = default_gateway();
    let out = sb.ok(&[
        "run",
        "--rm",
        "--dns",
        &gateway,
        "busybox",
        "sh",
        "-c",
        "cat /etc/resolv.conf; nslookup -type=a burrow-test.internal",
    ]);
    let text = out.stdout();
    assert!(text.contains(&format!("nameserver {gateway}\n")), "{text}");
    assert!(text.contains("Address: 10.9.8.7"), "{text}");
    drop(dnsmasq);
}

#[test]
fn the_helper_ends_with_the_container_however_it_ends() {
    let sb = sandbox_with_busybox();
    // Normal exit: the container's nc ends once the test has connected and closed.
    let port = free_port();
    let mapping = format!("{port}:80");
    sb.ok(&[
        "run", "-d", "--name", "once", "-p", &mapping, "busybox", "nc", "-l", "-p", "80",
    ]);
    let helper = one_helper(&sb, "once");
    wait_for("the container's nc", TIMEOUT, || {
        TcpStream::connect(("127.0.0.1", port))
            .and_then(|mut s| s.write_all(b"bye\n"))
            .is_ok()
    });
    wait_gone(helper, "pasta after a normal exit");
    sb.ok(&["wait", "once"]);

    // kill
    sb.ok(&["run", "-d", "--name", "killed", "busybox", "sleep", "1000"]);
    let helper = one_helper(&sb, "killed");
    sb.ok(&["kill", "killed"]);
    wait_gone(helper, "pasta after kill");

    // rm -f
    sb.ok(&["run", "-d", "--name", "removed", "busybox", "sleep", "1000"]);
    let helper = one_helper(&sb, "removed");
    sb.ok(&["rm", "-f", "-t", "0", "removed"]);
    wait_gone(helper, "pasta after rm -f");

    // kill -9 of the monitor: the helper goes with it rather than outliving the container.
    sb.ok(&["run", "-d", "--name", "orphan", "busybox", "sleep", "1000"]);
    let monitor = monitor_of(&sb, "orphan");
    let helper = one_helper(&sb, "orphan");
    kill(Pid::from_raw(monitor as i32), Signal::SIGKILL).unwrap();
    wait_gone(helper, "pasta after kill -9 of the monitor");
    sb.ok(&["rm", "-f", "-t", "0", "orphan"]);
}

#[test]
fn slirp4netns_publishes_ports_and_ends_with_the_container() {
    let sb = sandbox_with_busybox();
    let port = free_port();
    let mapping = format!("{port}:80");
    run_httpd(
        &sb,
        "slirp",
        &["--network", "slirp4netns", "-p", &mapping],
        "via-slirp",
    );
    wait_for_http(port, "via-slirp");
    let info = sb.inspect("slirp");
    assert_eq!(info["HostConfig"]["NetworkMode"], "slirp4netns");
    assert_eq!(info["NetworkSettings"]["IPAddress"], "10.0.2.100");
    let helper = one_helper(&sb, "slirp");
    let out = sb.ok(&["exec", "slirp", "cat", "/etc/resolv.conf"]);
    assert!(
        out.stdout().contains("nameserver 10.0.2.3\n"),
        "{}",
        out.stdout()
    );
    sb.ok(&["rm", "-f", "-t", "0", "slirp"]);
    wait_gone(helper, "slirp4netns after rm -f");
}

#[test]
fn bad_port_specs_and_taken_ports_leave_no_container() {
    let sb = sandbox_with_busybox();
    sb.run(&["run", "--rm", "-p", "99999:80", "busybox", "true"])
        .assert_error(
            125,
            &["parsing host port: port numbers must be between 1 and 65535 (inclusive), got 99999"],
        );
    sb.run(&["run", "--rm", "-p", "abc", "busybox", "true"]).assert_error(
        125,
        &["parsing container port: invalid port number: strconv.Atoi: parsing \"abc\": invalid syntax"],
    );
    sb.run(&["run", "--rm", "-p", "80:80", "busybox", "true"])
        .assert_error(
            125,
            &[
                "cannot expose privileged port 80",
                "net.ipv4.ip_unprivileged_port_start=80",
                "choose a larger port number (>= 1024)",
            ],
        );
    let taken = TcpListener::bind("0.0.0.0:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    sb.run(&[
        "run",
        "--name",
        "taken",
        "-p",
        &format!("{port}:80"),
        "busybox",
        "true",
    ])
    .assert_error(
        125,
        &[
            &format!("cannot publish host port {port}/tcp"),
            "address already in use",
        ],
    );
    assert_eq!(sb.ok(&["ps", "-a", "-q"]).stdout(), "");
    drop(taken);
    sb.run(&["run", "--rm", "--network", "bogus", "busybox", "true"])
        .assert_error(125, &["invalid --network \"bogus\""]);
}

#[test]
fn ports_with_network_none_or_host_are_discarded_with_podmans_warning() {
    let sb = sandbox_with_busybox();
    for network in ["none", "host"] {
        let out = sb.ok(&[
            "run",
            "--rm",
            "--network",
            network,
            "-p",
            "8080:80",
            "busybox",
            "true",
        ]);
        assert!(out.stderr().contains(
            "Port mappings have been discarded as one of the Host, Container, Pod, and None network modes are in use"
        ), "{}", out.stderr());
    }
    let out = sb.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "ip",
        "-o",
        "link",
    ]);
    assert_eq!(out.stdout().lines().count(), 1, "{}", out.stdout());
}

#[test]
fn the_default_network_is_listed_and_inspected_as_podmans() {
    let sb = Sandbox::new();
    let out = sb.ok(&["network", "ls"]);
    assert_eq!(
        out.stdout(),
        "NETWORK ID    NAME        DRIVER\n2f259bab93aa  podman      bridge\n"
    );
    assert_eq!(sb.ok(&["network", "ls", "-q"]).stdout(), "podman\n");
    let inspect = sb.ok(&["network", "inspect", "podman"]).json();
    assert_eq!(inspect[0]["name"], "podman");
    assert_eq!(inspect[0]["driver"], "bridge");
    sb.ok(&["network", "exists", "podman"]);
    sb.run(&["network", "exists", "other"]).assert_code(1);
    sb.ok(&["network", "prune", "-f"]);
    sb.run(&["network", "create", "mynet"])
        .assert_error(125, &["user-defined networks are not supported yet"]);
    let info = sb.ok(&["info", "--format", "{{.Host.RootlessNetworkCmd}}"]);
    assert_eq!(info.stdout().trim(), "pasta");
}

#[test]
fn mac_address_reaches_the_interface() {
    let sb = sandbox_with_busybox();
    let out = sb.ok(&[
        "run",
        "--rm",
        "--mac-address",
        "92:d0:c6:0a:29:33",
        "busybox",
        "ip",
        "link",
        "show",
        "eth0",
    ]);
    assert!(
        out.stdout().contains("link/ether 92:d0:c6:0a:29:33"),
        "{}",
        out.stdout()
    );
    sb.run(&["run", "--rm", "--mac-address", "zz", "busybox", "true"])
        .assert_error(125, &["zz is not a valid mac address"]);
}

#[test]
fn a_container_in_its_own_user_namespace_is_connected_by_either_helper() {
    let sb = sandbox_with_busybox();
    // keep-id gives the container a user namespace of its own, which owns its network
    // namespace: the helper must enter it to configure the interface.
    for network in ["pasta", "slirp4netns"] {
        let out = sb.ok(&[
            "run",
            "--rm",
            "--userns",
            "keep-id",
            "--network",
            network,
            "busybox",
            "ip",
            "-o",
            "-4",
            "addr",
            "show",
        ]);
        let text = out.stdout();
        let interfaces: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_whitespace().nth(1))
            .filter(|name| *name != "lo")
            .collect();
        assert_eq!(interfaces.len(), 1, "{network}: {text}");
    }
}

#[test]
fn a_container_joins_another_containers_network_and_starts_it_when_stopped() {
    let sb = sandbox_with_busybox();
    let port = free_port();
    let mapping = format!("{port}:80");
    run_httpd(&sb, "donor", &["-p", &mapping], "served-by-the-donor");
    wait_for_http(port, "served-by-the-donor");
    // The joiner reaches the donor's server on its own loopback: one namespace.
    let out = sb.ok(&[
        "run",
        "--rm",
        "--network",
        "container:donor",
        "busybox",
        "wget",
        "-qO-",
        "http://127.0.0.1:80/index.html",
    ]);
    assert_eq!(out.stdout(), "served-by-the-donor\n");
    let donor_id = sb.inspect("donor")["Id"].as_str().unwrap().to_string();
    sb.ok(&[
        "create",
        "--name",
        "joiner",
        "--network",
        "container:donor",
        "busybox",
        "true",
    ]);
    assert_eq!(
        sb.inspect("joiner")["HostConfig"]["NetworkMode"],
        format!("container:{donor_id}")
    );
    // A stopped donor starts with its dependent, as in podman.
    sb.ok(&["stop", "-t", "0", "donor"]);
    sb.ok(&["start", "-a", "joiner"]);
    assert_eq!(sb.inspect("donor")["State"]["Status"], "running");
    sb.run(&["rm", "-f", "donor"])
        .assert_error(125, &["has dependent containers"]);
    sb.run(&["run", "--rm", "--network", "container:nope", "busybox", "true"])
        .assert_error(
            125,
            &["looking up container to share net namespace with: no container with name or ID \"nope\" found"],
        );
    sb.ok(&["rm", "-f", "-t", "0", "joiner", "donor"]);
}

#[test]
fn network_ns_path_joins_a_namespace_file_and_a_missing_one_is_named() {
    let sb = sandbox_with_busybox();
    // A namespace the user owns: the one of a running container, by its /proc path.
    run_httpd(&sb, "owner", &["--network", "none"], "x");
    let pid = sb.inspect("owner")["State"]["Pid"].as_i64().unwrap();
    let path = format!("ns:/proc/{pid}/ns/net");
    let out = sb.ok(&[
        "run",
        "--rm",
        "--network",
        &path,
        "busybox",
        "readlink",
        "/proc/self/ns/net",
    ]);
    let owner_ns = std::fs::read_link(format!("/proc/{pid}/ns/net")).unwrap();
    assert_eq!(out.stdout().trim(), owner_ns.to_str().unwrap());
    sb.run(&[
        "run",
        "--rm",
        "--network",
        "ns:/nonexistent/net",
        "busybox",
        "true",
    ])
    .assert_error(125, &["cannot open network namespace /nonexistent/net"]);
    sb.ok(&["rm", "-f", "-t", "0", "owner"]);
}

#[test]
fn dns_none_keeps_the_images_resolv_conf() {
    let sb = sandbox_with_busybox();
    let out = sb.ok(&[
        "run",
        "--rm",
        "--dns",
        "none",
        "busybox",
        "sh",
        "-c",
        "grep -c resolv.conf /proc/self/mountinfo || true",
    ]);
    // Nothing is mounted over the image's file.
    assert_eq!(out.stdout().trim(), "0", "{}", out.stdout());
}

#[test]
fn a_published_port_is_free_again_when_the_container_has_ended() {
    let sb = sandbox_with_busybox();
    let mapping = format!("{}:80", free_port());
    // A script publishing one port from one container after another.
    for _ in 0..3 {
        sb.ok(&["run", "--rm", "-p", &mapping, "busybox", "true"]);
    }
}

#[test]
fn containers_conf_chooses_the_default_helper() {
    let sb = sandbox_with_busybox();
    let conf = sb.home.join(".config/containers/containers.conf");
    std::fs::write(
        &conf,
        "[network]\ndefault_rootless_network_cmd = \"slirp4netns\"\n",
    )
    .unwrap();
    sb.chown_home();
    sb.ok(&["create", "--name", "c", "busybox", "true"]);
    assert_eq!(sb.inspect("c")["HostConfig"]["NetworkMode"], "slirp4netns");
    let info = sb.ok(&["info", "--format", "{{.Host.RootlessNetworkCmd}}"]);
    assert_eq!(info.stdout().trim(), "slirp4netns");
    // An explicit --network still wins.
    sb.ok(&[
        "create",
        "--name",
        "d",
        "--network",
        "pasta",
        "busybox",
        "true",
    ]);
    assert_eq!(sb.inspect("d")["HostConfig"]["NetworkMode"], "pasta");
    std::fs::write(&conf, "[network]\ndefault_rootless_network_cmd = \"vde\"\n").unwrap();
    sb.run(&["create", "busybox", "true"]).assert_error(
        125,
        &[
            "default_rootless_network_cmd \"vde\"",
            "set it to \"pasta\" or \"slirp4netns\"",
        ],
    );
    sb.ok(&["rm", "c", "d"]);
}
