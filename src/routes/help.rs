//! `/help` and `/help/{topic}`: help for officers, the secretariat, readers and administrators,
//! and the status scale. Public: people read it before they can sign in.

use axum::{Router, extract::Path, routing::get};

use crate::{
    error::AppError,
    state::AppState,
    views::{
        Page,
        help::{HelpIndexView, HelpTopic, HelpView},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/help", get(get_index))
        .route("/help/{topic}", get(get_topic))
}

async fn get_index(page: Page) -> HelpIndexView {
    HelpIndexView {
        page,
        topics: HelpTopic::ALL,
    }
}

async fn get_topic(page: Page, Path(topic): Path<String>) -> Result<HelpView, AppError> {
    let topic = HelpTopic::parse(&topic).ok_or(AppError::NotFound)?;
    Ok(HelpView::new(page, topic))
}
