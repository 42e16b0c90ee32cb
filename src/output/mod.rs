//! Command output as podman prints it: `--format json`, Go templates with podman's extra
//! functions, `table` formats aligned like Go's tabwriter with derived headers, and the
//! human-readable sizes, durations and times of podman's columns.
//!
//! Template data is any `serde::Serialize` value whose field names are the template names
//! (`#[serde(rename_all = "PascalCase")]`). A few rules make Go's behaviour come out right:
//! - structs must serialize as structs: no `#[serde(flatten)]` and no
//!   `skip_serializing_if` on template rows, or a missing field becomes a map key
//!   (`<no value>`) instead of Go's "can't evaluate field" error;
//! - the struct's serde name is the type Go names in that error; podman's is e.g.
//!   `images.imageReporter`, which `#[serde(rename = "images.imageReporter")]` reproduces;
//! - `Option::None` is a Go nil pointer (`<nil>`, JSON `null`); a map or list that Go
//!   leaves nil (`map[]`/`[]` in templates, `null` in JSON) is an `Option` serialized with
//!   [`serialize_nil_map`] / [`serialize_nil_slice`];
//! - use `BTreeMap` or `HashMap` freely: map keys are always emitted sorted, as Go does.

mod json;
mod localtime;
mod scan;
mod tabwriter;
mod template;
mod units;
mod value;

/// Aligns tab-separated cells into columns, as podman's tabwriter prints tables.
pub fn align_columns(text: &str) -> String {
    tabwriter::align(text)
}

use std::collections::BTreeMap;
use std::sync::Arc;

use gotmpl::Value;
use serde::Serialize;

pub use json::JsonStyle;
pub use units::{
    StatusInput, container_status, go_duration_string, go_local_time_string, go_time_string,
    go_units_bytes_size, go_units_human_size, human_duration_since, human_size,
};
pub use value::{serialize_nil_map, serialize_nil_slice};

use template::Program;
use value::Shapes;

/// Why output could not be produced. All of these are user errors of `--format` or
/// internal data problems; podman exits with 125 for them.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The format is not a valid template, e.g.
    /// `template: images:1: function "foo" not defined`.
    #[error("{message}")]
    Parse { message: String },
    /// The template failed while running, e.g. `template: images:1:13: executing "images"
    /// at <.Foo>: can't evaluate field Foo in type images.imageReporter`. Podman has
    /// already written `partial_output` to stdout by then; print it before the error to
    /// behave the same.
    #[error("{message}")]
    Execute {
        message: String,
        partial_output: String,
    },
    /// The data could not be turned into template values (a bug in the caller's types).
    #[error("cannot format output data: {reason}")]
    Data { reason: String },
    /// Go refuses to encode NaN and infinities in JSON.
    #[error("json: unsupported value: {value}")]
    UnsupportedJsonValue { value: String },
}

/// How a list command (images, ps, volume ls, …) prints its rows.
#[derive(Debug, Clone, Copy)]
pub struct ListFormat<'a> {
    /// the template name in error messages; podman uses the command name (`images`, `ps`)
    pub name: &'a str,
    /// `--format` if given (even if empty); `None` prints the default table
    pub format: Option<&'a str>,
    /// the default row, columns separated by `\t`, e.g.
    /// `{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}`
    pub default_table: &'a str,
    /// header overrides by field name, e.g. `("ID", "IMAGE ID")`; other fields get their
    /// name split at case changes and upper-cased (`CreatedAt` → `CREATED AT`)
    pub headers: &'a [(&'a str, &'a str)],
    /// `--noheading`
    pub noheading: bool,
    /// how `--format json` is printed
    pub json: JsonStyle,
}

/// podman's `report.IsJSON`: `json`, `{{json .}}`, `{{ json }}` and the like (not `JSON`).
pub fn is_json(format: &str) -> bool {
    const SPACE: &[char] = &[' ', '\t', '\n', '\r', '\u{c}'];
    let trimmed = format.trim_matches(SPACE);
    if trimmed == "json" {
        return true;
    }
    let Some(inner) = trimmed
        .strip_prefix("{{")
        .and_then(|s| s.strip_suffix("}}"))
    else {
        return false;
    };
    let Some(rest) = inner.trim_start_matches(SPACE).strip_prefix("json") else {
        return false;
    };
    let rest = rest.trim_start_matches(SPACE);
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    rest.trim_matches(SPACE).is_empty()
}

/// Whether `format` is a `table …` format.
pub fn has_table(format: &str) -> bool {
    format.starts_with("table ")
}

/// Render a list for a list command. `items` are the template rows; `json` builds what
/// `--format json` prints, which in podman often has other field names than the template
/// rows (images: `Id`, `Names`, `CreatedAt` as RFC 3339…), and is only called for JSON.
/// When both are the same, pass `|| &rows`.
///
/// The returned text is complete (newlines included): print it with `print!`.
pub fn render_list<T, J, F>(
    items: &[T],
    json: F,
    fmt: &ListFormat<'_>,
) -> Result<String, OutputError>
where
    T: Serialize,
    J: Serialize,
    F: FnOnce() -> J,
{
    let user_format = fmt.format.filter(|f| *f != "table");
    if let Some(format) = user_format
        && is_json(format)
    {
        return to_json_pretty(&json(), fmt.json);
    }
    let mut shapes = Shapes::default();
    let rows = items
        .iter()
        .map(|item| value::to_value(item, &mut shapes))
        .collect::<Result<Vec<Value>, _>>()
        .map_err(|e| OutputError::Data {
            reason: e.to_string(),
        })?;
    let (program, table) = match user_format {
        None => (compile_default(fmt.name, fmt.default_table)?, true),
        Some(format) => {
            let origin = if has_table(format) {
                Origin::Table
            } else {
                Origin::User
            };
            (
                compile_user(fmt.name, format, origin)?,
                origin == Origin::Table,
            )
        }
    };
    let header = (table && !fmt.noheading).then(|| {
        let row = header_row(rows.first(), &shapes, &program, fmt.headers);
        Value::List(Arc::from(vec![row]))
    });
    let data = Value::List(Arc::from(rows));
    run(program, header.as_ref(), &data, shapes, table)
}

/// Parse `format` as [`render_list`] would, without running it: the same error for a
/// bad template, and no output. Running a template is only as bounded as the template
/// (`{{range 10000000000}}` loops as long as in Go), parsing it always is, which is
/// what the fuzz target `template` relies on to parse every input.
pub fn check_list_format(name: &str, format: &str) -> Result<(), OutputError> {
    if format == "table" || is_json(format) {
        return Ok(());
    }
    let origin = if has_table(format) {
        Origin::Table
    } else {
        Origin::User
    };
    compile_user(name, format, origin).map(|_| ())
}

/// Render one object for commands such as `info` and `version` (podman's
/// `OriginUnknown`): `None` or a JSON format prints JSON in `style`, any other format is
/// applied to the object once (no implicit range; a `table` format is aligned but, as in
/// podman, gets no header row).
pub fn render_one<T: Serialize>(
    item: &T,
    format: Option<&str>,
    name: &str,
    style: JsonStyle,
) -> Result<String, OutputError> {
    let format = match format {
        Some(f) if !is_json(f) => f,
        _ => return to_json_pretty(item, style),
    };
    let origin = if has_table(format) {
        Origin::Table
    } else {
        Origin::Unknown
    };
    let program = compile_user(name, format, origin)?;
    let (data, shapes) = single_value(item)?;
    run(program, None, &data, shapes, origin == Origin::Table)
}

/// Render inspect output: JSON of all objects as podman inspect prints it by default or
/// for a JSON format, otherwise the format applied to each object in turn.
pub fn render_inspect<T: Serialize>(
    items: &[T],
    format: Option<&str>,
    name: &str,
) -> Result<String, OutputError> {
    let format = match format {
        Some(f) if !f.is_empty() && !is_json(f) => f,
        _ => return to_json_pretty(&items, JsonStyle::INSPECT),
    };
    let origin = if has_table(format) {
        Origin::Table
    } else {
        Origin::User
    };
    let program = compile_user(name, format, origin)?;
    let (data, shapes) = single_value(&items)?;
    run(program, None, &data, shapes, origin == Origin::Table)
}

/// JSON text of `value` as podman prints it in `style`, with the trailing newline that
/// `fmt.Println` / `json.Encoder` add.
pub fn to_json_pretty<T: Serialize + ?Sized>(
    value: &T,
    style: JsonStyle,
) -> Result<String, OutputError> {
    let mut shapes = Shapes::default();
    let value = value::to_value(value, &mut shapes).map_err(|e| OutputError::Data {
        reason: e.to_string(),
    })?;
    let mut text = json::encode(&value, &shapes, style)
        .map_err(|e| OutputError::UnsupportedJsonValue { value: e.0 })?;
    text.push('\n');
    Ok(text)
}

/// Where a template comes from, which decides how podman wraps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// `table …` from the user: range over the items, aligned, headers
    Table,
    /// another user format for a list: range over the items unless it ranges itself
    User,
    /// a user format for a single object: used as is
    Unknown,
}

fn parse_error(message: String) -> OutputError {
    OutputError::Parse { message }
}

fn single_value<T: Serialize + ?Sized>(item: &T) -> Result<(Value, Shapes), OutputError> {
    let mut shapes = Shapes::default();
    let data = value::to_value(item, &mut shapes).map_err(|e| OutputError::Data {
        reason: e.to_string(),
    })?;
    Ok((data, shapes))
}

/// podman's default list format: its own row template, ranged and aligned.
fn compile_default(name: &str, row: &str) -> Result<Program, OutputError> {
    let row = row.strip_prefix("table ").unwrap_or(row);
    let text = normalize_format(&format!("{{{{range . }}}}{row}\n{{{{end -}}}}"));
    template::compile(name, &text).map_err(parse_error)
}

/// podman's `Formatter.Parse` for user formats: expand `\t`/`\n` (and, for tables, turn
/// spaces into tabs), wrap in a range, and if that does not parse, retry with the text as
/// given (so `{{printf "\n"}}` keeps working).
fn compile_user(name: &str, format: &str, origin: Origin) -> Result<Program, OutputError> {
    let (normalized, raw) = match origin {
        Origin::Table => (
            format!("{{{{range .}}}}{}{{{{end -}}}}", normalize_format(format)),
            // podman 4.3 keeps the "table " keyword in this fallback text
            format!("{{{{range .}}}}{format}{{{{end -}}}}"),
        ),
        Origin::User => (
            enforce_range(&normalize_format(format)),
            enforce_range(format),
        ),
        Origin::Unknown => (normalize_format(format), format.to_string()),
    };
    match template::compile(name, &normalized) {
        Ok(program) => Ok(program),
        Err(_) => template::compile(name, &raw).map_err(parse_error),
    }
}

/// podman's `NormalizeFormat`.
fn normalize_format(format: &str) -> String {
    let mut out = String::with_capacity(format.len() + 1);
    let table = format.starts_with("table ");
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        if table && rest.starts_with("table ") {
            rest = &rest["table ".len()..];
        } else if rest.starts_with("\\t") {
            out.push('\t');
            rest = &rest[2..];
        } else if table && c == ' ' {
            out.push('\t');
            rest = &rest[1..];
        } else if rest.starts_with("\\n") {
            out.push('\n');
            rest = &rest[2..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// podman's `EnforceRange`: wrap in `{{range .}}…{{end -}}` unless the format already
/// matches `(?s){{\s*range\s*\.\s*}}.*{{\s*end\s*-?\s*}}`.
fn enforce_range(format: &str) -> String {
    if has_range_over_dot(format) {
        format.to_string()
    } else {
        format!("{{{{range .}}}}{format}{{{{end -}}}}")
    }
}

fn has_range_over_dot(format: &str) -> bool {
    fn spaces(s: &str) -> &str {
        s.trim_start_matches([' ', '\t', '\n', '\r', '\u{c}'])
    }
    fn action_at<'a>(s: &'a str, parse: impl Fn(&'a str) -> Option<&'a str>) -> Option<&'a str> {
        let inner = spaces(s.strip_prefix("{{")?);
        let rest = spaces(parse(inner)?);
        rest.strip_prefix("}}")
    }
    let range_end = format.match_indices("{{").find_map(|(i, _)| {
        action_at(&format[i..], |s| {
            let s = spaces(s.strip_prefix("range")?);
            s.strip_prefix('.')
        })
        .map(|rest| format.len() - rest.len())
    });
    let Some(after_range) = range_end else {
        return false;
    };
    format[after_range..].match_indices("{{").any(|(i, _)| {
        action_at(&format[after_range + i..], |s| {
            let s = spaces(s.strip_prefix("end")?);
            Some(s.strip_prefix('-').unwrap_or(s))
        })
        .is_some()
    })
}

/// The header row: a map from every field name to its column title, which the template
/// runs on like on an item, as podman does with `report.Headers`.
fn header_row(
    first: Option<&Value>,
    shapes: &Shapes,
    program: &Program,
    overrides: &[(&str, &str)],
) -> Value {
    let mut names: Vec<String> = match first {
        Some(Value::Map(map)) => match shapes.struct_shape(map) {
            Some(shape) => shape.fields.iter().map(|f| f.to_string()).collect(),
            None => map.keys().map(|k| k.to_string()).collect(),
        },
        _ => Vec::new(),
    };
    if names.is_empty() {
        names = program.fields.iter().cloned().collect();
    }
    let mut headers: BTreeMap<Arc<str>, Value> = names
        .into_iter()
        .map(|name| {
            let title = camel_case_split(&name).join(" ").to_uppercase();
            (Arc::from(name), Value::String(title.into()))
        })
        .collect();
    for (name, title) in overrides {
        headers.insert(Arc::from(*name), Value::String(title.to_uppercase().into()));
    }
    Value::Map(Arc::new(headers))
}

/// podman's `camelcase.Split`: `CreatedAt` → `Created At`, `PDFLoader` → `PDF Loader`,
/// `GL11Version` → `GL 11 Version`.
fn camel_case_split(name: &str) -> Vec<String> {
    fn class(c: char) -> u8 {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    }
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last_class = 0;
    for c in name.chars() {
        let this = class(c);
        match runs.last_mut() {
            Some(run) if this == last_class => run.push(c),
            _ => runs.push(vec![c]),
        }
        last_class = this;
    }
    for i in 0..runs.len().saturating_sub(1) {
        let upper_then_lower = runs[i][0].is_uppercase() && runs[i + 1][0].is_lowercase();
        if upper_then_lower && let Some(moved) = runs[i].pop() {
            runs[i + 1].insert(0, moved);
        }
    }
    runs.into_iter()
        .filter(|run| !run.is_empty())
        .map(|run| run.into_iter().collect())
        .collect()
}

fn run(
    program: Program,
    header: Option<&Value>,
    data: &Value,
    shapes: Shapes,
    aligned: bool,
) -> Result<String, OutputError> {
    let executable = template::Executable::new(program, shapes);
    let mut out = String::new();
    let mut result = Ok(());
    if let Some(header) = header {
        result = executable.execute(header, &mut out);
    }
    if result.is_ok() {
        result = executable.execute(data, &mut out);
    }
    let out = if aligned { tabwriter::align(&out) } else { out };
    match result {
        Ok(()) => Ok(out),
        Err(message) => Err(OutputError::Execute {
            message,
            partial_output: out,
        }),
    }
}

#[cfg(test)]
mod tests;
