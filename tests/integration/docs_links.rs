//! The documentation stands on its own in a fresh clone: every relative link in README.md
//! and docs/*.md names a file of the repository (and, with an anchor, a heading of it),
//! every page of docs/ is linked from the README, and every subcommand the binary offers
//! is documented in docs/commands.md.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::util::run;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every Markdown file in docs/.
fn pages() -> Vec<PathBuf> {
    let mut v = vec![repo().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(repo().join("docs"))
        .expect("docs/ exists")
        .map(|e| e.expect("a docs/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    v.extend(docs);
    v
}

/// The text outside fenced code blocks, with inline code spans blanked, line by line.
fn prose(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Blank `code` spans: a link inside one is not a link.
        let mut s = String::new();
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
                s.push(' ');
            } else if in_code {
                s.push(' ');
            } else {
                s.push(c);
            }
        }
        out.push(s);
    }
    out
}

/// Targets of inline links and images `[text](target)` and of reference definitions
/// `[label]: target`.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for line in prose(text) {
        let b = line.as_bytes();
        let mut i = 0;
        while let Some(off) = line[i..].find("](") {
            let start = i + off + 2;
            let mut depth = 0;
            let mut end = start;
            while end < b.len() {
                match b[end] {
                    b'(' => depth += 1,
                    b')' if depth == 0 => break,
                    b')' => depth -= 1,
                    _ => {}
                }
                end += 1;
            }
            let raw = line[start..end].trim();
            // A title after the target: [x](file.md "title").
            let target = raw.split_whitespace().next().unwrap_or("");
            targets.push(target.trim_matches(['<', '>']).to_owned());
            i = end.min(line.len());
        }
        let t = line.trim_start();
        if t.starts_with('[') {
            if let Some(pos) = t.find("]:") {
                if !t[..pos].contains("](") {
                    let target = t[pos + 2..].split_whitespace().next().unwrap_or("");
                    targets.push(target.to_owned());
                }
            }
        }
    }
    targets
}

/// GitHub's anchors of a page's headings: lower case, punctuation dropped (letters of
/// any script, digits, `-` and `_` kept), spaces to `-`, repeats numbered `-1`, `-2`.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for line in prose(text) {
        let t = line.trim_start();
        let hashes = t.chars().take_while(|c| *c == '#').count();
        if hashes == 0 || hashes > 6 || !t[hashes..].starts_with(' ') {
            continue;
        }
        let slug: String = t[hashes..]
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let mut name = slug.clone();
        let mut n = 0;
        while seen.contains(&name) {
            n += 1;
            name = format!("{slug}-{n}");
        }
        seen.insert(name);
    }
    seen
}

fn is_external(target: &str) -> bool {
    let lower = target.to_lowercase();
    ["http://", "https://", "mailto:", "ftp://"]
        .iter()
        .any(|s| lower.starts_with(s))
}

#[test]
fn the_link_parser_finds_links_and_anchors() {
    let text = "See [a](docs/a.md#x), ![img](img/p.png \"t\") and `[not](a link)`.\n\
                ```\n[fenced](nope.md)\n```\n[ref]: other.md\n# Top level, here\n## Top level, here\n";
    assert_eq!(
        link_targets(text),
        ["docs/a.md#x", "img/p.png", "other.md"],
        "inline links, images and references; not code"
    );
    let a = anchors(text);
    assert!(
        a.contains("top-level-here") && a.contains("top-level-here-1"),
        "{a:?}"
    );
    assert!(anchors("## 0. 一个项目 (init)\n").contains("0-一个项目-init"));
}

#[test]
fn every_relative_link_resolves_inside_the_repository() {
    let root = repo().canonicalize().expect("the repository's folder");
    let mut bad = Vec::new();
    let mut checked = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a readable page");
        let dir = page.parent().unwrap_or(Path::new("."));
        let name = page
            .strip_prefix(&root)
            .unwrap_or(&page)
            .display()
            .to_string();
        for target in link_targets(&text) {
            if target.is_empty() || is_external(&target) {
                continue;
            }
            checked += 1;
            let (file, anchor) = match target.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (target.as_str(), None),
            };
            let path = if file.is_empty() {
                page.clone()
            } else {
                dir.join(file)
            };
            let resolved = match path.canonicalize() {
                Ok(p) => p,
                Err(_) => {
                    bad.push(format!("{name}: {target}: no such file"));
                    continue;
                }
            };
            if !resolved.starts_with(&root) {
                bad.push(format!("{name}: {target}: outside the repository"));
                continue;
            }
            if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                if resolved.extension().is_some_and(|e| e == "md") {
                    let linked = std::fs::read_to_string(&resolved).expect("a readable page");
                    if !anchors(&linked).contains(&anchor.to_lowercase()) {
                        bad.push(format!("{name}: {target}: no heading #{anchor}"));
                    }
                }
            }
        }
    }
    assert!(
        checked > 30,
        "only {checked} relative links found: is the parser broken?"
    );
    assert!(bad.is_empty(), "broken links:\n{}", bad.join("\n"));
}

#[test]
fn the_readme_links_every_page_of_docs() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let linked: BTreeSet<String> = link_targets(&readme)
        .into_iter()
        .map(|t| t.split('#').next().unwrap_or("").to_owned())
        .collect();
    let missing: Vec<String> = pages()
        .into_iter()
        .skip(1)
        .filter_map(|p| {
            p.file_name()
                .map(|n| format!("docs/{}", n.to_string_lossy()))
        })
        .filter(|p| !linked.contains(p))
        .collect();
    assert!(missing.is_empty(), "README.md does not link {missing:?}");
}

#[test]
fn every_subcommand_is_in_commands_md() {
    let help = run(&["--help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    let commands: Vec<String> = help
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect();
    for expected in ["check", "init", "idle", "site", "convert"] {
        assert!(
            commands.iter().any(|c| c == expected),
            "--help lists {commands:?}"
        );
    }
    let doc = std::fs::read_to_string(repo().join("docs/commands.md")).expect("docs/commands.md");
    let missing: Vec<&String> = commands
        .iter()
        .filter(|c| !doc.contains(&format!("parkscope {c}")) && !doc.contains(&format!("`{c}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/commands.md does not mention {missing:?}"
    );
}
