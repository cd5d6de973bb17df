//! The page's typed client, generated from the command functions themselves: for each
//! command of the list, its arguments (their names as the page sends them, camelCase), its
//! answer and its documentation are read from `src/commands/GROUP.rs`, so a command's
//! signature is written once, in Rust.
//!
//! Types map to TypeScript the way serde writes them: text and ids are strings, numbers are
//! numbers, `Option<T>` is `T | null`, `Vec<T>` is `T[]`, `Result<T, IpcError>` is what the
//! promise resolves to, and any other type is the ts-rs binding of that name (which must
//! exist: a type without one fails the build, naming it).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// One command as the page sees it.
pub struct Command {
    /// The name it is invoked by (`set_cost_line`).
    pub name: String,
    /// Its documentation, one entry per line of `///`.
    pub doc: Vec<String>,
    /// Its arguments as `(camelCaseName, TypeScript type)`.
    pub args: Vec<(String, String)>,
    /// What the promise resolves to.
    pub answer: String,
}

/// Parameters the shell injects (the app's state, its handle, the window), not sent by the page.
const INJECTED: [&str; 5] = ["State", "AppHandle", "Window", "WebviewWindow", "Webview"];

/// Types written to JSON as text.
const TEXT: [&str; 5] = ["String", "str", "PathBuf", "Id", "Uuid"];

/// Types written to JSON as numbers.
const NUMBERS: [&str; 11] = [
    "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "Year",
];

/// Reads every command of `list` (`(group, name)`) from `commands_dir/GROUP.rs`.
pub fn read_commands(commands_dir: &Path, list: &[(&str, &str)]) -> Vec<Command> {
    let mut files: BTreeMap<&str, syn::File> = BTreeMap::new();
    list.iter()
        .map(|(group, name)| {
            let file = files.entry(group).or_insert_with(|| {
                let path = commands_dir.join(format!("{group}.rs"));
                let source = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
                syn::parse_file(&source).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
            });
            let function = file
                .items
                .iter()
                .find_map(|item| match item {
                    syn::Item::Fn(f) if f.sig.ident == name => Some(f),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("command {group}::{name} is listed but not defined"));
            command(function)
        })
        .collect()
}

fn command(function: &syn::ItemFn) -> Command {
    let name = function.sig.ident.to_string();
    let doc = function
        .attrs
        .iter()
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let args = function
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Typed(arg) => Some(arg),
            syn::FnArg::Receiver(_) => None,
        })
        .filter(|arg| !INJECTED.contains(&last_name(&arg.ty).as_str()))
        .map(|arg| {
            let syn::Pat::Ident(ident) = &*arg.pat else {
                panic!("command {name}: an argument is not a plain name");
            };
            (
                camel_case(&ident.ident.to_string()),
                ts_type(&arg.ty, &name),
            )
        })
        .collect();
    let answer = match &function.sig.output {
        syn::ReturnType::Default => "void".to_string(),
        syn::ReturnType::Type(_, ty) => match generic_args(ty).as_slice() {
            [ok, _] if last_name(ty) == "Result" => ts_type(ok, &name),
            _ => ts_type(ty, &name),
        },
    };
    Command {
        name,
        doc,
        args,
        answer,
    }
}

/// The last segment of a type's path (`Dashboard` for `nap_core::dashboard::Dashboard`),
/// looking through references.
fn last_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Reference(r) => last_name(&r.elem),
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The type arguments of a path type's last segment (`T` of `Option<T>`).
fn generic_args(ty: &syn::Type) -> Vec<&syn::Type> {
    let syn::Type::Path(p) = ty else {
        return Vec::new();
    };
    let Some(segment) = p.path.segments.last() else {
        return Vec::new();
    };
    match &segment.arguments {
        syn::PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .filter_map(|a| match a {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn ts_type(ty: &syn::Type, command: &str) -> String {
    if let syn::Type::Reference(r) = ty {
        return ts_type(&r.elem, command);
    }
    if let syn::Type::Tuple(t) = ty {
        assert!(t.elems.is_empty(), "command {command}: tuples are not sent");
        return "void".to_string();
    }
    let name = last_name(ty);
    let args = generic_args(ty);
    match (name.as_str(), args.as_slice()) {
        ("Option", [inner]) => format!("{} | null", ts_type(inner, command)),
        ("Vec", [inner]) => {
            let inner = ts_type(inner, command);
            if inner.contains(' ') {
                format!("({inner})[]")
            } else {
                format!("{inner}[]")
            }
        }
        ("bool", []) => "boolean".to_string(),
        (n, []) if TEXT.contains(&n) => "string".to_string(),
        (n, []) if NUMBERS.contains(&n) => "number".to_string(),
        (n, []) if !n.is_empty() => n.to_string(),
        _ => panic!("command {command}: no TypeScript type for `{}`", quote(ty)),
    }
}

fn quote(ty: &syn::Type) -> String {
    use quote::ToTokens;
    ty.to_token_stream().to_string()
}

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The names a TypeScript type uses that come from the bindings.
fn bound_names(ts: &str) -> impl Iterator<Item = &str> {
    ts.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The client module: the `Command` union, the `Commands` interface (one method per
/// command, camelCase) and `commandsOver`, which builds the methods over a sender.
/// `bindings` is the folder of ts-rs bindings, checked for every type named.
pub fn client(commands: &[Command], bindings: &Path, source: &str) -> String {
    let mut imports = BTreeSet::new();
    for c in commands {
        let types = c.args.iter().map(|(_, t)| t.as_str());
        for name in types.chain([c.answer.as_str()]).flat_map(bound_names) {
            // Not a failure here: ts-rs writes a new type's binding when its crate's tests
            // run, after this script. The UI's type check fails if it never appears.
            if !bindings.join(format!("{name}.ts")).exists() {
                println!(
                    "cargo:warning=command {}: the type {name} has no TypeScript binding yet \
                     (derive ts_rs::TS with #[ts(export)] and run its crate's tests)",
                    c.name
                );
            }
            imports.insert(name.to_string());
        }
    }
    let mut out = format!(
        "// Generated by src-tauri/build.rs from {source}; do not edit.\n\
         // A command's arguments, answer and documentation are those of its Rust function.\n\n"
    );
    for name in &imports {
        let _ = writeln!(out, "import type {{ {name} }} from './bindings/{name}';");
    }
    out.push_str(
        "\n/** The name of every command the app's window may call. */\nexport type Command =\n",
    );
    for c in commands {
        let _ = writeln!(out, "  | '{}'", c.name);
    }
    out.push_str(";\n\n");
    out.push_str(
        "/** Sends `command` with its named arguments and resolves to its answer. */\n\
         export type Send = <T>(command: Command, args?: Record<string, unknown>) => Promise<T>;\n\n\
         /** Every command, as a method that resolves to the command's answer. */\n\
         export interface Commands {\n",
    );
    for c in commands {
        if !c.doc.is_empty() {
            let _ = writeln!(out, "  /**");
            for line in &c.doc {
                let line = line.replace("*/", "*\\/");
                if line.is_empty() {
                    let _ = writeln!(out, "   *");
                } else {
                    let _ = writeln!(out, "   * {line}");
                }
            }
            let _ = writeln!(out, "   */");
        }
        let params: Vec<String> = c.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let _ = writeln!(
            out,
            "  {}({}): Promise<{}>;",
            camel_case(&c.name),
            params.join(", "),
            c.answer
        );
    }
    out.push_str(
        "}\n\n/** The commands, each sent through `send`. */\n\
         export function commandsOver(send: Send): Commands {\n  return {\n",
    );
    for c in commands {
        let names: Vec<&str> = c.args.iter().map(|(n, _)| n.as_str()).collect();
        let args = if names.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", names.join(", "))
        };
        let _ = writeln!(
            out,
            "    {}: ({}) => send<{}>('{}'{args}),",
            camel_case(&c.name),
            names.join(", "),
            c.answer,
            c.name
        );
    }
    out.push_str("  };\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(source: &str) -> Command {
        let file = syn::parse_file(source).expect("parses");
        match &file.items[0] {
            syn::Item::Fn(f) => command(f),
            _ => panic!("not a function"),
        }
    }

    #[test]
    fn a_command_reads_as_the_page_sends_it() {
        let c = parsed(
            "/// Sets one field.\n///\n/// Refused values change nothing.\n\
             #[tauri::command(async)]\n\
             pub async fn set_thing(state: State<'_, AppState>, app: tauri::AppHandle, \
             activity_id: Option<Id>, names: Vec<String>, year: Year, on: bool, \
             filter: &nap_core::costing::grid::GridFilter, maybe: Vec<Option<u32>>) \
             -> Result<Vec<nap_core::dashboard::Dashboard>, IpcError> { todo!() }",
        );
        assert_eq!(c.name, "set_thing");
        assert_eq!(
            c.doc,
            ["Sets one field.", "", "Refused values change nothing."]
        );
        let args: Vec<(&str, &str)> = (c.args.iter())
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        assert_eq!(
            args,
            [
                ("activityId", "string | null"),
                ("names", "string[]"),
                ("year", "number"),
                ("on", "boolean"),
                ("filter", "GridFilter"),
                ("maybe", "(number | null)[]"),
            ]
        );
        assert_eq!(c.answer, "Dashboard[]");
        assert_eq!(parsed("fn close(window: Window) {}").answer, "void");
        assert_eq!(
            parsed("fn f() -> Result<(), IpcError> { Ok(()) }").answer,
            "void"
        );
        assert_eq!(parsed("fn f() -> PathBuf { todo!() }").answer, "string");
    }

    /// The committed client is what the build script makes from the commands as they are
    /// (the test command also fails on any generated file left changed).
    #[test]
    fn the_committed_client_matches_the_command_functions() {
        macro_rules! command_paths {
            ($($group:ident::$name:ident),* $(,)?) => {
                &[$((stringify!($group), stringify!($name))),*]
            };
        }
        let paths: &[(&str, &str)] = app_commands!(command_paths);
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let commands = read_commands(&root.join("src-tauri/src/commands"), paths);
        assert_eq!(commands.len(), paths.len());
        let made = client(
            &commands,
            &root.join("ui/src/lib/api/bindings"),
            "the command functions in src-tauri/src/commands",
        );
        let committed = std::fs::read_to_string(root.join("ui/src/lib/api/commands.ts"));
        assert!(
            committed.ok().as_deref() == Some(made.as_str()),
            "ui/src/lib/api/commands.ts is stale: build the app and commit it"
        );
    }

    #[test]
    fn the_client_sends_each_command_by_name_with_its_named_arguments() {
        let commands = [
            parsed("/// The plan. */ here\nfn plan_summary() -> Result<PlanSummary, E> {}"),
            parsed("fn set_cost_line(id: Id, field: CostLineField) -> Result<LineUpdate, E> {}"),
        ];
        let dir = tempfile::tempdir().unwrap();
        for name in ["PlanSummary", "CostLineField", "LineUpdate"] {
            std::fs::write(dir.path().join(format!("{name}.ts")), "").unwrap();
        }
        let ts = client(&commands, dir.path(), "a test");
        for expected in [
            "import type { CostLineField } from './bindings/CostLineField';",
            "  | 'plan_summary'\n  | 'set_cost_line'\n;",
            "   * The plan. *\\/ here\n",
            "  planSummary(): Promise<PlanSummary>;",
            "  setCostLine(id: string, field: CostLineField): Promise<LineUpdate>;",
            "    planSummary: () => send<PlanSummary>('plan_summary'),",
            "    setCostLine: (id, field) => send<LineUpdate>('set_cost_line', { id, field }),",
        ] {
            assert!(ts.contains(expected), "{expected}\nnot in\n{ts}");
        }
        assert!(!ts.contains("import type { Id }"), "{ts}");
    }
}
