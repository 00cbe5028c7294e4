//! A command lives in four hand-kept lists: the `handlers!` table in `src/lib.rs`, its
//! permission in `permissions/app.toml`, the grant in `capabilities/default.json`, and its
//! wrapper in `ui/src/lib/api*.ts`. Forgetting one breaks the app only at run time (the call is
//! refused, or the UI calls a command that does not exist), so this test compares them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // in tests a panic is a failed test, with its message

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The strings between double quotes on a line.
fn quoted(line: &str) -> Vec<String> {
    line.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// `commands::area::name,` lines inside `generate_handler![ … ]`.
fn registered() -> BTreeSet<String> {
    let lib = read("src/lib.rs");
    let start = lib
        .find("generate_handler![")
        .expect("lib.rs has a handlers table");
    let end = start + lib[start..].find(']').expect("the table is closed");
    lib[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("commands::"))
        .map(|l| {
            l.trim_end_matches(',')
                .rsplit("::")
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// Permission identifier → the commands it allows, from `permissions/app.toml`.
fn permissions() -> BTreeMap<String, Vec<String>> {
    let toml = read("permissions/app.toml");
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in toml.lines().map(str::trim) {
        if line.starts_with("identifier") {
            current = quoted(line).into_iter().next();
        } else if line.starts_with("commands.allow") {
            let id = current
                .take()
                .expect("commands.allow follows its identifier");
            out.insert(id, quoted(line));
        }
    }
    out
}

/// The app's own permissions granted to the main window (plugin grants carry a `:`).
fn granted() -> BTreeSet<String> {
    let caps: serde_json::Value = serde_json::from_str(&read("capabilities/default.json")).unwrap();
    caps["permissions"]
        .as_array()
        .expect("a permissions array")
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .map(str::to_string)
        .collect()
}

/// The command names the UI calls: `call('name'` or `call<T>('name'` in `ui/src/lib/api*.ts`.
fn wrapped() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib");
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        if !file.starts_with("api") || !file.ends_with(".ts") || file.ends_with(".test.ts") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("call") {
            rest = &rest[at + 4..];
            let mut after = rest;
            if let Some(generic) = after.strip_prefix('<') {
                // Skip the type argument, which may nest (`call<Array<X>>`).
                let mut depth = 1;
                let mut end = 0;
                for (i, c) in generic.char_indices() {
                    match c {
                        '<' => depth += 1,
                        '>' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                after = &generic[end..];
            }
            if let Some(arg) = after.strip_prefix("('") {
                if let Some(close) = arg.find('\'') {
                    names.insert(arg[..close].to_string());
                }
            }
        }
    }
    names
}

fn missing(want: &BTreeSet<String>, have: &BTreeSet<String>) -> Vec<String> {
    want.difference(have).cloned().collect()
}

#[test]
fn every_command_is_registered_permitted_granted_and_wrapped() {
    let registered = registered();
    let permissions = permissions();
    let granted = granted();
    let wrapped = wrapped();
    assert!(
        registered.len() >= 40,
        "the handlers table was not read: {registered:?}"
    );

    let permitted: BTreeSet<String> = permissions.values().flatten().cloned().collect();
    let granted_commands: BTreeSet<String> = granted
        .iter()
        .filter_map(|id| permissions.get(id))
        .flatten()
        .cloned()
        .collect();
    let unknown_grants: Vec<&String> = granted
        .iter()
        .filter(|id| !permissions.contains_key(*id))
        .collect();

    let mut problems = Vec::new();
    for (list, have) in [
        (
            "permissions/app.toml (a [[permission]] allowing it)",
            &permitted,
        ),
        (
            "capabilities/default.json (its allow-… grant)",
            &granted_commands,
        ),
        ("ui/src/lib/api*.ts (a call('…') wrapper)", &wrapped),
    ] {
        let gone = missing(&registered, have);
        if !gone.is_empty() {
            problems.push(format!(
                "registered in handlers! but missing from {list}: {gone:?}"
            ));
        }
        let extra = missing(have, &registered);
        if !extra.is_empty() {
            problems.push(format!(
                "in {list} but not registered in handlers!: {extra:?}"
            ));
        }
    }
    if !unknown_grants.is_empty() {
        problems.push(format!(
            "capabilities/default.json grants permissions app.toml does not define: {unknown_grants:?}"
        ));
    }
    for (id, commands) in &permissions {
        for c in commands {
            let expected = format!("allow-{}", c.replace('_', "-"));
            if *id != expected && commands.len() == 1 {
                problems.push(format!("permission {id} allows {c}: name it {expected}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the four command lists disagree:\n{}",
        problems.join("\n")
    );
}
