//! The header labels the parser knows, as data: which typed field each feeds and whether the
//! 2007–2013 layout glues it to its value. Every label not listed here still reaches
//! `other_fields`; adding a row is all it takes to type a new one.

use std::sync::LazyLock;

use crate::text::fold_into;

/// The typed `Project` field a header label feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    Title,
    CaseNumber,
    ProgrammeArea,
    Phase,
    Owner,
    ContactName,
    Email,
    Phone,
    Grant,
    Budget,
    Period,
    Start,
    End,
    Region,
    Participants,
    Municipalities,
    CoFinanciers,
    Partners,
}

impl Key {
    /// Labels whose value is a list of names, one per line.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Key::Municipalities | Key::CoFinanciers | Key::Partners
        )
    }

    /// The `Project` field this key fills, for warnings.
    pub fn field_name(self) -> &'static str {
        match self {
            Key::Title => "title",
            Key::CaseNumber => "case_number",
            Key::ProgrammeArea => "programme_area",
            Key::Phase => "phase",
            Key::Owner => "owner",
            Key::ContactName => "contact.name",
            Key::Email => "contact.email",
            Key::Phone => "contact.phone",
            Key::Grant => "esf_grant_sek",
            Key::Budget => "total_budget_sek",
            Key::Period => "period",
            Key::Start => "period.start",
            Key::End => "period.end",
            Key::Region => "region",
            Key::Participants => "planned_participants",
            Key::Municipalities => "municipalities",
            Key::CoFinanciers => "co_financiers",
            Key::Partners => "partners",
        }
    }
}

/// What may follow a glued label, so `Regionalt samarbete` (a title) is not read as the label
/// `Region` with the value `alt samarbete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Glue {
    /// Not glued in any known layout: only `Label:` or `Label` alone on its line.
    No,
    /// Any value (names and e-mail addresses may start in lowercase: `Kontaktpersonstefan`).
    Any,
    /// The value starts with an uppercase letter or a digit.
    Upper,
    /// The value starts with a digit (amounts, dates, numbers).
    Digit,
}

#[derive(Debug)]
pub(crate) struct Label {
    /// As the page writes it.
    pub name: &'static str,
    pub key: Key,
    pub glue: Glue,
}

const fn l(name: &'static str, key: Key, glue: Glue) -> Label {
    Label { name, key, glue }
}

/// Known labels. Where one label is a prefix of another (`Telefon`, `Telefonnummer`) the longer
/// comes first, because glued labels are matched by prefix in this order.
pub(crate) static LABELS: &[Label] = &[
    l("Programområde", Key::ProgrammeArea, Glue::Upper),
    l("Insatsområde", Key::ProgrammeArea, Glue::Upper),
    l("Projektfas", Key::Phase, Glue::Upper),
    l("Fas", Key::Phase, Glue::No),
    l("Projektägare", Key::Owner, Glue::Any),
    l("Kontaktperson", Key::ContactName, Glue::Any),
    l("Kontakt", Key::ContactName, Glue::No),
    l("E-postadress", Key::Email, Glue::Any),
    l("E-post", Key::Email, Glue::Any),
    l("Epost", Key::Email, Glue::No),
    l("E-mail", Key::Email, Glue::No),
    l("Telefonnummer", Key::Phone, Glue::Digit),
    l("Telefon", Key::Phone, Glue::Digit),
    l("Tel", Key::Phone, Glue::No),
    l("Beviljat ESF-stöd", Key::Grant, Glue::Digit),
    l("Beviljat stöd", Key::Grant, Glue::Digit),
    l("ESF-stöd", Key::Grant, Glue::No),
    l("Total projektbudget", Key::Budget, Glue::Digit),
    l("Total budget", Key::Budget, Glue::No),
    l("Projektbudget", Key::Budget, Glue::No),
    l("Projektperiod", Key::Period, Glue::Digit),
    l("Projekttid", Key::Period, Glue::No),
    l("Startdatum", Key::Start, Glue::Digit),
    l("Slutdatum", Key::End, Glue::Digit),
    l("Region", Key::Region, Glue::Upper),
    l("Projektnummer", Key::CaseNumber, Glue::Digit),
    l("Diarienummer", Key::CaseNumber, Glue::Digit),
    l("Ärendenummer", Key::CaseNumber, Glue::No),
    l("Namn", Key::Title, Glue::No),
    l("Projektnamn", Key::Title, Glue::No),
    l("Planerat antal deltagare", Key::Participants, Glue::Digit),
    l("Antal deltagare", Key::Participants, Glue::No),
    l("Kommuner", Key::Municipalities, Glue::No),
    l("Kommun", Key::Municipalities, Glue::No),
    l("Berörda kommuner", Key::Municipalities, Glue::No),
    l("Medfinansiärer", Key::CoFinanciers, Glue::No),
    l("Medfinansiär", Key::CoFinanciers, Glue::No),
    l("Samarbetspartners", Key::Partners, Glue::No),
    l("Samarbetspartner", Key::Partners, Glue::No),
];

/// The known label spelled `name` (any case and spacing, trailing colon ignored).
pub(crate) fn lookup(name: &str) -> Option<&'static Label> {
    let name = name.trim().trim_end_matches(':').trim_end();
    if name.len() > 40 {
        return None;
    }
    // (every line of a sheet's header is looked up, some several times: no allocation)
    let mut buf = [0u8; 64];
    let folded = fold_into(name, &mut buf)?;
    LABELS
        .iter()
        .zip(FOLDED.iter())
        .find(|(_, known)| *known == folded)
        .map(|(label, _)| label)
}

/// Lowercased label names, computed once.
static FOLDED: LazyLock<Vec<String>> = LazyLock::new(|| {
    LABELS
        .iter()
        .map(|label| label.name.to_lowercase())
        .collect()
});

/// A glued `LabelValue` line (`ProjektägareBjurholms kommun`): the label and the value.
pub(crate) fn match_glued(line: &str) -> Option<(&'static Label, &str)> {
    LABELS
        .iter()
        .filter(|label| label.glue != Glue::No)
        .find_map(|label| {
            let value = line.strip_prefix(label.name)?;
            // `Projektägare: X` on one line is the same thing with a colon.
            let value = value.trim_start_matches(':').trim();
            let first = value.chars().next()?;
            let fits = match label.glue {
                Glue::No => false,
                Glue::Any => true,
                Glue::Upper => first.is_uppercase() || first.is_ascii_digit(),
                // `+46 ...` and `(0)8 ...` phone numbers, `ca 300 000 kr` amounts.
                Glue::Digit => {
                    first.is_ascii_digit() || matches!(first, '+' | '(') || approximate(value)
                }
            };
            fits.then_some((label, value))
        })
}

/// `ca 300 000 kr`: an approximate amount still counts as a digit value.
fn approximate(value: &str) -> bool {
    ["ca ", "ca.", "cirka ", "circa ", "~", "ungefär "]
        .iter()
        .any(|p| value.starts_with(p))
}

/// A `Label:` line of the later layouts: short, starting with a letter, ending with a colon.
/// Returns the label without the colon.
pub(crate) fn colon_label(line: &str) -> Option<&str> {
    let label = line.strip_suffix(':')?.trim_end();
    plausible_label(label).then_some(label)
}

/// A one-line `Label: value` pair, where the label is plausible. Returns (label, value).
pub(crate) fn colon_pair(line: &str) -> Option<(&str, &str)> {
    let (label, value) = line.split_once(':')?;
    let value = value.trim();
    // `08:30` or a URL is not a label/value pair.
    if value.is_empty() || value.starts_with("//") {
        return None;
    }
    let label = label.trim_end();
    (plausible_label(label) && !label.chars().any(|c| c.is_ascii_digit())).then_some((label, value))
}

/// Labels are a few words starting with a capital letter (`Sekundärtema - Motverka
/// barnfattigdom`), never a sentence.
fn plausible_label(label: &str) -> bool {
    label.len() <= 80
        && label.chars().next().is_some_and(char::is_uppercase)
        && label.split_whitespace().count() <= 8
        && !label.ends_with(['.', ',', ';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_labels() {
        let (label, value) = match_glued("ProjektägareBjurholms kommun").unwrap();
        assert_eq!((label.key, value), (Key::Owner, "Bjurholms kommun"));
        let (label, value) = match_glued("Telefonnummer0142-85892").unwrap();
        assert_eq!((label.name, value), ("Telefonnummer", "0142-85892"));
        let (label, value) = match_glued("Kontaktpersonstefan Johansson").unwrap();
        assert_eq!((label.key, value), (Key::ContactName, "stefan Johansson"));
        let (label, value) = match_glued("Telefon+46 8 123 45").unwrap();
        assert_eq!((label.key, value), (Key::Phone, "+46 8 123 45"));
        assert!(match_glued("Regionalt samarbete").is_none());
        assert!(match_glued("Projektperiodens slut").is_none());
        assert!(match_glued("Projektägare").is_none());
    }

    #[test]
    fn colon_forms() {
        assert_eq!(
            colon_label("Planerat antal deltagare:"),
            Some("Planerat antal deltagare")
        );
        assert_eq!(
            colon_label("Sekundärtema - Motverka barnfattigdom:"),
            Some("Sekundärtema - Motverka barnfattigdom")
        );
        assert_eq!(
            colon_label("Syftet med projektet är att göra detta och mycket mer än så:"),
            None
        );
        assert_eq!(
            colon_pair("Projektägare: Bjurholms kommun"),
            Some(("Projektägare", "Bjurholms kommun"))
        );
        assert_eq!(colon_pair("Se http://x"), None);
        assert_eq!(
            lookup("projektnummer:").map(|l| l.key),
            Some(Key::CaseNumber)
        );
        assert!(lookup("Stödmottagare postnr").is_none());
    }
}
