//! `burrow logs`: print (and follow) containers' k8s-file logs as podman does.

use anyhow::Result;
use chrono::Utc;

use super::Context;
use super::common::{coded, or_latest};
use crate::container;
use crate::logs::{self, LogSource, ReadOptions, Sinks};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Follow log output
    #[arg(short, long)]
    pub follow: bool,
    /// Show logs since TIMESTAMP (RFC 3339, unix seconds, or a duration such as 10m ago)
    #[arg(long, value_name = "TIMESTAMP", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Show logs until TIMESTAMP (RFC 3339, unix seconds, or a duration from now)
    #[arg(long, value_name = "TIMESTAMP", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Output only the last LINES lines (-1: all)
    #[arg(long, value_name = "LINES", default_value_t = -1, allow_negative_numbers = true)]
    pub tail: i64,
    /// Output the timestamps in the log
    #[arg(short, long)]
    pub timestamps: bool,
    /// Prefix lines with the container name instead of its ID (with several containers)
    #[arg(short, long)]
    pub names: bool,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// Containers to read (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present = "latest", add = super::completion::all_containers())]
    pub containers: Vec<String>,
}

/// podman's define.ErrNoLogs wording for a container that keeps no log.
fn not_logging(driver: &str) -> String {
    format!(
        "this container is using the '{driver}' log driver, cannot read logs: this container is not logging output"
    )
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let now = Utc::now();
    let parse = |flag: &str, value: &Option<String>, since: bool| -> Result<_> {
        value
            .as_deref()
            .filter(|v| !v.is_empty())
            .map(|v| {
                logs::parse_input_time(v, since, now)
                    .map_err(|e| anyhow::anyhow!("parsing --{flag} {v:?}: {e}"))
            })
            .transpose()
    };
    let options = ReadOptions {
        since: parse("since", &args.since, true)?,
        until: parse("until", &args.until, false)?,
        tail: u64::try_from(args.tail).ok(),
        timestamps: args.timestamps,
        follow: args.follow,
    };
    let store = ctx.store();
    let host = ctx.host();
    let mut found = Vec::new();
    for key in &or_latest(ctx, &args.containers, args.latest, 125)? {
        let c = container::find(&store, &host, key.trim_start_matches('/')).map_err(coded)?;
        if c.record.log_driver != crate::spec::LogDriver::K8sFile {
            anyhow::bail!(not_logging(c.record.log_driver.name()));
        }
        found.push(c);
    }
    let multi = found.len() > 1;
    let liveness: Vec<Box<dyn Fn() -> bool>> = found
        .iter()
        .map(|c| {
            let id = c.record.id.clone();
            let store = &store;
            Box::new(move || container::is_running(store, &id)) as Box<dyn Fn() -> bool>
        })
        .collect();
    let sources: Vec<LogSource> = found
        .iter()
        .zip(&liveness)
        .map(|(c, alive)| LogSource {
            path: store.container_dir(&c.record.id).join("userdata/ctr.log"),
            prefix: multi.then(|| {
                if args.names {
                    c.record.name.clone()
                } else {
                    c.record.id[..12.min(c.record.id.len())].to_string()
                }
            }),
            is_running: alive.as_ref(),
        })
        .collect();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    logs::read_logs(
        &sources,
        &options,
        &mut Sinks {
            out: &mut out,
            err: &mut err,
        },
    )?;
    Ok(0)
}
