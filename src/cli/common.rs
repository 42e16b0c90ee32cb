//! What the container commands share: podman's exit code for an error, the containers a
//! command's arguments name, and running an action on each of them as podman reports it.

use anyhow::Result;

use super::{CodedError, Context};
use crate::container::{self, ContainerError};
use crate::store::{LookupError, Status};

/// A container error with podman's exit code for it.
pub fn coded(e: ContainerError) -> anyhow::Error {
    CodedError::new(e.exit_code(), e.to_string()).into()
}

/// podman's refusal of a command whose mounts would mean nothing outside `unshare`
/// (`mount`, `image mount`, `volume mount`), naming the command as typed.
pub(super) fn needs_unshare(ctx: &Context, command: &str) -> anyhow::Error {
    CodedError::new(
        125,
        format!(
            "cannot run command \"{p} {command}\" in rootless mode, must execute `{p} unshare` first",
            p = ctx.program
        ),
    )
    .into()
}

/// The containers named by `keys` (or all with `all`), each with the text to echo back for it,
/// as podman echoes the names and IDs it was given.
pub(super) fn targets(
    ctx: &Context,
    keys: &[String],
    all: bool,
) -> Result<Vec<(String, Result<String, ContainerError>)>> {
    let (store, host) = (ctx.store(), ctx.host());
    if all {
        let containers = container::list(&store, &host).map_err(coded)?;
        return Ok(containers
            .iter()
            .map(|c| (c.record.id.clone(), Ok(c.record.id.clone())))
            .collect());
    }
    // Damaged containers resolve too: each command then says what is damaged.
    container::resolve(&store, &host, keys).map_err(coded)
}

/// How a command treats a container that does not exist: podman's `rm` exits 1 for it and
/// skips it with `-i`; the other commands exit 125.
pub(super) struct Missing {
    pub ignore: bool,
    pub code: u8,
}

pub(super) const MISSING_IS_AN_ERROR: Missing = Missing {
    ignore: false,
    code: 125,
};

/// Runs `action` on each target, echoing it (or the line `action` returns) on success; every
/// failure is printed, and the last one decides the exit code.
pub(super) fn for_each(
    targets: Vec<(String, Result<String, ContainerError>)>,
    missing: Missing,
    mut action: impl FnMut(&str) -> Result<Option<String>, ContainerError>,
) -> Result<u8> {
    let is_missing =
        |e: &ContainerError| matches!(e, ContainerError::Lookup(LookupError::NotFound(_)));
    let mut failure: Option<ContainerError> = None;
    for (shown, found) in targets {
        let outcome = found.and_then(|id| action(&id)).map_err(|e| {
            // Gone since it was looked up: report it under the name the user gave.
            if is_missing(&e) {
                LookupError::NotFound(shown.clone()).into()
            } else {
                e
            }
        });
        match outcome {
            Ok(line) => println!("{}", line.unwrap_or(shown)),
            Err(e) if missing.ignore && is_missing(&e) => {}
            Err(e) => {
                if let Some(previous) = failure.replace(e) {
                    eprintln!("Error: {previous}");
                }
            }
        }
    }
    match failure {
        None => Ok(0),
        Some(e) => {
            let code = if is_missing(&e) {
                missing.code
            } else {
                e.exit_code()
            };
            Err(CodedError::new(code, e.to_string()).into())
        }
    }
}

/// The IDs of the containers running now.
pub(super) fn running_ids(ctx: &Context) -> Result<Vec<String>> {
    Ok(container::list(&ctx.store(), &ctx.host())
        .map_err(coded)?
        .into_iter()
        .filter(|c| c.state.status == Status::Running)
        .map(|c| c.record.id)
        .collect())
}

/// The containers a command acts on given `--latest` (`-l`): podman's most recently created
/// container, by its full ID; without it, `keys` as given. `missing` is the exit code when
/// there is no container at all (podman's `rm` exits 1 for it, the rest 125).
pub(super) fn or_latest(
    ctx: &Context,
    keys: &[String],
    latest: bool,
    missing: u8,
) -> Result<Vec<String>> {
    if !latest {
        return Ok(keys.to_vec());
    }
    if !keys.is_empty() {
        return Err(CodedError::new(125, "--latest and containers cannot be used together").into());
    }
    let all = container::list(&ctx.store(), &ctx.host()).map_err(coded)?;
    match all.iter().max_by_key(|c| c.record.created) {
        Some(c) => Ok(vec![c.record.id.clone()]),
        None => Err(CodedError::new(missing, "no such container").into()),
    }
}
