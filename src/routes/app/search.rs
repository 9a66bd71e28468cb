//! `/app/search?q=`: full-text search over the text, the narratives and the evidence labels.

use axum::{
    Router,
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use serde::Deserialize;

use crate::{
    db::search::RefTarget,
    domain::commitment_ref::CommitmentRef,
    error::AppError,
    extract::CurrentUser,
    page_data,
    state::AppState,
    views::{
        Page, commitment_href,
        tracking::{AreaOption, SearchResult, SearchView},
    },
};

/// The most results shown for one query.
pub const SEARCH_LIMIT: usize = 50;
/// Longest query considered, in characters (longer input is cut).
pub const QUERY_MAX_CHARS: usize = 200;

pub fn router() -> Router<AppState> {
    Router::new().route("/app/search", get(get_search))
}

#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
    /// An area's slug: only results from that area (and the areas nested under it).
    #[serde(default)]
    area: String,
}

async fn get_search(
    State(state): State<AppState>,
    mut page: Page,
    _: CurrentUser,
    Query(query): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let q: String = query
        .q
        .trim()
        .chars()
        .filter(|c| *c != '\0')
        .take(QUERY_MAX_CHARS)
        .collect();
    let partnership = page_data::default_partnership(&state)
        .await?
        .ok_or(AppError::NotFound)?;
    let areas: Vec<AreaOption> = page_data::areas(&state, partnership.id)
        .await?
        .iter()
        .map(|a| AreaOption {
            slug: a.slug.clone(),
            title: a.title.shown(page.lang),
            nested: a.parent_id.is_some(),
        })
        .collect();
    // An unknown area is no filter (the select offers only known ones).
    let area = areas
        .iter()
        .find(|a| a.slug == query.area)
        .map(|a| a.slug.clone());

    // A reference goes straight to its commitment, or to the text when it is not tracked.
    let mut missing = None;
    if let Some(reference) = CommitmentRef::parse_loose(&q) {
        let letter = reference.item.map(String::from);
        let paragraph = i16::try_from(reference.paragraph).unwrap_or(i16::MAX);
        match page_data::reference(&state, partnership.id, paragraph, letter.as_deref()).await? {
            RefTarget::Commitment(r) => {
                return Ok(Redirect::to(&commitment_href(&r)).into_response());
            }
            RefTarget::Text => {
                return Ok(Redirect::to(&format!("/text#{}", reference.anchor())).into_response());
            }
            RefTarget::Missing { last } => missing = Some((reference.to_string(), last)),
        }
    }

    let mut results = Vec::new();
    if !q.is_empty() {
        let hits = page_data::search(
            &state,
            partnership.id,
            &q,
            SEARCH_LIMIT as i64,
            page.lang,
            area.as_deref(),
        )
        .await?;
        results = hits
            .iter()
            .map(|h| SearchResult::of(page.lang, h))
            .collect::<Vec<_>>();
        // A snippet of the other language's text is a fallback only when the text does not
        // exist in the reader's (otherwise it is where the words matched).
        page.text_notice = !partnership.has_text_in(page.lang)
            && results
                .iter()
                .any(|r: &SearchResult| !r.lang_attr.is_empty());
    }
    page.text_notice |= areas.iter().any(|a| a.title.foreign());
    Ok(SearchView {
        page,
        q,
        results,
        limit: SEARCH_LIMIT,
        areas,
        area,
        missing,
    }
    .into_response())
}
