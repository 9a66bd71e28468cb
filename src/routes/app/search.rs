//! `/app/search?q=`: full-text search over the text, the narratives and the evidence labels.

use axum::{
    Router,
    extract::{Query, State},
    routing::get,
};
use serde::Deserialize;

use crate::{
    db::{partnership, search},
    error::AppError,
    extract::CurrentUser,
    state::AppState,
    views::{
        Page,
        tracking::{SearchResult, SearchView},
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
}

async fn get_search(
    State(state): State<AppState>,
    mut page: Page,
    _: CurrentUser,
    Query(query): Query<SearchQuery>,
) -> Result<SearchView, AppError> {
    let q: String = query
        .q
        .trim()
        .chars()
        .filter(|c| *c != '\0')
        .take(QUERY_MAX_CHARS)
        .collect();
    let mut results = Vec::new();
    if !q.is_empty() {
        let partnership = partnership::find_default(&state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let hits = search::search(
            &state.db,
            partnership.id,
            &q,
            SEARCH_LIMIT as i64,
            page.lang,
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
    Ok(SearchView {
        page,
        q,
        results,
        limit: SEARCH_LIMIT,
    })
}
