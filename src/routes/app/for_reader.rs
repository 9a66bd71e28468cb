//! Pages rendered once per reader and data: the dashboard and the commitments list are where the
//! signed-in pages start from, and between two changes of the data they read they are the same for
//! the same reader and request. Their bodies are kept in the page cache under
//! [`Key::ForReader`], with everything the page shows besides the shared data in the key, and go
//! with that data (see `page_cache`).

use std::{fmt::Debug, future::Future};

use axum::{
    body::Bytes,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

use crate::{db::users::UserRow, error::AppError, page_cache::Key, state::AppState, views::Page};

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

/// The HTML page of `key`, kept or rendered by `render` now. `render` must read the data it shows
/// itself (through the page cache), so that a body is kept only under the generation of the data
/// it was rendered from: a body rendered from data older than a clear is not kept.
pub(super) async fn html<F>(state: &AppState, key: Key, render: F) -> Result<Response, AppError>
where
    F: Future<Output = Result<Bytes, AppError>>,
{
    let body = state.board_cache.pages.get_or_load(key, render).await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        Bytes::clone(&body),
    )
        .into_response())
}
