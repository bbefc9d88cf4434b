//! The OpenAPI description, generated from the handlers' `#[utoipa::path]` annotations (the
//! router in `routes.rs` is built from the same annotations, so a route cannot be missing from
//! the document).
//!
//! The index and parser crates do not derive `ToSchema`; [`schemas`] mirrors their JSON shapes
//! for the document, and a test checks real answers against these schemas key by key.

#![allow(dead_code)]

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi};

/// The document's frame: info, tags, security scheme; paths come from the router.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Projektsök",
        description = "Search and analysis of the project sheets of the Swedish ESF project bank. Errors are `{\"error\": \"...\"}` with a 4xx/5xx status. Writes need `Authorization: Bearer $PROJEKTSOK_ADMIN_TOKEN`."
    ),
    tags(
        (name = "search", description = "Full-text search with filters and facets"),
        (name = "projects", description = "One project; adding and deleting projects (admin)"),
        (name = "similar", description = "Similar projects, by id or draft text"),
        (name = "stats", description = "Budget figures per group"),
        (name = "export", description = "Whole result sets as CSV or JSONL"),
        (name = "meta", description = "Health and this document"),
    ),
    components(schemas(crate::error::ErrorBody)),
    modifiers(&AdminToken)
)]
pub struct ApiDoc;

struct AdminToken;

impl Modify for AdminToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "admin_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The server's PROJEKTSOK_ADMIN_TOKEN"))
                    .build(),
            ),
        );
    }
}

/// Filters shared by search, stats, similar and export. Repeat a facet parameter for OR
/// (`region=A&region=B`); different parameters AND. Facet values match up to case and
/// diacritics. An empty value is ignored.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilterParams {
    /// ESF region, e.g. `Övre Norrland` (repeatable).
    region: Option<Vec<String>>,
    /// County, e.g. `Östergötlands län` (repeatable).
    county: Option<Vec<String>>,
    /// Municipality, e.g. `Mjölby` (repeatable).
    municipality: Option<Vec<String>>,
    /// Phase as written, e.g. `Genomförande` (repeatable).
    phase: Option<Vec<String>>,
    /// Programme area as written (repeatable).
    programme_area: Option<Vec<String>>,
    /// `kommun`, `region`, `myndighet`, `ideell`, `företag`, `övrig` (repeatable).
    owner_type: Option<Vec<String>>,
    /// Target group, e.g. `unga` (repeatable).
    target_group: Option<Vec<String>>,
    /// Method, e.g. `praktik` (repeatable).
    method: Option<Vec<String>>,
    /// Start year, e.g. `2016` (repeatable).
    start_year: Option<Vec<String>>,
    /// Least total budget, whole kronor.
    budget_min: Option<u64>,
    /// Largest total budget, whole kronor.
    budget_max: Option<u64>,
    /// Least ESF grant, whole kronor.
    grant_min: Option<u64>,
    /// Largest ESF grant, whole kronor.
    grant_max: Option<u64>,
    /// Earliest start year (inclusive).
    year_from: Option<u32>,
    /// Latest start year (inclusive); not before `year_from`.
    year_to: Option<u32>,
}

/// Search parameters besides the filters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Query: words, "phrases", -exclusion, OR, (groups), field:value such as
    /// `region:"Övre Norrland"`, `budget:>5000000`, `year:2010..2012`. Empty or `*` matches all.
    /// At most 1000 characters.
    q: Option<String>,
    /// `relevance` (default), `budget_desc`, `budget_asc`, `start_desc`, `start_asc`.
    sort: Option<String>,
    /// Page, from 1. `page * per_page` may not pass 10000 (use /api/export for more).
    page: Option<usize>,
    /// Hits per page, 1..=100 (default 20).
    per_page: Option<usize>,
    /// Values per facet, 1..=1000 (default 50).
    facet_size: Option<usize>,
}

/// Stats parameters besides the filters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsParams {
    /// region (default), county, municipality, phase, programme_area, owner_type,
    /// target_group, method, start_year.
    group_by: Option<String>,
    /// Query, as for search.
    q: Option<String>,
    /// Most groups returned, 1..=500 (default 500).
    limit: Option<usize>,
}

/// Export parameters besides the filters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` (default) or `jsonl`.
    format: Option<String>,
    /// Query, as for search.
    q: Option<String>,
}

/// Mirrors of the JSON shapes of the index and parser types, for the document only.
pub mod schemas {
    use std::collections::BTreeMap;

    use utoipa::ToSchema;

    /// One project sheet (the contract's `Project` record).
    #[derive(ToSchema)]
    pub struct Project {
        /// Stable across re-ingests.
        id: String,
        /// The file or URL the sheet came from.
        source: String,
        title: String,
        programme_area: Option<String>,
        phase: Option<String>,
        owner: Option<String>,
        /// `kommun`, `region`, `myndighet`, `ideell`, `företag`, `övrig`.
        owner_type: Option<String>,
        contact: Contact,
        /// Beviljat ESF-stöd, whole kronor.
        esf_grant_sek: Option<i64>,
        /// Total projektbudget, whole kronor.
        total_budget_sek: Option<i64>,
        /// Grant / total budget, 0..1.
        esf_share: Option<f64>,
        period: Period,
        region: Option<String>,
        municipalities: Vec<String>,
        counties: Vec<String>,
        co_financiers: Vec<String>,
        partners: Vec<String>,
        target_groups: Vec<String>,
        methods: Vec<String>,
        case_number: Option<String>,
        planned_participants: Option<i64>,
        /// Header labels without a typed field, as written.
        other_fields: Vec<OtherField>,
        sections: Vec<Section>,
        /// What could not be read, and why.
        warnings: Vec<Warning>,
    }

    #[derive(ToSchema)]
    pub struct Contact {
        name: Option<String>,
        email: Option<String>,
        phone: Option<String>,
    }

    /// Dates as `YYYY-MM-DD`.
    #[derive(ToSchema)]
    pub struct Period {
        start: Option<String>,
        end: Option<String>,
    }

    #[derive(ToSchema)]
    pub struct OtherField {
        label: String,
        value: String,
    }

    #[derive(ToSchema)]
    pub struct Section {
        heading: String,
        text: String,
        /// ISO 639-1 code, or null when too short to tell.
        lang: Option<String>,
    }

    #[derive(ToSchema)]
    pub struct Warning {
        field: String,
        message: String,
    }

    #[derive(ToSchema)]
    pub struct SearchResponse {
        total: u64,
        took_ms: u64,
        hits: Vec<SearchHit>,
        /// Facet name -> values with counts.
        facets: BTreeMap<String, Vec<FacetCount>>,
    }

    #[derive(ToSchema)]
    pub struct SearchHit {
        id: String,
        title: String,
        owner: Option<String>,
        region: Option<String>,
        total_budget_sek: Option<i64>,
        esf_grant_sek: Option<i64>,
        period: Period,
        /// HTML: the text escaped, matches in `<mark>`.
        snippet: String,
    }

    #[derive(ToSchema)]
    pub struct FacetCount {
        value: String,
        count: u64,
    }

    #[derive(ToSchema)]
    pub struct SimilarResponse {
        hits: Vec<SimilarHit>,
    }

    #[derive(ToSchema)]
    pub struct SimilarHit {
        id: String,
        title: String,
        score: f32,
        /// Why it is similar: shared region, target groups, methods and words.
        why: String,
    }

    #[derive(ToSchema)]
    pub struct StatsResponse {
        groups: Vec<GroupStats>,
        /// Present (true) when there were more groups than `limit`.
        truncated: Option<bool>,
        /// Present when truncated: the number of groups before truncation.
        total_groups: Option<u64>,
    }

    #[derive(ToSchema)]
    pub struct GroupStats {
        /// The group's value; null for projects without one.
        key: Option<String>,
        count: u64,
        total_budget_sek: MoneyStats,
        esf_grant_sek: MoneyStats,
        esf_share: ShareStats,
    }

    /// Over the projects of the group that have the value.
    #[derive(ToSchema)]
    pub struct MoneyStats {
        sum: i64,
        mean: Option<f64>,
        median: Option<f64>,
        min: Option<i64>,
        max: Option<i64>,
    }

    #[derive(ToSchema)]
    pub struct ShareStats {
        mean: Option<f64>,
    }
}
