//! `burrow diff` (and `container diff`, `image diff`): the paths a container or image
//! added, changed and deleted, as podman prints them.

use anyhow::Result;

use super::common::{coded, or_latest};
use super::{CodedError, Context};
use crate::container::view::{self, ViewError};
use crate::layer::changes::ChangeKind;
use crate::output::{JsonStyle, to_json_pretty};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Change the output format (json)
    #[arg(long, value_name = "FORMAT", add = super::completion::formats())]
    pub format: Option<String>,
    /// Act on the latest container burrow is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// CONTAINER|IMAGE [CONTAINER|IMAGE]
    #[arg(value_name = "CONTAINER|IMAGE", add = super::completion::containers_and_images())]
    pub targets: Vec<String>,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let json = match args.format.as_deref() {
        None | Some("") => false,
        Some("json") => true,
        Some(other) => {
            return Err(CodedError::new(
                125,
                format!("only a format of \"json\" is supported, not {other:?}"),
            )
            .into());
        }
    };
    let keys = if args.latest {
        or_latest(ctx, &args.targets, true, 125)?
    } else {
        match args.targets.len() {
            1 | 2 => args.targets.clone(),
            0 => {
                return Err(CodedError::new(
                    125,
                    "diff requires at least one argument: a container or image name or ID",
                )
                .into());
            }
            _ => {
                return Err(CodedError::new(125, "diff accepts at most 2 arguments").into());
            }
        }
    };
    let (store, host) = (ctx.store(), ctx.host());
    let targets = keys
        .iter()
        .map(|key| view::target(&store, &host, &ctx.env, key))
        .collect::<Result<Vec<_>, ViewError>>()
        .map_err(view_error)?;
    ctx.enter_userns()?;
    let changes = view::changes(&store, &targets[0], targets.get(1)).map_err(view_error)?;
    if json {
        let paths = |kind: ChangeKind| -> Vec<&str> {
            changes
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| c.path.as_str())
                .collect()
        };
        let report = JsonReport {
            changed: paths(ChangeKind::Changed),
            added: paths(ChangeKind::Added),
            deleted: paths(ChangeKind::Deleted),
        };
        // podman: a json.Encoder with SetIndent("", "     "), HTML escaped.
        let style = JsonStyle {
            indent: 5,
            escape_html: true,
        };
        print!(
            "{}",
            to_json_pretty(&report, style).map_err(|e| CodedError::new(125, e.to_string()))?
        );
    } else {
        let mut out = String::new();
        for change in &changes {
            out.push(change.kind.letter());
            out.push(' ');
            out.push_str(&change.path);
            out.push('\n');
        }
        print!("{out}");
    }
    Ok(0)
}

/// podman's ChangesReportJSON.
#[derive(serde::Serialize)]
struct JsonReport<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    changed: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    added: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    deleted: Vec<&'a str>,
}

fn view_error(e: ViewError) -> anyhow::Error {
    match e {
        ViewError::Container(e) => coded(e),
        other => CodedError::new(125, other.to_string()).into(),
    }
}
