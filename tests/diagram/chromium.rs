//! Headless Chromium: renders an SVG inline in an HTML page and reports, from the browser's own
//! layout, where every table box and every text of the diagram ended up.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The environment variable that names the Chromium (or Chrome) binary to use.
pub(crate) const BROWSER_VARIABLE: &str = "DBKIT_TEST_CHROMIUM";

/// How to get Chromium when it is missing.
const INSTALL: &str = "apt-get install -y chromium";

/// How long one page may take.
const TIMEOUT: Duration = Duration::from_secs(120);

/// A rectangle in SVG user units: x, y, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) width: f64,
    pub(crate) height: f64,
}

impl Rect {
    fn from_json(value: &serde_json::Value) -> Option<Rect> {
        let number = |index: usize| value.get(index).and_then(serde_json::Value::as_f64);
        Some(Rect {
            x: number(0)?,
            y: number(1)?,
            width: number(2)?,
            height: number(3)?,
        })
    }

    /// The area two rectangles share, 0 when they only touch or are apart.
    pub(crate) fn overlap(&self, other: &Rect) -> f64 {
        let width = (self.x + self.width).min(other.x + other.width) - self.x.max(other.x);
        let height = (self.y + self.height).min(other.y + other.height) - self.y.max(other.y);
        if width > 0.0 && height > 0.0 {
            width * height
        } else {
            0.0
        }
    }

    /// Whether `inner` lies within this rectangle, give or take `tolerance`.
    pub(crate) fn contains(&self, inner: &Rect, tolerance: f64) -> bool {
        inner.x >= self.x - tolerance
            && inner.y >= self.y - tolerance
            && inner.x + inner.width <= self.x + self.width + tolerance
            && inner.y + inner.height <= self.y + self.height + tolerance
    }
}

/// One text element of a table box, as laid out.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Text {
    pub(crate) content: String,
    pub(crate) bounds: Rect,
}

/// One table box of the diagram, as the browser laid it out.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TableBox {
    /// The `data-table` name.
    pub(crate) name: String,
    /// The box's rectangle (`rect.box`).
    pub(crate) rect: Rect,
    /// The whole group: box, header and every text, as drawn.
    pub(crate) drawn: Rect,
    /// The texts (table name, column names, types, key marks).
    pub(crate) texts: Vec<Text>,
}

/// What the browser reported for one SVG.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rendered {
    /// The SVG's width and height.
    pub(crate) width: f64,
    pub(crate) height: f64,
    /// Every table box, in document order.
    pub(crate) tables: Vec<TableBox>,
}

/// The script that measures the diagram and writes the result into the page.
const MEASURE: &str = r#"
const svg = document.querySelector('svg');
const rect = (b) => [b.x, b.y, b.width, b.height];
const tables = [...svg.querySelectorAll('g.table')].map((group) => ({
  name: group.getAttribute('data-table'),
  rect: rect(group.querySelector('rect.box').getBBox()),
  drawn: rect(group.getBBox()),
  texts: [...group.querySelectorAll(':scope > text')].map((text) => [text.textContent, rect(text.getBBox())]),
}));
const out = document.createElement('pre');
out.id = 'dbkit-measurements';
out.textContent = JSON.stringify({ width: svg.width.baseVal.value, height: svg.height.baseVal.value, tables });
document.body.appendChild(out);
"#;

/// The Chromium binary: `$DBKIT_TEST_CHROMIUM`, else the first of `chromium`,
/// `chromium-browser`, `google-chrome` on the `PATH`. Panics, saying how to install it, when
/// there is none: the test fails rather than skips.
pub(crate) fn browser() -> PathBuf {
    if let Some(path) = std::env::var_os(BROWSER_VARIABLE) {
        return PathBuf::from(path);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for folder in std::env::split_paths(&path) {
            let candidate = folder.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "headless Chromium is needed to check the SVG diagrams in a real browser, but no \
         chromium, chromium-browser or google-chrome is on the PATH.\n\
         Install it with\n    {INSTALL}\n\
         or point {BROWSER_VARIABLE} at a Chromium or Chrome binary."
    );
}

/// Loads `svg` inline in an HTML page in headless Chromium and returns what the browser laid
/// out. `folder` holds the page and the browser's profile.
pub(crate) fn render(svg: &str, folder: &Path, name: &str) -> Result<Rendered, String> {
    let page = folder.join(format!("{name}.html"));
    let html = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{name}</title></head>\n\
         <body style=\"margin:0\">\n{svg}\n<script>{MEASURE}</script>\n</body></html>\n"
    );
    std::fs::write(&page, html)
        .map_err(|error| format!("cannot write {}: {error}", page.display()))?;
    let profile = folder.join(format!("{name}-profile"));
    let browser = browser();
    let stdout_path = folder.join(format!("{name}.dom.html"));
    let stderr_path = folder.join(format!("{name}.stderr.txt"));
    let mut child = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        // Files, not pipes: a large DOM would fill a pipe nobody reads while the test waits.
        .stdout(output_file(&stdout_path)?)
        .stderr(output_file(&stderr_path)?)
        .spawn()
        .map_err(|error| {
            format!(
                "cannot start {}: {error}\nInstall Chromium with\n    {INSTALL}\nor point {BROWSER_VARIABLE} at a Chromium or Chrome binary.",
                browser.display()
            )
        })?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{} did not finish {name} within {TIMEOUT:?}",
                    browser.display()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(error) => return Err(format!("cannot wait for {}: {error}", browser.display())),
        }
    }
    let status = child
        .wait()
        .map_err(|error| format!("cannot wait for {}: {error}", browser.display()))?;
    let dom = std::fs::read_to_string(&stdout_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let Some(json) = measurements(&dom) else {
        return Err(format!(
            "{} printed no measurements for {name} (exit status {}):\n--- stderr\n{}\n--- stdout (first 2000 bytes)\n{}",
            browser.display(),
            status,
            stderr,
            dom.chars().take(2000).collect::<String>()
        ));
    };
    parse(&json).ok_or_else(|| format!("unexpected measurements for {name}: {json}"))
}

/// A new file for the browser's output.
fn output_file(path: &Path) -> Result<std::fs::File, String> {
    std::fs::File::create(path)
        .map_err(|error| format!("cannot create {}: {error}", path.display()))
}

/// The text of `<pre id="dbkit-measurements">` in the dumped DOM, unescaped.
fn measurements(dom: &str) -> Option<String> {
    let start =
        dom.find("<pre id=\"dbkit-measurements\">")? + "<pre id=\"dbkit-measurements\">".len();
    let end = start + dom[start..].find("</pre>")?;
    Some(
        dom[start..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&nbsp;", "\u{a0}")
            .replace("&amp;", "&"),
    )
}

fn parse(json: &str) -> Option<Rendered> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    let tables = value
        .get("tables")?
        .as_array()?
        .iter()
        .map(|table| {
            Some(TableBox {
                name: table.get("name")?.as_str()?.to_string(),
                rect: Rect::from_json(table.get("rect")?)?,
                drawn: Rect::from_json(table.get("drawn")?)?,
                texts: table
                    .get("texts")?
                    .as_array()?
                    .iter()
                    .map(|text| {
                        Some(Text {
                            content: text.get(0)?.as_str()?.to_string(),
                            bounds: Rect::from_json(text.get(1)?)?,
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Rendered {
        width: value.get("width")?.as_f64()?,
        height: value.get("height")?.as_f64()?,
        tables,
    })
}
