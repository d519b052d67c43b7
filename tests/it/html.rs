//! `charter build --format html`: web pages from the themes' Tera templates. Every real
//! charter becomes a well-formed, self-contained page with its JSON-LD; hostile text stays
//! text; a user's template can override one block; and in a real headless Chromium each
//! page loads completely and has no serious accessibility violation (axe-core).

use std::path::{Path, PathBuf};
use std::process::Command;

use charter::load::load_source;
use charter::source::SourceFile;
use scraper::{Html, Selector};
use serde_json::Value;

use crate::{all_charters, charter, out_dir, root};

/// Builds every real charter to HTML with `theme` into a fresh folder named for `test`
/// (tests run in parallel: each needs its own).
fn build_all(test: &str, theme: &str) -> PathBuf {
    let out = out_dir("html", &format!("{test}-{theme}"));
    let output = charter(&[
        "build",
        "charters",
        "examples",
        "--format",
        "html",
        "--theme",
        theme,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// Parses a page as a browser would; any parse error fails the test.
fn parse(page: &str, name: &str) -> Html {
    let html = Html::parse_document(page);
    assert!(html.errors.is_empty(), "{name}: {:?}", html.errors);
    html
}

fn text_of(html: &Html) -> String {
    html.root_element()
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn jsonld(html: &Html, name: &str) -> Value {
    let selector = Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    let script = html
        .select(&selector)
        .next()
        .unwrap_or_else(|| panic!("{name}: no JSON-LD"));
    serde_json::from_str(&script.text().collect::<String>())
        .unwrap_or_else(|e| panic!("{name}: the JSON-LD does not parse: {e}"))
}

fn count_services(services: &[charter::model::Service]) -> usize {
    services
        .iter()
        .map(|s| 1 + count_services(&s.services))
        .sum()
}

#[test]
fn every_charter_becomes_a_well_formed_self_contained_page() {
    for theme in charter::theme::builtin_names() {
        let theme = theme.as_str();
        let out = build_all("pages", theme);
        for file in all_charters() {
            let source = SourceFile::new(&file, std::fs::read_to_string(&file).unwrap());
            let charter = load_source(source)
                .charter
                .expect("real charters are valid");
            let name = format!("{theme}/{}", file.display());
            let page_path = out.join(file.file_name().unwrap()).with_extension("html");
            let page = std::fs::read_to_string(&page_path).unwrap();
            let html = parse(&page, &name);
            let lang = charter.languages[0].as_str().to_owned();
            let root_lang = html.root_element().value().attr("lang");
            assert_eq!(root_lang, Some(lang.as_str()), "{name}");

            // Every service name, in the charter's main language.
            let text = text_of(&html);
            let mut names = Vec::new();
            collect_names(&charter.services, &lang, &mut names);
            for want in names {
                let want = want.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(text.contains(&want), "{name} lacks {want:?}");
            }

            // Self-contained: nothing is fetched from elsewhere.
            for attr in ["src", "href"] {
                let selector =
                    Selector::parse(&format!("link[{attr}], script[{attr}], img[{attr}]")).unwrap();
                for element in html.select(&selector) {
                    let value = element.value().attr(attr).unwrap();
                    assert!(value.starts_with("data:"), "{name} loads {value}");
                }
            }

            // A real table with a caption and header cells.
            let table = Selector::parse(
                "table caption, table thead th[scope=col], table tbody th[scope=row]",
            )
            .unwrap();
            if !charter.services.is_empty() {
                assert!(
                    html.select(&table).count() >= 3,
                    "{name}: the services table lacks headers"
                );
            }

            // JSON-LD: the office and one GovernmentService per service.
            let ld = jsonld(&html, &name);
            let graph = ld["@graph"].as_array().expect("a @graph");
            assert_eq!(graph[0]["@type"], "GovernmentOrganization", "{name}");
            let services = graph
                .iter()
                .filter(|n| n["@type"] == "GovernmentService")
                .count();
            assert_eq!(services, count_services(&charter.services), "{name}");
        }
    }
}

fn collect_names(services: &[charter::model::Service], lang: &str, out: &mut Vec<String>) {
    for service in services {
        out.push(service.name.get(lang).unwrap().to_owned());
        collect_names(&service.services, lang, out);
    }
}

/// Builds one charter's page (with `extra` flags) into a folder of its own, and returns it.
fn build_page(name: &str, charter_path: &str, extra: &[&str]) -> String {
    let out = out_dir("html", name);
    let mut args = vec![
        "build",
        charter_path,
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let output = charter(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stem = std::path::Path::new(charter_path).file_stem().unwrap();
    std::fs::read_to_string(out.join(stem).with_extension("html")).unwrap()
}

#[test]
fn json_ld_states_prices_and_processing_times() {
    let page = build_page("jsonld", "examples/full.yaml", &[]);
    let ld = jsonld(&parse(&page, "full"), "full");
    let graph = ld["@graph"].as_array().unwrap();
    let office = &graph[0];
    assert_eq!(
        office["name"],
        "Department of Lands, Housing and Physical Planning"
    );
    assert!(
        office["contactPoint"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["contactType"] == "Customer Complaints")
    );
    let search = graph
        .iter()
        .find(|n| n["name"] == "Official search of a county land record")
        .expect("service 1");
    assert_eq!(search["offers"][0]["price"], "500");
    assert_eq!(search["offers"][0]["priceCurrency"], "KES");
    // "1 working day" is not P1D (one calendar day): ISO 8601 cannot say "working", so the
    // page gives no processingTime, only the office's words.
    assert!(
        search["availableChannel"].get("processingTime").is_none(),
        "{}",
        search["availableChannel"]
    );
    assert_eq!(search["availableChannel"]["description"], "1 working day");
    assert_eq!(search["provider"]["@id"], "#organization");
    let plans = graph
        .iter()
        .find(|n| n["name"] == "Approval of building plans")
        .expect("service 2");
    assert!(plans["availableChannel"].get("processingTime").is_none());
    assert_eq!(
        plans["availableChannel"]["description"],
        "20 working days from receipt of a complete application"
    );
    // Minutes are minutes whatever the calendar.
    let valuation = graph
        .iter()
        .find(|n| n["availableChannel"]["description"] == "15 minutes")
        .expect("a service done in 15 minutes");
    assert_eq!(valuation["availableChannel"]["processingTime"], "PT15M");
    // The ombudsman is an independent body, not one of the department's contact points.
    let points = office["contactPoint"].as_array().unwrap();
    assert!(
        points
            .iter()
            .all(|p| p["name"] != "The Commission Secretary")
    );
    assert!(
        graph.iter().any(|n| n["@type"] == "GovernmentOrganization"
            && n["contactPoint"]["name"] == "The Commission Secretary"),
        "the ombudsman is missing"
    );
}

#[test]
fn hostile_text_stays_text_in_the_page() {
    let page = build_page("hostile", "tests/build/hostile-printable/charter.yaml", &[]);
    let html = parse(&page, "hostile");
    // The only script is the JSON-LD, and no element carries an event handler.
    let scripts = Selector::parse("script").unwrap();
    for script in html.select(&scripts) {
        assert_eq!(
            script.value().attr("type"),
            Some("application/ld+json"),
            "a script element was injected"
        );
    }
    let all = Selector::parse("*").unwrap();
    for element in html.select(&all) {
        for (name, _) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "an `{name}` attribute was injected"
            );
        }
    }
    let bold = Selector::parse("b").unwrap();
    assert_eq!(
        html.select(&bold).count(),
        0,
        "markup from the charter was kept"
    );
    // And the text reads as written.
    let text = text_of(&html);
    for literal in [
        "<script>alert('x')</script> &amp; <b>bold</b>",
        "#panic(\"pwned\") $x^2$ @ref <label> *bold* _em_ [a]",
    ] {
        assert!(text.contains(literal), "{literal:?} not shown as text");
    }
    jsonld(&html, "hostile");
}

#[test]
fn a_users_template_can_override_one_block_of_a_builtin_page() {
    let page = build_page(
        "override",
        "tests/html/override/charter.yaml",
        &["--theme", "tests/html/override/theme"],
    );
    let html = parse(&page, "override");
    let text = text_of(&html);
    assert!(
        text.contains("Visit us on market days"),
        "the block was not overridden"
    );
    // Everything else is still the kenya page.
    let band = Selector::parse("header.band h1").unwrap();
    assert_eq!(html.select(&band).count(), 1, "the kenya header is gone");
    assert!(text.contains("Issue a permit"));
}

/// The browser: the binary `CHROME` names (how the macOS and Windows runners point at
/// Google Chrome, which is not on their PATH), else the first of Chromium's usual names on
/// PATH. `CHROME` is not asked for `--version`: Chrome on Windows opens a window for it.
fn browser() -> PathBuf {
    if let Some(chrome) = std::env::var_os("CHROME").filter(|c| !c.is_empty()) {
        let chrome = PathBuf::from(chrome);
        assert!(
            chrome.is_file(),
            "CHROME={} is not the browser's binary",
            chrome.display()
        );
        return chrome;
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
        .map(PathBuf::from)
        .expect(
            "Chromium is installed (Debian: `apt install chromium`), or CHROME names Chrome's \
             binary; `bash .ci/test` installs what the tests need",
        )
}

/// Chromium as CI runs it: headless, no sandbox (containers), nothing from the network.
fn chromium(args: &[&str], profile: &Path) -> std::process::Output {
    let mut command = Command::new(browser());
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()));
    // On macOS Chrome asks the keychain for its storage key, which can open a dialog that
    // nobody answers on a runner: a stand-in keychain instead (as Puppeteer does).
    #[cfg(target_os = "macos")]
    command.arg("--use-mock-keychain");
    command.args(args).output().expect("Chromium runs")
}

/// A local file's `file://` URL: `file:///tmp/x.html`; on Windows `file:///C:/x/y.html`
/// (forward slashes, and a third slash before the drive), which is what a browser takes.
fn file_url(path: &Path) -> String {
    let path = path.display().to_string();
    #[cfg(windows)]
    let path = format!("/{}", path.replace('\\', "/"));
    format!("file://{path}")
}

/// axe-core's script: `AXE_CORE` names it, else `.ci/node_modules/axe-core/axe.min.js`
/// (where `bash .ci/test` installs it from npm).
fn axe_script() -> PathBuf {
    let path = std::env::var_os("AXE_CORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".ci/node_modules/axe-core/axe.min.js"));
    assert!(
        path.is_file(),
        "axe-core is not at {} (`bash .ci/test` installs it: `npm ci --prefix .ci`)",
        path.display()
    );
    path
}

#[test]
fn pages_load_in_chromium_without_serious_accessibility_violations() {
    let axe = axe_script();
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for theme in charter::theme::builtin_names() {
        let theme = theme.as_str();
        let out = build_all("chromium", theme);
        for file in all_charters() {
            let stem = file.file_stem().unwrap().to_str().unwrap().to_owned();
            let name = format!("{theme}/{stem}");
            let page = out.join(format!("{stem}.html"));
            let profile = out_dir("html", &format!("profile-{theme}-{stem}"));
            // Screenshots at desktop and phone widths, to look at (target/screenshots).
            for (width, label) in [(1280, "desktop"), (390, "phone")] {
                let shot = shots.join(format!("{theme}-{stem}-{label}.png"));
                let output = chromium(
                    &[
                        &format!("--window-size={width},2400"),
                        &format!("--screenshot={}", shot.display()),
                        &file_url(&page),
                    ],
                    &profile,
                );
                assert!(
                    shot.is_file(),
                    "{name}: no {label} screenshot: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
            // The page with axe-core and a probe appended: every image decoded, and the
            // violations axe finds, written into the DOM for --dump-dom to show.
            let probed = out.join(format!("{stem}.probe.html"));
            let html = std::fs::read_to_string(&page).unwrap();
            let probe = format!(
                "<script src=\"{}\"></script><script>\
                 const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length;\
                 axe.run(document, {{ resultTypes: ['violations'] }}).then(r => {{\
                   const v = r.violations.filter(x => x.impact === 'serious' || x.impact === 'critical')\
                     .map(x => x.id + ': ' + x.help + ' (' + x.nodes.length + ')');\
                   const out = document.createElement('pre'); out.id = 'probe';\
                   out.textContent = JSON.stringify({{ broken, serious: v }});\
                   document.body.appendChild(out);\
                 }});</script></body>",
                file_url(&axe)
            );
            std::fs::write(&probed, html.replacen("</body>", &probe, 1)).unwrap();
            let output = chromium(
                &[
                    "--allow-file-access-from-files",
                    "--virtual-time-budget=15000",
                    "--dump-dom",
                    &file_url(&probed),
                ],
                &profile,
            );
            let dom = String::from_utf8_lossy(&output.stdout);
            let result = Html::parse_document(&dom);
            let probe = Selector::parse("pre#probe").unwrap();
            let report: Value = result
                .select(&probe)
                .next()
                .map(|p| serde_json::from_str(&p.text().collect::<String>()).unwrap())
                .unwrap_or_else(|| {
                    panic!(
                        "{name}: axe did not report: {}",
                        String::from_utf8_lossy(&output.stderr)
                    )
                });
            assert_eq!(report["broken"], 0, "{name}: an image did not load");
            assert_eq!(
                report["serious"],
                Value::Array(vec![]),
                "{name}: serious accessibility violations"
            );
        }
    }
}
