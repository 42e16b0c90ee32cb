//! JSON text exactly as Go's `encoding/json` writes it for podman: struct fields in
//! declaration order, map keys sorted, nil maps and slices as `null`, Go's string escapes
//! and float formatting, and the indentation each podman command happens to use.

use std::fmt::Write as _;

use gotmpl::Value;

use super::units::go_json_float;
use super::value::Shapes;

/// How a podman command prints JSON. Podman is not consistent across commands, so each
/// command picks the style of the Go call it mirrors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonStyle {
    /// spaces per nesting level; 0 means compact output on one line
    pub indent: usize,
    /// escape `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (Go's default)
    pub escape_html: bool,
}

impl JsonStyle {
    /// `json.MarshalIndent(v, "", "    ")`: podman images, volume ls, network ls.
    pub const INDENT_4: JsonStyle = JsonStyle {
        indent: 4,
        escape_html: true,
    };
    /// `json.MarshalIndent(v, "", " ")`: podman stats.
    pub const INDENT_1: JsonStyle = JsonStyle {
        indent: 1,
        escape_html: true,
    };
    /// `json.MarshalIndent(v, "", "  ")`: podman ps, info, pod ps.
    pub const INDENT_2: JsonStyle = JsonStyle {
        indent: 2,
        escape_html: true,
    };
    /// An encoder with `SetIndent("", "     ")` and `SetEscapeHTML(false)`:
    /// podman inspect and its `image inspect`/`container inspect` forms.
    pub const INSPECT: JsonStyle = JsonStyle {
        indent: 5,
        escape_html: false,
    };
    /// The `{{json}}` template function: compact, no HTML escaping.
    pub const TEMPLATE_FUNC: JsonStyle = JsonStyle {
        indent: 0,
        escape_html: false,
    };
}

/// A value Go's encoder refuses (NaN or an infinity).
#[derive(Debug)]
pub(crate) struct UnsupportedValue(pub String);

pub(crate) fn encode(
    value: &Value,
    shapes: &Shapes,
    style: JsonStyle,
) -> Result<String, UnsupportedValue> {
    let mut out = String::new();
    Encoder {
        shapes,
        style,
        out: &mut out,
    }
    .value(value, 0)?;
    Ok(out)
}

struct Encoder<'a> {
    shapes: &'a Shapes,
    style: JsonStyle,
    out: &'a mut String,
}

impl Encoder<'_> {
    fn newline(&mut self, depth: usize) {
        if self.style.indent > 0 {
            self.out.push('\n');
            for _ in 0..depth * self.style.indent {
                self.out.push(' ');
            }
        }
    }

    fn value(&mut self, value: &Value, depth: usize) -> Result<(), UnsupportedValue> {
        if self.shapes.is_nil(value) {
            self.out.push_str("null");
            return Ok(());
        }
        match value {
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Int(n) => {
                let _ = write!(self.out, "{n}");
            }
            Value::Uint(n) => {
                let _ = write!(self.out, "{n}");
            }
            Value::Float(f) => match go_json_float(*f) {
                Some(text) => self.out.push_str(&text),
                None => return Err(UnsupportedValue(super::units::go_format_float_g(*f, None))),
            },
            Value::String(s) => self.string(s),
            Value::List(items) => {
                if items.is_empty() {
                    self.out.push_str("[]");
                    return Ok(());
                }
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline(depth + 1);
                    self.value(item, depth + 1)?;
                }
                self.newline(depth);
                self.out.push(']');
            }
            Value::Map(map) => {
                if map.is_empty() {
                    self.out.push_str("{}");
                    return Ok(());
                }
                let ordered: Vec<(&str, &Value)> = match self.shapes.struct_shape(map) {
                    Some(shape) => shape
                        .fields
                        .iter()
                        .filter_map(|k| map.get(k).map(|v| (k.as_ref(), v)))
                        .collect(),
                    // BTreeMap order is byte order, which is how Go sorts map keys.
                    None => map.iter().map(|(k, v)| (k.as_ref(), v)).collect(),
                };
                self.out.push('{');
                for (i, (key, item)) in ordered.into_iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline(depth + 1);
                    self.string(key);
                    self.out.push(':');
                    if self.style.indent > 0 {
                        self.out.push(' ');
                    }
                    self.value(item, depth + 1)?;
                }
                self.newline(depth);
                self.out.push('}');
            }
            // Nil is handled above; functions never come from serde data.
            _ => self.out.push_str("null"),
        }
        Ok(())
    }

    fn string(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                // Go 1.19 (podman 4.3's toolchain) writes \b and \f as \u0008 and \u000c too.
                c if (c as u32) < 0x20 => {
                    let b = c as u32 as usize;
                    self.out.push_str("\\u00");
                    self.out.push(char::from(HEX[b >> 4]));
                    self.out.push(char::from(HEX[b & 0xf]));
                }
                '<' | '>' | '&' if self.style.escape_html => {
                    let _ = write!(self.out, "\\u00{:02x}", c as u32);
                }
                // Go always escapes these two: they end lines in JavaScript.
                '\u{2028}' => self.out.push_str("\\u2028"),
                '\u{2029}' => self.out.push_str("\\u2029"),
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::super::value::to_value;
    use super::*;
    use serde::Serialize;
    use std::collections::HashMap;

    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Image {
        id: String,
        size: u64,
        #[serde(serialize_with = "super::super::value::serialize_nil_map")]
        labels: Option<HashMap<String, String>>,
        names: Vec<String>,
        empty: Vec<String>,
        ratio: f64,
    }

    fn sample() -> Image {
        let mut labels = HashMap::new();
        labels.insert("foo".to_string(), "bar".to_string());
        labels.insert("a.b".to_string(), "x<y".to_string());
        Image {
            id: "1a01".into(),
            size: 11370,
            labels: Some(labels),
            names: vec!["localhost/test:latest".into()],
            empty: vec![],
            ratio: 0.5,
        }
    }

    fn encode_value<T: Serialize>(v: &T, style: JsonStyle) -> String {
        let mut shapes = Shapes::default();
        let value = to_value(v, &mut shapes).unwrap();
        encode(&value, &shapes, style).unwrap()
    }

    #[test]
    fn marshal_indent_4_matches_podman_images_layout() {
        let want = r#"[
    {
        "Id": "1a01",
        "Size": 11370,
        "Labels": {
            "a.b": "x\u003cy",
            "foo": "bar"
        },
        "Names": [
            "localhost/test:latest"
        ],
        "Empty": [],
        "Ratio": 0.5
    }
]"#;
        assert_eq!(encode_value(&vec![sample()], JsonStyle::INDENT_4), want);
    }

    #[test]
    fn inspect_style_uses_five_spaces_and_keeps_html() {
        let want = "{\n     \"Id\": \"1a01\",\n     \"Size\": 11370,\n     \"Labels\": {\n          \"a.b\": \"x<y\",\n          \"foo\": \"bar\"\n     },\n     \"Names\": [\n          \"localhost/test:latest\"\n     ],\n     \"Empty\": [],\n     \"Ratio\": 0.5\n}";
        assert_eq!(encode_value(&sample(), JsonStyle::INSPECT), want);
    }

    #[test]
    fn compact_nil_and_escapes() {
        let mut image = sample();
        image.labels = None;
        image.id = "a\"b\\c\n\u{1}\u{8}\u{2028}<&>".into();
        assert_eq!(
            encode_value(&image, JsonStyle::TEMPLATE_FUNC),
            r#"{"Id":"a\"b\\c\n\u0001\u0008\u2028<&>","Size":11370,"Labels":null,"Names":["localhost/test:latest"],"Empty":[],"Ratio":0.5}"#
        );
        assert_eq!(
            encode_value(&Vec::<Image>::new(), JsonStyle::INDENT_4),
            "[]"
        );
    }

    #[test]
    fn nan_is_refused() {
        let mut image = sample();
        image.ratio = f64::NAN;
        let mut shapes = Shapes::default();
        let value = to_value(&image, &mut shapes).unwrap();
        assert!(encode(&value, &shapes, JsonStyle::INDENT_2).is_err());
    }
}
