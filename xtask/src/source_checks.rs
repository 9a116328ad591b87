//! Checks of the sources that the compiler cannot make (issue 10, hostile data): the app never
//! turns text into markup. Server data (product names, titles, reasons) is shown as text only, so
//! nothing in the app's sources may write HTML: Leptos' `inner_html`, the DOM's `innerHTML`,
//! `outerHTML`, `insertAdjacentHTML` and `document.write`, in Rust or in the JavaScript of a page.

use std::fs;
use std::path::{Path, PathBuf};

/// What writes markup from a string.
const MARKUP_WRITERS: [&str; 7] = [
    "inner_html",
    "innerHTML",
    "outer_html",
    "outerHTML",
    "insertAdjacentHTML",
    "insert_adjacent_html",
    "document.write",
];

/// Every `path:line: text` under `dirs` (files ending in one of `exts`) that uses a markup writer.
pub fn markup_writers(dirs: &[PathBuf], exts: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for dir in dirs {
        visit(dir, exts, &mut found);
    }
    found
}

fn visit(path: &Path, exts: &[&str], found: &mut Vec<String>) {
    if path.is_dir() {
        let Ok(entries) = fs::read_dir(path) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for entry in entries {
            visit(&entry, exts, found);
        }
        return;
    }
    let wanted = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.contains(&e));
    if !wanted {
        return;
    }
    let Ok(text) = fs::read_to_string(path) else {
        return;
    };
    for (n, line) in text.lines().enumerate() {
        if MARKUP_WRITERS.iter().any(|w| line.contains(w)) {
            found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::markup_writers;
    use crate::util::root;

    #[test]
    fn the_app_never_writes_markup_from_strings() {
        let root = root();
        let dirs = [
            root.join("src"),
            root.join("public"),
            root.join("index.html"),
        ];
        let found = markup_writers(&dirs, &["rs", "html", "js"]);
        assert!(
            found.is_empty(),
            "server data must be shown as text, never as markup:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn markup_writers_are_found() {
        let dir = std::env::temp_dir().join(format!("source-checks-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("a.rs"),
            "let x = 1;\nview! { <p inner_html=name/> }\n",
        )
        .unwrap();
        std::fs::write(dir.join("b.js"), "el.innerHTML = t;\n").unwrap();
        std::fs::write(dir.join("c.txt"), "innerHTML\n").unwrap();
        let found = markup_writers(std::slice::from_ref(&dir), &["rs", "js"]);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].ends_with("a.rs:2: view! { <p inner_html=name/> }"),
            "{found:?}"
        );
    }
}
