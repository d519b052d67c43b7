//! The HTML the preview server adds: the reload script it puts into each page it serves
//! (never into the files written), the index of a folder's charters, the page shown while
//! a charter is broken, and a page holding the PDF.
//!
//! Everything from a charter (its name, its diagnostics) is escaped: the preview must not
//! be a way to run a charter's text as HTML.

use super::{CharterState, Snapshot};

/// The path the reload script long-polls: it answers when the build's version differs
/// from `?v=`.
pub const WAIT_PATH: &str = "/__charter/wait";
/// The page that holds a charter's PDF and reloads it.
pub const PDF_PAGE: &str = "/__charter/pdf/";

/// A path below the output folder as a link: each segment percent-encoded (a charter
/// named `a#1.yaml` must not become a fragment), then escaped for the attribute.
pub fn href(path: &str) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    const SEGMENT: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let encoded: Vec<String> = path
        .split('/')
        .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
        .collect();
    escape(&encoded.join("/"))
}

/// Text safe inside HTML elements and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The script that reloads the page when a newer build exists. It waits on the server
/// (a long poll, so the reload follows the build at once) and retries quietly while the
/// server is away.
pub fn reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var v={version};function wait(){{\
         fetch('{WAIT_PATH}?v='+v,{{cache:'no-store'}}).then(function(r){{return r.text()}})\
         .then(function(t){{if(t.trim()!==String(v)){{location.reload()}}else{{wait()}}}})\
         .catch(function(){{setTimeout(wait,1000)}})}}wait()}})();</script>"
    )
}

/// A built page with the reload script before `</body>` (or at the end).
pub fn with_reload(html: &str, version: u64) -> String {
    let script = reload_script(version);
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => format!("{html}{script}"),
    }
}

fn document(title: &str, body: &str, version: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>\
         body{{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}}\
         pre{{background:#fff4f4;border-left:4px solid #b00020;padding:1rem;overflow:auto;white-space:pre-wrap}}\
         li{{margin:.4rem 0}} .bad{{color:#b00020}}\
         </style></head><body>{body}{}</body></html>\n",
        escape(title),
        reload_script(version)
    )
}

/// The list of charters, with links to each page and PDF, and what is wrong with each
/// broken one.
pub fn index(snapshot: &Snapshot, version: u64) -> String {
    let mut body = String::from("<h1>Charters</h1><ul>");
    for charter in &snapshot.charters {
        body.push_str(&format!("<li><strong>{}</strong>", escape(&charter.name)));
        if let Some(html) = &charter.html {
            body.push_str(&format!(" · <a href=\"/{}\">page</a>", href(html)));
        }
        if charter.pdf.is_some() {
            body.push_str(&format!(
                " · <a href=\"{PDF_PAGE}{}\">PDF</a>",
                href(&charter.stem)
            ));
        }
        if let Some(problems) = &charter.problems {
            body.push_str(&format!(
                " · <a class=\"bad\" href=\"/{}.html\">{}</a><pre>{}</pre>",
                href(&charter.stem),
                if charter.html.is_some() {
                    "not everything builds"
                } else {
                    "does not build"
                },
                escape(problems)
            ));
        }
        body.push_str("</li>");
    }
    body.push_str("</ul>");
    document("Charters", &body, version)
}

/// A page whose charter's poster failed (the page itself was built): the problems in a
/// banner at the top, so the preview never hides that the poster is not ready.
pub fn with_problems(html: &str, charter: &CharterState, problems: &str) -> String {
    let banner = format!(
        "<div role=\"alert\" style=\"font-family:system-ui,sans-serif;background:#fff4f4;\
         border-left:4px solid #b00020;padding:1rem;margin:0\"><strong style=\"color:#b00020\">\
         {}: the page is built, but not everything is</strong><pre style=\"white-space:pre-wrap;\
         margin:.5rem 0 0\">{}</pre></div>",
        escape(&charter.name),
        escape(problems)
    );
    match html
        .find("<body")
        .and_then(|at| html[at..].find('>').map(|end| at + end + 1))
    {
        Some(at) => format!("{}{banner}{}", &html[..at], &html[at..]),
        None => format!("{banner}{html}"),
    }
}

/// Shown instead of a charter's page while it does not build.
pub fn broken(charter: &CharterState, problems: &str, version: u64) -> String {
    let body = format!(
        "<h1 class=\"bad\">{} does not build</h1><p>Fix the problems below and save: this \
         page reloads by itself.</p><pre>{}</pre>",
        escape(&charter.name),
        escape(problems)
    );
    document(&format!("Problems in {}", charter.name), &body, version)
}

/// A page holding the PDF, reloaded after each build (a browser's PDF viewer cannot
/// reload itself).
pub fn pdf(charter: &CharterState, pdf: &str, version: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>html,body{{margin:0;height:100%}}iframe{{display:block;border:0;width:100%;\
         height:100%}}</style></head><body><iframe title=\"{}\" src=\"/{}?v={version}\">\
         </iframe>{}</body></html>\n",
        escape(&charter.name),
        escape(&charter.name),
        href(pdf),
        reload_script(version)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(name: &str) -> CharterState {
        CharterState {
            name: name.into(),
            stem: "x".into(),
            html: None,
            pdf: Some("x.pdf".into()),
            problems: Some("<script>alert(1)</script>".into()),
        }
    }

    #[test]
    fn a_page_whose_poster_failed_shows_its_problems_above_it() {
        let charter = state("kitui.yaml");
        let page = with_problems(
            "<html><body class=\"x\"><h1>Huduma</h1></body></html>",
            &charter,
            "E404 <b>",
        );
        let banner = page.find("role=\"alert\"").unwrap();
        assert!(banner > page.find("<body class=\"x\">").unwrap());
        assert!(banner < page.find("<h1>Huduma").unwrap());
        assert!(page.contains("E404 &lt;b&gt;"));
    }

    #[test]
    fn charter_text_is_escaped_everywhere() {
        let charter = state("<img src=x onerror=alert(1)>.yaml");
        let snapshot = Snapshot {
            charters: vec![charter.clone()],
        };
        for page in [
            index(&snapshot, 1),
            broken(&charter, "<script>alert(1)</script>", 1),
            pdf(&charter, "x.pdf", 1),
        ] {
            assert!(!page.contains("<img"), "{page}");
            assert!(!page.contains("<script>alert"), "{page}");
        }
    }

    #[test]
    fn links_are_percent_encoded_by_segment() {
        assert_eq!(href("county/a#1 b.html"), "county/a%231%20b.html");
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let page = with_reload("<html><body><p>hi</p></body></html>", 7);
        assert!(page.ends_with("</script></body></html>"), "{page}");
        assert!(page.contains("?v='+v") && page.contains("var v=7"));
    }
}
