//! `burrow events`: print the event log, filtered, and follow it as podman does.

use std::io::Write;

use anyhow::Result;
use chrono::Utc;

use super::Context;
use crate::events::{self, EventFilter, EventFormat, EventsError, ReadEvents};
use crate::output::OutputError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Filter output: container=, event=, image=, label=KEY[=VALUE], type=, volume=, pod=
    #[arg(short, long, value_name = "FILTER", add = super::completion::event_filters())]
    pub filter: Vec<String>,
    /// Format the output with a Go template or as json
    #[arg(long, add = super::completion::formats())]
    pub format: Option<String>,
    /// Stream events and do not exit after the last known event
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub stream: bool,
    /// Show all events created since TIMESTAMP
    #[arg(long, value_name = "TIMESTAMP", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Show all events created until TIMESTAMP
    #[arg(long, value_name = "TIMESTAMP", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Do not truncate the output
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub no_trunc: bool,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let filter = EventFilter::parse(
        &args.filter,
        args.since.as_deref(),
        args.until.as_deref(),
        Utc::now(),
    )?;
    let format = EventFormat::from_flag(args.format.as_deref(), args.no_trunc);
    let has_time = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
    let settings = ctx.events_settings()?;
    if !settings.enabled {
        // podman's text
        return Err(
            super::CodedError::new(125, "cannot read events with the \"none\" backend").into(),
        );
    }
    let log = settings.log(&ctx.graph_root());
    let read = ReadEvents {
        log: &log,
        filter: &filter,
        stream: args.stream,
        from_start: has_time(&args.since) || has_time(&args.until) || !args.stream,
    };
    let mut out = std::io::stdout().lock();
    let mut failure = None;
    events::read_events(&read, &mut |e| match format.render(e) {
        Ok(text) => out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .is_ok(),
        Err(err) => {
            failure = Some(err);
            false
        }
    })?;
    match failure {
        // podman has printed what the template produced before it failed
        Some(EventsError::Output(OutputError::Execute {
            message,
            partial_output,
        })) => {
            let _ = out.write_all(partial_output.as_bytes());
            let _ = out.flush();
            Err(anyhow::anyhow!(message))
        }
        Some(err) => Err(err.into()),
        None => Ok(0),
    }
}
