//! The public text pages: they show the published partnership text, so they need no login.

use askama::Template as _;
use axum::{
    Router,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};

use crate::{
    db::{
        partnership::{self, Partnership},
        public,
    },
    domain::{CommitmentRef, lang::Bilingual},
    error::AppError,
    i18n::Lang,
    public_cache::{Cached, CachedPage},
    state::AppState,
    views::{
        Page,
        public::{AreaBlock, AreaSummary, AreaView, HomeView, PublicLine, TextView},
        text::{LangText, Section, sections},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(get_home))
        .route("/text", get(get_text))
        .route("/areas/{slug}", get(get_area))
}

async fn default_partnership(state: &AppState) -> Result<Partnership, AppError> {
    partnership::find_default(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The public summary, from memory for anonymous readers.
async fn get_home(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let st = state.clone();
    cached(
        &state,
        CachedPage::Summary,
        page,
        &headers,
        |page| async move { Ok(home_view(&st, page).await?.render()?) },
    )
    .await
}

/// Serves a page that is the same for every anonymous reader of a language from memory, with an
/// ETag (If-None-Match → 304); signed-in readers and pages with other parameters are rendered.
async fn cached<F, Fut>(
    state: &AppState,
    which: CachedPage,
    page: Page,
    headers: &HeaderMap,
    render: F,
) -> Result<Response, AppError>
where
    F: FnOnce(Page) -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    if page.user_email.is_some() || !page.query.is_empty() {
        return Ok(axum::response::Html(render(page).await?).into_response());
    }
    let lang = page.lang;
    let cached = match state.public_cache.get(which, lang).await {
        Ok(cached) => cached,
        Err(generation) => {
            let cached = Cached::new(render(page).await?);
            state
                .public_cache
                .put(which, lang, generation, cached.clone())
                .await;
            cached
        }
    };
    let gzip = crate::gzip::accepted(headers);
    let (tag, body) = if gzip {
        (&cached.gzip_etag, cached.gzip)
    } else {
        (&cached.etag, cached.body)
    };
    let etag = HeaderValue::from_str(tag).map_err(|e| AppError::Internal(e.into()))?;
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim().trim_start_matches("W/") == tag)
        });
    let common = [
        (header::ETAG, etag),
        // Browsers and proxies may keep it but must ask again, and get a 304 when unchanged.
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        (
            header::VARY,
            HeaderValue::from_static("Accept-Language, Accept-Encoding, Cookie"),
        ),
    ];
    if fresh {
        return Ok((StatusCode::NOT_MODIFIED, common).into_response());
    }
    let html = (
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    let mut response = (common, [html], body).into_response();
    if gzip {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    Ok(response)
}

async fn home_view(state: &AppState, page: Page) -> Result<HomeView, AppError> {
    let partnership = default_partnership(state).await?;
    let areas = partnership::areas(&state.db, partnership.id).await?;
    let published = public::last_published(&state.db, partnership.id).await?;
    let next = public::next_dialogue(&state.db, partnership.id).await?;
    let items = match &published {
        Some(cycle) => public::items(&state.db, partnership.id, cycle.id).await?,
        None => Vec::new(),
    };
    let mut page = page;
    let lang = page.lang;
    let blocks = areas
        .iter()
        .map(|a| AreaBlock {
            slug: a.slug.clone(),
            title: a.title.shown(lang),
            depth: u8::from(a.parent_id.is_some()),
            lines: items
                .iter()
                .filter(|i| i.area_id == a.id)
                .map(|i| PublicLine {
                    href: format!("/text#{}", text_anchor(&i.reference)),
                    reference: i.reference.clone(),
                    status: i.status,
                    summary: match lang {
                        Lang::En => i.summary_en.clone(),
                        Lang::Fr => i.summary_fr.clone(),
                    },
                    corrected: i.corrected,
                })
                .collect(),
        })
        .filter(|b| !b.lines.is_empty())
        .collect();
    let paragraph_total = areas.iter().map(|a| a.paragraph_count as usize).sum();
    let areas: Vec<AreaSummary> = areas
        .into_iter()
        .map(|a| AreaSummary {
            depth: u8::from(a.parent_id.is_some()),
            paragraphs: a.paragraph_count as usize,
            title: a.title.shown(lang),
            slug: a.slug,
        })
        .collect();
    let title = partnership.title.shown(lang);
    let parties = partnership_parties(&partnership, lang);
    page.note_text(&title);
    for a in &areas {
        page.note_text(&a.title);
    }
    Ok(HomeView {
        page,
        title,
        parties,
        partnership,
        published,
        next,
        blocks,
        areas,
        paragraph_total,
    })
}

/// The anchor of a reference in the text page: `25(c)` → `p25c`.
fn text_anchor(reference: &str) -> String {
    reference
        .parse::<CommitmentRef>()
        .map(|r| r.anchor())
        .unwrap_or_else(|_| format!("p{reference}"))
}

async fn get_text(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let st = state.clone();
    cached(
        &state,
        CachedPage::Text,
        page,
        &headers,
        |page| async move { Ok(text_view(&st, page).await?.render()?) },
    )
    .await
}

/// The parties joined with a dash, for a reader of `lang`; `None` when none are recorded.
fn partnership_parties(partnership: &Partnership, lang: Lang) -> Option<LangText> {
    let joined = partnership.parties.as_ref().map(|p| p.join(" – "));
    let shown = LangText::pick(
        &Bilingual {
            en: joined.en.filter(|j| !j.is_empty()),
            fr: joined.fr.filter(|j| !j.is_empty()),
        },
        lang,
    );
    (!shown.text.is_empty()).then_some(shown)
}

async fn text_view(state: &AppState, mut page: Page) -> Result<TextView, AppError> {
    let partnership = default_partnership(state).await?;
    let areas = partnership::areas(&state.db, partnership.id).await?;
    let paragraphs = partnership::paragraphs(&state.db, partnership.id).await?;
    let items = partnership::items(&state.db, partnership.id).await?;
    let sections = sections(&areas, &paragraphs, &items, page.lang);
    let title = partnership.title.shown(page.lang);
    page.note_text(&title);
    page.text_notice |= sections.iter().any(Section::foreign);
    Ok(TextView {
        page,
        partnership,
        title,
        sections,
    })
}

async fn get_area(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    mut page: Page,
) -> Result<AreaView, AppError> {
    let partnership = default_partnership(&state).await?;
    let areas = partnership::areas(&state.db, partnership.id).await?;
    let area = areas
        .iter()
        .find(|a| a.slug == slug)
        .ok_or(AppError::NotFound)?;
    let paragraphs = partnership::paragraphs(&state.db, partnership.id).await?;
    let items = partnership::items(&state.db, partnership.id).await?;
    let lang = page.lang;
    let section = sections(std::slice::from_ref(area), &paragraphs, &items, lang)
        .pop()
        .ok_or(AppError::NotFound)?;
    let parent = area
        .parent_id
        .and_then(|id| areas.iter().find(|a| a.id == id))
        .map(|p| (p.slug.clone(), p.title.shown(lang)));
    let children: Vec<AreaSummary> = areas
        .iter()
        .filter(|a| a.parent_id == Some(area.id))
        .map(|a| AreaSummary {
            slug: a.slug.clone(),
            title: a.title.shown(lang),
            depth: 1,
            paragraphs: a.paragraph_count as usize,
        })
        .collect();
    page.text_notice |= section.foreign() || children.iter().any(|c| c.title.foreign());
    Ok(AreaView {
        page,
        partnership,
        section,
        parent,
        children,
    })
}
