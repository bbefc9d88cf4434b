//! A project-bank-like HTML page for a sheet: doctype, head with script and style, skip link,
//! site header, navigation, cookie banner, `main` with the `h1` title, a header block of
//! label/value pairs, `h2` sections with paragraphs, lists, and a footer.

use crate::sheet::{Banner, Sheet};

/// Escape text for HTML content and attribute values; U+00A0 becomes `&nbsp;`.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

const HEAD: &str = r#"<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/css/main.css">
<style>
  body { font-family: "Open Sans", Arial, sans-serif; margin: 0; }
  .field { display: flex; gap: 1em; } .field .label { font-weight: 600; min-width: 14em; }
  .cookie-banner { position: fixed; bottom: 0; background: #223; color: #fff; }
  @media print { .site-nav, .cookie-banner { display: none; } }
</style>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){ dataLayer.push(arguments); }
  if (document.cookie.indexOf("consent=1") < 0 && 1 < 2) { gtag("consent", "default", {"analytics_storage": "denied"}); }
</script>
<script src="/static/js/site.js" defer></script>
"#;

const NAV: &str = r##"<a class="skip-link" href="#main">Gå direkt till innehållet</a>
<header class="site-header" role="banner">
  <a class="logo" href="/"><img src="/static/img/logo.svg" alt="Svenska ESF-rådet"></a>
  <form class="site-search" action="/sok" method="get"><label for="q">Sök</label><input id="q" name="q" type="search"><button type="submit">Sök</button></form>
</header>
<nav class="site-nav" aria-label="Huvudmeny">
  <ul>
    <li><a href="/">Start</a></li>
    <li><a href="/utlysningar">Utlysningar</a></li>
    <li><a href="/projektbanken">Projektbanken</a></li>
    <li><a href="/om-oss">Om oss</a></li>
  </ul>
</nav>
<nav class="breadcrumbs" aria-label="Du är här"><a href="/">Start</a> &gt; <a href="/projektbanken">Projektbanken</a></nav>
"##;

const FOOTER: &str = r#"<footer class="site-footer" role="contentinfo">
  <p>Svenska ESF-rådet &middot; Box 47141 &middot; 100 74 Stockholm &middot; Telefon 08-579 171 00</p>
  <p><a href="/om-webbplatsen/kakor">Om kakor</a> | <a href="/tillganglighet">Tillgänglighetsredogörelse</a></p>
</footer>
"#;

/// The sheet as an HTML page.
pub(crate) fn page(sheet: &Sheet, index: u64) -> String {
    let mut out = String::with_capacity(12 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n");
    out.push_str("<title>");
    escape_into(&mut out, &sheet.title_line);
    out.push_str(" | Projektbanken</title>\n");
    out.push_str(HEAD);
    out.push_str("</head>\n<body class=\"project-page\">\n");
    out.push_str(NAV);
    out.push_str(
        "<div class=\"cookie-banner\" id=\"cookie-consent\" role=\"dialog\" aria-label=\"Kakor\">\n  \
         <p>Den här hemsidan använder cookies för att säkerställa bästa möjliga upplevelse på vår webb.</p>\n  \
         <button type=\"button\" class=\"cookie-accept\">Jag förstår</button> <a href=\"/om-webbplatsen/kakor\">Lär dig mer</a>\n</div>\n",
    );
    for banner in &sheet.banners {
        match banner {
            Banner::Webinar => out.push_str(
                "<div class=\"notice-banner\" role=\"alert\">\n  <button type=\"button\" class=\"notice-close\">Stäng</button>\n  \
                 <p>3 december - Webbinarium om fattigdom i dagens Sverige</p>\n  <p><a href=\"/kalender/webbinarium-fattigdom\">Mer information och anmälan.</a></p>\n</div>\n",
            ),
            Banner::Covid => out.push_str(
                "<div class=\"alert-banner covid-notice\">\n  <p>Information med anledning av covid-19</p>\n  \
                 <p><a href=\"/covid-19\">Uppdaterad information med anledning av covid-19</a>&nbsp;&nbsp;</p>\n</div>\n",
            ),
            Banner::PrintLogo | Banner::Cookies => {}
        }
    }
    out.push_str("<main id=\"main\">\n<article class=\"project\">\n");
    if sheet.banners.contains(&Banner::PrintLogo) {
        out.push_str("<img class=\"print-logo\" src=\"/static/img/logo-print.png\" alt=\"Logotyp på utskrifter\">\n");
    }
    out.push_str("<h1>");
    escape_into(&mut out, &sheet.title_line);
    out.push_str("</h1>\n<div class=\"project-fields\">\n");
    for field in &sheet.fields {
        out.push_str("  <div class=\"field\"><span class=\"label\">");
        escape_into(&mut out, field.label);
        out.push_str("</span><span class=\"value\">");
        escape_into(&mut out, &field.value);
        out.push_str("</span></div>\n");
    }
    out.push_str("</div>\n");
    if sheet.in_english {
        out.push_str(&format!(
            "<p class=\"lang-switch\"><a href=\"/en/project/{index}\" hreflang=\"en\" lang=\"en\">In English</a></p>\n"
        ));
    }
    for section in &sheet.body {
        if let Some(heading) = section.heading {
            out.push_str("<h2>");
            escape_into(&mut out, heading);
            out.push_str("</h2>\n");
        }
        for paragraph in &section.paragraphs {
            out.push_str("<p>");
            escape_into(&mut out, paragraph);
            out.push_str("</p>\n");
        }
    }
    for list in &sheet.lists {
        out.push_str("<h2>");
        escape_into(&mut out, list.heading);
        out.push_str("</h2>\n<ul>\n");
        for item in &list.items {
            out.push_str("  <li>");
            escape_into(&mut out, item);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n</main>\n");
    out.push_str(FOOTER);
    out.push_str("<script>document.querySelector('.cookie-accept').addEventListener('click', function () { document.cookie = 'consent=1'; });</script>\n");
    out.push_str("</body>\n</html>\n");
    out
}
