//! `--format` Go templates (src/output/template.rs through the public `output` API).
//!
//! Every input is parsed as a list command's format (`check_list_format`). Inputs whose
//! running cost is bounded (see `bounded`) are then rendered: as `ps`-like rows (structs,
//! nil maps and slices, a nil pointer, NaN), as one serde_json object (maps, lists,
//! null), and as inspect output. Nothing may panic, and a format that parses must not
//! fail to parse when rendered.
//!
//! Running is bounded by the template only, as in Go: `{{range 10000000000}}`, a
//! `{{define}}` calling itself twice, or `{{$a = printf "%s%s" $a $a}}` inside a range
//! loop for ever or exhaust memory, in podman as in burrow. Those inputs are parsed but
//! not run.

#![no_main]

use std::collections::BTreeMap;

use burrow::output::{self, JsonStyle, ListFormat, OutputError};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename = "fuzz.row", rename_all = "PascalCase")]
struct Row {
    #[serde(rename = "ID")]
    id: String,
    names: Vec<String>,
    labels: BTreeMap<String, String>,
    #[serde(serialize_with = "output::serialize_nil_map")]
    annotations: Option<BTreeMap<String, String>>,
    #[serde(serialize_with = "output::serialize_nil_slice")]
    ports: Option<Vec<u16>>,
    size: i64,
    ratio: f64,
    running: bool,
    state: Option<State>,
}

#[derive(Serialize)]
#[serde(rename = "fuzz.state", rename_all = "PascalCase")]
struct State {
    pid: u32,
    status: String,
}

fn rows() -> Vec<Row> {
    let labels: BTreeMap<String, String> = [("a.b", "x<y"), ("foo", "bar")]
        .into_iter()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    vec![
        Row {
            id: "0123456789ab".into(),
            names: vec!["web".into(), "db".into()],
            labels: labels.clone(),
            annotations: None,
            ports: None,
            size: 1234,
            ratio: 0.5,
            running: true,
            state: Some(State {
                pid: 42,
                status: "running".into(),
            }),
        },
        Row {
            id: "ba9876543210".into(),
            names: Vec::new(),
            labels: BTreeMap::new(),
            annotations: Some(labels),
            ports: Some(vec![80, 443]),
            size: -1,
            ratio: f64::NAN,
            running: false,
            state: None,
        },
        Row {
            id: "é\t\"ü\\".into(),
            names: vec!["Ω".into()],
            labels: BTreeMap::new(),
            annotations: Some(BTreeMap::new()),
            ports: Some(Vec::new()),
            size: 0,
            ratio: 1e21,
            running: false,
            state: None,
        },
    ]
}

fn object() -> serde_json::Value {
    serde_json::json!({
        "ID": "0123456789ab",
        "Names": ["web", "db"],
        "Labels": {"a.b": "x<y", "foo": "bar"},
        "Size": 1234,
        "Ratio": 0.5,
        "Running": true,
        "Nothing": null,
        "Nested": {"List": [1, "two", 3.5, false, null], "Empty": {}},
    })
}

/// Whether running `text` is bounded whatever it says, on the data above: no
/// `{{template}}`/`{{block}}` (recursion), at most one `range` and then no plain
/// assignment (a loop that doubles a variable), no character constants or numbers above
/// 99 (counts for `range`, `pad`, printf widths), and a short text (a few doublings).
fn bounded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let ranges = text.matches("range").count();
    let plain_assignment = bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'=' && (i == 0 || bytes[i - 1] != b':'));
    let mut digits = 0;
    let mut small_numbers = true;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            digits += 1;
            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
            if digits > 2 || b"eEpPxXoObBi_".contains(&next) {
                small_numbers = false;
            }
        } else {
            digits = 0;
        }
    }
    text.len() <= 128
        && !text.contains("template")
        && !text.contains("block")
        && ranges <= 1
        && (ranges == 0 || !plain_assignment)
        && !text.contains('\'')
        && small_numbers
}

fn assert_not_parse_error(result: Result<String, OutputError>, text: &str, what: &str) {
    match result {
        Ok(_) => {}
        Err(OutputError::Parse { message }) => {
            panic!("{text:?} parsed when checked but not when rendering {what}: {message}")
        }
        Err(other) => {
            let _ = other.to_string();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(err) = output::check_list_format("fuzz", text) {
        let _ = err.to_string();
        return;
    }
    if !bounded(text) {
        return;
    }
    let rows = rows();
    for noheading in [false, true] {
        let fmt = ListFormat {
            name: "fuzz",
            format: Some(text),
            default_table: "{{.ID}}\t{{.Names}}\t{{.Size}}",
            headers: &[("ID", "container id")],
            noheading,
            json: JsonStyle::INDENT_4,
        };
        assert_not_parse_error(output::render_list(&rows, || &rows, &fmt), text, "a list");
    }
    let empty: &[Row] = &[];
    let fmt = ListFormat {
        name: "fuzz",
        format: Some(text),
        default_table: "{{.ID}}",
        headers: &[],
        noheading: false,
        json: JsonStyle::INDENT_2,
    };
    assert_not_parse_error(output::render_list(empty, || empty, &fmt), text, "no rows");

    // As one object (`info`, `version`, `events`) and as inspect output, which parse
    // the text without the list's implicit range: errors are allowed there.
    let object = object();
    let _ = output::render_one(&object, Some(text), "fuzz", JsonStyle::INDENT_2)
        .map_err(|err| err.to_string());
    let _ = output::render_inspect(&[&object], Some(text), "fuzz").map_err(|err| err.to_string());
});
