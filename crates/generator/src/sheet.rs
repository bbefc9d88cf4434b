//! One sheet: its values drawn at random, laid out as an abstract page (banners, title line,
//! header fields, body, lists), with the truth of what was written.

use rand::Rng;
use rand::seq::SliceRandom;
use rand_distr::{Distribution, LogNormal};

use crate::reference::{Reference, reference};
use crate::truth::{Contact, Defect, DefectKind, Format, Layout, Period, Truth};
use crate::vocab::{self, Form, Slot};

/// A header label and its value as the page writes them (`value` empty: the label alone).
#[derive(Debug, Clone)]
pub(crate) struct HeaderField {
    pub label: &'static str,
    pub value: String,
    /// The contract field this label feeds, for defects.
    pub field: Option<&'static str>,
}

/// A body section: a heading (2007–2013 layout) or none (later layouts), and its paragraphs.
#[derive(Debug, Clone)]
pub(crate) struct BodySection {
    pub heading: Option<&'static str>,
    pub paragraphs: Vec<String>,
}

/// A bullet list at the end of the page (`Medfinansiärer`, `Samarbetspartners`, `Kommun`).
#[derive(Debug, Clone)]
pub(crate) struct List {
    pub heading: &'static str,
    pub items: Vec<String>,
    /// `  • ` (two spaces) or ` • ` (one), as the real pages vary.
    pub indent: &'static str,
}

/// Banners printed before the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Banner {
    PrintLogo,
    Covid,
    Webinar,
    Cookies,
}

impl Banner {
    /// The lines of the text rendering, blocks separated by a blank line.
    pub fn text_blocks(self) -> &'static [&'static str] {
        match self {
            Banner::PrintLogo => &["Logotyp på utskrifter"],
            Banner::Covid => &[
                "Information med anledning av covid-19",
                "Uppdaterad information med anledning av covid-19\u{a0}\u{a0} ",
            ],
            Banner::Webinar => &[
                "Stäng",
                "3 december - Webbinarium om fattigdom i dagens Sverige",
                "Mer information och anmälan.",
            ],
            Banner::Cookies => &[
                "information (1)\nCookies",
                "Den här hemsidan använder cookies för att säkerställa bästa möjliga upplevelse på vår webb. Genom att använda denna webbplats förutsätter vi att du godkänner att vi sparar cookies på din enhet.",
                "Lär dig mer",
            ],
        }
    }
}

/// The abstract page, rendered by [`crate::render`] (text) or [`crate::html`].
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    pub layout: Layout,
    pub banners: Vec<Banner>,
    pub title_line: String,
    pub fields: Vec<HeaderField>,
    /// 2007–2013: the `In English` line after the header.
    pub in_english: bool,
    pub body: Vec<BodySection>,
    /// 2014–2027 text: paragraphs separated by a blank line (else by a line break).
    pub blank_between_paragraphs: bool,
    pub lists: Vec<List>,
}

/// Options that shape a sheet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    pub html_share: f64,
    pub defect_rate: f64,
}

/// Draw one sheet.
pub(crate) fn build<R: Rng>(rng: &mut R, index: u64, options: Options) -> (Sheet, Truth) {
    let reference = reference();
    let mut g = Gen {
        rng,
        reference,
        year: 2010,
        theme: vocab::THEMES[0],
        verbosity: 1.0,
    };
    g.sheet(index, options)
}

struct Gen<'a, R: Rng> {
    rng: &'a mut R,
    reference: &'static Reference,
    /// The project's start year: background sentences tell of the years before it.
    year: i32,
    /// The project's theme phrases (see [`vocab::THEMES`]).
    theme: &'static [&'static str],
    /// How long-winded the applicant is: scales the number of paragraphs and sentences.
    verbosity: f64,
}

/// A date as (year, month, day).
#[derive(Debug, Clone, Copy)]
struct Date(i32, u32, u32);

impl Date {
    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Months since year 0 → (year, month).
fn ym(months: i32) -> (i32, u32) {
    (months.div_euclid(12), months.rem_euclid(12) as u32 + 1)
}

/// Swedish alphabetical order: å, ä, ö after z.
pub(crate) fn swedish_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => '{',
            'ä' | 'æ' => '|',
            'ö' | 'ø' => '}',
            'é' | 'è' => 'e',
            'ü' => 'y',
            c => c,
        })
        .collect()
}

/// ASCII fold for e-mail addresses and domains.
fn ascii(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => Some('a'),
            'ö' | 'ø' | 'ó' => Some('o'),
            'é' | 'è' => Some('e'),
            'ü' => Some('u'),
            ' ' | '-' => Some('-'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// `17 069 852` with the given thousands separator.
pub(crate) fn group_thousands(n: i64, sep: char) -> String {
    let digits = n.abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The owner drawn with its type and the e-mail domain of its staff.
struct Owner {
    name: String,
    kind: &'static str,
    domain: String,
}

impl<R: Rng> Gen<'_, R> {
    fn pick<'s, T>(&mut self, items: &'s [T]) -> &'s T {
        debug_assert!(!items.is_empty());
        &items[self.rng.random_range(0..items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        match LogNormal::new(median.ln(), sigma) {
            Ok(dist) => dist.sample(self.rng),
            Err(_) => median,
        }
    }

    fn sheet(&mut self, index: u64, options: Options) -> (Sheet, Truth) {
        let layout = match self.rng.random_range(0..100u32) {
            0..50 => Layout::Esf2007,
            50..85 => Layout::Esf2014,
            _ => Layout::Esf2021,
        };
        let format = if self.chance(options.html_share) {
            Format::Html
        } else {
            Format::Text
        };

        // Where: the region, then one to forty municipalities in its counties.
        let national = layout != Layout::Esf2007 && self.chance(0.08);
        let region_index = self.weighted_region();
        let pool: Vec<usize> = if national {
            (0..self.reference.municipalities.len()).collect()
        } else {
            self.reference.regions[region_index].municipalities.clone()
        };
        let n_munis = self.municipality_count(pool.len());
        let chosen = rand::seq::index::sample(self.rng, pool.len(), n_munis);
        let mut munis: Vec<usize> = chosen.iter().map(|i| pool[i]).collect();
        let home = munis[0];
        munis.sort_by_key(|&m| swedish_key(self.reference.municipalities[m].name));
        let municipalities: Vec<String> = munis
            .iter()
            .map(|&m| self.reference.municipalities[m].name.to_string())
            .collect();
        let mut counties: Vec<String> = munis
            .iter()
            .map(|&m| self.reference.municipalities[m].county.to_string())
            .collect();
        counties.sort();
        counties.dedup();
        let region_name = if national {
            "Nationellt"
        } else {
            self.reference.regions[region_index].name
        };
        let region_written = if national {
            "ESF Nationellt"
        } else {
            region_name
        };

        // What: phase, programme area, owner, contact.
        let phase: Option<&'static str> = match layout {
            Layout::Esf2007 => Some(match self.rng.random_range(0..100u32) {
                0..14 => "Förprojektering",
                14..18 => "Förstudie",
                _ => "Genomförande",
            }),
            _ => None,
        };
        let small = matches!(phase, Some("Förprojektering" | "Förstudie"));
        let owner = self.owner(home, region_index, national);
        let contact_name = format!(
            "{} {}",
            self.pick(vocab::FIRST_NAMES),
            self.pick(vocab::LAST_NAMES)
        );
        let email = {
            let mut parts = contact_name.split_whitespace();
            let first = ascii(parts.next().unwrap_or("info"));
            let last: Vec<String> = parts.map(ascii).collect();
            if self.chance(0.15) {
                format!("{first}@{}", owner.domain)
            } else {
                format!("{first}.{}@{}", last.join("."), owner.domain)
            }
        };
        // Real pages keep the odd lowercase name (`Kontaktpersonstefan Johansson`).
        let contact_name = if self.chance(0.02) {
            let mut chars = contact_name.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => contact_name,
            }
        } else {
            contact_name
        };
        let phone = self.phone();

        // How much and when.
        let total = if small {
            self.lognormal(400_000.0, 0.6)
        } else {
            self.lognormal(8_000_000.0, 0.9)
        }
        .clamp(50_000.0, 900_000_000.0)
        .round() as i64;
        let share_drawn: f64 = self.rng.random_range(0.30..=0.70);
        let grant = (total as f64 * share_drawn).round() as i64;
        let (start, end) = self.period(layout, small);
        self.year = start.0;
        let participants: i64 = match layout {
            Layout::Esf2007 => 0,
            Layout::Esf2014 => self.lognormal(80.0, 1.0).clamp(5.0, 3000.0).round() as i64,
            Layout::Esf2021 if self.chance(0.2) => 0,
            Layout::Esf2021 => self.lognormal(60.0, 1.0).clamp(5.0, 2000.0).round() as i64,
        };

        let title = self.title(home);
        let case_number = match layout {
            Layout::Esf2007 => None,
            Layout::Esf2014 => Some(format!(
                "{}/{:05}",
                start.0 - self.rng.random_range(0..2),
                index + 1
            )),
            Layout::Esf2021 if self.chance(0.4) => Some(format!(
                "{:02}-{:03}-S{:02}",
                (start.0 - 1) % 100,
                (index + 1) / 100,
                (index + 1) % 100
            )),
            Layout::Esf2021 => Some(format!("{}/{:05}", start.0 - 1, index + 1)),
        };
        let title = if layout == Layout::Esf2021 && self.chance(0.15) {
            format!("Förstudie {title}")
        } else {
            title
        };

        // Who else: co-financiers and partners.
        let co_financiers = self.co_financiers(&munis, &owner);
        let partners = self.partners(&munis, &co_financiers);

        // The body, with target groups and methods planted.
        let places: Vec<String> = {
            let mut p: Vec<String> = municipalities.iter().take(3).cloned().collect();
            if !national {
                p.push(region_name.to_string());
            }
            p
        };
        // Programme area 1 (Kompetensförsörjning) is skills development of the employed: its
        // projects always address `sysselsatta`.
        let area_number: u32 = match layout {
            Layout::Esf2007 if self.chance(0.35) => 1,
            Layout::Esf2007 => 2,
            _ => self.rng.random_range(1..=3u32),
        };
        let (mut groups, methods) = self.plant_labels();
        if area_number == 1 && layout != Layout::Esf2021 && !groups.contains(&"sysselsatta") {
            groups.push("sysselsatta");
            groups.sort_unstable();
        }
        self.theme = *self.pick(vocab::THEMES);
        self.verbosity = self.lognormal(1.0, 0.45).clamp(0.3, 3.0);
        let body = self.body(layout, &groups, &methods, &places);

        let mut sheet = Sheet {
            layout,
            banners: self.banners(layout),
            title_line: String::new(),
            fields: Vec::new(),
            in_english: layout == Layout::Esf2007,
            body,
            blank_between_paragraphs: self.chance(0.7),
            lists: Vec::new(),
        };
        let indent = if self.chance(0.75) { "  • " } else { " • " };
        if !co_financiers.is_empty() {
            sheet.lists.push(List {
                heading: "Medfinansiärer",
                items: co_financiers.clone(),
                indent,
            });
        }
        if !partners.is_empty() {
            sheet.lists.push(List {
                heading: "Samarbetspartners",
                items: partners.clone(),
                indent,
            });
        }
        sheet.lists.push(List {
            heading: "Kommun",
            items: municipalities.clone(),
            indent,
        });

        let mut truth = Truth {
            file: format!("sheets/{index:07}.{}", format.extension()),
            index,
            format,
            layout,
            title: title.clone(),
            case_number: case_number.clone(),
            programme_area: None,
            phase: phase.map(str::to_string),
            owner: Some(owner.name.clone()),
            owner_type: Some(owner.kind.to_string()),
            contact: Contact {
                name: Some(contact_name.clone()),
                email: Some(email.clone()),
                phone: Some(phone.clone()),
            },
            esf_grant_sek: Some(grant),
            total_budget_sek: Some(total),
            esf_share: Some(grant as f64 / total as f64),
            period: Period {
                start: Some(start.iso()),
                end: Some(end.iso()),
            },
            region: Some(region_name.to_string()),
            region_written: Some(region_written.to_string()),
            municipalities,
            counties,
            co_financiers,
            partners,
            planned_participants: None,
            target_groups: groups.iter().map(|s| s.to_string()).collect(),
            methods: methods.iter().map(|s| s.to_string()).collect(),
            sections: Vec::new(),
            banners: Vec::new(),
            defects: Vec::new(),
        };

        // The header, per layout.
        let nbsp = if self.chance(0.7) { '\u{a0}' } else { ' ' };
        match layout {
            Layout::Esf2007 => {
                sheet.title_line = title.clone();
                let area = if area_number == 1 {
                    "Programområde 1 Kompetensförsörjning"
                } else {
                    "Programområde 2 Ökat arbetskraftsutbud"
                };
                truth.programme_area = Some(area.to_string());
                let f = &mut sheet.fields;
                f.push(hf("Programområde", area.to_string(), "programme_area"));
                f.push(hf(
                    "Projektfas",
                    phase.unwrap_or("Genomförande").to_string(),
                    "phase",
                ));
                f.push(hf("Projektägare", owner.name.clone(), "owner"));
                f.push(hf("Kontaktperson", contact_name, "contact.name"));
                f.push(hf("E-post", email, "contact.email"));
                f.push(hf("Telefonnummer", phone, "contact.phone"));
                f.push(hf(
                    "Beviljat ESF-stöd",
                    format!("{} kr", group_thousands(grant, nbsp)),
                    "esf_grant_sek",
                ));
                f.push(hf(
                    "Total projektbudget",
                    format!("{} kr", group_thousands(total, nbsp)),
                    "total_budget_sek",
                ));
                f.push(hf(
                    "Projektperiod",
                    format!("{} till {}", start.iso(), end.iso()),
                    "period",
                ));
                f.push(hf("Region", region_written.to_string(), "region"));
            }
            Layout::Esf2014 => {
                let case = case_number.clone().unwrap_or_default();
                sheet.title_line = format!("{case} - {title}");
                truth.contact.phone = None;
                truth.planned_participants = Some(participants);
                let with_area = self.chance(0.8);
                if with_area {
                    truth.programme_area = Some(area_number.to_string());
                }
                let objective = if self.chance(0.5) {
                    area_number.to_string()
                } else {
                    format!("{area_number}.{}", self.rng.random_range(1..=3u32))
                };
                let postnr = format!("{}", self.rng.random_range(10000..99000u32));
                let rate = format!("{}%", (grant as f64 * 100.0 / total as f64).round() as i64);
                let intervention = format!("{}", self.rng.random_range(100..=120u32));
                let amount = |n: i64| group_thousands(n, ' ');
                let variant = self.rng.random_range(0..100u32);
                let f = &mut sheet.fields;
                if variant < 20 {
                    // The 2014–2020 page on the new site (`GR Samsär`): Diarienummer and empty dates.
                    f.push(hf("Diarienummer", case.clone(), "case_number"));
                    f.push(hf("Namn", title.clone(), "title"));
                    f.push(plain("Startdatum", String::new()));
                    f.push(plain("Slutdatum", String::new()));
                    f.push(hf("Projektnummer", case, "case_number"));
                    f.push(hf("Projektägare", owner.name.clone(), "owner"));
                    f.push(hf("Region", region_written.to_string(), "region"));
                } else if variant < 55 {
                    // `Klara`: Namn and Region first.
                    f.push(hf("Namn", title.clone(), "title"));
                    f.push(hf("Region", region_written.to_string(), "region"));
                    f.push(hf("Projektägare", owner.name.clone(), "owner"));
                    f.push(hf("Projektnummer", case, "case_number"));
                } else {
                    // `Ung i Gävleborg`.
                    f.push(hf("Projektnummer", case, "case_number"));
                    f.push(hf("Projektägare", owner.name.clone(), "owner"));
                    f.push(hf("Namn", title.clone(), "title"));
                    f.push(hf("Region", region_written.to_string(), "region"));
                }
                f.push(hf(
                    "Planerat antal deltagare",
                    participants.to_string(),
                    "planned_participants",
                ));
                f.push(hf(
                    "Projektperiod",
                    format!("{} - {}", start.iso(), end.iso()),
                    "period",
                ));
                f.push(hf("Total projektbudget", amount(total), "total_budget_sek"));
                if (20..55).contains(&variant) {
                    f.push(plain("Total Kostnader", "0".to_string()));
                }
                f.push(hf("Beviljat ESF-stöd", amount(grant), "esf_grant_sek"));
                f.push(hf("Kontaktperson", contact_name, "contact.name"));
                f.push(hf("E-post", email, "contact.email"));
                if !(20..55).contains(&variant) {
                    f.push(plain("Stödmottagare postnr", postnr));
                    f.push(plain("Stödmottagarens address", String::new()));
                }
                if with_area {
                    f.push(hf(
                        "Programområde",
                        area_number.to_string(),
                        "programme_area",
                    ));
                }
                f.push(plain("Specifikt mål", objective));
                if !(20..55).contains(&variant) {
                    f.push(plain("Unionens medfinansieringsgrad", rate));
                    f.push(plain("Interventionstyp", intervention));
                }
            }
            Layout::Esf2021 => {
                let case = case_number.clone().unwrap_or_default();
                sheet.title_line = format!("{case} - {title}");
                truth.esf_grant_sek = None;
                truth.total_budget_sek = None;
                truth.esf_share = None;
                truth.planned_participants = Some(participants);
                let with_contact = self.chance(0.3);
                truth.contact = Contact::default();
                let letter = *self.pick(&["A", "B", "C", "D"]);
                truth.programme_area = Some(letter.to_string());
                let objective = format!(
                    "{letter}{}{}",
                    self.rng.random_range(1..=2u32),
                    self.pick(&["A", "B", "C", "D"])
                );
                let org_number = format!(
                    "{}",
                    self.rng.random_range(2_000_000_000u64..9_999_999_999u64)
                );
                let rate = format!("{}%", self.pick(&[40, 50, 60, 70]));
                let postnr = format!("{}", self.rng.random_range(10000..99000u32));
                let city = self.reference.municipalities[home].name.to_uppercase();
                let nuts = if national {
                    None
                } else {
                    Some(self.reference.regions[region_index].nuts2.to_string())
                };
                let child_poverty = if self.chance(0.2) { "Ja" } else { "Nej" };
                let strategic = if self.chance(0.1) { "Ja" } else { "Nej" };
                let intervention = format!("{}", self.rng.random_range(136..=160u32));
                // ESF+ pages sometimes shout the owner's name.
                let owner_written = if self.chance(0.3) {
                    owner.name.to_uppercase()
                } else {
                    owner.name.clone()
                };
                truth.owner = Some(owner_written.clone());
                let f = &mut sheet.fields;
                f.push(hf("Diarienummer", case, "case_number"));
                f.push(hf("Namn", title.clone(), "title"));
                f.push(hf("Startdatum", start.iso(), "period"));
                f.push(hf("Slutdatum", end.iso(), "period"));
                f.push(plain("Land som berörs", "Sverige".to_string()));
                f.push(plain("Berörd fond", "ESF+".to_string()));
                f.push(plain("Program CCI", "2021SE05SFPR".to_string()));
                f.push(plain("Projektägare organisationsnummer", org_number));
                f.push(hf("Projektägare", owner_written, "owner"));
                if with_contact {
                    truth.contact.name = Some(contact_name.clone());
                    truth.contact.email = Some(email.clone());
                    f.push(hf("Kontaktperson", contact_name, "contact.name"));
                    f.push(hf("E-post", email, "contact.email"));
                }
                f.push(plain("Unionens medfinansieringsgrad", rate));
                f.push(hf("Programområde", letter.to_string(), "programme_area"));
                f.push(plain("Specifikt mål", objective));
                f.push(plain(
                    "Sekundärtema - Motverka barnfattigdom",
                    child_poverty.to_string(),
                ));
                f.push(hf("Region", region_written.to_string(), "region"));
                if let Some(nuts) = nuts {
                    f.push(plain("NUTS-2 kod", nuts));
                }
                f.push(plain("Stödmottagare postnr", postnr));
                f.push(plain("Stödmottagare ort", city));
                f.push(plain("Interventionstyp", intervention));
                f.push(hf(
                    "Antal deltagare",
                    participants.to_string(),
                    "planned_participants",
                ));
                f.push(plain(
                    "Insats av strategisk betydelse",
                    strategic.to_string(),
                ));
            }
        }

        if self.chance(options.defect_rate) {
            self.defect(&mut sheet, &mut truth, start, end);
            if self.chance(0.25) {
                self.defect(&mut sheet, &mut truth, start, end);
            }
        }

        truth.sections = sheet
            .body
            .iter()
            .filter_map(|s| s.heading.map(str::to_string))
            .chain(sheet.lists.iter().map(|l| l.heading.to_string()))
            .collect();
        truth.banners = sheet
            .banners
            .iter()
            .flat_map(|b| b.text_blocks().iter().map(|s| s.to_string()))
            .collect();
        (sheet, truth)
    }

    /// A region drawn with probability proportional to its number of municipalities.
    fn weighted_region(&mut self) -> usize {
        let total = self.reference.municipalities.len();
        let mut x = self.rng.random_range(0..total.max(1));
        for (i, region) in self.reference.regions.iter().enumerate() {
            if x < region.municipalities.len() {
                return i;
            }
            x -= region.municipalities.len();
        }
        0
    }

    /// One to forty: mostly one or a few, sometimes a whole region.
    fn municipality_count(&mut self, available: usize) -> usize {
        let n = match self.rng.random_range(0..100u32) {
            0..50 => 1,
            50..75 => self.rng.random_range(2..=4usize),
            75..90 => self.rng.random_range(5..=12usize),
            _ => self.rng.random_range(13..=40usize),
        };
        n.min(available).max(1)
    }

    fn owner(&mut self, home: usize, region: usize, national: bool) -> Owner {
        let m = &self.reference.municipalities[home];
        let muni_domain = format!("{}.se", ascii(m.name).replace('-', ""));
        let roll = self.rng.random_range(0..100u32);
        let (name, kind, domain) = match roll {
            0..30 => {
                let unit = match self.rng.random_range(0..10u32) {
                    0 => ", Kommunstyrelsen",
                    1 => ", Arbetsmarknadsförvaltningen",
                    2 => ", Socialförvaltningen",
                    _ => "",
                };
                (format!("{}{unit}", m.full_name), "kommun", muni_domain)
            }
            30..35 => (
                "Göteborgsregionen".to_string(),
                "region",
                "goteborgsregionen.se".to_string(),
            ),
            35..44 => {
                let unit = if self.chance(0.4) {
                    ", Arbetsmarknad och kompetens"
                } else {
                    ""
                };
                (
                    format!("Region {}{unit}", m.county_short),
                    "region",
                    format!("region{}.se", ascii(m.county_short).replace('-', "")),
                )
            }
            44..49 => (
                format!("Samordningsförbundet {}", m.name),
                "region",
                format!("sf{}.se", ascii(m.name).replace('-', "")),
            ),
            49..57 => (
                format!("Arbetsförmedlingen {}", m.name),
                "myndighet",
                "arbetsformedlingen.se".to_string(),
            ),
            57..61 => (
                "Försäkringskassan".to_string(),
                "myndighet",
                "forsakringskassan.se".to_string(),
            ),
            61..65 => (
                format!("Länsstyrelsen i {}", m.county),
                "myndighet",
                "lansstyrelsen.se".to_string(),
            ),
            65..71 => {
                let school = *self.pick(vocab::FOLKHOGSKOLOR);
                (
                    format!("{school} folkhögskola"),
                    "ideell",
                    format!("{}.nu", ascii(school).trim_end_matches('s')),
                )
            }
            71..75 => (
                format!("Coompanion {}", m.county_short),
                "ideell",
                "coompanion.se".to_string(),
            ),
            75..80 => {
                let word = *self.pick(vocab::ORG_WORDS);
                (
                    format!("Föreningen {word}"),
                    "ideell",
                    format!("{}.se", ascii(word)),
                )
            }
            80..84 => (
                format!("Studieförbundet Vuxenskolan {}", m.county_short),
                "ideell",
                "sv.se".to_string(),
            ),
            84..90 => {
                let word = *self.pick(vocab::ORG_WORDS);
                (
                    format!("{word} Utveckling AB"),
                    "företag",
                    format!("{}.se", ascii(word)),
                )
            }
            90..95 => {
                let last = *self.pick(vocab::LAST_NAMES);
                (
                    format!("{last} AB"),
                    "företag",
                    format!("{}.se", ascii(last).replace('-', "")),
                )
            }
            _ => (
                format!("Arbetsgivarringen {} AB", m.name),
                "företag",
                "arbetsgivarringen.se".to_string(),
            ),
        };
        // Göteborgsregionen only owns projects in Västsverige.
        if kind == "region"
            && name == "Göteborgsregionen"
            && (national || self.reference.regions[region].name != "Västsverige")
        {
            return Owner {
                name: m.full_name.to_string(),
                kind: "kommun",
                domain: format!("{}.se", ascii(m.name).replace('-', "")),
            };
        }
        Owner { name, kind, domain }
    }

    fn phone(&mut self) -> String {
        let area = *self.pick(vocab::PHONE_AREAS);
        let len = 9usize.saturating_sub(area.len()).max(5);
        let digits: String = (0..len)
            .map(|_| char::from(b'0' + self.rng.random_range(0..10u8)))
            .collect();
        match self.rng.random_range(0..10u32) {
            0..5 => format!("{area}-{digits}"),
            5..7 => format!("{area} {digits}"),
            7..9 if digits.len() >= 6 => {
                let (a, rest) = digits.split_at(digits.len() - 4);
                let (b, c) = rest.split_at(2);
                format!("{area}-{a} {b} {c}")
            }
            _ => format!("{area}{digits}"),
        }
    }

    fn period(&mut self, layout: Layout, small: bool) -> (Date, Date) {
        // Start month ranges, in months since year 0.
        let (from, to) = match layout {
            Layout::Esf2007 => (2007 * 12 + 9, 2013 * 12 + 11),
            Layout::Esf2014 => (2014 * 12 + 9, 2020 * 12 + 11),
            Layout::Esf2021 => (2022 * 12, 2027 * 12 + 5),
        };
        let start_m = self.rng.random_range(from..=to);
        let (sy, sm) = ym(start_m);
        let sd = match self.rng.random_range(0..10u32) {
            0..6 => 1,
            6..8 => 15,
            _ => self.rng.random_range(1..=days_in_month(sy, sm)),
        };
        let months = if small {
            self.rng.random_range(3..=8)
        } else {
            self.rng.random_range(12..=42)
        };
        let (ey, em) = ym(start_m + months - 1);
        (Date(sy, sm, sd), Date(ey, em, days_in_month(ey, em)))
    }

    fn title(&mut self, home: usize) -> String {
        let base = *self.pick(vocab::TITLE_WORDS);
        let m = &self.reference.municipalities[home];
        match self.rng.random_range(0..10u32) {
            0..4 => base.to_string(),
            4..6 => format!("{base} {}", m.name),
            6 => format!("{base} {}", self.rng.random_range(2..=4u32)),
            7 => format!("{base} - genomförande"),
            8 => format!("{base} i {}", m.county_short),
            _ => format!("{base} E{}", self.rng.random_range(4..=45u32)),
        }
    }

    fn co_financiers(&mut self, munis: &[usize], owner: &Owner) -> Vec<String> {
        if self.chance(0.1) {
            return Vec::new();
        }
        let n = self.rng.random_range(1..=5usize);
        let mut out: Vec<String> = Vec::new();
        for _ in 0..n * 2 {
            if out.len() >= n {
                break;
            }
            let m = &self.reference.municipalities[*self.pick(munis)];
            let item = match self.rng.random_range(0..8u32) {
                0 => format!("Arbetsförmedlingen {}", m.name),
                1 => format!("Försäkringskassan {}", m.name),
                2 => m.full_name.to_string(),
                3 => format!("Samordningsförbundet {}", m.name),
                4 => format!("Region {}", m.county_short),
                5 => owner.name.clone(),
                _ => self.pick(vocab::COFINANCIER_UNITS).to_string(),
            };
            if !out.contains(&item) {
                out.push(item);
            }
        }
        out.sort_by_key(|s| swedish_key(s));
        out
    }

    fn partners(&mut self, munis: &[usize], co_financiers: &[String]) -> Vec<String> {
        if self.chance(0.4) {
            return Vec::new();
        }
        // Some pages repeat the co-financiers as partners (`Jobbfokus E18`).
        if !co_financiers.is_empty() && self.chance(0.15) {
            return co_financiers.to_vec();
        }
        let n = self.rng.random_range(1..=5usize);
        let mut out: Vec<String> = Vec::new();
        for _ in 0..n * 2 {
            if out.len() >= n {
                break;
            }
            let m = &self.reference.municipalities[*self.pick(munis)];
            let item = match self.rng.random_range(0..6u32) {
                0 => format!("Arbetsförmedlingen {}", m.name),
                1 => format!("Näringslivskontoret {}", m.name),
                2 => format!("Coompanion {} & Co", m.county_short),
                _ => self.pick(vocab::PARTNER_POOL).to_string(),
            };
            if !out.contains(&item) {
                out.push(item);
            }
        }
        out.sort_by_key(|s| swedish_key(s));
        out
    }

    fn banners(&mut self, layout: Layout) -> Vec<Banner> {
        let mut out = Vec::new();
        match layout {
            Layout::Esf2007 => {
                if self.chance(0.85) {
                    out.push(Banner::PrintLogo);
                }
                match self.rng.random_range(0..100u32) {
                    0..15 => out.push(Banner::Covid),
                    15..40 => out.push(Banner::Webinar),
                    _ => {}
                }
            }
            _ => {
                if self.chance(0.2) {
                    out.push(Banner::Cookies);
                }
            }
        }
        out
    }

    /// Target groups and methods to plant: sometimes none, usually one to three of each.
    fn plant_labels(&mut self) -> (Vec<&'static str>, Vec<&'static str>) {
        if self.chance(0.1) {
            return (Vec::new(), Vec::new());
        }
        let ng = match self.rng.random_range(0..100u32) {
            0..15 => 0,
            15..55 => 1,
            55..85 => 2,
            _ => 3,
        };
        let nm = match self.rng.random_range(0..100u32) {
            0..15 => 0,
            15..45 => 1,
            45..75 => 2,
            75..95 => 3,
            _ => 4,
        };
        let mut groups: Vec<&'static str> =
            rand::seq::index::sample(self.rng, vocab::TARGET_GROUPS.len(), ng)
                .iter()
                .map(|i| vocab::TARGET_GROUPS[i])
                .collect();
        let mut methods: Vec<&'static str> =
            rand::seq::index::sample(self.rng, vocab::METHODS.len(), nm)
                .iter()
                .map(|i| vocab::METHODS[i])
                .collect();
        groups.sort_unstable();
        methods.sort_unstable();
        (groups, methods)
    }

    /// A sentence planting `label`, with a form whose every lexicon label is planted.
    fn planting_sentence(&mut self, label: &str, planted: &[&str], places: &[String]) -> String {
        let forms: Vec<&Form> = vocab::GROUP_FORMS
            .iter()
            .chain(vocab::METHOD_FORMS.iter())
            .filter(|f| f.labels.contains(&label) && f.labels.iter().all(|l| planted.contains(l)))
            .collect();
        let Some(&form) = forms.get(self.rng.random_range(0..forms.len().max(1))) else {
            return String::new();
        };
        let template = *self.pick(vocab::planting_templates(form.slot));
        let sentence = self.fill(template, places).replace("{X}", form.text);
        if form.slot == Slot::Phenomenon {
            capitalize(&sentence)
        } else {
            sentence
        }
    }

    fn fill(&mut self, template: &str, places: &[String]) -> String {
        let mut s = template.to_string();
        if s.contains("{P}") {
            let p = self.pick(places).clone();
            s = s.replace("{P}", &p);
        }
        if s.contains("{S}") {
            let sector = self.pick(vocab::SECTORS).to_string();
            s = s.replace("{S}", &sector);
        }
        if s.contains("{N}") {
            s = s.replace("{N}", &self.rng.random_range(10..=400u32).to_string());
        }
        if s.contains("{Y}") {
            let year = self.year - self.rng.random_range(1..=3);
            s = s.replace("{Y}", &year.to_string());
        }
        if s.contains("{Q}") {
            s = s.replace("{Q}", &self.rng.random_range(20..=80u32).to_string());
        }
        if s.contains("{C}") {
            let country = self.pick(vocab::COUNTRIES).to_string();
            s = s.replace("{C}", &country);
        }
        s
    }

    /// A composed sentence: `{opening} {actor} {verb} {object} {tail}.`, or one on the theme.
    fn composed(&mut self, places: &[String]) -> String {
        if self.chance(0.15) {
            let template = *self.pick(vocab::THEME_SENTENCES);
            let theme = *self.pick(self.theme);
            return capitalize(&self.fill(template, places).replace("{T}", theme));
        }
        let opening = *self.pick(vocab::OPENINGS);
        let actor = *self.pick(vocab::ACTORS);
        let verb = *self.pick(vocab::VERBS);
        let object = *self.pick(vocab::OBJECTS);
        let tail = *self.pick(vocab::TAILS);
        // Swedish word order: after an opening phrase the verb comes before the subject.
        let (head, rest) = verb.split_once(' ').unwrap_or((verb, ""));
        let body = if self.chance(0.5) {
            format!("{opening} {head} {actor} {rest} {object} {tail}")
        } else {
            format!("{actor} {verb} {object} {tail}")
        };
        let sentence = body.split_whitespace().collect::<Vec<_>>().join(" ");
        capitalize(&format!("{}.", self.fill(&sentence, places)))
    }

    /// Background paragraphs: fixed sentences mixed with composed ones.
    fn composed_paragraph(&mut self, min: usize, max: usize, places: &[String]) -> Vec<String> {
        let n = self.scaled(min, max);
        (0..n)
            .map(|_| {
                if self.chance(0.35) {
                    let template = *self.pick(vocab::FILLER_BACKGROUND);
                    self.fill(template, places)
                } else {
                    self.composed(places)
                }
            })
            .collect()
    }

    /// A count in `min..=max` scaled by the project's verbosity (at least one).
    fn scaled(&mut self, min: usize, max: usize) -> usize {
        let n = self.rng.random_range(min..=max) as f64 * self.verbosity;
        (n.round() as usize).max(1)
    }

    fn paragraph(
        &mut self,
        pool: &[&str],
        min: usize,
        max: usize,
        places: &[String],
    ) -> Vec<String> {
        let sentences = self.rng.random_range(min..=max);
        let mut order: Vec<usize> = (0..pool.len()).collect();
        order.shuffle(self.rng);
        order
            .iter()
            .cycle()
            .take(sentences)
            .map(|&i| self.fill(pool[i], places))
            .collect()
    }

    fn body(
        &mut self,
        layout: Layout,
        groups: &[&'static str],
        methods: &[&'static str],
        places: &[String],
    ) -> Vec<BodySection> {
        let planted: Vec<&str> = groups.iter().chain(methods.iter()).copied().collect();
        // Sentences per section, planted ones inserted at random places.
        let mut summary = self.paragraph(vocab::FILLER_SUMMARY, 2, 4, places);
        let paragraphs = self.scaled(4, 9);
        let mut background: Vec<Vec<String>> = (0..paragraphs)
            .map(|_| self.composed_paragraph(5, 11, places))
            .collect();
        let mut purpose = self.paragraph(vocab::FILLER_PURPOSE, 2, 4, places);
        let extra = self.composed_paragraph(2, 6, places);
        purpose.extend(extra);
        // Goals as a numbered list, one per line.
        let goals: Vec<String> = self
            .paragraph(vocab::FILLER_GOALS, 2, 5, places)
            .into_iter()
            .enumerate()
            .map(|(i, goal)| format!("{}. {goal}", i + 1))
            .collect();
        for label in &planted {
            let first = self.planting_sentence(label, &planted, places);
            let at = self.rng.random_range(0..=summary.len());
            summary.insert(at, first);
            let second = self.planting_sentence(label, &planted, places);
            if self.chance(0.5) {
                let at = self.rng.random_range(0..=purpose.len());
                purpose.insert(at, second);
            } else {
                let p = self.rng.random_range(0..background.len());
                let at = self.rng.random_range(0..=background[p].len());
                background[p].insert(at, second);
            }
        }
        let join = |sentences: Vec<String>| sentences.join(" ");
        match layout {
            Layout::Esf2007 => {
                let access = self.paragraph(vocab::FILLER_ACCESS, 1, 3, places);
                let equality = self.paragraph(vocab::FILLER_EQUALITY, 1, 3, places);
                let transnational = self.paragraph(vocab::FILLER_TRANSNATIONAL, 1, 1, places);
                let mut out = vec![
                    BodySection {
                        heading: Some("Sammanfattning"),
                        paragraphs: vec![join(summary)],
                    },
                    BodySection {
                        heading: Some("Bakgrund"),
                        paragraphs: background.into_iter().map(join).collect(),
                    },
                    BodySection {
                        heading: Some("Syfte"),
                        paragraphs: vec![join(purpose)],
                    },
                    BodySection {
                        heading: Some("Målsättning"),
                        paragraphs: goals,
                    },
                ];
                if self.chance(0.9) {
                    out.push(BodySection {
                        heading: Some("Tillgänglighet för personer med funktionsnedsättning"),
                        paragraphs: vec![join(access)],
                    });
                }
                if self.chance(0.85) {
                    out.push(BodySection {
                        heading: Some("Jämställdhetsintegrering"),
                        paragraphs: vec![join(equality)],
                    });
                }
                if self.chance(0.7) {
                    out.push(BodySection {
                        heading: Some("Transnationellt samarbete"),
                        paragraphs: vec![join(transnational)],
                    });
                }
                out
            }
            _ => {
                let mut paragraphs = vec![join(summary)];
                paragraphs.extend(background.into_iter().map(join));
                paragraphs.push(join(purpose));
                paragraphs.extend(goals);
                vec![BodySection {
                    heading: None,
                    paragraphs,
                }]
            }
        }
    }

    /// Break one field on purpose, and record it.
    fn defect(&mut self, sheet: &mut Sheet, truth: &mut Truth, start: Date, end: Date) {
        const CANDIDATES: &[&str] = &[
            "total_budget_sek",
            "esf_grant_sek",
            "period",
            "owner",
            "contact.name",
            "contact.email",
            "contact.phone",
            "region",
            "phase",
            "programme_area",
            "planned_participants",
            "municipalities",
        ];
        let present: Vec<&'static str> = CANDIDATES
            .iter()
            .copied()
            .filter(|c| {
                !truth.defects.iter().any(|d| d.field == *c)
                    && (*c == "municipalities" || sheet.fields.iter().any(|f| f.field == Some(*c)))
            })
            .collect();
        if present.is_empty() {
            return;
        }
        let field = *self.pick(&present);
        if field == "municipalities" {
            sheet.lists.retain(|l| l.heading != "Kommun");
            truth.municipalities.clear();
            truth.counties.clear();
            truth.defects.push(Defect {
                field: field.to_string(),
                kind: DefectKind::Omitted,
                label: "Kommun".to_string(),
                written: None,
            });
            return;
        }
        // Which kinds make sense for this field.
        let malformed: Option<String> = match field {
            "total_budget_sek" | "esf_grant_sek" => {
                let n = if field == "total_budget_sek" {
                    truth.total_budget_sek
                } else {
                    truth.esf_grant_sek
                }
                .unwrap_or(0);
                Some(self.malformed_amount(n))
            }
            "period" => Some(match sheet.layout {
                Layout::Esf2007 => match self.rng.random_range(0..3u32) {
                    0 => format!("{} till", start.iso()),
                    1 => format!("{} till {}", start.0, end.0),
                    _ => format!(
                        "{} {} till {} {}",
                        vocab::MONTHS[start.1 as usize - 1],
                        start.0,
                        vocab::MONTHS[end.1 as usize - 1],
                        end.0
                    ),
                },
                Layout::Esf2014 => match self.rng.random_range(0..2u32) {
                    0 => format!("{} - {}", start.0, end.0),
                    _ => format!("{} -", start.iso()),
                },
                Layout::Esf2021 => format!("{} {}", vocab::MONTHS[start.1 as usize - 1], start.0),
            }),
            "contact.email" => truth.contact.email.as_ref().map(|e| e.replace('@', "(at)")),
            "planned_participants" => truth
                .planned_participants
                .map(|n| format!("ca {}", group_thousands(((n + 5) / 10 * 10).max(10), ' '))),
            _ => None,
        };
        let roll = self.rng.random_range(0..100u32);
        let kind = match (&malformed, roll) {
            (Some(_), 0..60) => DefectKind::Malformed,
            (_, 0..50) => DefectKind::Empty,
            _ => DefectKind::Omitted,
        };
        let mut label = String::new();
        match kind {
            DefectKind::Malformed => {
                let written = malformed.clone().unwrap_or_default();
                // Startdatum only, in the ESF+ layout.
                if let Some(f) = sheet.fields.iter_mut().find(|f| f.field == Some(field)) {
                    f.value = written;
                    label = f.label.to_string();
                }
            }
            DefectKind::Empty => {
                for f in sheet.fields.iter_mut().filter(|f| f.field == Some(field)) {
                    f.value.clear();
                    label = f.label.to_string();
                }
            }
            DefectKind::Omitted => {
                if let Some(f) = sheet.fields.iter().find(|f| f.field == Some(field)) {
                    label = f.label.to_string();
                }
                sheet.fields.retain(|f| f.field != Some(field));
            }
        }
        if kind != DefectKind::Malformed {
            match field {
                "total_budget_sek" => {
                    truth.total_budget_sek = None;
                    truth.esf_share = None;
                }
                "esf_grant_sek" => {
                    truth.esf_grant_sek = None;
                    truth.esf_share = None;
                }
                "period" => truth.period = Period::default(),
                "owner" => {
                    truth.owner = None;
                    truth.owner_type = None;
                }
                "contact.name" => truth.contact.name = None,
                "contact.email" => truth.contact.email = None,
                "contact.phone" => truth.contact.phone = None,
                "region" => {
                    truth.region = None;
                    truth.region_written = None;
                }
                "phase" => truth.phase = None,
                "programme_area" => truth.programme_area = None,
                "planned_participants" => truth.planned_participants = None,
                _ => {}
            }
        }
        truth.defects.push(Defect {
            field: field.to_string(),
            kind,
            label,
            written: if kind == DefectKind::Omitted {
                None
            } else if kind == DefectKind::Empty {
                Some(String::new())
            } else {
                malformed
            },
        });
    }

    fn malformed_amount(&mut self, n: i64) -> String {
        let millions = n as f64 / 1_000_000.0;
        match self.rng.random_range(0..4u32) {
            0 => {
                // ca 300 000 kr: rounded to two significant figures.
                let magnitude = 10f64.powi((n.max(1) as f64).log10().floor() as i32 - 1);
                let rounded = ((n as f64 / magnitude).round() * magnitude) as i64;
                format!("ca {} kr", group_thousands(rounded, ' '))
            }
            1 => format!("{} Mkr", format!("{millions:.1}").replace('.', ",")),
            2 => format!("{} milj. kr", format!("{millions:.2}").replace('.', ",")),
            _ => format!("cirka {} miljoner kronor", millions.round().max(1.0)),
        }
    }
}

fn hf(label: &'static str, value: String, field: &'static str) -> HeaderField {
    HeaderField {
        label,
        value,
        field: Some(field),
    }
}

fn plain(label: &'static str, value: String) -> HeaderField {
    HeaderField {
        label,
        value,
        field: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(3_742_943, '\u{a0}'), "3\u{a0}742\u{a0}943");
        assert_eq!(group_thousands(145_173, ' '), "145 173");
        assert_eq!(group_thousands(999, ' '), "999");
        assert_eq!(group_thousands(1000, ' '), "1 000");
    }

    #[test]
    fn swedish_order() {
        let mut v = vec![
            "Östra Göinge",
            "Åstorp",
            "Båstad",
            "Burlöv",
            "Ängelholm",
            "Örkelljunga",
        ];
        v.sort_by_key(|s| swedish_key(s));
        assert_eq!(
            v,
            [
                "Burlöv",
                "Båstad",
                "Åstorp",
                "Ängelholm",
                "Örkelljunga",
                "Östra Göinge"
            ]
        );
    }
}
