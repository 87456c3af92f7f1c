//! The layers of `src/`, enforced: every `crate::…` path in a module of the library may name
//! only modules of its own layer or a lower one, and the modules may not use each other in a
//! cycle. The table is the one ARCHITECTURE.md shows (between `<!-- layers -->` markers), so the
//! document and the code cannot drift apart.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::repo_root;

/// The layer table of ARCHITECTURE.md: one line per layer, lowest first, module names separated
/// by spaces.
fn layers() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(repo_root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let start = text.find("<!-- layers -->").expect("a `<!-- layers -->` marker");
    let end = text.find("<!-- /layers -->").expect("a `<!-- /layers -->` marker");
    text[start..end]
        .lines()
        .filter_map(|line| line.strip_prefix("    "))
        .map(|line| line.split_whitespace().map(str::to_string).collect())
        .collect()
}

/// The modules each top-level module of `src/` names through `crate::…` (code, not comments).
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = repo_root().join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        let name = path.strip_prefix(&src).unwrap();
        if path.extension().is_none_or(|e| e != "rs") || name == Path::new("lib.rs") || name == Path::new("main.rs") {
            continue;
        }
        let first = name.components().next().unwrap().as_os_str().to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let used = edges.entry(module.clone()).or_default();
        used.extend(crate_paths(&text).into_iter().filter(|m| *m != module));
    }
    edges
}

/// The first segment of every `crate::` path in `text`, with `use crate::{a, b::c}` groups
/// opened; comments are skipped, and `t` (the message macro) is not a module.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with('$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            found.extend(group.split(',').filter_map(first_segment));
        } else if let Some(name) = first_segment(rest) {
            found.insert(name);
        }
    }
    found.remove("t");
    // Functions the catalog macro (`rust_i18n::i18n!` in lib.rs) defines at the crate root for
    // the `i18n` module.
    found.retain(|name| !name.starts_with("_rust_i18n"));
    found
}

fn first_segment(text: &str) -> Option<String> {
    let name: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

#[test]
fn every_module_has_one_layer_and_uses_only_lower_ones() {
    let layers = layers();
    assert!(
        layers.len() > 5,
        "the layer table of ARCHITECTURE.md was not found: {layers:?}"
    );
    let mut level = BTreeMap::new();
    for (n, layer) in layers.iter().enumerate() {
        for module in layer {
            assert!(level.insert(module.clone(), n).is_none(), "`{module}` is in two layers");
        }
    }
    let edges = edges();
    let mut problems = Vec::new();
    for module in edges.keys() {
        if !level.contains_key(module) {
            problems.push(format!("src/{module} is in no layer of ARCHITECTURE.md"));
        }
    }
    for module in level.keys() {
        if !edges.contains_key(module) {
            problems.push(format!(
                "the layer table names `{module}`, which is not a module of src/"
            ));
        }
    }
    for (module, used) in &edges {
        let Some(&own) = level.get(module) else { continue };
        for other in used {
            match level.get(other) {
                None => problems.push(format!(
                    "{module} uses `crate::{other}`, which is no module: name the module it lives in"
                )),
                Some(&theirs) if theirs > own => problems.push(format!(
                    "{module} (layer {}) uses {other} (layer {}), a higher layer",
                    own + 1,
                    theirs + 1
                )),
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn modules_do_not_use_each_other_in_a_cycle() {
    let edges = edges();
    // Depth-first search for a back edge; the path to it is the cycle.
    fn visit<'a>(
        module: &'a str,
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| *m == module) {
            let mut cycle: Vec<String> = path[start..].iter().map(|m| m.to_string()).collect();
            cycle.push(module.to_string());
            return Some(cycle);
        }
        if !done.insert(module) {
            return None;
        }
        path.push(module);
        for next in edges.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for module in edges.keys() {
        if let Some(cycle) = visit(module, &edges, &mut Vec::new(), &mut done) {
            panic!("modules use each other in a cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn crate_paths_are_read_from_code_only() {
    let text = "use crate::{a, b::c};\n// crate::commented\nlet x = crate::d::e(); crate::t!(\"k\"); $crate::i18n";
    let found: Vec<String> = crate_paths(text).into_iter().collect();
    assert_eq!(found, ["a", "b", "d"]);
}
