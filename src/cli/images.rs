use std::collections::HashSet;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Context;
use super::image::repo_digests;
use crate::image::{ImageFilter, image_labels, lookup, split_name};
use crate::output::{self, JsonStyle, ListFormat};
use crate::store::ImageRecord;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show only images whose name matches (REPOSITORY[:TAG], wildcards allowed)
    #[arg(value_name = "IMAGE", add = super::completion::images())]
    pub image: Option<String>,
    /// Show all images (burrow keeps no intermediate images, so this changes nothing)
    #[arg(short, long)]
    pub all: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Filter output: dangling=BOOL, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE
    #[arg(short, long, value_name = "FILTER", add = super::completion::image_filters())]
    pub filter: Vec<String>,
    /// Pretty-print images with a Go template, "table ..." or json
    #[arg(long, add = super::completion::formats())]
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
    /// The full ID, podman's `{{.Id}}`.
    #[serde(rename = "Id")]
    full_id: &'a str,
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
    /// The names the image has had, joined as podman's `{{.History}}` prints them.
    history: String,
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
    history: &'a [String],
    created: i64,
    created_at: Option<DateTime<Utc>>,
}

/// The REPOSITORY and TAG columns of a stored name.
fn split_repo_tag(name: &str) -> (String, String) {
    let (repo, tag, _) = split_name(name);
    (repo.to_string(), tag.unwrap_or("<none>").to_string())
}

/// The names that get a row: every tagged one; a `repo@digest` name only when the image has
/// no tagged name (podman shows it as `repo <none>`); `None` for an image without names.
fn listed_names(names: &[String]) -> Vec<Option<&String>> {
    let tagged: Vec<Option<&String>> = names
        .iter()
        .filter(|n| split_name(n).1.is_some())
        .map(Some)
        .collect();
    if !tagged.is_empty() {
        return tagged;
    }
    vec![names.first()]
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let images = store.images()?;
    let filter = ImageFilter::parse(&args.filter, args.image.as_deref(), |name| {
        lookup(&images, &ctx.env, name).map(|found| found.image)
    })?;
    let needs_labels = filter.needs_labels()
        || args
            .format
            .as_deref()
            .is_some_and(|f| f.contains("Labels") || output::is_json(f));
    let selected: Vec<(&ImageRecord, serde_json::Value)> = images
        .iter()
        .map(|image| {
            let labels = if needs_labels {
                image_labels(&store, image)
            } else {
                serde_json::json!({})
            };
            (image, labels)
        })
        .filter(|(image, labels)| filter.matches(image, labels))
        .collect();

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
        for name in listed_names(&image.names) {
            let (repository, tag) =
                name.map_or(("<none>".into(), "<none>".into()), |n| split_repo_tag(n));
            rows.push(Row {
                id: id_of(image),
                full_id: &image.id,
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
                history: image.names_history().join(", "),
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
                history: i.names_history(),
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
    fn digest_names_get_a_row_only_without_a_tagged_name() {
        let names = |list: &[&str]| -> Vec<Option<String>> {
            let owned: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            listed_names(&owned)
                .into_iter()
                .map(|n| n.cloned())
                .collect()
        };
        let by_digest = "r/busybox@sha256:00";
        assert_eq!(
            names(&[by_digest, "r/busybox:latest"]),
            [Some("r/busybox:latest".to_string())]
        );
        assert_eq!(names(&[by_digest]), [Some(by_digest.to_string())]);
        assert_eq!(names(&[]), [None]);
    }

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
}
