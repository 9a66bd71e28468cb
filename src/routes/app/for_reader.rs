//! Pages rendered once per reader and data: the dashboard, the commitments list and the
//! reconciliation table are where signed-in visits start from, and between two changes of the data
//! they read they are the same for the same reader and request. Their bodies are kept (gzipped) in
//! the page cache under [`Key::ForReader`], with everything the page shows besides the shared data
//! in the key, and go with that data (see `page_cache`).

use std::{fmt::Debug, future::Future};

use axum::{
    body::Bytes,
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
};

use crate::{
    db::users::UserRow, error::AppError, gzip, page_cache::Key, state::AppState, views::Page,
};

/// The key of `what` (a page's name and whatever else of the request it shows, such as its
/// filters) for this reader: the whole [`Page`] (language, path, query, marking, e-mail) and every
/// field of the account. Two requests with the same key get the same page.
pub(super) fn key(what: impl Debug, page: &Page, user: &UserRow) -> Key {
    // A destructuring pattern: a new field of the account fails to compile here until it is
    // either in the key or said to be irrelevant.
    let UserRow {
        id,
        email,
        display_name,
        role,
        side,
        organisation,
        active,
        must_change_password,
        password_hash: _,
    } = user;
    Key::ForReader(format!(
        "{what:?} {page:?} {id} {email:?} {display_name:?} {role:?} {side:?} {organisation:?} \
         {active} {must_change_password}"
    ))
}

/// How hard a kept page is compressed: the fastest level, for a page is compressed again after
/// every change of the data it shows (HTML repeats itself: level 1 already makes the
/// reconciliation table about a tenth of its size).
const LEVEL: u32 = 1;

/// The HTML page of `key`, kept or rendered by `render` now. `render` must read the data it shows
/// itself (through the page cache), so that a body is kept only under the generation of the data
/// it was rendered from: a body rendered from data older than a clear is not kept.
///
/// The page is kept gzipped only (a tenth of the memory) and served so to a client that takes
/// gzip (every browser); for one that does not, it is inflated again.
pub(super) async fn html<F>(
    state: &AppState,
    headers: &HeaderMap,
    key: Key,
    render: F,
) -> Result<Response, AppError>
where
    F: Future<Output = Result<Bytes, AppError>>,
{
    let gzipped = state
        .board_cache
        .pages
        .get_or_load(key, async {
            let body = render.await?;
            Ok::<_, AppError>(Gzipped(Bytes::from(gzip::compress(&body, LEVEL))))
        })
        .await?;
    let html = (
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    let vary = (header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if gzip::accepted(headers) {
        let encoding = (header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        Ok(([html, vary, encoding], Bytes::clone(&gzipped.0)).into_response())
    } else {
        let body = gzip::decompress(&gzipped.0).map_err(anyhow::Error::from)?;
        Ok(([html, vary], body).into_response())
    }
}

/// A page body as kept: gzipped.
struct Gzipped(Bytes);
