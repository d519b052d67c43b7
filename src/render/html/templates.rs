//! The theme's Tera templates, layered like its Typst files: a user's theme folder hides
//! a built-in file of the same path, and the built-in files stay reachable by the theme's
//! name (`kenya/page.html`), so a user's `page.html` can `{% extends "kenya/page.html" %}`
//! and override one block. `charter/components.html` holds the components every theme may
//! use (how a text in several languages or a contact is printed).

use std::collections::HashMap;

use tera::{Context, ErrorKind, Tera};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::span::Span;
use crate::theme::Theme;
use crate::theme::ThemeDiagnostic;

/// The components `charter` gives every theme.
const COMPONENTS: &str = include_str!("components.html");
const COMPONENTS_NAME: &str = "charter/components.html";
/// Every section of a charter in order, for a page to include.
const SECTIONS: &str = include_str!("sections.html");
const SECTIONS_NAME: &str = "charter/sections.html";
/// The head every page shares: metadata and the JSON-LD.
const HEAD: &str = include_str!("head.html");
const HEAD_NAME: &str = "charter/head.html";

/// The page every theme must have.
pub const PAGE: &str = "page.html";

pub struct Templates {
    tera: Tera,
    /// Each template's name for diagnostics and its text, by template name.
    sources: HashMap<String, (String, String)>,
}

impl Templates {
    /// Loads and parses every template of the theme. `Err` holds what is wrong with them,
    /// each at its file, line and column.
    pub fn load(theme: &Theme) -> Result<Templates, Vec<ThemeDiagnostic>> {
        let mut sources = HashMap::new();
        for (name, display, text) in [
            (COMPONENTS_NAME, "charter: components.html", COMPONENTS),
            (SECTIONS_NAME, "charter: sections.html", SECTIONS),
            (HEAD_NAME, "charter: head.html", HEAD),
        ] {
            sources.insert(name.to_owned(), (display.to_owned(), text.to_owned()));
        }
        let refused = |why: String| {
            vec![ThemeDiagnostic {
                source: SourceFile::new(format!("{} theme", theme.name()), ""),
                diagnostic: Diagnostic::error(
                    Code::TemplateError,
                    format!("the theme cannot read {why}"),
                )
                .with_hint(
                    "a theme reads only files inside its own folder: copy the file into the \
                     theme instead of linking it",
                ),
            }]
        };
        let files = theme.files_with(&["html", "css"]).map_err(refused)?;
        for (path, file) in &files {
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            sources.insert(path.clone(), (file.display.clone(), text));
        }
        // The built-in files a user's file hides, under the built-in theme's name.
        if let (Some(base), Some(name)) = (theme.builtin_base(), theme.builtin_name()) {
            for (path, file) in base.files_with(&["html", "css"]).map_err(refused)? {
                let own = &sources[&path].0;
                if own != &file.display && !path.starts_with("components") {
                    let text = String::from_utf8_lossy(&file.bytes).into_owned();
                    sources.insert(format!("{name}/{path}"), (file.display, text));
                }
            }
        }
        if !sources.contains_key(PAGE) {
            return Err(vec![ThemeDiagnostic {
                source: SourceFile::new(format!("{} theme", theme.name()), ""),
                diagnostic: Diagnostic::error(
                    Code::TemplateError,
                    format!(
                        "the theme `{}` has no `{PAGE}`: it cannot make web pages",
                        theme.name()
                    ),
                )
                .with_hint("build PDFs only with `--format pdf`, or add a page.html to the theme"),
            }]);
        }
        let mut tera = Tera::new();
        // Always on, whatever a theme would like: charter text is data, never markup.
        tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
        tera.register_filter("tel_href", tel_href);
        tera.register_filter("web_href", web_href);
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        tera.add_raw_templates(names.iter().map(|n| (n.as_str(), sources[*n].1.as_str())))
            .map_err(|e| vec![diagnostic(&e, &sources, theme)])?;
        Ok(Templates { tera, sources })
    }

    pub fn render(&self, context: &Context) -> Result<String, Vec<ThemeDiagnostic>> {
        self.render_named(PAGE, context)
    }

    /// Renders the theme's template `name` (`report.html`), or says the theme has none.
    pub fn render_named(
        &self,
        name: &str,
        context: &Context,
    ) -> Result<String, Vec<ThemeDiagnostic>> {
        if !self.sources.contains_key(name) {
            return Err(vec![ThemeDiagnostic {
                source: SourceFile::new("theme", ""),
                diagnostic: Diagnostic::error(
                    Code::TemplateError,
                    format!("the theme has no `{name}`: it cannot make this page"),
                )
                .with_hint("use a built-in theme, or add the file to your theme (or `extends` a built-in one)"),
            }]);
        }
        self.tera
            .render(name, context)
            .map_err(|e| vec![diagnostic(&e, &self.sources, &ThemeName(None))])
    }
}

/// A phone number as a `tel:` target: a leading `+` and the digits of the number as
/// written, up to the first character that is not part of a phone number (so trailing
/// words cannot add digits to the number dialled).
fn tel_href(value: &str, _: tera::Kwargs, _: &tera::State) -> String {
    let value = value.trim();
    let number: String = value
        .chars()
        .take_while(|c| c.is_ascii_digit() || " +-().".contains(*c))
        .filter(char::is_ascii_digit)
        .collect();
    if value.starts_with('+') {
        format!("+{number}")
    } else {
        number
    }
}

/// A website as a link target: only `http(s)`, so a charter cannot smuggle in a
/// `javascript:` link; a bare domain gets `https://`.
fn web_href(value: &str, _: tera::Kwargs, _: &tera::State) -> String {
    crate::model::web_target(value).unwrap_or_else(|| "#".to_owned())
}

/// The page's context: the theme data's fields at the top level (`title`, `services`,
/// `labels`, `options`, …), as Typst layouts read them from `/charter.json`.
pub fn context(data: &serde_json::Value) -> Context {
    Context::from_serialize(data).expect("theme data is an object")
}

/// Something that can name the theme in a diagnostic without a file.
trait Named {
    fn label(&self) -> String;
}

impl Named for Theme {
    fn label(&self) -> String {
        format!("{} theme", self.name())
    }
}

struct ThemeName(Option<String>);

impl Named for ThemeName {
    fn label(&self) -> String {
        self.0.clone().unwrap_or_else(|| "theme".to_owned())
    }
}

/// A Tera error as our diagnostic, at the template's line and column when Tera knows it.
fn diagnostic(
    error: &tera::Error,
    sources: &HashMap<String, (String, String)>,
    theme: &impl Named,
) -> ThemeDiagnostic {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let message = format!("the theme's template failed: {}", report.message());
            match sources.get(report.filename()) {
                Some((display, text)) => {
                    let range = report.span().range.clone();
                    let range = range.start.min(text.len())..range.end.min(text.len());
                    ThemeDiagnostic {
                        source: SourceFile::new(display.clone(), text.clone()),
                        diagnostic: Diagnostic::error(Code::TemplateError, message)
                            .at(Span::new(range.start, range.len().max(1)), "here"),
                    }
                }
                None => ThemeDiagnostic {
                    source: SourceFile::new(theme.label(), ""),
                    diagnostic: Diagnostic::error(Code::TemplateError, message),
                },
            }
        }
        other => {
            let text = other.to_string();
            located(&text, sources).unwrap_or_else(|| ThemeDiagnostic {
                source: SourceFile::new(theme.label(), ""),
                diagnostic: Diagnostic::error(
                    Code::TemplateError,
                    format!("the theme's template failed: {text}"),
                ),
            })
        }
    }
}

/// Some Tera errors (an unknown filter, function or include) come as a report already
/// drawn: `error: MESSAGE`, then ` --> NAME:LINE:COLUMN`, then the line with `^^^` under
/// the culprit. Read the place back so it is shown like every other diagnostic.
fn located(report: &str, sources: &HashMap<String, (String, String)>) -> Option<ThemeDiagnostic> {
    let mut lines = report.lines();
    let message = lines
        .next()?
        .trim()
        .trim_start_matches("error:")
        .trim()
        .to_owned();
    let place = lines.find_map(|l| l.trim().strip_prefix("--> "))?;
    let mut parts = place.rsplitn(3, ':');
    let column: usize = parts.next()?.trim().parse().ok()?;
    let line: usize = parts.next()?.trim().parse().ok()?;
    let name = parts.next()?.trim();
    let (display, text) = sources.get(name)?;
    let width = report
        .lines()
        .find(|l| l.contains('^'))
        .map_or(1, |l| l.matches('^').count().max(1));
    let start = crate::lines::LineIndex::new(text).offset(line, column);
    let span = crate::lines::clamp(text, start, width);
    Some(ThemeDiagnostic {
        source: SourceFile::new(display.clone(), text.clone()),
        diagnostic: Diagnostic::error(
            Code::TemplateError,
            format!("the theme's template failed: {message}"),
        )
        .at(span, "here"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_has_templates_that_parse() {
        for name in ["kenya", "minimal"] {
            let theme = Theme::builtin(name).unwrap();
            let templates = Templates::load(&theme)
                .unwrap_or_else(|problems| panic!("{name}: {:?}", problems[0].diagnostic.message));
            assert!(templates.sources.contains_key(PAGE), "{name}");
        }
    }

    #[test]
    fn links_take_only_safe_targets() {
        let href = |s: &str| {
            let tera = {
                let mut tera = Tera::new();
                tera.register_filter("web_href", web_href);
                tera.register_filter("tel_href", tel_href);
                tera.add_raw_template("t", "{{ v | web_href }}|{{ v | tel_href }}")
                    .unwrap();
                tera
            };
            let mut context = Context::new();
            context.insert("v", s);
            tera.render("t", &context).unwrap()
        };
        assert_eq!(href("javascript:alert(1)"), "#|");
        assert_eq!(
            href("+254 709 410 000 \" onclick=alert(5)"),
            "#|+254709410000"
        );
        assert_eq!(href("www.kitui.go.ke"), "https://www.kitui.go.ke|");
        // Not a web address (it has spaces): no link rather than a broken one.
        assert_eq!(href("+254 20 2270000"), "#|+254202270000");
    }

    /// A user theme folder extending kenya with one `page.html`.
    fn theme_with_page(page: &str) -> (tempfile::TempDir, Theme) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("theme.toml"),
            "name = \"t\"\nversion = \"0.1.0\"\ndescription = \"t\"\n\
             charter-version = \"0.1.0\"\nextends = \"kenya\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("page.html"), page).unwrap();
        let theme = Theme::from_dir(dir.path()).unwrap();
        (dir, theme)
    }

    fn line_of(problem: &ThemeDiagnostic) -> usize {
        let span = problem.diagnostic.span.expect("a place in the template");
        problem.source.text[..span.offset].matches('\n').count() + 1
    }

    #[test]
    fn a_syntax_error_points_at_its_line_in_the_template() {
        let (_dir, theme) = theme_with_page("<html>\n<p>{% if title %}</p>\n</html>\n");
        let Err(problems) = Templates::load(&theme) else {
            panic!("an unclosed `if` was accepted");
        };
        assert_eq!(problems[0].diagnostic.code.code, "E408");
        assert!(problems[0].source.name().ends_with("page.html"));
        assert!(line_of(&problems[0]) >= 2, "{:?}", problems[0].diagnostic);
    }

    #[test]
    fn an_unknown_variable_points_at_its_line_when_rendering() {
        let (_dir, theme) = theme_with_page("<html>\n<p>{{ missing.field }}</p>\n</html>\n");
        let templates = Templates::load(&theme).unwrap();
        let Err(problems) = templates.render(&context(&serde_json::json!({ "title": ["T"] })))
        else {
            panic!("an undefined variable was accepted");
        };
        assert_eq!(problems[0].diagnostic.code.code, "E408");
        assert_eq!(line_of(&problems[0]), 2, "{:?}", problems[0].diagnostic);
    }
}
