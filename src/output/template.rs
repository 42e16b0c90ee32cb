//! Go text/template semantics on top of gotmpl, as podman's formatter uses them.
//!
//! gotmpl executes the templates, but a few Go behaviours need type knowledge it lacks, so
//! the parsed tree is rewritten before execution:
//! - every field access `.A.B`, `$x.A`, `(pipe).A` becomes a call to `__field`, which knows
//!   (from [`Shapes`]) whether it is looking into a struct (missing field: error) or a map
//!   (missing key: `<no value>`), and reports errors with Go's position and context;
//! - every call of podman's functions gets its call-site number as first argument, so
//!   argument errors can name the argument the way Go does;
//! - every printed action ends in `__print`, which formats values as Go's `fmt` does;
//! - unknown functions and variables are parse errors, as in Go.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use gotmpl::parse::{
    ActionNode, BranchNode, CommandNode, DefineNode, Expr, ListNode, Node, Number, Parser,
    PipeNode, Pos, SmolStr, TemplateNode,
};
use gotmpl::{TemplateError, Value};

use super::json::{self, JsonStyle};
use super::scan;
use super::units::{go_format_float_g, go_title, go_to_lower, go_to_upper};
use super::value::{Map, Shapes};

const FIELD_FUNC: &str = "__field";
const PRINT_FUNC: &str = "__print";
/// Turns lists, maps and structs into Go's printed form before gotmpl's `printf`, which
/// only knows how to format scalars the way Go does.
const GOVAL_FUNC: &str = "__goval";
const FAIL_FUNC: &str = "__fail";
const RANGE_FUNC: &str = "__range";

fn is_printf(command: &CommandNode) -> bool {
    matches!(command.args.first(), Some(Expr::Identifier(_, name)) if name == "printf")
}

/// Functions implemented here: podman's report.DefaultFuncs, plus Go builtins whose
/// gotmpl versions differ from Go for our data (`index` gives nil instead of the zero
/// value for a missing key; `print`/`println` format composites and spacing differently).
const OUR_FUNCS: &[&str] = &[
    "index", "join", "json", "len", "lower", "pad", "print", "println", "split", "title",
    "truncate", "upper",
];

/// Go's builtins that gotmpl provides as they are.
const GO_BUILTINS: &[&str] = &[
    "and", "call", "eq", "ge", "gt", "html", "js", "le", "lt", "ne", "not", "or", "printf",
    "slice", "urlquery",
];

/// A place in the template that a rewritten call reports errors against.
#[derive(Debug)]
enum Site {
    Field {
        offset: usize,
        context: String,
        chain: Vec<SmolStr>,
    },
    Call {
        name: SmolStr,
        ident_offset: usize,
        command_offset: usize,
        command_context: String,
        /// each explicit argument as Go's error messages see it
        args: Vec<ArgSite>,
    },
    /// the value a `{{range}}` iterates over
    Range { offset: usize, context: String },
    /// something Go only rejects when execution reaches it
    Fail {
        offset: usize,
        context: String,
        message: String,
    },
}

#[derive(Debug)]
struct ArgSite {
    offset: usize,
    /// Go's `Node.String()` of the argument
    context: String,
    /// a constant (string, number, bool, nil), which Go type-checks with other messages
    literal: bool,
}

/// A parsed and rewritten template, ready to run on any data.
#[derive(Debug)]
pub(crate) struct Program {
    name: String,
    source: String,
    tree: ListNode,
    defines: Vec<DefineNode>,
    sites: Vec<Site>,
    /// first components of the `.Field` chains, for the header row when there is no item
    pub fields: BTreeSet<String>,
}

/// Parse `text` as Go would, with Go-style error messages.
pub(crate) fn compile(name: &str, text: &str) -> Result<Program, String> {
    let parsed = Parser::with_name(Some(name), text, "{{", "}}").and_then(|p| p.parse());
    let scanned = scan::check(text);
    let (tree, defines) = match (parsed, scanned) {
        (Ok(parsed), Ok(())) => parsed,
        (Err(parse_error), Ok(())) => return Err(parse_error_message(name, &parse_error)),
        (Ok(_), Err(scan_error)) => return Err(scan_message(name, text, &scan_error)),
        (Err(parse_error), Err(scan_error)) => {
            let scan_line = line_col(text, scan_error.offset);
            return match parse_error_position(&parse_error) {
                Some(parse_at) if parse_at < scan_line => {
                    Err(parse_error_message(name, &parse_error))
                }
                _ => Err(scan_message(name, text, &scan_error)),
            };
        }
    };
    let mut templates: BTreeSet<String> = defines.iter().map(|d| d.name.to_string()).collect();
    templates.insert(name.to_string());
    let mut rewriter = Rewriter {
        source: text,
        templates,
        sites: Vec::new(),
        fields: BTreeSet::new(),
        vars: vec!["$".into()],
        error: None,
    };
    let tree = rewriter.list(tree);
    let defines: Vec<DefineNode> = defines
        .into_iter()
        .map(|define| {
            let saved = std::mem::replace(&mut rewriter.vars, vec!["$".into()]);
            let body = rewriter.list(define.body);
            rewriter.vars = saved;
            DefineNode { body, ..define }
        })
        .collect();
    if let Some((offset, message)) = rewriter.error {
        let (line, _) = line_col(text, offset);
        return Err(format!("template: {name}:{line}: {message}"));
    }
    Ok(Program {
        name: name.to_string(),
        source: text.to_string(),
        tree,
        defines,
        sites: rewriter.sites,
        fields: rewriter.fields,
    })
}

/// Go's 1-based line and 0-based byte column of `offset`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = 1 + before.bytes().filter(|b| *b == b'\n').count();
    let col = match before.rfind('\n') {
        Some(newline) => offset - newline - 1,
        None => offset,
    };
    (line, col)
}

fn scan_message(name: &str, text: &str, error: &scan::ScanError) -> String {
    let (line, _) = line_col(text, error.offset);
    format!("template: {name}:{line}: {}", error.message)
}

fn parse_error_position(error: &TemplateError) -> Option<(usize, usize)> {
    match error {
        TemplateError::Parse { line, col, .. } | TemplateError::Lex { line, col, .. } => {
            Some((*line, col.saturating_sub(1)))
        }
        _ => None,
    }
}

/// Go reports parse errors with the line only, and calls stray characters "bad character".
fn parse_error_message(name: &str, error: &TemplateError) -> String {
    match error {
        TemplateError::Parse { line, message, .. } | TemplateError::Lex { line, message, .. } => {
            let message = bad_character(message).unwrap_or_else(|| message.clone());
            format!("template: {name}:{line}: {message}")
        }
        other => format!("template: {name}: {other}"),
    }
}

fn bad_character(message: &str) -> Option<String> {
    let quoted = message
        .strip_prefix("unexpected character: '")?
        .strip_suffix('\'')?;
    let mut chars = quoted.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(format!("bad character U+{:04X} '{c}'", c as u32))
}

struct Rewriter<'a> {
    source: &'a str,
    /// names of the `{{define}}`d templates and the template itself
    templates: BTreeSet<String>,
    sites: Vec<Site>,
    fields: BTreeSet<String>,
    vars: Vec<SmolStr>,
    /// first undefined function or variable, as Go's parser would report it
    error: Option<(usize, String)>,
}

fn ident(pos: Pos, name: &str) -> Expr {
    Expr::Identifier(pos, SmolStr::new(name))
}

fn site_number(pos: Pos, site: usize) -> Expr {
    Expr::Number(pos, Number::Int(site as i64))
}

fn call_expr(pos: Pos, args: Vec<Expr>) -> Expr {
    Expr::Pipe(
        pos,
        PipeNode {
            pos,
            decl: Vec::new(),
            commands: vec![CommandNode { pos, args }],
            is_assign: false,
        },
    )
}

impl Rewriter<'_> {
    fn fail(&mut self, offset: usize, message: String) {
        if self.error.as_ref().is_none_or(|(at, _)| offset < *at) {
            self.error = Some((offset, message));
        }
    }

    fn add_site(&mut self, site: Site) -> usize {
        self.sites.push(site);
        self.sites.len() - 1
    }

    fn list(&mut self, list: ListNode) -> ListNode {
        let nodes = list.nodes.into_iter().map(|node| self.node(node)).collect();
        ListNode {
            pos: list.pos,
            nodes,
        }
    }

    fn node(&mut self, node: Node) -> Node {
        match node {
            Node::Action(action) => {
                let mut pipe = self.pipe(action.pipe);
                if pipe.decl.is_empty() {
                    let pos = pipe.pos;
                    pipe.commands.push(CommandNode {
                        pos,
                        args: vec![ident(pos, PRINT_FUNC)],
                    });
                }
                Node::Action(ActionNode {
                    pos: action.pos,
                    pipe,
                })
            }
            Node::If(branch) => Node::If(self.branch(branch)),
            Node::Range(branch) => Node::Range(self.range(branch)),
            Node::With(branch) => Node::With(self.branch(branch)),
            Node::Template(call) if !self.templates.contains(call.name.as_str()) => {
                self.undefined_template(call)
            }
            Node::Template(call) => Node::Template(TemplateNode {
                pipe: call.pipe.map(|pipe| self.pipe(pipe)),
                ..call
            }),
            Node::List(list) => Node::List(self.list(list)),
            other => other,
        }
    }

    /// `{{template "nope"}}` fails when reached, as in Go, instead of gotmpl's error.
    fn undefined_template(&mut self, call: TemplateNode) -> Node {
        let rest = self.source.get(call.pos.offset..).unwrap_or("");
        let name_at = call.pos.offset + rest.find(['"', '`']).unwrap_or(0);
        let pipe = match &call.pipe {
            Some(pipe) => format!(" {}", self.pipe_context(pipe)),
            None => String::new(),
        };
        let site = self.add_site(Site::Fail {
            offset: name_at,
            context: format!("{{{{template {:?}{pipe}}}}}", call.name.as_str()),
            message: format!("template {:?} not defined", call.name.as_str()),
        });
        let pos = call.pos;
        Node::Action(ActionNode {
            pos,
            pipe: PipeNode {
                pos,
                decl: Vec::new(),
                commands: vec![CommandNode {
                    pos,
                    args: vec![ident(pos, FAIL_FUNC), site_number(pos, site)],
                }],
                is_assign: false,
            },
        })
    }

    /// Go ranges over lists and maps only; gotmpl would also range over structs and ints.
    /// Go blames the last node the pipeline evaluated, which is its last argument.
    fn range(&mut self, branch: BranchNode) -> BranchNode {
        let (offset, context) = match branch.pipe.commands.last() {
            Some(last) => match last.args.last() {
                Some(arg) => (self.arg_offset(arg), self.expr_context(arg)),
                None => (last.pos.offset, String::new()),
            },
            None => (branch.pipe.pos.offset, String::new()),
        };
        let mut branch = self.branch(branch);
        let site = self.add_site(Site::Range { offset, context });
        let pos = branch.pipe.pos;
        branch.pipe.commands.push(CommandNode {
            pos,
            args: vec![ident(pos, RANGE_FUNC), site_number(pos, site)],
        });
        branch
    }

    fn branch(&mut self, branch: BranchNode) -> BranchNode {
        let scope = self.vars.len();
        let pipe = self.pipe(branch.pipe);
        let body = self.list(branch.body);
        let else_body = branch.else_body.map(|list| self.list(list));
        self.vars.truncate(scope);
        BranchNode {
            pos: branch.pos,
            pipe,
            body,
            else_body,
        }
    }

    fn pipe(&mut self, pipe: PipeNode) -> PipeNode {
        // Go declares the variables before parsing the commands.
        if !pipe.is_assign {
            self.vars.extend(pipe.decl.iter().cloned());
        }
        // Assigning to an undeclared variable fails once the value is computed.
        let undeclared = pipe
            .decl
            .iter()
            .find(|v| pipe.is_assign && !self.vars.contains(v))
            .cloned();
        let last_arg = pipe.commands.last().and_then(|c| c.args.last());
        let fail_at = undeclared.map(|var| {
            let (offset, context) = match last_arg {
                Some(arg) => (self.arg_offset(arg), self.expr_context(arg)),
                None => (pipe.pos.offset, String::new()),
            };
            self.add_site(Site::Fail {
                offset,
                context,
                message: format!("undefined variable: {var}"),
            })
        });
        let mut commands = Vec::with_capacity(pipe.commands.len() + 1);
        for (i, command) in pipe.commands.into_iter().enumerate() {
            // A value piped into printf goes through __goval first.
            if i > 0 && is_printf(&command) {
                let pos = command.pos;
                commands.push(CommandNode {
                    pos,
                    args: vec![ident(pos, GOVAL_FUNC)],
                });
            }
            commands.push(self.command(command));
        }
        if let Some(site) = fail_at {
            let pos = pipe.pos;
            commands.push(CommandNode {
                pos,
                args: vec![ident(pos, FAIL_FUNC), site_number(pos, site)],
            });
        }
        PipeNode { commands, ..pipe }
    }

    fn command(&mut self, command: CommandNode) -> CommandNode {
        let context = self.command_context(&command);
        let mut args = command.args.into_iter();
        let Some(first) = args.next() else {
            return CommandNode {
                pos: command.pos,
                args: Vec::new(),
            };
        };
        let Expr::Identifier(ident_pos, name) = first else {
            let mut rewritten = vec![self.expr(first)];
            rewritten.extend(args.map(|a| self.expr(a)));
            return CommandNode {
                pos: command.pos,
                args: rewritten,
            };
        };
        let rest: Vec<Expr> = args.collect();
        if OUR_FUNCS.contains(&name.as_str()) {
            let arg_sites = rest
                .iter()
                .map(|a| ArgSite {
                    offset: self.arg_offset(a),
                    context: self.expr_context(a),
                    literal: matches!(
                        a,
                        Expr::String(..) | Expr::Number(..) | Expr::Bool(..) | Expr::Nil(..)
                    ),
                })
                .collect();
            let site = self.add_site(Site::Call {
                name: name.clone(),
                ident_offset: ident_pos.offset,
                command_offset: command.pos.offset,
                command_context: context,
                args: arg_sites,
            });
            let mut rewritten = vec![
                Expr::Identifier(ident_pos, name),
                site_number(ident_pos, site),
            ];
            rewritten.extend(rest.into_iter().map(|a| self.expr(a)));
            return CommandNode {
                pos: command.pos,
                args: rewritten,
            };
        }
        if !GO_BUILTINS.contains(&name.as_str()) {
            self.fail(ident_pos.offset, format!("function \"{name}\" not defined"));
        }
        // printf's format stays as it is; the values go through __goval.
        let plain_args = if name == "printf" { 1 } else { usize::MAX };
        let mut rewritten = vec![Expr::Identifier(ident_pos, name)];
        for (i, arg) in rest.into_iter().enumerate() {
            let arg = self.expr(arg);
            rewritten.push(if i >= plain_args {
                let pos = arg.pos();
                call_expr(pos, vec![ident(pos, GOVAL_FUNC), arg])
            } else {
                arg
            });
        }
        CommandNode {
            pos: command.pos,
            args: rewritten,
        }
    }

    fn expr(&mut self, expr: Expr) -> Expr {
        match expr {
            Expr::Field(pos, chain) => {
                if let Some(first) = chain.first() {
                    self.fields.insert(first.to_string());
                }
                let offset = pos.offset + chain_head_len(&chain);
                let context = field_text(&chain);
                let site = self.add_site(Site::Field {
                    offset,
                    context,
                    chain,
                });
                call_expr(
                    pos,
                    vec![
                        ident(pos, FIELD_FUNC),
                        site_number(pos, site),
                        Expr::Dot(pos),
                    ],
                )
            }
            Expr::Variable(pos, name, chain) => {
                if !self.vars.contains(&name) {
                    self.fail(pos.offset, format!("undefined variable \"{name}\""));
                }
                if chain.is_empty() {
                    return Expr::Variable(pos, name, chain);
                }
                // Go positions the node at the first field after the variable.
                let offset = pos.offset + name.len();
                let context = format!("{name}{}", field_text(&chain));
                let site = self.add_site(Site::Field {
                    offset,
                    context,
                    chain,
                });
                let base = Expr::Variable(pos, name, Vec::new());
                call_expr(
                    pos,
                    vec![ident(pos, FIELD_FUNC), site_number(pos, site), base],
                )
            }
            Expr::Chain(pos, inner, chain) => {
                let context = format!("{}{}", self.expr_context(&inner), field_text(&chain));
                let site = self.add_site(Site::Field {
                    offset: pos.offset,
                    context,
                    chain,
                });
                let base = self.expr(*inner);
                call_expr(
                    pos,
                    vec![ident(pos, FIELD_FUNC), site_number(pos, site), base],
                )
            }
            Expr::Pipe(pos, pipe) => Expr::Pipe(pos, self.pipe(pipe)),
            Expr::Identifier(pos, name) => {
                if OUR_FUNCS.contains(&name.as_str()) {
                    let site = self.add_site(Site::Call {
                        name: name.clone(),
                        ident_offset: pos.offset,
                        command_offset: pos.offset,
                        command_context: name.to_string(),
                        args: Vec::new(),
                    });
                    return call_expr(
                        pos,
                        vec![Expr::Identifier(pos, name), site_number(pos, site)],
                    );
                }
                if !GO_BUILTINS.contains(&name.as_str()) {
                    self.fail(pos.offset, format!("function \"{name}\" not defined"));
                }
                Expr::Identifier(pos, name)
            }
            other => other,
        }
    }

    /// Where Go places an argument node: a multi-field chain sits at its second field.
    fn arg_offset(&self, expr: &Expr) -> usize {
        match expr {
            Expr::Field(pos, chain) => pos.offset + chain_head_len(chain),
            Expr::Variable(pos, name, chain) if !chain.is_empty() => pos.offset + name.len(),
            other => other.pos().offset,
        }
    }

    /// Go's `Node.String()` of an argument, used as error context.
    fn expr_context(&self, expr: &Expr) -> String {
        match expr {
            Expr::Dot(_) => ".".into(),
            Expr::Field(_, chain) => field_text(chain),
            Expr::Variable(_, name, chain) => format!("{name}{}", field_text(chain)),
            Expr::Identifier(_, name) => name.to_string(),
            Expr::String(pos, _) | Expr::Number(pos, _) => self.literal_text(pos.offset),
            Expr::Bool(_, b) => b.to_string(),
            Expr::Nil(_) => "nil".into(),
            Expr::Pipe(_, pipe) => format!("({})", self.pipe_context(pipe)),
            Expr::Chain(_, inner, chain) => {
                format!("{}{}", self.expr_context(inner), field_text(chain))
            }
        }
    }

    fn pipe_context(&self, pipe: &PipeNode) -> String {
        let mut out = String::new();
        if !pipe.decl.is_empty() {
            let names: Vec<&str> = pipe.decl.iter().map(|d| d.as_str()).collect();
            let op = if pipe.is_assign { "=" } else { ":=" };
            let _ = write!(out, "{} {op} ", names.join(", "));
        }
        let commands: Vec<String> = pipe
            .commands
            .iter()
            .map(|c| self.command_context(c))
            .collect();
        out.push_str(&commands.join(" | "));
        out
    }

    fn command_context(&self, command: &CommandNode) -> String {
        let args: Vec<String> = command.args.iter().map(|a| self.expr_context(a)).collect();
        args.join(" ")
    }

    /// The source text of a string or number literal starting at `offset`.
    fn literal_text(&self, offset: usize) -> String {
        let rest = self.source.get(offset..).unwrap_or("");
        let bytes = rest.as_bytes();
        let end = match bytes.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let mut i = 1;
                while i < bytes.len() && bytes[i] != q {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                (i + 1).min(bytes.len())
            }
            Some(b'`') => rest[1..].find('`').map_or(rest.len(), |i| i + 2),
            _ => rest
                .find(|c: char| c.is_whitespace() || matches!(c, '}' | ')' | '|'))
                .unwrap_or(rest.len()),
        };
        rest[..end].to_string()
    }
}

/// Where Go places a field chain relative to its start: a multi-field node sits at its
/// second field (after `.A` in `.A.B`), a single field at itself.
fn chain_head_len(chain: &[SmolStr]) -> usize {
    match chain {
        [first, _, ..] => first.len() + 1,
        _ => 0,
    }
}

fn field_text(chain: &[SmolStr]) -> String {
    let mut out = String::new();
    for component in chain {
        out.push('.');
        out.push_str(component);
    }
    out
}

/// What the functions need to know of the program to report errors.
struct ProgramInfo {
    name: String,
    source: String,
    sites: Vec<Site>,
}

/// State shared by the functions of one execution.
struct Runtime {
    program: Arc<ProgramInfo>,
    shapes: Shapes,
    /// the Go-formatted error of the first failing function; gotmpl only carries its own
    failure: Mutex<Option<String>>,
}

/// A failure inside one of our functions, before it is given Go's position and context.
enum FuncError {
    /// wrong number of arguments: reported at the function name
    ArgCount { want: usize, got: usize },
    /// argument `index` (0-based, the piped value last) is not of the `expected` Go type;
    /// `got` is its Go type, `None` for a missing value
    ArgType {
        index: usize,
        expected: &'static str,
        got: Option<String>,
    },
    /// the function ran and failed: reported at the whole command
    Call(String),
}

impl Runtime {
    fn record(&self, offset: usize, context: &str, message: &str) -> TemplateError {
        let name = &self.program.name;
        let (line, col) = line_col(&self.program.source, offset);
        let text = format!(
            "template: {name}:{line}:{col}: executing \"{name}\" at <{context}>: {message}"
        );
        if let Ok(mut slot) = self.failure.lock()
            && slot.is_none()
        {
            *slot = Some(text.clone());
        }
        TemplateError::Exec(text)
    }

    /// The call site a rewritten call passes as its first argument.
    fn site(&self, args: &[Value]) -> Option<&Site> {
        match args.first()? {
            Value::Int(i) => self.program.sites.get(usize::try_from(*i).ok()?),
            _ => None,
        }
    }

    fn field(&self, args: &[Value]) -> Result<Value, TemplateError> {
        let Some(Site::Field {
            offset,
            context,
            chain,
        }) = self.site(args)
        else {
            return Err(TemplateError::Exec(
                "field access without its call site".into(),
            ));
        };
        let mut value = args.get(1).cloned().unwrap_or(Value::Nil);
        for component in chain {
            value = match &value {
                Value::Map(map) => match self.shapes.struct_shape(map) {
                    Some(shape) => match map.get(component.as_str()) {
                        Some(found) => found.clone(),
                        None => {
                            let message =
                                format!("can't evaluate field {component} in type {}", shape.name);
                            return Err(self.record(*offset, context, &message));
                        }
                    },
                    None if self.shapes.is_nil(&value) => Value::Nil,
                    None => map.get(component.as_str()).cloned().unwrap_or(Value::Nil),
                },
                Value::Nil => Value::Nil,
                other => {
                    let message = format!(
                        "can't evaluate field {component} in type {}",
                        self.shapes.go_type_name(other)
                    );
                    return Err(self.record(*offset, context, &message));
                }
            };
        }
        Ok(value)
    }

    /// Pass on a value `{{range}}` can iterate over, or fail as Go does.
    fn range_target(&self, args: &[Value]) -> Result<Value, TemplateError> {
        let value = args.last().cloned().unwrap_or(Value::Nil);
        let iterable = match &value {
            Value::Nil | Value::List(_) => true,
            v if self.shapes.is_nil_pointer(v) => false,
            Value::Map(map) => self.shapes.struct_shape(map).is_none(),
            _ => false,
        };
        if iterable {
            return Ok(value);
        }
        let Some(Site::Range { offset, context }) = self.site(args) else {
            return Err(TemplateError::Exec("range without its call site".into()));
        };
        let mut printed = String::new();
        go_print(&value, &self.shapes, &mut printed);
        let message = format!("range can't iterate over {printed}");
        Err(self.record(*offset, context, &message))
    }

    fn fail(&self, args: &[Value]) -> Result<Value, TemplateError> {
        match self.site(args) {
            Some(Site::Fail {
                offset,
                context,
                message,
            }) => Err(self.record(*offset, context, message)),
            _ => Err(TemplateError::Exec("failure without its call site".into())),
        }
    }

    /// Composite values as Go's fmt prints them, for gotmpl's print functions.
    fn goval(&self, args: &[Value]) -> Result<Value, TemplateError> {
        let value = args.last().cloned().unwrap_or(Value::Nil);
        Ok(match &value {
            v if self.shapes.is_nil_pointer(v) => Value::Nil,
            Value::List(_) | Value::Map(_) => {
                let mut out = String::new();
                go_print(&value, &self.shapes, &mut out);
                Value::String(out.into())
            }
            _ => value,
        })
    }

    /// The last command of every printing action: the piped value as Go prints it.
    fn print(&self, args: &[Value]) -> Result<Value, TemplateError> {
        let value = args.last().unwrap_or(&Value::Nil);
        // gotmpl prints nil as "<no value>", which is what Go prints for a missing value.
        if matches!(value, Value::Nil) {
            return Ok(Value::Nil);
        }
        let mut out = String::new();
        go_print(value, &self.shapes, &mut out);
        Ok(Value::String(out.into()))
    }

    /// Run one of podman's functions and turn its failure into Go's message.
    fn call(
        &self,
        args: &[Value],
        f: impl Fn(&Runtime, &[Value]) -> Result<Value, FuncError>,
    ) -> Result<Value, TemplateError> {
        let Some(Site::Call {
            name,
            ident_offset,
            command_offset,
            command_context,
            args: arg_sites,
        }) = self.site(args)
        else {
            return Err(TemplateError::Exec(
                "function call without its call site".into(),
            ));
        };
        let values = &args[1..];
        match f(self, values) {
            Ok(value) => Ok(value),
            Err(FuncError::ArgCount { want, got }) => {
                let message = format!("wrong number of args for {name}: want {want} got {got}");
                Err(self.record(*ident_offset, name, &message))
            }
            Err(FuncError::ArgType {
                index,
                expected,
                got,
            }) => {
                let explicit = arg_sites.get(index);
                let message = match (explicit, got) {
                    // Go checks constants against the parameter type with its own wording.
                    (Some(arg), _) if arg.literal && arg.context == "nil" => {
                        format!("cannot assign nil to {expected}")
                    }
                    (Some(arg), _) if arg.literal => match expected {
                        "string" => format!("expected string; found {}", arg.context),
                        "int" => format!("expected integer; found {}", arg.context),
                        _ => format!("can't handle {} for arg of type {expected}", arg.context),
                    },
                    (_, None) => format!("invalid value; expected {expected}"),
                    (_, Some(got)) => {
                        format!("wrong type for value; expected {expected}; got {got}")
                    }
                };
                // A piped value has no node of its own: Go blames the last node it evaluated.
                let (offset, context) = match explicit.or(arg_sites.last()) {
                    Some(arg) => (arg.offset, arg.context.as_str()),
                    None => (*ident_offset, name.as_str()),
                };
                Err(self.record(offset, context, &message))
            }
            Err(FuncError::Call(message)) => {
                let message = format!("error calling {name}: {message}");
                Err(self.record(*command_offset, command_context, &message))
            }
        }
    }
}

/// Go's `fmt.Print` of a value: `[a b]`, `map[k:v]`, `{f1 f2}`, floats as `%v`.
fn go_print(value: &Value, shapes: &Shapes, out: &mut String) {
    match value {
        Value::Nil => out.push_str("<nil>"),
        Value::Map(_) if shapes.is_nil_pointer(value) => out.push_str("<nil>"),
        Value::String(s) => out.push_str(s),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Uint(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Float(f) => out.push_str(&go_format_float_g(*f, None)),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                go_print(item, shapes, out);
            }
            out.push(']');
        }
        Value::Map(map) => match shapes.struct_shape(map) {
            Some(shape) => {
                out.push('{');
                for (i, field) in shape.fields.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    go_print(map.get(field).unwrap_or(&Value::Nil), shapes, out);
                }
                out.push('}');
            }
            None => {
                out.push_str("map[");
                for (i, (key, item)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(key);
                    out.push(':');
                    go_print(item, shapes, out);
                }
                out.push(']');
            }
        },
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

fn want_args(values: &[Value], want: usize) -> Result<(), FuncError> {
    if values.len() == want {
        Ok(())
    } else {
        Err(FuncError::ArgCount {
            want,
            got: values.len(),
        })
    }
}

fn type_error(rt: &Runtime, index: usize, expected: &'static str, got: &Value) -> FuncError {
    let got = match got {
        Value::Nil => None,
        other => Some(rt.shapes.go_type_name(other)),
    };
    FuncError::ArgType {
        index,
        expected,
        got,
    }
}

fn string_arg<'v>(rt: &Runtime, values: &'v [Value], index: usize) -> Result<&'v str, FuncError> {
    match &values[index] {
        Value::String(s) => Ok(s),
        other => Err(type_error(rt, index, "string", other)),
    }
}

fn int_arg(rt: &Runtime, values: &[Value], index: usize) -> Result<i64, FuncError> {
    match &values[index] {
        Value::Int(n) => Ok(*n),
        Value::Uint(n) => {
            i64::try_from(*n).map_err(|_| type_error(rt, index, "int", &values[index]))
        }
        other => Err(type_error(rt, index, "int", other)),
    }
}

fn string_list_arg(
    rt: &Runtime,
    values: &[Value],
    index: usize,
) -> Result<Vec<Arc<str>>, FuncError> {
    match &values[index] {
        Value::List(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(Arc::clone(s)),
                _ => Err(type_error(rt, index, "[]string", &values[index])),
            })
            .collect(),
        other => Err(type_error(rt, index, "[]string", other)),
    }
}

fn string_value(s: impl Into<Arc<str>>) -> Value {
    Value::String(s.into())
}

fn func_join(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    want_args(v, 2)?;
    let items = string_list_arg(rt, v, 0)?;
    let separator = string_arg(rt, v, 1)?;
    let items: Vec<&str> = items.iter().map(|s| s.as_ref()).collect();
    Ok(string_value(items.join(separator)))
}

fn func_json(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    want_args(v, 1)?;
    // Go's encoder error is ignored by podman, leaving an empty string.
    let text = json::encode(&v[0], &rt.shapes, JsonStyle::TEMPLATE_FUNC).unwrap_or_default();
    Ok(string_value(text))
}

fn func_lower(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    want_args(v, 1)?;
    Ok(string_value(
        string_arg(rt, v, 0)?
            .chars()
            .map(go_to_lower)
            .collect::<String>(),
    ))
}

fn func_upper(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    want_args(v, 1)?;
    Ok(string_value(
        string_arg(rt, v, 0)?
            .chars()
            .map(go_to_upper)
            .collect::<String>(),
    ))
}

fn func_title(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    want_args(v, 1)?;
    Ok(string_value(go_title(string_arg(rt, v, 0)?)))
}

fn func_pad(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    want_args(v, 3)?;
    let source = string_arg(rt, v, 0)?;
    let prefix = int_arg(rt, v, 1)?;
    let suffix = int_arg(rt, v, 2)?;
    if source.is_empty() {
        return Ok(string_value(""));
    }
    let (Ok(prefix), Ok(suffix)) = (usize::try_from(prefix), usize::try_from(suffix)) else {
        return Err(FuncError::Call("strings: negative Repeat count".into()));
    };
    // Go's strings.Repeat panics (reported as an error of the call) on a length it
    // cannot allocate; the allocator failing here would abort burrow instead.
    let mut out = String::new();
    let length = prefix
        .checked_add(suffix)
        .and_then(|spaces| spaces.checked_add(source.len()));
    if length.is_none_or(|length| out.try_reserve_exact(length).is_err()) {
        return Err(FuncError::Call(
            "runtime error: makeslice: len out of range".into(),
        ));
    }
    out.extend(std::iter::repeat_n(' ', prefix));
    out.push_str(source);
    out.extend(std::iter::repeat_n(' ', suffix));
    Ok(string_value(out))
}

fn func_truncate(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    want_args(v, 2)?;
    let source = string_arg(rt, v, 0)?;
    let length = int_arg(rt, v, 1)?;
    let Ok(length) = usize::try_from(length) else {
        return Err(FuncError::Call(format!(
            "runtime error: slice bounds out of range [:{length}]"
        )));
    };
    if source.len() < length {
        return Ok(string_value(source));
    }
    // Go slices bytes; a cut inside a character leaves invalid UTF-8, shown replaced here.
    Ok(string_value(
        String::from_utf8_lossy(&source.as_bytes()[..length]).into_owned(),
    ))
}

fn func_split(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    want_args(v, 2)?;
    let source = string_arg(rt, v, 0)?;
    let separator = string_arg(rt, v, 1)?;
    let parts: Vec<Value> = if separator.is_empty() {
        source
            .chars()
            .map(|c| string_value(c.to_string()))
            .collect()
    } else {
        source.split(separator).map(string_value).collect()
    };
    Ok(Value::List(parts.into()))
}

/// Go's `len`, which refuses structs, numbers and missing values.
fn func_len(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    want_args(v, 1)?;
    let item = &v[0];
    let length = match item {
        Value::Nil => {
            return Err(FuncError::Call(
                "reflect: call of reflect.Value.Type on zero Value".into(),
            ));
        }
        v if rt.shapes.is_nil_pointer(v) => {
            return Err(FuncError::Call("len of nil pointer".into()));
        }
        Value::Map(map) if rt.shapes.struct_shape(map).is_none() => map.len(),
        Value::String(s) => s.len(),
        Value::List(items) => items.len(),
        other => {
            let message = format!("len of type {}", rt.shapes.go_type_name(other));
            return Err(FuncError::Call(message));
        }
    };
    Ok(Value::Int(length as i64))
}

/// Go's `fmt.Sprint`: operands printed as with `%v`, with a space between two operands
/// when neither is a string.
fn func_print(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    let mut out = String::new();
    for (i, value) in v.iter().enumerate() {
        let is_string = |v: &Value| matches!(v, Value::String(_));
        if i > 0 && !is_string(value) && !is_string(&v[i - 1]) {
            out.push(' ');
        }
        go_print(value, &rt.shapes, &mut out);
    }
    Ok(string_value(out))
}

/// Go's `fmt.Sprintln`: operands separated by spaces, then a newline.
fn func_println(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    let mut out = String::new();
    for (i, value) in v.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        go_print(value, &rt.shapes, &mut out);
    }
    out.push('\n');
    Ok(string_value(out))
}

/// Go's `index`: like gotmpl's, but a missing key of a map gives the map's zero value.
fn func_index(rt: &Runtime, v: &[Value]) -> Result<Value, FuncError> {
    if v.is_empty() {
        return Err(FuncError::ArgCount { want: 1, got: 0 });
    }
    let mut item = v[0].clone();
    for key in &v[1..] {
        item = match (&item, key) {
            (Value::Nil, _) => return Err(FuncError::Call("index of untyped nil".into())),
            (Value::Map(map), Value::String(k)) => {
                if let Some(shape) = rt.shapes.struct_shape(map) {
                    return Err(FuncError::Call(format!(
                        "can't index item of type {}",
                        shape.name
                    )));
                }
                match map.get(k.as_ref()) {
                    Some(found) => found.clone(),
                    None => zero_value_of(map),
                }
            }
            _ => item
                .index(key)
                .map_err(|e| FuncError::Call(exec_message(&e)))?,
        };
    }
    Ok(item)
}

/// The zero value of a map's element type, judged from its elements (string if empty).
fn zero_value_of(map: &Map) -> Value {
    match map.values().next() {
        Some(Value::Int(_)) => Value::Int(0),
        Some(Value::Uint(_)) => Value::Uint(0),
        Some(Value::Float(_)) => Value::Float(0.0),
        Some(Value::Bool(_)) => Value::Bool(false),
        Some(Value::String(_)) | None => string_value(""),
        Some(_) => Value::Nil,
    }
}

fn exec_message(error: &TemplateError) -> String {
    match error {
        TemplateError::Exec(message) => message.clone(),
        other => other.to_string(),
    }
}

type OurFunc = fn(&Runtime, &[Value]) -> Result<Value, FuncError>;

fn our_func(name: &str) -> Option<OurFunc> {
    Some(match name {
        "index" => func_index,
        "len" => func_len,
        "print" => func_print,
        "println" => func_println,
        "join" => func_join,
        "json" => func_json,
        "lower" => func_lower,
        "pad" => func_pad,
        "split" => func_split,
        "title" => func_title,
        "truncate" => func_truncate,
        "upper" => func_upper,
        _ => return None,
    })
}

/// A program bound to the data shapes of one render, runnable on several values (the
/// header row and the items) with the same functions.
pub(crate) struct Executable {
    runtime: Arc<Runtime>,
    template: gotmpl::Template,
}

impl Executable {
    pub fn new(program: Program, shapes: Shapes) -> Executable {
        let Program {
            name,
            source,
            tree,
            defines,
            sites,
            fields: _,
        } = program;
        let runtime = Arc::new(Runtime {
            program: Arc::new(ProgramInfo {
                name: name.clone(),
                source,
                sites,
            }),
            shapes,
            failure: Mutex::new(None),
        });
        let mut template = gotmpl::Template::new(&name).max_range_iters(u64::MAX);
        let rt = Arc::clone(&runtime);
        template = template.func(FIELD_FUNC, move |args| rt.field(args));
        let rt = Arc::clone(&runtime);
        template = template.func(PRINT_FUNC, move |args| rt.print(args));
        let rt = Arc::clone(&runtime);
        template = template.func(GOVAL_FUNC, move |args| rt.goval(args));
        let rt = Arc::clone(&runtime);
        template = template.func(FAIL_FUNC, move |args| rt.fail(args));
        let rt = Arc::clone(&runtime);
        template = template.func(RANGE_FUNC, move |args| rt.range_target(args));
        for name in OUR_FUNCS {
            if let Some(f) = our_func(name) {
                let rt = Arc::clone(&runtime);
                template = template.func(name, move |args| rt.call(args, f));
            }
        }
        for define in defines {
            template = template.add_parse_tree(&define.name, define.body);
        }
        template = template.add_parse_tree(&name, tree);
        Executable { runtime, template }
    }

    /// Run on `data`, appending to `out`. On failure `out` keeps what was written before
    /// the error, as Go's writer would have, and the error is Go's message.
    pub fn execute(&self, data: &Value, out: &mut String) -> Result<(), String> {
        let name = &self.runtime.program.name;
        match self.template.execute_template_fmt(out, name, data) {
            Ok(()) => Ok(()),
            Err(error) => {
                let recorded = self
                    .runtime
                    .failure
                    .lock()
                    .ok()
                    .and_then(|mut slot| slot.take());
                Err(recorded
                    .unwrap_or_else(|| format!("template: {name}: {}", exec_message(&error))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_follow_go() {
        assert_eq!(line_col("{{range .}}{{.Foo}}", 13), (1, 13));
        assert_eq!(line_col("a\nbc{{.X}}", 4), (2, 2));
    }

    #[test]
    fn unknown_functions_and_variables_fail_at_parse_time() {
        let err = compile("images", "{{range .}}{{foo .ID}}\n{{end -}}").unwrap_err();
        assert_eq!(err, "template: images:1: function \"foo\" not defined");
        let err = compile("images", "{{range .}}\n{{$y}}{{end -}}").unwrap_err();
        assert_eq!(err, "template: images:2: undefined variable \"$y\"");
        assert!(compile("images", "{{range $i, $v := .}}{{$i}}{{$v}}{{end}}").is_ok());
        let err = compile("images", "{{range $v := .}}{{end}}{{$v}}").unwrap_err();
        assert_eq!(err, "template: images:1: undefined variable \"$v\"");
    }

    #[test]
    fn parse_errors_use_go_wording() {
        let err = compile("images", "{{range .}}{{.ID}\n{{end -}}").unwrap_err();
        assert_eq!(err, "template: images:1: bad character U+007D '}'");
        let err = compile("images", "{{range .}}{{range .Names}}\n{{end -}}").unwrap_err();
        assert_eq!(err, "template: images:2: unexpected EOF");
    }

    #[test]
    fn contexts_are_rebuilt_from_the_tree() {
        let program = compile("t", r#"{{truncate .Digest -10}}{{pad "a b" 1 2}}"#).unwrap();
        let contexts: Vec<&str> = program
            .sites
            .iter()
            .filter_map(|s| match s {
                Site::Call {
                    command_context, ..
                } => Some(command_context.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(contexts, ["truncate .Digest -10", r#"pad "a b" 1 2"#]);
    }
}
