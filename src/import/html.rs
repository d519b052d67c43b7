//! Web pages (`.html`): the page parsed as a browser parses it (html5ever, through
//! `scraper`, which the tests already used to check the pages `charter build` writes), then
//! walked in order: headings, paragraphs, list items and tables. A site's navigation,
//! header and footer, scripts and styles are not the charter and are left out.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::ImportError;
use super::document::{
    Block, Cell, Covered, Document, Line, Paragraph, ParagraphKind, Place, Table, tidy,
};

/// Elements whose content is never the charter's.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "footer", "header", "button", "form",
    "svg", "iframe", "select",
];
/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "address",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "ul",
    "ol",
    "figure",
    "figcaption",
    "pre",
    "aside",
    "center",
    "hr",
    "body",
];

/// How deep a page's elements may nest: real pages nest tens of levels; past this the
/// walk, which recurses, could run out of stack.
const MAX_DEPTH: usize = 512;

pub fn read(text: &str) -> Result<Document, ImportError> {
    // html5ever takes time that grows with the square of the nesting (100,000 unclosed
    // `<div>`s took 20 s): the tags are counted first, roughly, and such a page refused
    // before it is parsed.
    if open_tags(text) > MAX_DEPTH * 8 {
        return Err(ImportError::TooDeep);
    }
    let html = Html::parse_document(text);
    let mut deepest = 0;
    let mut stack = vec![(html.tree.root(), 0)];
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        if deepest > MAX_DEPTH {
            return Err(ImportError::TooDeep);
        }
        stack.extend(node.children().map(|c| (c, d + 1)));
    }
    let mut walker = Walker::default();
    walker.walk(html.tree.root());
    walker.flush();
    let selector = scraper::Selector::parse("head > title").expect("a valid selector");
    walker.out.own_title = html
        .select(&selector)
        .next()
        .map(|t| tidy(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    Ok(walker.out)
}

#[derive(Default)]
struct Walker {
    out: Document,
    text: String,
    kind: Option<ParagraphKind>,
    paragraphs: usize,
    tables: usize,
    titled: bool,
}

impl Walker {
    fn flush(&mut self) {
        let text = tidy(&std::mem::take(&mut self.text));
        let kind = self.kind.take().unwrap_or(ParagraphKind::Plain);
        if text.is_empty() {
            return;
        }
        self.paragraphs += 1;
        self.out.blocks.push(Block::Paragraph(Paragraph {
            text,
            kind,
            at: Place::Paragraph(self.paragraphs),
        }));
    }

    fn walk(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(text) => self.text.push_str(text),
            Node::Element(element) => {
                let name = element.name();
                if SKIPPED.contains(&name) || is_site(element) {
                    return;
                }
                match name {
                    "table" => {
                        self.flush();
                        self.tables += 1;
                        let table = table(node, self.tables);
                        self.out.blocks.push(Block::Table(table));
                    }
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        self.flush();
                        self.kind = Some(if name == "h1" && !self.titled {
                            self.titled = true;
                            ParagraphKind::Title
                        } else {
                            ParagraphKind::Heading
                        });
                        self.children(node);
                        self.flush();
                    }
                    "li" => {
                        self.flush();
                        self.kind = Some(ParagraphKind::ListItem);
                        for child in node.children() {
                            if is_list(child) {
                                self.flush();
                            }
                            self.walk(child);
                        }
                        self.flush();
                    }
                    "br" => {
                        let kind = self.kind;
                        self.flush();
                        self.kind = kind;
                    }
                    _ if BLOCKS.contains(&name) => {
                        self.flush();
                        self.children(node);
                        self.flush();
                    }
                    _ => self.children(node),
                }
            }
            _ => self.children(node),
        }
    }

    fn children(&mut self, node: NodeRef<Node>) {
        for child in node.children() {
            self.walk(child);
        }
    }
}

/// Whether an element is the site's rather than the page's: hidden, a navigation landmark,
/// a breadcrumb trail, a skip link.
fn is_site(element: &scraper::node::Element) -> bool {
    let marked = |name: &str, words: &[&str]| {
        element
            .attr(name)
            .is_some_and(|v| words.iter().any(|w| v.to_lowercase().contains(w)))
    };
    element.attr("hidden").is_some()
        || marked("aria-hidden", &["true"])
        || marked("role", &["navigation", "banner", "contentinfo", "search"])
        || marked(
            "class",
            &["breadcrumb", "skip-link", "sr-only", "visually-hidden"],
        )
        || marked("id", &["breadcrumb"])
        || marked("aria-label", &["breadcrumb"])
}

/// The most elements open at once, counting the tags as they come: elements whose end tag
/// may be left out (`p`, `li`, `td`, …) and void ones (`br`, `img`) are not counted, so a
/// real page counts its true nesting or less.
fn open_tags(text: &str) -> usize {
    const NOT_COUNTED: &[&str] = &[
        "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead", "tbody", "tfoot",
        "colgroup", "rb", "rt", "rp", "br", "img", "hr", "input", "meta", "link", "area", "base",
        "col", "embed", "source", "track", "wbr", "param", "html", "head", "body",
    ];
    let bytes = text.as_bytes();
    let (mut open, mut most) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |n| start + n);
        if end == start {
            continue;
        }
        let name = text[start..end].to_ascii_lowercase();
        if NOT_COUNTED.contains(&name.as_str()) {
            continue;
        }
        let self_closing = bytes[end..]
            .iter()
            .position(|&b| b == b'>')
            .is_some_and(|n| n > 0 && bytes[end + n - 1] == b'/');
        if closing {
            open = open.saturating_sub(1);
        } else if !self_closing {
            open += 1;
            most = most.max(open);
        }
    }
    most
}

fn is_list(node: NodeRef<Node>) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| matches!(e.name(), "ul" | "ol"))
}

/// A table as its grid, `rowspan` and `colspan` giving the cells they cover.
fn table(node: NodeRef<Node>, number: usize) -> Table {
    let mut rows: Vec<Vec<Option<Cell>>> = Vec::new();
    let mut trs = Vec::new();
    collect_rows(node, &mut trs);
    for (r, tr) in trs.into_iter().enumerate().take(20_000) {
        if rows.len() <= r {
            rows.push(Vec::new());
        }
        let mut column = 0;
        for td in tr.children().filter(|c| {
            c.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "td" | "th"))
        }) {
            while rows[r].get(column).is_some_and(Option::is_some) {
                column += 1;
            }
            if column >= 64 {
                break;
            }
            let element = td.value().as_element().expect("filtered to elements");
            let span = |name: &str| {
                element
                    .attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64)
            };
            let (rowspan, colspan) = (span("rowspan"), span("colspan"));
            let bold = element.name() == "th";
            let mut lines = Vec::new();
            cell_lines(td, bold, &mut lines);
            for dr in 0..rowspan.min(1000) {
                let row = r + dr;
                while rows.len() <= row {
                    rows.push(Vec::new());
                }
                for dc in 0..colspan {
                    let col = column + dc;
                    if rows[row].len() <= col {
                        rows[row].resize(col + 1, None);
                    }
                    let at = Place::Cell {
                        table: number,
                        row: row + 1,
                        column: col + 1,
                    };
                    rows[row][col] = Some(match (dr, dc) {
                        (0, 0) => Cell::new(std::mem::take(&mut lines), at),
                        (_, 0) => Cell::covered(Covered::Above, at),
                        _ => Cell::covered(Covered::Left, at),
                    });
                }
            }
            column += colspan;
        }
    }
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(r, row)| {
            row.into_iter()
                .enumerate()
                .map(|(c, cell)| {
                    cell.unwrap_or_else(|| {
                        Cell::new(
                            Vec::new(),
                            Place::Cell {
                                table: number,
                                row: r + 1,
                                column: c + 1,
                            },
                        )
                    })
                })
                .collect()
        })
        .collect();
    Table {
        rows,
        name: format!("table {number}"),
    }
}

/// The rows of a table, in `thead`, `tbody` and `tfoot` or directly, not those of a table
/// inside a cell.
fn collect_rows<'a>(node: NodeRef<'a, Node>, out: &mut Vec<NodeRef<'a, Node>>) {
    for child in node.children() {
        match child.value().as_element().map(|e| e.name()) {
            Some("tr") => out.push(child),
            Some("thead" | "tbody" | "tfoot") => collect_rows(child, out),
            _ => {}
        }
    }
}

/// A cell's lines: its paragraphs, list items and line breaks each start one.
fn cell_lines(node: NodeRef<Node>, bold: bool, out: &mut Vec<Line>) {
    let mut current = String::new();
    let mut listed = false;
    fn push(out: &mut Vec<Line>, text: &mut String, listed: bool, bold: bool) {
        let t = tidy(&std::mem::take(text));
        if !t.is_empty() {
            out.push(Line {
                text: t,
                listed,
                bold,
            });
        }
    }
    fn walk(
        node: NodeRef<Node>,
        out: &mut Vec<Line>,
        current: &mut String,
        listed: &mut bool,
        bold: bool,
    ) {
        for child in node.children() {
            match child.value() {
                Node::Text(text) => current.push_str(text),
                Node::Element(e) => {
                    let name = e.name();
                    if SKIPPED.contains(&name) {
                        continue;
                    }
                    let strong = bold || matches!(name, "b" | "strong" | "th");
                    match name {
                        "br" => push(out, current, *listed, bold),
                        "li" => {
                            push(out, current, *listed, bold);
                            *listed = true;
                            walk(child, out, current, listed, strong);
                            push(out, current, true, strong);
                            *listed = false;
                        }
                        _ if name == "td"
                            || name == "th"
                            || BLOCKS.contains(&name)
                            || name == "tr" =>
                        {
                            push(out, current, *listed, bold);
                            walk(child, out, current, listed, strong);
                            push(out, current, *listed, strong);
                        }
                        _ => walk(child, out, current, listed, strong),
                    }
                }
                _ => {}
            }
        }
    }
    walk(node, out, &mut current, &mut listed, bold);
    push(out, &mut current, listed, bold);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_past_the_limit_is_refused_before_or_after_parsing() {
        // Unclosed elements: refused by the count of tags, before html5ever sees them.
        let open = format!("<p>x</p>{}", "<div>".repeat(MAX_DEPTH * 8 + 1));
        assert!(open_tags(&open) > MAX_DEPTH * 8);
        assert!(matches!(read(&open), Err(ImportError::TooDeep)));
        // Elements whose end tag may be left out are not counted: a long list is fine.
        let list = format!("<ul>{}</ul>", "<li>item".repeat(10_000));
        assert!(open_tags(&list) < 10);
        assert!(read(&list).is_ok());
        // Nested past the walk's limit, though counted within the tags' bound: refused
        // after parsing.
        let nested = format!(
            "{}text{}",
            "<span>".repeat(MAX_DEPTH + 10),
            "</span>".repeat(MAX_DEPTH + 10)
        );
        assert!(matches!(read(&nested), Err(ImportError::TooDeep)));
        let shallow = format!("{}text{}", "<div>".repeat(40), "</div>".repeat(40));
        let document = read(&shallow).unwrap();
        assert!(matches!(&document.blocks[0], Block::Paragraph(p) if p.text == "text"));
    }
}
