//! End-to-end tests of the web pages in a real browser: the real `projektsok` binary ingests
//! `corpus/` into a temp index and serves it; headless Chromium, driven through chromedriver
//! (started here on a free port) with fantoccini, then
//!
//! 1. types a query, ticks a region facet and sees the count and the hits change;
//! 2. opens a project page and follows a similar project;
//! 3. opens the analysis page and checks every bar (`data-value`) against `/api/stats`;
//! 4. downloads the CSVs (the table and the matching projects) and checks header and rows;
//! 5. pastes a draft on `/liknande` and gets similar projects with why;
//! 6. checks that no page scrolls sideways at a phone width (375 px).
//!
//! Needs Debian's `chromium` and `chromium-driver` (`scripts/install-deps`); without them the
//! test fails and says so, unless `PROJEKTSOK_SKIP_BROWSER=1`. Paths can be overridden with
//! `PROJEKTSOK_CHROMEDRIVER` and `PROJEKTSOK_CHROME`. With `PROJEKTSOK_SCREENSHOTS=1` it writes
//! `docs/screenshots/{search,project,analysis}.png`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use common::Server;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 900;

fn find_program(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env)
        && !p.trim().is_empty()
    {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .or_else(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path).find_map(|dir| {
                candidates.iter().find_map(|c| {
                    let name = Path::new(c).file_name()?;
                    let p = dir.join(name);
                    p.is_file().then_some(p)
                })
            })
        })
}

/// chromedriver on a free port, killed on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start(program: &Path) -> Result<Driver> {
        let port = common::free_port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("start {}", program.display()))?;
        let driver = Driver { child, port };
        ensure!(
            common::wait_for_port(([127, 0, 0, 1], port).into(), Duration::from_secs(20)),
            "chromedriver did not listen on port {port} within 20 s"
        );
        Ok(driver)
    }
}

async fn browser(driver: &Driver, chrome: Option<&Path>, profile: &Path) -> Result<Client> {
    let mut opts = json!({
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--lang=sv-SE",
            format!("--window-size={WIDTH},{HEIGHT}"),
            format!("--user-data-dir={}", profile.display()),
        ]
    });
    if let Some(c) = chrome {
        opts["binary"] = json!(c.display().to_string());
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert("goog:chromeOptions".into(), opts);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .context("open a Chromium session through chromedriver")?;
    client.set_window_size(WIDTH, HEIGHT).await?;
    Ok(client)
}

/// Polls `f` until it gives `Some`, for at most 15 s.
async fn until<T, F, Fut>(what: &str, mut f: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<T>>>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        match f().await {
            Ok(Some(v)) => return Ok(v),
            Ok(None) | Err(_) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Ok(None) => bail!("timed out waiting for {what}"),
            Err(e) => return Err(e.context(format!("waiting for {what}"))),
        }
    }
}

/// The page's `#summary[data-total]` once the page has loaded.
async fn total(c: &Client) -> Result<u64> {
    until("the result count", || async {
        let ready = c.execute("return document.readyState", vec![]).await?;
        if ready != json!("complete") {
            return Ok(None);
        }
        let el = c.find(Locator::Css("#summary")).await?;
        Ok(el.attr("data-total").await?.and_then(|t| t.parse().ok()))
    })
    .await
}

async fn attr(e: &Element, name: &str) -> Result<String> {
    e.attr(name)
        .await?
        .ok_or_else(|| anyhow!("element without {name}"))
}

async fn hit_ids(c: &Client) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for e in c.find_all(Locator::Css("li.hit")).await? {
        ids.push(attr(&e, "data-id").await?);
    }
    Ok(ids)
}

async fn h1(c: &Client) -> Result<String> {
    Ok(c.find(Locator::Css("h1"))
        .await?
        .text()
        .await?
        .trim()
        .to_string())
}

/// Saves a screenshot of the whole page (window made as tall as the page, capped) when
/// `PROJEKTSOK_SCREENSHOTS=1`.
async fn screenshot(c: &Client, name: &str) -> Result<()> {
    screenshot_at(c, name, WIDTH, HEIGHT).await
}

/// [`screenshot`] at a given window width and least height.
async fn screenshot_at(c: &Client, name: &str, width: u32, height: u32) -> Result<()> {
    if std::env::var("PROJEKTSOK_SCREENSHOTS").as_deref() != Ok("1") {
        return Ok(());
    }
    let h = c
        .execute("return document.documentElement.scrollHeight", vec![])
        .await?
        .as_u64()
        .unwrap_or(u64::from(height));
    let most = if width < 600 { 1600 } else { 2400 };
    let h = (h as u32).clamp(height, most);
    c.set_window_size(width, h).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = c.screenshot().await?;
    c.set_window_size(width, height).await?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(format!("{name}.png")), png)?;
    Ok(())
}

fn stats_sums(
    server: &Server,
    group: &str,
    field: &str,
    query: &str,
) -> Result<BTreeMap<String, i64>> {
    let r = common::get(server.addr, &format!("/api/stats?group_by={group}&{query}"))?;
    ensure!(r.status == 200, "/api/stats {group}: {}", r.text());
    let v: Value = serde_json::from_slice(&r.body)?;
    let mut out = BTreeMap::new();
    for g in v["groups"].as_array().context("groups")? {
        let key = g["key"].as_str().unwrap_or("").to_string();
        let sum = g[field]["sum"].as_i64().context("sum")?;
        out.insert(key, sum);
    }
    Ok(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_in_a_real_browser() -> Result<()> {
    if std::env::var("PROJEKTSOK_SKIP_BROWSER").as_deref() == Ok("1") {
        eprintln!("browser test skipped: PROJEKTSOK_SKIP_BROWSER=1");
        return Ok(());
    }
    let Some(driver_bin) = find_program(
        "PROJEKTSOK_CHROMEDRIVER",
        &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"],
    ) else {
        bail!(
            "chromedriver not found (looked at $PROJEKTSOK_CHROMEDRIVER, /usr/bin/chromedriver, \
             /usr/lib/chromium/chromedriver and $PATH): install Debian's chromium and \
             chromium-driver (scripts/install-deps does), or set PROJEKTSOK_SKIP_BROWSER=1 \
             to skip the browser tests"
        );
    };
    let chrome = find_program(
        "PROJEKTSOK_CHROME",
        &[
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
        ],
    );
    let started = Instant::now();
    let server = tokio::task::spawn_blocking(Server::start).await?;
    let driver = Driver::start(&driver_bin)?;
    let profile = tempfile::tempdir()?;
    let c = browser(&driver, chrome.as_deref(), profile.path()).await?;
    let outcome = scenario(&c, &server).await;
    let _ = c.close().await;
    eprintln!("browser test took {:.1} s", started.elapsed().as_secs_f64());
    outcome.map_err(|e| anyhow!("{e:#}\n--- server log ---\n{}", server.log()))
}

async fn scenario(c: &Client, server: &Server) -> Result<()> {
    // 1. Search: type a query, then tick a region facet.
    c.goto(&server.url("/")).await?;
    let all = total(c).await?;
    ensure!(all > 1, "the corpus index has {all} projects");
    let q = c.find(Locator::Css("#q")).await?;
    q.send_keys("arbetsmarknaden").await?;
    c.find(Locator::Css(".searchrow button[type=submit]"))
        .await?
        .click()
        .await?;
    until("the query in the URL", || async {
        Ok(c.current_url()
            .await?
            .as_str()
            .contains("q=arbetsmarknaden")
            .then_some(()))
    })
    .await?;
    let with_q = total(c).await?;
    ensure!(with_q > 1 && with_q <= all, "query count {with_q} of {all}");
    let before = hit_ids(c).await?;
    ensure!(
        before.len() as u64 == with_q.min(20),
        "{} hits listed",
        before.len()
    );
    ensure!(
        c.find(Locator::Css("#q"))
            .await?
            .prop("value")
            .await?
            .as_deref()
            == Some("arbetsmarknaden"),
        "the query box keeps the query"
    );

    // A region whose count is below the query's total, so ticking it must change the count.
    let mut pick = None;
    for li in c
        .find_all(Locator::Css("details[data-facet=region] li"))
        .await?
    {
        let input = li.find(Locator::Css("input")).await?;
        let count: u64 = li
            .find(Locator::Css(".count"))
            .await?
            .text()
            .await?
            .trim()
            .parse()
            .context("facet count")?;
        if count > 0 && count < with_q {
            pick = Some((
                input,
                attr(&li.find(Locator::Css("input")).await?, "value").await?,
                count,
            ));
            break;
        }
    }
    let (checkbox, region, expected) =
        pick.context("a region facet with fewer hits than the query")?;
    checkbox.click().await?;
    until("the region in the URL", || async {
        Ok(c.current_url()
            .await?
            .as_str()
            .contains("region=")
            .then_some(()))
    })
    .await?;
    let with_region = total(c).await?;
    ensure!(
        with_region == expected,
        "ticking {region} ({expected} in the facet) gave {with_region}"
    );
    ensure!(with_region < with_q, "the count did not change");
    let after = hit_ids(c).await?;
    ensure!(after != before, "the hits did not change");
    ensure!(after.len() as u64 == with_region.min(20));
    for dd in c
        .find_all(Locator::XPath(
            "//li[@class='hit']//dt[.='Region']/following-sibling::dd",
        ))
        .await?
    {
        let text = dd.text().await?;
        ensure!(
            text.trim() == region,
            "a hit of region {text} under the {region} filter"
        );
    }
    let ticked = c
        .find(Locator::Css("details[data-facet=region] input:checked"))
        .await?;
    ensure!(
        attr(&ticked, "value").await? == region,
        "the ticked box stays ticked"
    );
    let focused = c
        .execute(
            "var e = document.activeElement; return e ? [e.name, e.value] : null",
            vec![],
        )
        .await?;
    ensure!(
        focused == json!(["region", region.clone()]),
        "the focus is back on the ticked box after the reload, got {focused}"
    );
    let url = c.current_url().await?;
    screenshot(c, "search").await?;

    // The URL is the state: reloading it gives the same page.
    c.goto(url.as_str()).await?;
    ensure!(
        total(c).await? == with_region,
        "bookmarked URL gives the same count"
    );

    // 2. Project page, then a similar project.
    let first = c.find(Locator::Css("li.hit h3 a")).await?;
    let title = first.text().await?;
    first.click().await?;
    until("the project page", || async {
        Ok(c.current_url()
            .await?
            .path()
            .starts_with("/projekt/")
            .then_some(()))
    })
    .await?;
    let heading = until("the project title", || async {
        Ok(c.find(Locator::Css("article.project h1"))
            .await
            .ok()
            .map(|_| ()))
    })
    .await
    .map(|_| ());
    heading?;
    ensure!(h1(c).await? == title.trim(), "project page title");
    for label in [
        "Total budget",
        "Beviljat ESF-stöd",
        "Projektperiod",
        "Kommuner",
        "Liknande projekt",
    ] {
        let body = c.find(Locator::Css("body")).await?.text().await?;
        ensure!(body.contains(label), "project page lacks {label:?}");
    }
    let project_url = c.current_url().await?;
    screenshot(c, "project").await?;
    let similar = c
        .find(Locator::Css(".similar-list li a"))
        .await
        .context("a similar project")?;
    let similar_title = similar.text().await?;
    let similar_href = attr(&similar, "href").await?;
    similar.click().await?;
    until("the similar project's page", || async {
        let u = c.current_url().await?;
        Ok((u != project_url && u.path().starts_with("/projekt/")).then_some(()))
    })
    .await?;
    until("the similar project's title", || async {
        Ok(c.find(Locator::Css("article.project h1"))
            .await
            .ok()
            .map(|_| ()))
    })
    .await?;
    ensure!(
        h1(c).await? == similar_title.trim(),
        "followed {similar_href}: title differs"
    );

    // 3. Analysis page for the query: every bar against /api/stats.
    let query = "q=arbetsmarknaden";
    c.goto(&server.url(&format!("/analys?{query}"))).await?;
    ensure!(total(c).await? == with_q, "analysis count = search count");
    let mut bars_checked = 0;
    for group in ["region", "county", "owner_type", "start_year"] {
        for field in ["total_budget_sek", "esf_grant_sek"] {
            let expected = stats_sums(server, group, field, query)?;
            let css = format!("svg[data-chart={field}][data-group={group}] rect.bar");
            let bars = c.find_all(Locator::Css(&css)).await?;
            ensure!(
                bars.len() == expected.len().min(25),
                "{group}/{field}: {} bars for {} groups",
                bars.len(),
                expected.len()
            );
            for bar in bars {
                let key = attr(&bar, "data-key").await?;
                let value: i64 = attr(&bar, "data-value").await?.parse()?;
                ensure!(
                    expected.get(&key) == Some(&value),
                    "{group}/{field} bar {key:?} = {value}, /api/stats says {:?}",
                    expected.get(&key)
                );
                bars_checked += 1;
            }
        }
    }
    ensure!(bars_checked > 8, "only {bars_checked} bars");
    let mut in_bins = 0;
    for bar in c
        .find_all(Locator::Css("svg[data-chart=esf_share] rect.bar"))
        .await?
    {
        in_bins += attr(&bar, "data-value").await?.parse::<u64>()?;
    }
    ensure!(in_bins <= with_q, "histogram holds {in_bins} of {with_q}");
    let svg = c
        .find(Locator::Css("svg[data-chart=total_budget_sek]"))
        .await?;
    ensure!(attr(&svg, "role").await? == "img" && !attr(&svg, "aria-label").await?.is_empty());
    screenshot(c, "analysis").await?;

    // 4. The CSV downloads: the region table and the matching projects.
    let link = c
        .find(Locator::Css("a.csv-link[data-group=region]"))
        .await?;
    let href = attr(&link, "href").await?;
    let r = common::get(server.addr, &href)?;
    ensure!(r.status == 200, "{href}: {}", r.status);
    ensure!(
        r.header("content-type")
            .is_some_and(|t| t.starts_with("text/csv"))
    );
    let text = r.text();
    let mut lines = text.lines();
    ensure!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("region,count,total_budget_sek_sum")),
        "table CSV header"
    );
    let groups = stats_sums(server, "region", "total_budget_sek", query)?;
    ensure!(
        lines.count() == groups.len(),
        "one CSV row per region group"
    );
    let export = c.find(Locator::Css("#export-link")).await?;
    let href = attr(&export, "href").await?;
    let r = common::get(server.addr, &href)?;
    ensure!(r.status == 200, "{href}: {}", r.status);
    let mut rdr = csv::Reader::from_reader(r.body.as_slice());
    let header = rdr.headers()?.clone();
    ensure!(
        header.get(0) == Some("id") && header.iter().any(|h| h == "title"),
        "export header {header:?}"
    );
    let rows = rdr.records().count() as u64;
    ensure!(
        rows == with_q,
        "export has {rows} rows, the search {with_q}"
    );

    // 5. Similar to a draft: paste a text, get prior projects with why.
    c.goto(&server.url("/liknande")).await?;
    let area = c.find(Locator::Css("textarea#text")).await?;
    area.send_keys(
        "Vi vill ge unga långtidsarbetslösa praktik, coachning och stöd på vägen till arbetsmarknaden.",
    )
    .await?;
    c.find(Locator::Css("form.draft button[type=submit]"))
        .await?
        .click()
        .await?;
    let links = until("similar projects to the draft", || async {
        let links = c.find_all(Locator::Css(".similar-list li a")).await?;
        Ok((!links.is_empty()).then_some(links))
    })
    .await?;
    ensure!(
        !c.find_all(Locator::Css(".similar-list .why"))
            .await?
            .is_empty(),
        "the draft's similar projects say why"
    );
    ensure!(
        attr(&links[0], "href").await?.starts_with("/projekt/"),
        "a similar project links to its page"
    );
    screenshot(c, "similar").await?;

    // 6. Phone width: no page scrolls sideways.
    c.set_window_size(375, 800).await?;
    for path in [
        "/?q=arbetsmarknaden".to_string(),
        project_url.path().to_string(),
        format!("/analys?{query}"),
        "/liknande".to_string(),
    ] {
        c.goto(&server.url(&path)).await?;
        let wide = c
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                vec![],
            )
            .await?
            .as_i64()
            .unwrap_or(0);
        ensure!(wide <= 0, "{path} scrolls {wide} px sideways at 375 px");
        if path.starts_with("/?") {
            screenshot_at(c, "search-phone", 375, 800).await?;
        }
    }
    c.set_window_size(WIDTH, HEIGHT).await?;
    Ok(())
}
