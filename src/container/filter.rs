//! `ps --filter`: podman's container filters. Different keys must all match; several values of
//! one key match if any does (labels: all of them must).

use crate::store::{Container, Status};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FilterError {
    #[error("invalid filter {0:?}: use KEY=VALUE, e.g. status=running")]
    Shape(String),
    #[error(
        "invalid filter key {0:?}: use id, name, status, label, exited, ancestor, before, since or restart-policy"
    )]
    Key(String),
    #[error("invalid status filter {0:?}: use created, running, paused, exited or stopped")]
    Status(String),
    #[error("invalid name filter {value:?}: {reason}")]
    Regex { value: String, reason: String },
    #[error("invalid exited filter {0:?}: give an exit code, e.g. exited=0")]
    Exited(String),
    #[error("no container with name or ID {0:?} found for the before/since filter")]
    Reference(String),
    /// podman's text.
    #[error("{0} invalid restart policy")]
    RestartPolicy(String),
}

#[derive(Debug, Default)]
pub struct ContainerFilter {
    ids: Vec<String>,
    names: Vec<regex::Regex>,
    statuses: Vec<String>,
    labels: Vec<(String, Option<String>)>,
    exited: Vec<i32>,
    ancestors: Vec<String>,
    before: Option<chrono::DateTime<chrono::Utc>>,
    since: Option<chrono::DateTime<chrono::Utc>>,
    restart_policies: Vec<String>,
}

/// The regex crate's syntax errors span lines (the pattern, a caret under the fault, then the
/// reason); an error of burrow's is one line, so only the reason is kept.
fn regex_error_line(e: &regex::Error) -> String {
    let text = e.to_string();
    match text.lines().rev().find_map(|l| l.strip_prefix("error: ")) {
        Some(reason) => format!("regex parse error: {reason}"),
        None => text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

impl ContainerFilter {
    /// Parses `--filter` values; `all` is the container list, for before/since references.
    pub fn parse(args: &[String], all: &[Container]) -> Result<ContainerFilter, FilterError> {
        let mut f = ContainerFilter::default();
        for arg in args {
            let (key, value) = arg
                .split_once('=')
                .ok_or_else(|| FilterError::Shape(arg.clone()))?;
            match key {
                "id" => f.ids.push(value.to_string()),
                "name" => {
                    f.names
                        .push(regex::Regex::new(value).map_err(|e| FilterError::Regex {
                            value: value.to_string(),
                            reason: regex_error_line(&e),
                        })?)
                }
                "status" => {
                    if !["created", "running", "paused", "exited", "stopped"].contains(&value) {
                        return Err(FilterError::Status(value.to_string()));
                    }
                    f.statuses.push(value.to_string());
                }
                "label" => f.labels.push(match value.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (value.to_string(), None),
                }),
                "exited" => f.exited.push(
                    value
                        .parse()
                        .map_err(|_| FilterError::Exited(value.to_string()))?,
                ),
                "ancestor" => f.ancestors.push(value.to_string()),
                "before" | "since" => {
                    let reference = crate::store::lookup(all, value)
                        .map_err(|_| FilterError::Reference(value.to_string()))?;
                    let created = Some(reference.record.created);
                    if key == "before" {
                        f.before = created;
                    } else {
                        f.since = created;
                    }
                }
                "restart-policy" => {
                    if !["always", "on-failure", "unless-stopped", "no", ""].contains(&value) {
                        return Err(FilterError::RestartPolicy(value.to_string()));
                    }
                    // burrow records no policy as podman's "no".
                    let name = if value.is_empty() { "no" } else { value };
                    f.restart_policies.push(name.to_string());
                }
                other => return Err(FilterError::Key(other.to_string())),
            }
        }
        Ok(f)
    }

    /// Whether the filters ask about states other than running, which then shows them without -a.
    pub fn selects_status(&self) -> bool {
        !self.statuses.is_empty() || !self.exited.is_empty()
    }

    pub fn matches(&self, c: &Container) -> bool {
        let status = c.state.status;
        // A paused container is paused here, not running.
        let shown = if c.state.is_paused() {
            "paused"
        } else {
            status.as_str()
        };
        let any = |list_empty: bool, hit: bool| list_empty || hit;
        any(
            self.ids.is_empty(),
            self.ids.iter().any(|p| c.record.id.starts_with(p.as_str())),
        ) && any(
            self.names.is_empty(),
            self.names.iter().any(|r| r.is_match(&c.record.name)),
        ) && any(
            self.statuses.is_empty(),
            self.statuses
                .iter()
                .any(|s| s == shown || (s == "stopped" && status == Status::Exited)),
        ) && self
            .labels
            .iter()
            .all(|(k, v)| match (c.record.labels.get(k), v) {
                (Some(_), None) => true,
                (Some(have), Some(want)) => have == want,
                (None, _) => false,
            })
            && any(
                self.exited.is_empty(),
                status == Status::Exited && self.exited.contains(&c.state.exit_code.unwrap_or(0)),
            )
            && any(
                self.ancestors.is_empty(),
                self.ancestors.iter().any(|a| ancestor_matches(c, a)),
            )
            && self.before.is_none_or(|t| c.record.created < t)
            && self.since.is_none_or(|t| c.record.created > t)
            && any(
                self.restart_policies.is_empty(),
                self.restart_policies
                    .iter()
                    .any(|p| p == c.record.restart.name()),
            )
    }
}

/// An image reference as podman's ancestor filter takes it: an ID prefix, the full name, or the
/// name without registry or tag.
fn ancestor_matches(c: &Container, wanted: &str) -> bool {
    let name = c.record.image_name.as_str();
    if c.record.image_id.starts_with(wanted) {
        return true;
    }
    let without_tag = |n: &str| -> String {
        match n.rsplit_once(':') {
            Some((repo, tag)) if !tag.contains('/') => repo.to_string(),
            _ => n.to_string(),
        }
    };
    let short = |n: &str| -> String {
        let repo = without_tag(n);
        match repo.split_once('/') {
            Some((host, rest)) if host.contains(['.', ':']) || host == "localhost" => {
                rest.to_string()
            }
            _ => repo,
        }
    };
    name == wanted || without_tag(name) == wanted || short(name) == without_tag(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ContainerRecord, ContainerState};
    use chrono::{Duration, Utc};

    fn container(id: &str, name: &str, status: Status, code: i32, age: i64) -> Container {
        Container {
            record: ContainerRecord {
                id: id.into(),
                name: name.into(),
                image_id: "06217c165a50".into(),
                image_name: "127.0.0.1:5000/busybox:latest".into(),
                created: Utc::now() - Duration::seconds(age),
                labels: [("team".to_string(), "infra".to_string())].into(),
                ..ContainerRecord::default()
            },
            state: ContainerState {
                status,
                exit_code: Some(code),
                ..ContainerState::default()
            },
        }
    }

    fn names(filters: &[&str], all: &[Container]) -> Vec<String> {
        let args: Vec<String> = filters.iter().map(|s| s.to_string()).collect();
        let f = ContainerFilter::parse(&args, all).unwrap();
        all.iter()
            .filter(|c| f.matches(c))
            .map(|c| c.record.name.clone())
            .collect()
    }

    #[test]
    fn filters_combine_like_podman() {
        let all = vec![
            container("aaa1", "web", Status::Running, 0, 30),
            container("bbb2", "db", Status::Exited, 3, 20),
            container("ccc3", "web2", Status::Created, 0, 10),
        ];
        assert_eq!(names(&["name=^web"], &all), ["web", "web2"]);
        assert_eq!(names(&["name=^web$"], &all), ["web"]);
        assert_eq!(names(&["status=exited"], &all), ["db"]);
        assert_eq!(names(&["status=stopped"], &all), ["db"]);
        // One key's values are alternatives; different keys must all hold.
        assert_eq!(
            names(&["status=exited", "status=created"], &all),
            ["db", "web2"]
        );
        assert_eq!(
            names(&["status=created", "name=db"], &all),
            Vec::<String>::new()
        );
        assert_eq!(names(&["id=bb"], &all), ["db"]);
        assert_eq!(names(&["exited=3"], &all), ["db"]);
        assert_eq!(names(&["exited=0"], &all), Vec::<String>::new());
        assert_eq!(names(&["label=team"], &all).len(), 3);
        assert_eq!(names(&["label=team=infra"], &all).len(), 3);
        assert!(names(&["label=team=web"], &all).is_empty());
        assert_eq!(names(&["ancestor=busybox"], &all).len(), 3);
        assert_eq!(names(&["ancestor=busybox:latest"], &all).len(), 3);
        assert_eq!(names(&["ancestor=06217c"], &all).len(), 3);
        assert!(names(&["ancestor=alpine"], &all).is_empty());
        assert_eq!(names(&["before=db"], &all), ["web"]);
        assert_eq!(names(&["since=db"], &all), ["web2"]);
    }

    #[test]
    fn bad_filters_say_what_is_wrong() {
        let parse = |s: &str| ContainerFilter::parse(&[s.to_string()], &[]).unwrap_err();
        assert_eq!(parse("status"), FilterError::Shape("status".into()));
        assert_eq!(parse("colour=red"), FilterError::Key("colour".into()));
        assert_eq!(
            parse("status=sleeping"),
            FilterError::Status("sleeping".into())
        );
        assert_eq!(parse("exited=x"), FilterError::Exited("x".into()));
        assert!(matches!(parse("name=("), FilterError::Regex { .. }));
        assert_eq!(
            parse("name=[").to_string(),
            "invalid name filter \"[\": regex parse error: unclosed character class"
        );
        assert_eq!(parse("before=nope"), FilterError::Reference("nope".into()));
        assert_eq!(
            parse("restart-policy=fakepolicy").to_string(),
            "fakepolicy invalid restart policy"
        );
    }

    #[test]
    fn restart_policy_filter_matches_the_recorded_policy() {
        let mut always = container("a1", "always", Status::Exited, 0, 5);
        always.record.restart = crate::spec::RestartPolicy::Always;
        let all = [always, container("b2", "none", Status::Exited, 0, 4)];
        let names = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            let f = ContainerFilter::parse(&args, &all).unwrap();
            all.iter()
                .filter(|c| f.matches(c))
                .map(|c| c.record.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&["restart-policy=always"]), ["always"]);
        assert_eq!(names(&["restart-policy=no"]), ["none"]);
        assert!(names(&["restart-policy=on-failure"]).is_empty());
    }
}
