use std::collections::HashSet;

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Context;
use super::image::repo_digests;
use crate::image::find_image;
use crate::output::{self, JsonStyle, ListFormat};
use crate::store::ImageRecord;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show only images whose name matches (REPOSITORY[:TAG], wildcards allowed)
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
    /// Show all images (burrow keeps no intermediate images, so this changes nothing)
    #[arg(short, long)]
    pub all: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Filter output: dangling=BOOL, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print images with a Go template, "table ..." or json
    #[arg(long)]
    pub format: Option<String>,
    /// Do not print column headings
    #[arg(short, long)]
    pub noheading: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Display only image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Sort by created, id, repository, size or tag
    #[arg(long, default_value = "created", value_parser = ["created", "id", "repository", "size", "tag"])]
    pub sort: String,
}

/// One row of `images`, with the field names podman's templates use.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Row<'a> {
    #[serde(rename = "ID")]
    id: String,
    repository: String,
    tag: String,
    digest: &'a str,
    created: String,
    created_since: String,
    created_at: String,
    size: String,
    names: &'a [String],
    labels: serde_json::Value,
    containers: u32,
    read_only: bool,
    dangling: bool,
    #[serde(skip)]
    sort_created: Option<DateTime<Utc>>,
    #[serde(skip)]
    sort_size: u64,
}

/// `images --format json`: podman's JSON objects.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct JsonImage<'a> {
    id: &'a str,
    parent_id: &'a str,
    repo_tags: &'a [String],
    repo_digests: Vec<String>,
    size: u64,
    shared_size: u64,
    virtual_size: u64,
    labels: serde_json::Value,
    containers: u32,
    names: &'a [String],
    digest: &'a str,
    created: i64,
    created_at: Option<DateTime<Utc>>,
}

fn split_repo_tag(name: &str) -> (String, String) {
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    match name[slash..].rfind(':') {
        Some(i) => (
            name[..slash + i].to_string(),
            name[slash + i + 1..].to_string(),
        ),
        None => (name.to_string(), "<none>".to_string()),
    }
}

/// Shell-style matching with `*` and `?`, as podman's reference filter uses path.Match.
fn wildcard(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], t) || (!t.is_empty() && t[0] != b'/' && go(p, &t[1..])),
            (Some(b'?'), Some(&c)) if c != b'/' => go(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

/// Whether a stored name matches a reference filter: the whole name, or its trailing path
/// components (so `busybox` and `busy*` match `docker.io/library/busybox:latest`).
fn reference_matches(pattern: &str, name: &str) -> bool {
    let (repo, tag) = split_repo_tag(name);
    let with_tag = pattern
        .rfind('/')
        .map_or(pattern, |i| &pattern[i..])
        .contains(':');
    let subject = if with_tag {
        format!("{repo}:{tag}")
    } else {
        repo
    };
    let parts: Vec<&str> = subject.split('/').collect();
    (0..parts.len()).any(|i| wildcard(pattern, &parts[i..].join("/")))
}

fn labels_of(store: &crate::store::Store, image: &ImageRecord) -> serde_json::Value {
    store
        .image_file(&image.id, "config.json")
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|c| c.pointer("/config/Labels").cloned())
        .filter(|l| !l.is_null())
        .unwrap_or(serde_json::json!({}))
}

struct Filters {
    dangling: Option<bool>,
    references: Vec<String>,
    labels: Vec<(String, Option<String>)>,
    before: Option<DateTime<Utc>>,
    since: Option<DateTime<Utc>>,
}

fn parse_filters(args: &Args, images: &[ImageRecord]) -> Result<Filters> {
    let mut f = Filters {
        dangling: None,
        references: args.image.iter().cloned().collect(),
        labels: Vec::new(),
        before: None,
        since: None,
    };
    let created_of = |value: &str| -> Result<Option<DateTime<Utc>>> {
        match find_image(images, value) {
            Some(i) => Ok(i.created.or(Some(i.pulled))),
            None => bail!("{value}: image not known"),
        }
    };
    for filter in &args.filter {
        let Some((key, value)) = filter.split_once('=') else {
            bail!(
                "invalid image filter \"{filter}\": use KEY=VALUE, e.g. dangling=true or reference=busybox"
            );
        };
        match key {
            "dangling" => {
                f.dangling = Some(match value {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => bail!("invalid image filter \"{filter}\": dangling takes true or false"),
                })
            }
            "reference" => f.references.push(value.to_string()),
            "label" => {
                let (k, v) = match value.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (value.to_string(), None),
                };
                f.labels.push((k, v));
            }
            "before" => f.before = created_of(value)?,
            "since" => f.since = created_of(value)?,
            _ => bail!(
                "invalid image filter \"{filter}\": unknown key \"{key}\"; burrow knows dangling, reference, label, before and since"
            ),
        }
    }
    Ok(f)
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let images = store.images()?;
    let filters = parse_filters(&args, &images)?;
    let needs_labels = !filters.labels.is_empty()
        || args
            .format
            .as_deref()
            .is_some_and(|f| f.contains("Labels") || output::is_json(f));
    let mut selected: Vec<(&ImageRecord, serde_json::Value)> = Vec::new();
    for image in &images {
        let created = image.created.unwrap_or(image.pulled);
        if filters
            .dangling
            .is_some_and(|d| d != image.names.is_empty())
            || filters.before.is_some_and(|b| created >= b)
            || filters.since.is_some_and(|s| created <= s)
            || !filters
                .references
                .iter()
                .all(|p| image.names.iter().any(|n| reference_matches(p, n)))
        {
            continue;
        }
        let labels = if needs_labels {
            labels_of(&store, image)
        } else {
            serde_json::json!({})
        };
        let label_ok = filters
            .labels
            .iter()
            .all(|(k, v)| match (labels.get(k), v) {
                (Some(have), Some(want)) => have.as_str() == Some(want.as_str()),
                (Some(_), None) => true,
                (None, _) => false,
            });
        if label_ok {
            selected.push((image, labels));
        }
    }

    let now = Utc::now();
    let id_of = |i: &ImageRecord| {
        if args.no_trunc {
            format!("sha256:{}", i.id)
        } else {
            i.id[..12.min(i.id.len())].to_string()
        }
    };
    if args.quiet {
        let mut seen = HashSet::new();
        for (image, _) in &selected {
            if seen.insert(&image.id) {
                println!("{}", id_of(image));
            }
        }
        return Ok(0);
    }
    let mut rows: Vec<Row> = Vec::new();
    for (image, labels) in &selected {
        let created = image.created.unwrap_or(image.pulled);
        let since = output::human_duration_since(created, now);
        let names: Vec<Option<&String>> = if image.names.is_empty() {
            vec![None]
        } else {
            image.names.iter().map(Some).collect()
        };
        for name in names {
            let (repository, tag) =
                name.map_or(("<none>".into(), "<none>".into()), |n| split_repo_tag(n));
            rows.push(Row {
                id: id_of(image),
                repository,
                tag,
                digest: &image.digest,
                created: since.clone(),
                created_since: since.clone(),
                created_at: output::go_time_string(created),
                size: output::human_size(image.size),
                names: &image.names,
                labels: labels.clone(),
                containers: 0,
                read_only: false,
                dangling: image.names.is_empty(),
                sort_created: Some(created),
                sort_size: image.size,
            });
        }
    }
    match args.sort.as_str() {
        "id" => rows.sort_by(|a, b| a.id.cmp(&b.id)),
        "repository" => rows.sort_by(|a, b| a.repository.cmp(&b.repository)),
        "tag" => rows.sort_by(|a, b| a.tag.cmp(&b.tag)),
        "size" => rows.sort_by_key(|r| r.sort_size),
        _ => rows.sort_by_key(|r| std::cmp::Reverse(r.sort_created)),
    }
    let default_table = if args.digests {
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.Created}}\t{{.Size}}"
    } else {
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Created}}\t{{.Size}}"
    };
    let json = || -> Vec<JsonImage> {
        selected
            .iter()
            .map(|(i, labels)| JsonImage {
                id: &i.id,
                parent_id: "",
                repo_tags: &i.names,
                repo_digests: repo_digests(i),
                size: i.size,
                shared_size: 0,
                virtual_size: i.size,
                labels: labels.clone(),
                containers: 0,
                names: &i.names,
                digest: &i.digest,
                created: i.created.map_or(0, |c| c.timestamp()),
                created_at: i.created,
            })
            .collect()
    };
    let text = output::render_list(
        &rows,
        json,
        &ListFormat {
            name: "images",
            json: JsonStyle::INDENT_4,
            format: args.format.as_deref(),
            default_table,
            headers: &[
                ("ID", "IMAGE ID"),
                ("Created", "CREATED"),
                ("CreatedSince", "CREATED"),
            ],
            noheading: args.noheading,
        },
    )?;
    print!("{text}");
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_repository_and_tag() {
        assert_eq!(
            split_repo_tag("127.0.0.1:5000/busybox:latest"),
            ("127.0.0.1:5000/busybox".into(), "latest".into())
        );
        assert_eq!(
            split_repo_tag("localhost:5000/x"),
            ("localhost:5000/x".into(), "<none>".into())
        );
    }

    #[test]
    fn reference_filter_matches_trailing_components_and_wildcards() {
        let name = "docker.io/library/busybox:latest";
        assert!(reference_matches("busybox", name));
        assert!(reference_matches("busy*", name));
        assert!(reference_matches("library/busybox", name));
        assert!(reference_matches("busybox:latest", name));
        assert!(reference_matches("docker.io/library/busybox:lat*", name));
        assert!(!reference_matches("busybox:1.0", name));
        assert!(!reference_matches("usybox", name));
        assert!(!reference_matches("*box/x", name));
    }
}
