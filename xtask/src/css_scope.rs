//! The app's stylesheet stays inside its root class (issue 9: embedding): every selector of
//! `style/main.css` starts with `.inv-app`, so a host console's page and ours never style each
//! other's elements, and nothing targets `html`, `body` or `:root`.
//!
//! A small reader of CSS for this one check: comments are removed, at-rules that hold rules
//! (`@media`, `@supports`, `@layer`, `@container`) are entered, `@keyframes` and `@font-face`
//! are skipped (their names are checked to start with `inv-`).

/// Every selector of `css` that does not sit under `.inv-app`, and every keyframes or font name
/// that is not the app's own (`inv-…`).
pub fn unscoped(css: &str) -> Vec<String> {
    let css = without_comments(css);
    let mut found = Vec::new();
    walk(&css, &mut found);
    found
}

fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = match rest[start + 2..].find("*/") {
            Some(end) => &rest[start + 2 + end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// The block that starts after the `{` at `open` (exclusive) and the index after its `}`.
fn block(css: &str, open: usize) -> (&str, usize) {
    let mut depth = 0usize;
    for (i, c) in css[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return (&css[open + 1..open + i], open + i + 1);
                }
            }
            _ => {}
        }
    }
    (&css[open + 1..], css.len())
}

fn walk(css: &str, found: &mut Vec<String>) {
    let mut at = 0;
    while let Some(offset) = css[at..].find('{') {
        let open = at + offset;
        let prelude = css[at..open].trim();
        let (body, next) = block(css, open);
        if let Some(rule) = prelude.strip_prefix('@') {
            let name = rule.split_whitespace().next().unwrap_or("");
            match name {
                "media" | "supports" | "layer" | "container" => walk(body, found),
                "keyframes" | "-webkit-keyframes" => {
                    let ident = rule.split_whitespace().nth(1).unwrap_or("");
                    if !ident.starts_with("inv-") {
                        found.push(format!("@keyframes {ident}"));
                    }
                }
                _ => found.push(format!("@{rule}")),
            }
        } else {
            for selector in top_level_list(prelude) {
                if !is_scoped(selector) {
                    found.push(selector.to_owned());
                }
            }
        }
        at = next;
    }
}

/// The selectors of a list, split at the commas outside parentheses (`:where(a, b)` is one).
fn top_level_list(prelude: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in prelude.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(prelude[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(prelude[start..].trim());
    out
}

/// `.inv-app` itself, or the root class followed by more (a descendant, a state, a modifier of
/// the root such as `.inv-app[lang]`), never `.inv-application`.
fn is_scoped(selector: &str) -> bool {
    match selector.strip_prefix(".inv-app") {
        Some(rest) => rest
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_')),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::unscoped;
    use crate::util::root;

    #[test]
    fn every_rule_of_the_apps_stylesheet_sits_under_its_root_class() {
        let path = root().join("style").join("main.css");
        let css = std::fs::read_to_string(&path).unwrap();
        assert!(css.contains(".inv-app"), "{} looks empty", path.display());
        assert_eq!(unscoped(&css), Vec::<String>::new(), "{}", path.display());
    }

    #[test]
    fn global_selectors_and_foreign_names_are_reported() {
        let css = "/* .x { } */ body { margin: 0 } .inv-app a, :root { } \
                   @media (max-width: 600px) { .inv-app b { } table { } } \
                   .inv-application { } @keyframes spin { } @keyframes inv-spin { } \
                   @font-face { font-family: x } .inv-app:focus-within { } \
                   .inv-app :where(h1, p), :is(.inv-app, body) { }";
        assert_eq!(
            unscoped(css),
            [
                "body",
                ":root",
                "table",
                ".inv-application",
                "@keyframes spin",
                "@font-face",
                ":is(.inv-app, body)"
            ]
        );
    }
}
