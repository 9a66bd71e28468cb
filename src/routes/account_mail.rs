//! The signed-in user's mail settings (`/account/mail`, linked from the profile): the language
//! of their mails and the non-essential notices they receive. Saved with an audit event.

use axum::{
    Router,
    body::Bytes,
    extract::{RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};

use super::account::{actor, request_id};
use crate::{
    db::{
        self,
        audit::{self, NewEvent},
    },
    error::AppError,
    extract::{Authorized, CurrentUser},
    i18n::Lang,
    mail::kind::MailKind,
    state::AppState,
    views::{Page, mail_settings::MailSettingsView},
};

pub fn router() -> Router<AppState> {
    Router::new().route("/account/mail", get(get_mail).post(post_mail))
}

async fn get_mail(
    State(state): State<AppState>,
    page: Page,
    Authorized(user, _): CurrentUser,
    RawQuery(query): RawQuery,
) -> Result<MailSettingsView, AppError> {
    let (lang, muted) = db::mail::settings(&state.db, user.id()).await?;
    Ok(MailSettingsView {
        page,
        mail_lang: Lang::parse(&lang).unwrap_or_default(),
        muted,
        error: None,
        saved: query.is_some_and(|q| q == "done=saved"),
    })
}

/// `lang=en|fr` and one `receive=KIND` per notice kept; an optional kind left out is turned off.
fn parse(body: &[u8]) -> Result<(Lang, Vec<String>), Vec<String>> {
    let mut lang = None;
    let mut receive = Vec::new();
    for (key, value) in form_urlencoded::parse(body) {
        match key.as_ref() {
            "lang" => lang = Lang::parse(value.trim()),
            "receive" => receive.push(value.into_owned()),
            _ => {}
        }
    }
    let muted: Vec<String> = MailKind::optional()
        .filter(|k| !receive.iter().any(|r| r == k.as_str()))
        .map(|k| k.as_str().to_owned())
        .collect();
    lang.map(|l| (l, muted.clone())).ok_or(muted)
}

async fn post_mail(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Authorized(user, _): CurrentUser,
    body: Bytes,
) -> Result<Response, AppError> {
    let (lang, muted) = match parse(&body) {
        Ok(ok) => ok,
        Err(muted) => {
            let (lang, _) = db::mail::settings(&state.db, user.id()).await?;
            let error = Some(page.t("profile-mail-error-lang"));
            let view = MailSettingsView {
                page,
                mail_lang: Lang::parse(&lang).unwrap_or_default(),
                muted,
                error,
                saved: false,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let (before_lang, before_muted) = db::mail::settings(&mut *tx, user.id()).await?;
    db::mail::set_settings(&mut *tx, user.id(), lang.code(), &muted).await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor: &actor(&user),
            action: "user.mail_settings",
            entity: "user",
            entity_id: Some(user.id().to_string()),
            before: Some(serde_json::json!({ "lang": before_lang, "mail_muted": before_muted })),
            after: Some(serde_json::json!({ "lang": lang, "mail_muted": muted })),
            request_id: request_id(&headers).as_deref(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/account/mail?done=saved").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unticked_optional_kinds_are_muted_and_a_language_is_required() {
        let (lang, muted) = parse(b"lang=fr&receive=divergent&receive=cycle_open").unwrap();
        assert_eq!(lang, Lang::Fr);
        assert_eq!(muted, ["reminder", "deadline_passed", "signed_off"]);
        assert!(parse(b"lang=de").is_err());
        assert!(parse(b"").is_err());
    }
}
