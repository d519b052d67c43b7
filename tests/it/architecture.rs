//! The layout of the code: top-level modules depend one way (ARCHITECTURE.md, "Modules
//! depend one way"). Read from the sources, as a reviewer would: a module depends on
//! another when its code (not its comments or unit tests) names `crate::other`.

use std::collections::{BTreeMap, BTreeSet};

use crate::root;

type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// Each top-level module's dependencies, with the files that make each one.
fn module_graph() -> Graph {
    let src = root().join("src");
    let mut graph = Graph::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap();
        let module = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        let text = std::fs::read_to_string(path).unwrap();
        // A file's unit tests may use anything; they are not the module's dependencies.
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
        let edges = graph.entry(module.clone()).or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (at, _) in line.match_indices("crate::") {
                let name: String = line[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    edges
                        .entry(name)
                        .or_default()
                        .insert(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    graph
}

/// The first loop found, as the modules around it (the first repeated at the end).
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flat_map(|e| e.keys()) {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_depend_one_way() {
    let graph = module_graph();
    assert!(
        graph.len() > 20 && graph["cli"].contains_key("build"),
        "the sources were read: {:?}",
        graph.keys()
    );
    if let Some(cycle) = find_cycle(&graph) {
        let edges: Vec<String> = cycle
            .windows(2)
            .map(|pair| {
                let files = &graph[&pair[0]][&pair[1]];
                format!("{} -> {} (in {:?})", pair[0], pair[1], files)
            })
            .collect();
        panic!(
            "modules depend on each other around a loop; move what they share below both:\n{}",
            edges.join("\n")
        );
    }
}

#[test]
fn a_loop_is_found() {
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")] {
        graph
            .entry(from.into())
            .or_default()
            .insert(to.into(), BTreeSet::new());
    }
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    graph.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&graph), None);
}
