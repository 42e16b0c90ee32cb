//! `burrow stats`: podman's table, templates and JSON of containers' resource use, once
//! (`--no-stream`) or every `--interval` seconds.

use std::collections::HashMap;
use std::io::Write;
use std::time::Duration;

use anyhow::Result;
use serde::Serialize;

use super::common::coded;
use super::{CodedError, Context};
use crate::container::{self, stats::Sample};
use crate::output::{
    JsonStyle, ListFormat, go_duration_string, go_units_bytes_size, go_units_human_size,
    render_list,
};
use crate::store::{Container, Status};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show all containers (only running ones by default)
    #[arg(short, long)]
    pub all: bool,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// Print the numbers once instead of every interval
    #[arg(long)]
    pub no_stream: bool,
    /// Do not clear the terminal between intervals
    #[arg(long)]
    pub no_reset: bool,
    /// Show full container IDs
    #[arg(long)]
    pub no_trunc: bool,
    /// Seconds between two reports
    #[arg(short, long, default_value_t = 5, allow_negative_numbers = true)]
    pub interval: i64,
    /// Format the output with a Go template or as json
    #[arg(long, add = super::completion::formats())]
    pub format: Option<String>,
    /// The containers (names or IDs); default: every running one
    #[arg(value_name = "CONTAINER", add = super::completion::all_containers())]
    pub containers: Vec<String>,
}

/// A template row: podman's `containerStats` methods (strings) and the numbers behind them.
#[derive(Serialize)]
struct Row {
    #[serde(rename = "ID")]
    id: String,
    #[serde(rename = "ContainerID")]
    container_id: String,
    #[serde(rename = "Name")]
    name: String,
    #[serde(rename = "CPUPerc")]
    cpu_perc: String,
    #[serde(rename = "AVGCPU")]
    avg_cpu: String,
    #[serde(rename = "MemUsage")]
    mem_usage: String,
    #[serde(rename = "MemUsageBytes")]
    mem_usage_bytes: String,
    #[serde(rename = "MemPerc")]
    mem_perc: String,
    #[serde(rename = "NetIO")]
    net_io: String,
    #[serde(rename = "BlockIO")]
    block_io: String,
    #[serde(rename = "PIDs")]
    pids: String,
    /// CPU time used, as a Go duration.
    #[serde(rename = "UpTime")]
    up_time: String,
    #[serde(rename = "CPU")]
    cpu: f64,
    #[serde(rename = "AvgCPU")]
    avg_cpu_number: f64,
    #[serde(rename = "CPUNano")]
    cpu_nano: u64,
    #[serde(rename = "Duration")]
    duration: u64,
    #[serde(rename = "SystemNano")]
    system_nano: u64,
    #[serde(rename = "MemLimit")]
    mem_limit: u64,
    #[serde(rename = "NetInput")]
    net_input: u64,
    #[serde(rename = "NetOutput")]
    net_output: u64,
    #[serde(rename = "BlockInput")]
    block_input: u64,
    #[serde(rename = "BlockOutput")]
    block_output: u64,
}

/// What `--format json` prints per container (podman's `jsonOut`).
#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    name: &'a str,
    cpu_time: &'a str,
    cpu_percent: &'a str,
    avg_cpu: &'a str,
    mem_usage: &'a str,
    mem_percent: &'a str,
    net_io: &'a str,
    block_io: &'a str,
    pids: &'a str,
}

fn percent(value: f64) -> String {
    format!("{value:.2}%")
}

fn pair(a: u64, b: u64, unit: fn(f64) -> String) -> String {
    format!("{} / {}", unit(a as f64), unit(b as f64))
}

fn si(bytes: f64) -> String {
    go_units_human_size(bytes, 4)
}

fn row(sample: &Sample, previous: Option<&Sample>, no_trunc: bool) -> Row {
    let cpu = sample.cpu_percent(previous);
    let avg = sample.average_cpu_percent();
    Row {
        id: if no_trunc {
            sample.id.clone()
        } else {
            sample.id.chars().take(12).collect()
        },
        container_id: sample.id.clone(),
        name: sample.name.clone(),
        cpu_perc: percent(cpu),
        avg_cpu: percent(avg),
        mem_usage: pair(sample.memory_usage, sample.memory_limit, si),
        mem_usage_bytes: pair(
            sample.memory_usage,
            sample.memory_limit,
            go_units_bytes_size,
        ),
        mem_perc: percent(sample.memory_percent()),
        // What came in first, then what went out (docker's order).
        net_io: pair(sample.net_received, sample.net_sent, si),
        block_io: pair(sample.block_read, sample.block_written, si),
        pids: sample.pids.to_string(),
        up_time: go_duration_string(sample.cpu_nanos as i64),
        cpu,
        avg_cpu_number: avg,
        cpu_nano: sample.cpu_nanos,
        duration: sample.cpu_nanos,
        system_nano: sample.taken_nanos,
        mem_limit: sample.memory_limit,
        net_input: sample.net_received,
        net_output: sample.net_sent,
        block_input: sample.block_read,
        block_output: sample.block_written,
    }
}

const DEFAULT_TABLE: &str = "{{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}\t{{.UpTime}}\t{{.AVGCPU}}";

const HEADERS: &[(&str, &str)] = &[
    ("CPUPerc", "CPU %"),
    ("MemUsage", "MEM USAGE / LIMIT"),
    ("MemUsageBytes", "MEM USAGE / LIMIT"),
    ("MemPerc", "MEM %"),
    ("NetIO", "NET IO"),
    ("BlockIO", "BLOCK IO"),
    ("PIDs", "PIDS"),
    ("UpTime", "CPU TIME"),
    ("AVGCPU", "AVG CPU %"),
];

/// The containers to report on now: those named (every one must exist), else the running
/// ones, or all with `--all`.
fn targets(ctx: &Context, args: &Args, keys: &[String]) -> Result<Vec<Container>> {
    let all = container::list(&ctx.store(), &ctx.host()).map_err(coded)?;
    if keys.is_empty() {
        return Ok(all
            .into_iter()
            .filter(|c| args.all || c.state.status == Status::Running)
            .collect());
    }
    keys.iter()
        .map(|key| {
            crate::store::lookup(&all, key).cloned().map_err(|e| {
                CodedError::new(
                    125,
                    format!(
                        "unable to get list of containers: unable to look up container {key}: {e}"
                    ),
                )
                .into()
            })
        })
        .collect()
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    if args.interval < 1 {
        return Err(CodedError::new(
            125,
            "invalid interval, must be a positive number greater zero",
        )
        .into());
    }
    if args.all && (args.latest || !args.containers.is_empty()) {
        return Err(CodedError::new(
            125,
            "--all, --latest and containers cannot be used together",
        )
        .into());
    }
    if let Some(format) = &args.format {
        crate::output::check_list_format("stats", format)?;
    }
    let keys = super::common::or_latest(ctx, &args.containers, args.latest, 125)?;
    let mut previous: HashMap<String, Sample> = HashMap::new();
    loop {
        let containers = targets(ctx, &args, &keys)?;
        let samples: Vec<Sample> = containers.iter().map(container::stats::sample).collect();
        let rows: Vec<Row> = samples
            .iter()
            .map(|s| row(s, previous.get(&s.id), args.no_trunc))
            .collect();
        let text = render_list(
            &rows,
            || {
                rows.iter()
                    .map(|r| JsonRow {
                        id: &r.id,
                        name: &r.name,
                        cpu_time: &r.up_time,
                        cpu_percent: &r.cpu_perc,
                        avg_cpu: &r.avg_cpu,
                        mem_usage: &r.mem_usage,
                        mem_percent: &r.mem_perc,
                        net_io: &r.net_io,
                        block_io: &r.block_io,
                        pids: &r.pids,
                    })
                    .collect::<Vec<_>>()
            },
            &ListFormat {
                name: "stats",
                format: args.format.as_deref(),
                default_table: DEFAULT_TABLE,
                headers: HEADERS,
                noheading: false,
                json: JsonStyle::INDENT_1,
            },
        )?;
        let clear = !args.no_stream && !args.no_reset;
        match show(&text, clear) {
            // The reader went away (`| head`): the end of the stream, not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(0),
            result => result?,
        }
        if args.no_stream {
            return Ok(0);
        }
        previous = samples.into_iter().map(|s| (s.id.clone(), s)).collect();
        std::thread::sleep(Duration::from_secs(args.interval as u64));
    }
}

fn show(text: &str, clear: bool) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if clear {
        // Clear the screen and go home, as podman's goterm does.
        out.write_all(b"\x1b[2J\x1b[1;1H")?;
    }
    out.write_all(text.as_bytes())?;
    out.flush()
}
