//! `burrow network`: the one network burrow has (podman's default, `podman`) listed,
//! inspected and checked; user-defined networks come later.

use anyhow::Result;
use serde::Serialize;

use super::{CodedError, Context};
use crate::network::DEFAULT_NETWORK;
use crate::output::{self, JsonStyle, ListFormat};

/// podman's ID of its default network.
const DEFAULT_NETWORK_ID: &str = "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9";

#[derive(Debug, clap::Subcommand)]
pub enum NetworkCommand {
    /// List networks
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Display the configuration of networks
    Inspect(InspectArgs),
    /// Check if a network exists
    Exists(ExistsArgs),
    /// Remove unused networks (the default network is never removed)
    Prune(PruneArgs),
    /// Create a network (user-defined networks are not supported yet)
    Create(CreateArgs),
    /// Remove networks (the default network cannot be removed)
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
}

#[derive(Debug, clap::Args)]
pub struct LsArgs {
    /// Show only network names
    #[arg(short, long)]
    pub quiet: bool,
    /// Format the output with a Go template or as json
    #[arg(long, add = super::completion::formats())]
    pub format: Option<String>,
    /// Do not print the header
    #[arg(long)]
    pub noheading: bool,
    /// Filter the output (name=, driver=)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    #[arg(required = true, value_name = "NETWORK")]
    pub networks: Vec<String>,
    /// Format the output with a Go template or as json
    #[arg(short, long, add = super::completion::formats())]
    pub format: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ExistsArgs {
    #[arg(value_name = "NETWORK")]
    pub network: String,
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Filter the networks to prune
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Accepted for podman compatibility; user-defined networks come later
    #[arg(long, short)]
    pub driver: Option<String>,
    #[arg(long)]
    pub subnet: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    #[arg(required = true, value_name = "NETWORK")]
    pub networks: Vec<String>,
    #[arg(short, long)]
    pub force: bool,
}

/// podman's network inspect object for its default network.
#[derive(Serialize)]
struct Network {
    name: &'static str,
    id: &'static str,
    driver: &'static str,
    network_interface: &'static str,
    created: String,
    subnets: Vec<Subnet>,
    ipv6_enabled: bool,
    internal: bool,
    dns_enabled: bool,
    ipam_options: Ipam,
}

#[derive(Serialize)]
struct Subnet {
    subnet: &'static str,
    gateway: &'static str,
}

#[derive(Serialize)]
struct Ipam {
    driver: &'static str,
}

/// The template row of `network ls`, with podman's field names.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Row {
    #[serde(rename = "ID")]
    id: &'static str,
    name: &'static str,
    driver: &'static str,
}

fn default_network() -> Network {
    Network {
        name: DEFAULT_NETWORK,
        id: DEFAULT_NETWORK_ID,
        driver: "bridge",
        network_interface: "podman0",
        // The default network is not stored; podman shows the time of the call too.
        created: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        subnets: vec![Subnet {
            subnet: "10.88.0.0/16",
            gateway: "10.88.0.1",
        }],
        ipv6_enabled: false,
        internal: false,
        dns_enabled: false,
        ipam_options: Ipam {
            driver: "host-local",
        },
    }
}

fn is_default(name: &str) -> bool {
    name == DEFAULT_NETWORK || (name.len() >= 3 && DEFAULT_NETWORK_ID.starts_with(name))
}

fn not_found(name: &str) -> String {
    format!("unable to find network with name or ID {name}: network not found")
}

/// Whether the default network passes `--filter` (name=, id=, driver=; others match nothing).
fn passes(filters: &[String]) -> bool {
    filters.iter().all(|f| match f.split_once('=') {
        Some(("name", v)) => DEFAULT_NETWORK.contains(v),
        Some(("id", v)) => DEFAULT_NETWORK_ID.starts_with(v),
        Some(("driver", v)) => v == "bridge",
        _ => false,
    })
}

pub fn run(command: NetworkCommand, _ctx: &Context) -> Result<u8> {
    match command {
        NetworkCommand::Ls(args) => {
            let rows: Vec<Row> = passes(&args.filter)
                .then_some(Row {
                    id: &DEFAULT_NETWORK_ID[..12],
                    name: DEFAULT_NETWORK,
                    driver: "bridge",
                })
                .into_iter()
                .collect();
            if args.quiet {
                for r in &rows {
                    println!("{}", r.name);
                }
                return Ok(0);
            }
            let networks: Vec<Network> = rows.iter().map(|_| default_network()).collect();
            print!(
                "{}",
                output::render_list(
                    &rows,
                    || networks,
                    &ListFormat {
                        name: "network ls",
                        format: args.format.as_deref(),
                        default_table: "{{.ID}}\t{{.Name}}\t{{.Driver}}",
                        headers: &[("ID", "NETWORK ID")],
                        noheading: args.noheading,
                        json: JsonStyle::INDENT_4,
                    },
                )?
            );
            Ok(0)
        }
        NetworkCommand::Inspect(args) => {
            let mut found = Vec::new();
            let mut missing = None;
            for name in &args.networks {
                if is_default(name) {
                    found.push(default_network());
                } else {
                    missing = Some(name.clone());
                }
            }
            print!(
                "{}",
                output::render_inspect(&found, args.format.as_deref(), "network inspect")?
            );
            match missing {
                Some(name) => {
                    Err(CodedError::new(125, format!("inspecting object: network {name}: {}", not_found(&name))).into())
                }
                None => Ok(0),
            }
        }
        NetworkCommand::Exists(args) => Ok(if is_default(&args.network) { 0 } else { 1 }),
        // The default network is never pruned, and there is no other.
        NetworkCommand::Prune(_) => Ok(0),
        NetworkCommand::Create(args) => Err(CodedError::new(
            125,
            format!(
                "cannot create network {}: user-defined networks are not supported yet; containers get the default network ({DEFAULT_NETWORK}: pasta or slirp4netns), or use --network none|host",
                args.name.as_deref().unwrap_or("")
            ),
        )
        .into()),
        NetworkCommand::Rm(args) => {
            let name = &args.networks[0];
            if is_default(name) {
                Err(CodedError::new(2, format!("default network {DEFAULT_NETWORK} cannot be removed")).into())
            } else {
                Err(CodedError::new(1, format!("unable to find network with name or ID {name}: network not found")).into())
            }
        }
    }
}
