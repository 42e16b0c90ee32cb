//! A new container's network, planned at create: the mode (the default resolved against what
//! is installed), its published ports with host ports given, and its /etc/hosts and
//! /etc/resolv.conf. The monitor starts the helper from the saved plan at each start.

use crate::network::{
    self, AddHost, HostsInput, NetworkConfig, NetworkError, NetworkMode, PortMapping, ResolvInput,
    SlirpOptions,
};
use crate::spec::RunOptions;

/// podman's warning for ports given to a network that has none to publish on.
const PORTS_DISCARDED: &str = "Port mappings have been discarded as one of the Host, Container, Pod, and None network modes are in use";

/// A container's saved network: its mode, published ports and planned address.
pub fn network_of(
    store: &crate::store::Store,
    id: &str,
) -> Result<NetworkConfig, super::ContainerError> {
    let path = NetworkConfig::path_in(&store.container_dir(id).join("userdata"));
    // The store's one record reader: a damaged file is an error naming it, never "none".
    Ok(crate::store::record::read(&path)?.unwrap_or_else(NetworkConfig::none))
}

pub(super) struct PlannedNetwork {
    pub config: NetworkConfig,
    pub hosts: Option<String>,
    pub resolv_conf: String,
}

/// Plans the network of a container; `image_config` is the image's `config` object (its
/// ExposedPorts serve `-P`). Warnings are logged here, as they arise.
pub(super) fn plan(
    options: &RunOptions,
    image_config: Option<&serde_json::Value>,
    hostname: &str,
    name: &str,
) -> Result<PlannedNetwork, NetworkError> {
    let configured = match options.network {
        NetworkMode::Default => crate::config::containers_conf::for_process()
            .map_err(|e| NetworkError::Config(e.to_string()))?
            .rootless_network_cmd
            .clone(),
        _ => None,
    };
    let (mode, warning) = network::resolve_default(&options.network, configured.as_deref(), |n| {
        network::find_helper(n).is_some()
    });
    if let Some(warning) = warning {
        tracing::warn!("{warning}");
    }
    let slirp = match &mode {
        NetworkMode::Slirp4netns(o) => Some(SlirpOptions::parse(o)?),
        _ => None,
    };
    let mut ports: Vec<PortMapping> = options
        .publish
        .iter()
        .map(|p| network::parse_publish(p))
        .collect::<Result<_, _>>()?;
    if options.publish_all {
        let mut exposed = network::exposed_ports(image_config)?;
        for e in &options.expose {
            exposed.push(network::parse_expose(e)?);
        }
        network::add_publish_all(&mut ports, exposed);
    }
    let publishes = matches!(mode, NetworkMode::Pasta(_) | NetworkMode::Slirp4netns(_));
    if !publishes && !ports.is_empty() {
        eprintln!("{PORTS_DISCARDED}");
        ports.clear();
    }
    network::check_privileged(&ports, network::unprivileged_port_start())?;
    // Checked now too, so a taken port leaves no container behind; the start checks again.
    network::check_ports_free(&ports)?;
    network::assign_host_ports(&mut ports)?;
    let mac_address = options
        .mac_address
        .as_deref()
        .map(network::parse_mac)
        .transpose()?;
    let route = network::detect_route();
    let host_address = route
        .as_ref()
        .and_then(|r| r.address)
        .map(|a| a.to_string());
    let addressing = match (&mode, &slirp) {
        (_, Some(slirp)) => Some(network::slirp_addressing(slirp, host_address.as_deref())),
        // pasta copies the host's address and routes; the gateway's address reaches the host.
        (NetworkMode::Pasta(_), _) => route.as_ref().and_then(|r| {
            Some(network::Addressing {
                ip: r.address?.to_string(),
                prefix_len: r.prefix_len,
                gateway: r.gateway.to_string(),
                host_ip: r.gateway.to_string(),
            })
        }),
        _ => None,
    };
    let add_hosts: Vec<AddHost> = options
        .add_hosts
        .iter()
        .map(|h| network::parse_add_host(h))
        .collect::<Result<_, _>>()?;
    let host_ip = addressing
        .as_ref()
        .map(|a| a.host_ip.clone())
        .or(host_address.clone());
    let container_ip = match (&mode, &addressing) {
        (_, Some(a)) => a.ip.clone(),
        (NetworkMode::Host, _) => host_address.clone().unwrap_or_else(|| "127.0.1.1".into()),
        _ => "127.0.0.1".into(),
    };
    let hosts = (!options.no_hosts).then(|| {
        network::hosts(&HostsInput {
            base: &std::fs::read_to_string("/etc/hosts").unwrap_or_default(),
            add_hosts: &add_hosts,
            host_ip: host_ip.as_deref().filter(|ip| !ip.is_empty()),
            container_ip: &container_ip,
            hostname,
            name,
        })
    });
    let (resolvers, keep_host) = match (&mode, &slirp) {
        (_, Some(slirp)) => (vec![network::slirp_dns(slirp)], true),
        (NetworkMode::Pasta(user), _) => (vec![pasta_forwarder(user)], false),
        _ => (Vec::new(), true),
    };
    let resolv_conf = network::resolv_conf(&ResolvInput {
        host: &std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default(),
        dns: &options.dns,
        search: &options.dns_search,
        options: &options.dns_options,
        network: &resolvers,
        keep_host_nameservers: keep_host,
    });
    Ok(PlannedNetwork {
        config: NetworkConfig {
            mode,
            ports,
            mac_address,
            addressing,
        },
        hosts,
        resolv_conf,
    })
}

/// The DNS forwarder's address: the user's `--dns-forward` among the pasta options, else
/// burrow's.
fn pasta_forwarder(user: &[String]) -> String {
    for (i, option) in user.iter().enumerate() {
        if option == "--dns-forward"
            && let Some(value) = user.get(i + 1)
        {
            return value.clone();
        }
        if let Some(value) = option.strip_prefix("--dns-forward=") {
            return value.to_string();
        }
    }
    network::PASTA_DNS_FORWARDER.to_string()
}
