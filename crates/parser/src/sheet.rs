//! Assembles a [`Project`] from a sheet's text: header fields into typed fields (or
//! `other_fields`), body into sections and lists, then normalisation and derived fields.

use std::collections::BTreeSet;

use crate::body::{self, Body};
use crate::header::{self, RawField};
use crate::labels::Key;
use crate::places::{self, NATIONAL};
use crate::project::{Field, Project, Section};
use crate::text::{collapse_spaces, fold, normalize, prefix_at_most, strip_bullet};
use crate::values::{parse_amount, parse_count, parse_date, parse_percent, split_period};
use crate::{ParseError, ParseOptions, id, lang, owner};

/// Labels whose value is a percentage; an unreadable one is warned about (the value stays in
/// `other_fields` either way).
const PERCENT_LABELS: &[&str] = &[
    "unionens medfinansieringsgrad",
    "medfinansieringsgrad",
    "stödandel",
];

/// How much section text the target-group and method lexicons read, in all.
const LEXICON_BYTES: usize = 256 * 1024;

/// Longer owner names are not names; the owner type is not derived from them.
const MAX_OWNER_BYTES: usize = 300;

pub(crate) fn parse(
    source: &str,
    raw_text: &str,
    encoding_note: Option<String>,
    options: ParseOptions,
) -> Result<Project, ParseError> {
    let text = normalize(raw_text);
    if text.trim().is_empty() {
        return Err(ParseError::NotASheet("empty file".into()));
    }
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    let header = header::parse(&lines);
    let case_title = header.title_line.and_then(split_case_title);
    if !header.found && case_title.is_none() {
        return Err(ParseError::NotASheet(
            "no project-sheet header: none of the labels (Projektägare, Programområde, \
             Projektnummer, Diarienummer, ...) and no title line `<case number> - <title>`"
                .into(),
        ));
    }
    let mut b = Builder {
        p: Project {
            source: source.to_string(),
            ..Project::default()
        },
        seen: Vec::new(),
        other_labels: Vec::new(),
        raw_municipalities: Vec::new(),
    };
    if let Some(note) = encoding_note {
        b.p.warn("encoding", note);
    }
    for field in &header.fields {
        b.field(field);
    }
    for line in &header.unrecognised {
        let field = Field {
            label: String::new(),
            value: collapse_spaces(line),
        };
        b.push_other(String::new(), field);
        b.p.warn(
            "other_fields",
            format!("header line `{line}` has no recognisable label; kept with an empty label"),
        );
    }
    b.title(header.title_line, case_title);
    b.body(body::parse(&lines[header.body_start.min(lines.len())..]));
    b.finish(options);
    Ok(b.p)
}

/// `2015/00646 - Ung i Gävleborg` → (`2015/00646`, `Ung i Gävleborg`). The case number is one
/// token with at least four digits, made of digits, letters, `/` and `-`.
fn split_case_title(line: &str) -> Option<(&str, &str)> {
    let (case, title) = line.split_once(" - ")?;
    let case = case.trim();
    let digits = case.chars().filter(char::is_ascii_digit).count();
    let token = case
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-');
    (token && digits >= 4 && case.len() <= 24 && case.starts_with(|c: char| c.is_ascii_digit()))
        .then_some((case, title.trim()))
}

struct Builder {
    p: Project,
    /// Typed keys already filled: (key, label as written, value), to tell duplicates apart.
    seen: Vec<(Key, String, String)>,
    /// The folded label of each of `other_fields`, for telling a repeated label.
    other_labels: Vec<String>,
    raw_municipalities: Vec<String>,
}

impl Builder {
    fn field(&mut self, field: &RawField<'_>) {
        let value = field.value();
        let Some(key) = field.key() else {
            self.other(field.label, value);
            return;
        };
        if key.is_list() {
            self.list(
                key,
                field.values.iter().map(|v| strip_bullet(v).unwrap_or(v)),
            );
            return;
        }
        if value.is_empty() {
            // `Startdatum:` with nothing after it: no value, nothing to warn about.
            return;
        }
        if let Some((_, label, first)) = self.seen.iter().find(|(k, _, _)| *k == key) {
            if *first == value {
                return;
            }
            if fold(label) == fold(field.label) {
                let message = format!(
                    "`{}` appears twice; kept the first value `{first}`, ignored `{value}`",
                    field.label
                );
                self.p.warn(key.field_name(), message);
            } else {
                // Another label for the same field (`Antal deltagare` after `Planerat antal
                // deltagare`): not a conflict of the page with itself; kept as a field.
                self.other(field.label, value);
            }
            return;
        }
        self.seen
            .push((key, field.label.to_string(), value.clone()));
        self.typed(key, value);
    }

    fn other(&mut self, label: &str, value: String) {
        let label = collapse_spaces(label);
        let folded = fold(&label);
        if let Some(first) = self
            .other_labels
            .iter()
            .position(|l| *l == folded)
            .map(|i| &self.p.other_fields[i])
        {
            if first.value != value {
                let message = format!(
                    "`{label}` appears twice; kept the first value `{}`, ignored `{value}`",
                    first.value
                );
                self.p.warn("other_fields", message);
            }
            return;
        }
        if PERCENT_LABELS.contains(&folded.as_str())
            && !value.is_empty()
            && parse_percent(&value).is_none()
        {
            self.p.warn(
                "other_fields",
                format!("`{label}`: could not read `{value}` as a percentage"),
            );
        }
        self.push_other(folded, Field { label, value });
    }

    fn push_other(&mut self, folded_label: String, field: Field) {
        self.other_labels.push(folded_label);
        self.p.other_fields.push(field);
    }

    fn typed(&mut self, key: Key, value: String) {
        let p = &mut self.p;
        match key {
            Key::Title => p.title = value,
            Key::CaseNumber => p.case_number = Some(value),
            Key::ProgrammeArea => p.programme_area = Some(value),
            Key::Phase => p.phase = Some(value),
            Key::Owner => p.owner = Some(owner::dedupe_owner(&value)),
            Key::ContactName => p.contact.name = Some(value),
            Key::Email => p.contact.email = Some(value),
            Key::Phone => p.contact.phone = Some(value),
            Key::Grant => p.esf_grant_sek = amount(p, key, &value),
            Key::Budget => p.total_budget_sek = amount(p, key, &value),
            Key::Participants => {
                p.planned_participants = parse_count(&value);
                if p.planned_participants.is_none() {
                    p.warn(
                        key.field_name(),
                        format!("could not read `{value}` as a number"),
                    );
                }
            }
            Key::Period => self.period(&value),
            Key::Start => self.date(key, &value),
            Key::End => self.date(key, &value),
            Key::Region => match places::canonical_region(&value) {
                Some(region) => p.region = Some(region.to_string()),
                None => {
                    p.warn(
                        "region",
                        format!("`{value}` is not an ESF region of esf_regions.csv (nor `Nationellt`); kept as written"),
                    );
                    p.region = Some(value);
                }
            },
            Key::Municipalities | Key::CoFinanciers | Key::Partners => {
                self.list(key, std::iter::once(value.as_str()));
            }
        }
    }

    fn period(&mut self, raw: &str) {
        let Some((start, end)) = split_period(raw) else {
            self.p.warn(
                "period",
                format!("could not read `{raw}` as a period `start till end`"),
            );
            return;
        };
        self.date(Key::Start, start);
        self.date(Key::End, end);
    }

    /// Sets the start or end date; a second, different date (Projektperiod vs Startdatum) is
    /// warned about and the first kept.
    fn date(&mut self, key: Key, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let Some(iso) = parse_date(raw) else {
            self.p.warn(
                key.field_name(),
                format!("could not read `{raw}` as a date"),
            );
            return;
        };
        let slot = if key == Key::Start {
            &mut self.p.period.start
        } else {
            &mut self.p.period.end
        };
        match slot {
            None => *slot = Some(iso),
            Some(first) if *first == iso => {}
            Some(first) => {
                let message = format!("two different dates `{first}` and `{iso}`; kept the first");
                self.p.warn(key.field_name(), message);
            }
        }
    }

    fn list<'a>(&mut self, key: Key, items: impl Iterator<Item = &'a str>) {
        for item in items {
            let item = collapse_spaces(item);
            if item.is_empty() {
                continue;
            }
            let target = match key {
                Key::Municipalities => &mut self.raw_municipalities,
                Key::CoFinanciers => &mut self.p.co_financiers,
                _ => &mut self.p.partners,
            };
            if !target.contains(&item) {
                target.push(item);
            }
        }
    }

    fn title(&mut self, line: Option<&str>, case_title: Option<(&str, &str)>) {
        if let Some((case, title)) = case_title {
            if self.p.case_number.is_none() {
                self.p.case_number = Some(case.to_string());
            }
            if self.p.title.is_empty() {
                self.p.title = collapse_spaces(title);
            }
        }
        if self.p.title.is_empty() {
            match line {
                Some(line) => self.p.title = collapse_spaces(line),
                None => self
                    .p
                    .warn("title", "no title line before the header and no `Namn:`"),
            }
        }
    }

    fn body(&mut self, body: Body) {
        for (key, items) in body.lists {
            self.list(key, items.iter().map(String::as_str));
        }
        self.p.sections = body
            .sections
            .into_iter()
            .map(|(heading, text)| Section {
                lang: lang::detect(&text),
                heading,
                text,
            })
            .collect();
    }

    /// Normalisation and derived fields, once everything is read.
    fn finish(&mut self, options: ParseOptions) {
        self.municipalities();
        let p = &mut self.p;
        if let (Some(grant), Some(total)) = (p.esf_grant_sek, p.total_budget_sek)
            && total > 0
        {
            let share = (grant as f64 / total as f64 * 10_000.0).round() / 10_000.0;
            if share > 1.0 {
                p.warn(
                    "esf_share",
                    format!("ESF grant {grant} exceeds the total budget {total}"),
                );
            }
            p.esf_share = Some(share);
        }
        p.owner_type = p
            .owner
            .as_deref()
            .filter(|o| o.len() <= MAX_OWNER_BYTES)
            .map(|o| owner::owner_type(o).to_string());
        if options.lexicons {
            // The lexicons read at most LEXICON_BYTES of section text in all: a real sheet has
            // a few dozen KB, and a pathological 50 MB one must not multiply the parse time.
            let mut budget = LEXICON_BYTES;
            let mut texts: Vec<(&str, &str)> = vec![("Titel", prefix_at_most(&p.title, 1024))];
            // `Programområde 1 Kompetensförsörjning` is what marks projects for the employed.
            if let Some(area) = &p.programme_area {
                texts.push(("Programområde", prefix_at_most(area, 1024)));
            }
            for section in &p.sections {
                if budget == 0 {
                    break;
                }
                let text = prefix_at_most(&section.text, budget);
                budget -= text.len();
                texts.push((section.heading.as_str(), text));
            }
            (p.target_groups, p.methods) =
                projektsok_analysis::lexicon::target_groups_and_methods_in_sections(&texts);
        }
        p.id = match p.case_number.as_deref().map(id::slug) {
            Some(slug) if !slug.is_empty() => slug,
            _ => id::hashed(
                &p.title,
                p.owner.as_deref().unwrap_or(""),
                p.period.start.as_deref().unwrap_or(""),
                p.period.end.as_deref().unwrap_or(""),
            ),
        };
    }

    /// Official short names, counties, and the region cross-check.
    fn municipalities(&mut self) {
        let mut counties = BTreeSet::new();
        let mut outside_region = Vec::new();
        let region_counties = self
            .p
            .region
            .as_deref()
            .filter(|r| *r != NATIONAL)
            .and_then(places::region_counties);
        for raw in std::mem::take(&mut self.raw_municipalities) {
            for part in raw
                .split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let name = match places::municipality(part) {
                    Some(m) => {
                        counties.insert(m.county.clone());
                        if region_counties.is_some_and(|set| !set.contains(&m.county)) {
                            outside_region.push(format!("{} ({})", m.name, m.county));
                        }
                        m.name.clone()
                    }
                    None => {
                        self.p.warn(
                            "municipalities",
                            format!("`{part}` is not a municipality of municipality_county.csv; kept as written"),
                        );
                        part.to_string()
                    }
                };
                if !self.p.municipalities.contains(&name) {
                    self.p.municipalities.push(name);
                }
            }
        }
        let mut counties: Vec<String> = counties.into_iter().collect();
        counties.sort_by_key(|c| swedish_key(c));
        self.p.counties = counties;
        if !outside_region.is_empty() {
            let region = self.p.region.clone().unwrap_or_default();
            self.p.warn(
                "region",
                format!(
                    "region `{region}` does not cover the county of {}; region kept as written",
                    outside_region.join(", ")
                ),
            );
        }
    }
}

/// An amount field, with a warning when approximate or unreadable.
fn amount(p: &mut Project, key: Key, raw: &str) -> Option<i64> {
    match parse_amount(raw) {
        Some(amount) => {
            if amount.approximate {
                p.warn(
                    key.field_name(),
                    format!("approximate amount `{raw}` read as {}", amount.kronor),
                );
            }
            Some(amount.kronor)
        }
        None => {
            p.warn(
                key.field_name(),
                format!("could not read `{raw}` as an amount"),
            );
            None
        }
    }
}

/// Sort key in Swedish alphabetical order (å, ä, ö after z).
fn swedish_key(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' => '{',
            'ä' | 'æ' => '|',
            'ö' | 'ø' => '}',
            'é' | 'è' => 'e',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_titles() {
        assert_eq!(
            split_case_title("2015/00646 - Ung i Gävleborg"),
            Some(("2015/00646", "Ung i Gävleborg"))
        );
        assert_eq!(
            split_case_title("23-040-S06 - Förstudie Gröna Rum ASF Mitt"),
            Some(("23-040-S06", "Förstudie Gröna Rum ASF Mitt"))
        );
        assert_eq!(split_case_title("Visioncenter - genomförande"), None);
        assert_eq!(split_case_title("E18 - Jobbfokus"), None);
    }

    #[test]
    fn swedish_order() {
        let mut v = vec![
            "Östergötlands län",
            "Örebro län",
            "Ålands",
            "Ängelholm",
            "Zeta",
        ];
        v.sort_by_key(|s| swedish_key(s));
        assert_eq!(
            v,
            [
                "Zeta",
                "Ålands",
                "Ängelholm",
                "Örebro län",
                "Östergötlands län"
            ]
        );
    }
}
