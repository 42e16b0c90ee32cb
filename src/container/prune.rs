//! `container prune`, `container cleanup`, and the filters the prunes share (podman's
//! `label=`, `label!=` and `until=`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{ContainerError, Host};
use crate::store::{LookupError, Status, Store, tree_usage};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PruneFilterError {
    #[error("filter input must be in the form of filter=value: {0} is invalid")]
    Shape(String),
    #[error("{0} is an invalid filter")]
    Key(String),
    #[error("failed to parse value as time or duration: {0:?}")]
    Until(String),
}

/// What a prune keeps out of reach: only what was made before `until` and carries the
/// labels (and none of the `label!=` ones) goes.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PruneFilter {
    pub until: Option<DateTime<Utc>>,
    pub labels: Vec<(String, Option<String>)>,
    pub not_labels: Vec<(String, Option<String>)>,
}

fn label(value: &str) -> (String, Option<String>) {
    match value.split_once('=') {
        Some((k, v)) => (k.to_string(), Some(v.to_string())),
        None => (value.to_string(), None),
    }
}

/// podman's `until` value (containers/common's `timetype.GetTimestamp`): a Go duration back
/// from `now` (`10m`), seconds since the epoch, or an RFC 3339 date with or without the time
/// and zone: the syntax `logs --since` takes.
pub fn parse_until(value: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, PruneFilterError> {
    crate::logs::parse_input_time(value, true, now)
        .map_err(|_| PruneFilterError::Until(value.to_string()))
}

impl PruneFilter {
    /// Parses `--filter` values of `container prune` and `system prune`.
    pub fn parse(args: &[String], now: DateTime<Utc>) -> Result<PruneFilter, PruneFilterError> {
        let mut f = PruneFilter::default();
        for arg in args {
            let (key, value) = arg
                .split_once('=')
                .ok_or_else(|| PruneFilterError::Shape(arg.clone()))?;
            match key {
                "label" => f.labels.push(label(value)),
                "label!" => f.not_labels.push(label(value)),
                "until" => f.until = Some(parse_until(value, now)?),
                _ => return Err(PruneFilterError::Key(key.to_string())),
            }
        }
        Ok(f)
    }

    /// Whether something made at `created` with `labels` may go.
    pub fn matches(&self, created: DateTime<Utc>, labels: &BTreeMap<String, String>) -> bool {
        let has = |(k, v): &(String, Option<String>)| match (labels.get(k), v) {
            (Some(have), Some(want)) => have == want,
            (Some(_), None) => true,
            (None, _) => false,
        };
        self.until.is_none_or(|until| created < until)
            && self.labels.iter().all(has)
            && !self.not_labels.iter().any(has)
    }
}

/// One container a prune removed, and the bytes its writable layer held.
#[derive(Debug, Clone, PartialEq)]
pub struct Pruned {
    pub id: String,
    pub size: u64,
}

/// `container prune`: removes every container that does not run (created or exited) and
/// passes `filter`; returns what went and what could not (a container another depends on).
/// Call inside the user namespace: the writable layers are measured before they go.
pub fn prune_containers(
    store: &Store,
    host: &Host,
    filter: &PruneFilter,
) -> Result<(Vec<Pruned>, Vec<ContainerError>), ContainerError> {
    if !store.root().exists() {
        return Ok((Vec::new(), Vec::new()));
    }
    let all = super::list(store, host)?;
    let doomed: Vec<String> = all
        .iter()
        .filter(|c| c.state.status != Status::Running)
        .filter(|c| filter.matches(c.record.created, &c.record.labels))
        .map(|c| c.record.id.clone())
        .collect();
    let mut pruned = Vec::new();
    let mut errors = Vec::new();
    // Dependents first, so that a container another one needs can go with it.
    for id in super::removal_order(store, &doomed)? {
        if !doomed.contains(&id) {
            continue;
        }
        let size = tree_usage(&store.container_dir(&id).join("upper")).unwrap_or(0);
        match super::remove(store, &id, false, None, host) {
            Ok(()) => pruned.push(Pruned { id, size }),
            // Removed meanwhile, or started meanwhile: not this prune's.
            Err(ContainerError::Lookup(LookupError::NotFound(_)) | ContainerError::Running(_)) => {}
            Err(e) => errors.push(e),
        }
    }
    Ok((pruned, errors))
}

/// `container cleanup`: what a container that ended leaves behind for its next start goes
/// (its run directory: the monitor's attach socket; its overlay went with its mount
/// namespace); with `remove` the container goes, and with `remove_image` its image unless
/// another container uses it. A running container is refused, as podman does.
pub fn cleanup(
    store: &Store,
    host: &Host,
    id: &str,
    remove: bool,
    remove_image: bool,
) -> Result<(), ContainerError> {
    let container = super::find(store, host, id)?;
    let id = &container.record.id;
    if container.state.status == Status::Running {
        return Err(ContainerError::CleanupRunning(id.clone()));
    }
    if remove {
        super::remove_with_volumes(store, id, false, None, host, false)?;
    } else {
        host.remove_container_run_dir(id);
    }
    if remove_image {
        super::monitored::remove_image(store, host, &container.record);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-07T12:00:00Z")
            .unwrap()
            .to_utc()
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn until_takes_durations_epoch_seconds_and_dates() {
        assert_eq!(parse_until("10m", now()), Ok(at("2026-12-07T11:50:00Z")));
        assert_eq!(parse_until("1h30m", now()), Ok(at("2026-12-07T10:30:00Z")));
        assert_eq!(
            parse_until("1700000000", now()),
            Ok(at("2023-11-14T22:13:20Z"))
        );
        assert_eq!(
            parse_until("2026-01-02T03:04:05+01:00", now()),
            Ok(at("2026-01-02T02:04:05Z"))
        );
        assert_eq!(
            parse_until("2026-01-02", now()),
            Ok(at("2026-01-02T00:00:00Z"))
        );
        assert_eq!(
            parse_until("soon", now()).unwrap_err().to_string(),
            "failed to parse value as time or duration: \"soon\""
        );
    }

    #[test]
    fn filters_need_every_label_none_of_the_excluded_and_an_older_date() {
        let filter = PruneFilter::parse(
            &[
                "label=keep=no".into(),
                "label!=pinned".into(),
                "until=1h".into(),
            ],
            now(),
        )
        .unwrap();
        let labels = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>()
        };
        let old = at("2026-12-07T10:00:00Z");
        assert!(filter.matches(old, &labels(&[("keep", "no")])));
        assert!(!filter.matches(old, &labels(&[("keep", "yes")])));
        assert!(!filter.matches(old, &labels(&[("keep", "no"), ("pinned", "")])));
        assert!(!filter.matches(at("2026-12-07T11:30:00Z"), &labels(&[("keep", "no")])));
    }

    #[test]
    fn bad_filters_use_podmans_words() {
        let parse = |s: &str| {
            PruneFilter::parse(&[s.to_string()], now())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(parse("color=red"), "color is an invalid filter");
        assert_eq!(
            parse("label"),
            "filter input must be in the form of filter=value: label is invalid"
        );
    }
}
