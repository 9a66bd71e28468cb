//! The progress report of a cycle (`/app/cycles/{year}/report.{html,docx,pdf,csv,json}?lang=`)
//! and the comparison of two cycles (`/app/cycles/{year}/compare?with=`). Every signed-in role
//! may read both; each report download is recorded in the audit log (`report.export`).

use askama::Template as _;
use axum::{
    Router,
    extract::{Path, RawQuery, State},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};
use serde::Deserialize;

use crate::{
    db,
    error::AppError,
    extract::{Authorized, CurrentUser, parse_form},
    i18n::Lang,
    report::{
        self, Format,
        build::{self, BuildError},
        html::{Download, ReportHtml},
        limit::Busy,
    },
    routes::account::{actor, request_id},
    state::AppState,
    views::{Page, compare::CompareView},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/cycles/{year}/compare", get(get_compare))
        .route("/app/cycles/{year}/report.html", get(get_report_html))
        .route("/app/cycles/{year}/report.docx", get(get_report_docx))
        .route("/app/cycles/{year}/report.pdf", get(get_report_pdf))
        .route("/app/cycles/{year}/report.csv", get(get_report_csv))
        .route("/app/cycles/{year}/report.json", get(get_report_json))
}

/// A year in a path; anything else is a page that does not exist.
fn parse_year(year: &str) -> Result<i32, AppError> {
    year.parse().map_err(|_| AppError::NotFound)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ReportQuery {
    lang: String,
}

/// The report's language: `?lang=` when it names one, else the reader's.
fn report_lang(page: &Page, query: Option<&str>) -> Lang {
    let q: ReportQuery = query
        .and_then(|q| parse_form(q.as_bytes()).ok())
        .unwrap_or_default();
    Lang::parse(&q.lang).unwrap_or(page.lang)
}

fn build_error(err: BuildError) -> AppError {
    match err {
        BuildError::NoPartnership | BuildError::NoSuchCycle(_) => AppError::NotFound,
        BuildError::Database(e) => e.into(),
    }
}

/// Builds, renders and records one export; the HTML page links its stylesheet (the CSP allows
/// no inline style) and offers the other formats.
async fn export(
    state: AppState,
    user: crate::auth::User,
    page: Page,
    headers: HeaderMap,
    year: String,
    query: Option<String>,
    format: Format,
) -> Result<Response, AppError> {
    let year = parse_year(&year)?;
    let lang = report_lang(&page, query.as_deref());
    // A PDF or Word file waits for a render slot before anything is read (or is refused, in the
    // reader's language); the slot goes to the render itself, below.
    let slot = match format {
        Format::Pdf | Format::Docx => Some(
            state
                .renders
                .enter()
                .await
                .map_err(|Busy| AppError::Busy(page.t("report-busy")))?,
        ),
        Format::Html | Format::Csv | Format::Json => None,
    };
    let report = build::build(&state.db, year, lang, &state.clock)
        .await
        .map_err(build_error)?;
    // Rendering (typst for the PDF, the Word package) is CPU work that takes from milliseconds
    // to seconds: off the request threads, PDF and Word files on the render threads (which hold
    // their slot), the lighter formats on the blocking pool.
    let render = move || -> Result<_, AppError> {
        let body = match format {
            Format::Html => {
                let downloads = downloads(year, lang);
                ReportHtml::new(&report, None, downloads)
                    .render()?
                    .into_bytes()
            }
            other => report::render(&report, other)?,
        };
        Ok((report, body))
    };
    let stopped = |e: &dyn std::fmt::Display| {
        AppError::Internal(anyhow::anyhow!("report rendering stopped: {e}"))
    };
    let (report, body) = match slot {
        Some(slot) => state
            .renders
            .run(slot, render)
            .await
            .map_err(|e| stopped(&e))??,
        None => tokio::task::spawn_blocking(render)
            .await
            .map_err(|e| stopped(&e))??,
    };
    report::record_export(
        &state.db,
        &actor(&user),
        &report,
        format,
        request_id(&headers).as_deref(),
    )
    .await?;
    let name = report::file_name(&report, format);
    // The HTML report opens in the browser, to be read and printed; the others download.
    let disposition = match format {
        Format::Html => format!("inline; filename=\"{name}\""),
        _ => format!("attachment; filename=\"{name}\""),
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(anyhow::Error::from)?,
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}

/// Links from the HTML report to every format in both languages.
fn downloads(year: i32, lang: Lang) -> Vec<Download> {
    let mut out = Vec::new();
    for l in [lang, lang.other()] {
        for f in [
            Format::Pdf,
            Format::Docx,
            Format::Csv,
            Format::Json,
            Format::Html,
        ] {
            if l == lang && f == Format::Html {
                continue;
            }
            out.push(Download {
                href: format!("/app/cycles/{year}/report.{}?lang={}", f.as_str(), l.code()),
                label: format!(
                    "{} – {} ({})",
                    lang.t("report-title"),
                    f.as_str().to_uppercase(),
                    l.native_name()
                ),
                lang: l.code(),
            });
        }
    }
    out
}

macro_rules! report_handler {
    ($name:ident, $format:expr) => {
        async fn $name(
            State(state): State<AppState>,
            Authorized(user, _): CurrentUser,
            page: Page,
            headers: HeaderMap,
            Path(year): Path<String>,
            RawQuery(query): RawQuery,
        ) -> Result<Response, AppError> {
            export(state, user, page, headers, year, query, $format).await
        }
    };
}

report_handler!(get_report_html, Format::Html);
report_handler!(get_report_docx, Format::Docx);
report_handler!(get_report_pdf, Format::Pdf);
report_handler!(get_report_csv, Format::Csv);
report_handler!(get_report_json, Format::Json);

#[derive(Deserialize, Default)]
#[serde(default)]
struct CompareQuery {
    with: String,
}

async fn get_compare(
    State(state): State<AppState>,
    Authorized(_user, _): CurrentUser,
    page: Page,
    Path(year): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<CompareView, AppError> {
    let year = parse_year(&year)?;
    let q: CompareQuery = query
        .and_then(|q| parse_form(q.as_bytes()).ok())
        .unwrap_or_default();
    let partnership = db::partnership::find_default(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let cycle = db::cycles::find_by_year(&state.db, partnership.id, year)
        .await?
        .ok_or(AppError::NotFound)?;
    let other = if q.with.trim().is_empty() {
        db::cycles::previous(&state.db, partnership.id, year).await?
    } else {
        let with = parse_year(q.with.trim())?;
        if with == year {
            return Err(AppError::NotFound);
        }
        Some(
            db::cycles::find_by_year(&state.db, partnership.id, with)
                .await?
                .ok_or(AppError::NotFound)?,
        )
    };
    let years = db::cycles::list(&state.db, partnership.id)
        .await?
        .into_iter()
        .map(|c| c.year)
        .filter(|y| *y != year)
        .collect();
    let commitments = db::board::commitments(&state.db, partnership.id).await?;
    let after = build::comparable_statuses(&state.db, &cycle).await?;
    let before = match &other {
        Some(o) => build::comparable_statuses(&state.db, o).await?,
        None => Default::default(),
    };
    Ok(CompareView::new(
        page,
        cycle,
        other,
        years,
        &commitments,
        &before,
        &after,
    ))
}
