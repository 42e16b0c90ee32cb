//! Structural checks that Go's template parser makes and gotmpl's parser does not.
//!
//! gotmpl closes unterminated `{{if}}`/`{{range}}` blocks at the end of input, stops at a
//! stray `{{end}}` (silently dropping the rest), and accepts newlines inside quoted
//! strings. Podman relies on Go rejecting these: `\n` in a format is expanded before
//! parsing, and only when that parse fails is the unexpanded text tried. So the shape of
//! the template is checked here first, with Go's error messages.

/// A parse problem at a byte offset of the template text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScanError {
    pub offset: usize,
    pub message: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    If,
    Range,
    With,
    Define,
}

struct Open {
    block: Block,
    seen_plain_else: bool,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Check delimiters, quoting and block nesting of `text`, the way Go's lexer and parser
/// would report them (first problem only).
pub(crate) fn check(text: &str) -> Result<(), ScanError> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Open> = Vec::new();
    let mut pos = 0;
    while let Some(found) = text[pos..].find("{{") {
        let start = pos + found;
        let mut i = start + 2;
        if bytes.get(i) == Some(&b'-') && bytes.get(i + 1).is_some_and(|b| is_space(*b)) {
            i += 2;
        }
        if text[i..].starts_with("/*") {
            pos = skip_comment(text, start, i)?;
            continue;
        }
        let action = lex_action(text, start, i)?;
        pos = action.end;
        apply(&mut stack, &action, start)?;
    }
    if !stack.is_empty() {
        return Err(ScanError {
            offset: text.len(),
            message: "unexpected EOF".into(),
        });
    }
    Ok(())
}

/// Skip `/* … */` and the closing delimiter; return the offset after it.
fn skip_comment(text: &str, start: usize, open: usize) -> Result<usize, ScanError> {
    let Some(close) = text[open + 2..].find("*/") else {
        return Err(ScanError {
            offset: start,
            message: "unclosed comment".into(),
        });
    };
    let mut i = open + 2 + close + 2;
    let bytes = text.as_bytes();
    if bytes.get(i).is_some_and(|b| is_space(*b)) && bytes.get(i + 1) == Some(&b'-') {
        i += 2;
    }
    if text[i..].starts_with("}}") {
        Ok(i + 2)
    } else {
        Err(ScanError {
            offset: start,
            message: "comment ends before closing delimiter".into(),
        })
    }
}

struct Action<'a> {
    keyword: &'a str,
    /// whether anything follows the keyword inside the action
    has_operand: bool,
    /// the word after the keyword (`if` in `else if`)
    second_word: &'a str,
    end: usize,
}

fn word_at(text: &str, mut i: usize) -> (&str, usize) {
    let bytes = text.as_bytes();
    while bytes.get(i).is_some_and(|b| is_space(*b)) {
        i += 1;
    }
    let begin = i;
    while bytes.get(i).is_some_and(|b| is_word(*b)) {
        i += 1;
    }
    (&text[begin..i], i)
}

/// Lex one action from just after `{{` (and its trim marker) to just after `}}`.
fn lex_action(text: &str, start: usize, body: usize) -> Result<Action<'_>, ScanError> {
    let bytes = text.as_bytes();
    let (keyword, after_keyword) = word_at(text, body);
    let (second_word, _) = word_at(text, after_keyword);
    let mut i = body;
    let mut close_at = None;
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' => {
                let quote = bytes[i];
                let what = if quote == b'"' {
                    "unterminated quoted string"
                } else {
                    "unterminated character constant"
                };
                i += 1;
                loop {
                    match bytes.get(i) {
                        None | Some(b'\n') => {
                            return Err(ScanError {
                                offset: start,
                                message: what.into(),
                            });
                        }
                        Some(b'\\') => i += 2,
                        Some(b) if *b == quote => break,
                        Some(_) => i += 1,
                    }
                }
                i += 1;
            }
            b'`' => match text[i + 1..].find('`') {
                Some(len) => i += len + 2,
                None => {
                    return Err(ScanError {
                        offset: start,
                        message: "unterminated raw quoted string".into(),
                    });
                }
            },
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                close_at = Some(i);
                break;
            }
            _ => i += 1,
        }
    }
    let Some(close) = close_at else {
        return Err(ScanError {
            offset: start,
            message: "unclosed action".into(),
        });
    };
    let mut inner_end = close;
    if inner_end >= 2 && bytes[inner_end - 1] == b'-' && is_space(bytes[inner_end - 2]) {
        inner_end -= 2;
    }
    let operand_start = after_keyword.min(inner_end);
    let has_operand = text[operand_start..inner_end].bytes().any(|b| !is_space(b));
    Ok(Action {
        keyword,
        has_operand,
        second_word,
        end: close + 2,
    })
}

fn apply(stack: &mut Vec<Open>, action: &Action<'_>, start: usize) -> Result<(), ScanError> {
    let error = |message: String| {
        Err(ScanError {
            offset: start,
            message,
        })
    };
    let open = |stack: &mut Vec<Open>, block| {
        stack.push(Open {
            block,
            seen_plain_else: false,
        });
    };
    match action.keyword {
        kw @ ("if" | "range" | "with") => {
            if !action.has_operand {
                return error(format!("missing value for {kw}"));
            }
            let block = match kw {
                "if" => Block::If,
                "range" => Block::Range,
                _ => Block::With,
            };
            open(stack, block);
        }
        // Go only takes definitions at the top level; elsewhere `define` is no command.
        "define" if !stack.is_empty() => {
            return error("unexpected <define> in command".into());
        }
        "define" | "block" => open(stack, Block::Define),
        "else" => match stack.last_mut() {
            Some(top) if top.block != Block::Define => {
                if top.seen_plain_else {
                    return error("expected end; found {{else}}".into());
                }
                if action.second_word != "if" && action.second_word != "with" {
                    top.seen_plain_else = true;
                }
            }
            _ => return error("unexpected {{else}}".into()),
        },
        "end" => {
            let closed = stack.pop();
            if closed.is_none() {
                return error("unexpected {{end}}".into());
            }
        }
        kw @ ("break" | "continue") => {
            let in_range = stack
                .iter()
                .rev()
                .take_while(|o| o.block != Block::Define)
                .any(|o| o.block == Block::Range);
            if !in_range {
                return error(format!("{{{{{kw}}}}} outside {{{{range}}}}"));
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> Option<String> {
        check(text).err().map(|e| e.message)
    }

    #[test]
    fn accepts_well_formed_templates() {
        for ok in [
            "{{range .}}{{.ID}}\n{{end -}}",
            "{{if .A}}a{{else if .B}}b{{else}}c{{end}}",
            "{{range .}}{{else}}\n{{end -}}",
            "{{/* }} {{end}} */}}x",
            "{{- /* c */ -}}",
            r#"{{printf "}}{{end}}" .X}}"#,
            "{{printf `a\nb`}}",
            r#"{{"a\"b"}}"#,
            "{{range .}}{{break}}{{end}}",
            "{{define \"x\"}}y{{end}}{{template \"x\"}}",
            "no actions at all",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok:?}");
        }
    }

    #[test]
    fn reports_what_go_reports() {
        assert_eq!(
            message("{{range .Names}}").as_deref(),
            Some("unexpected EOF")
        );
        assert_eq!(message("x{{end}}").as_deref(), Some("unexpected {{end}}"));
        assert_eq!(message("{{else}}").as_deref(), Some("unexpected {{else}}"));
        assert_eq!(
            message("{{if .ID}}{{else}}{{else}}{{end}}").as_deref(),
            Some("expected end; found {{else}}")
        );
        assert_eq!(message("{{if}}").as_deref(), Some("missing value for if"));
        assert_eq!(
            message("{{ range -}}").as_deref(),
            Some("missing value for range")
        );
        assert_eq!(
            message("{{\"abc}}").as_deref(),
            Some("unterminated quoted string")
        );
        assert_eq!(
            message("{{printf \"\n\"}}").as_deref(),
            Some("unterminated quoted string")
        );
        assert_eq!(message("{{.ID").as_deref(), Some("unclosed action"));
        assert_eq!(message("{{/* x").as_deref(), Some("unclosed comment"));
        assert_eq!(
            message("{{break}}").as_deref(),
            Some("{{break}} outside {{range}}")
        );
        assert_eq!(
            message("{{range .}}{{define \"x\"}}{{end}}{{end}}").as_deref(),
            Some("unexpected <define> in command")
        );
    }

    #[test]
    fn error_offsets_point_at_the_action() {
        let err = check("ab\n{{end}}").unwrap_err();
        assert_eq!(err.offset, 3);
    }
}
