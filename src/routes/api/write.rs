//! `POST /api/v1/cycles/{year}/assessments`: a side's new assessment revision, written only if the
//! writer saw the current version (`If-Match: "N"`) — through the save path of the form,
//! [`tracking::save_alone`] and [`tracking::save_in`], so that the form and the API refuse the
//! same things.

use axum::{
    Json,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{
    ApiResult, ApiUser, cycle_by_year, default_partnership,
    error::{Detail, ErrorBody, FieldError, Problem, Unavailable},
    model::AssessmentOut,
};
use crate::{
    domain::{
        account::{Role, Side},
        assessment::{Draft, Evidence},
        commitment_ref::CommitmentRef,
    },
    routes::account::request_id,
    state::AppState,
    tracking::{self, SaveFailure, SaveRequest},
};

/// The body. Unknown fields are refused rather than ignored: a misspelt `narative` must not
/// silently save an empty narrative.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentIn {
    /// The commitment, e.g. `25(c)`.
    #[serde(rename = "ref")]
    #[schema(example = "13")]
    reference: String,
    /// Your side.
    side: Side,
    #[schema(value_type = crate::domain::status::Status)]
    status: String,
    /// Required for `challenges`, `completed_modified` and `discontinued`.
    #[serde(default)]
    #[schema(max_length = 20000)]
    narrative: String,
    /// http(s) links, at most ten.
    #[serde(default)]
    #[schema(max_items = 10)]
    evidence: Vec<EvidenceIn>,
}

/// An evidence link, as a bare URL or as `{"url", "label"}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum EvidenceIn {
    Url(String),
    Link(Evidence),
}

impl From<EvidenceIn> for Evidence {
    fn from(e: EvidenceIn) -> Self {
        match e {
            EvidenceIn::Url(url) => Evidence {
                url,
                label: String::new(),
            },
            EvidenceIn::Link(link) => link,
        }
    }
}

/// The version in `If-Match: "N"`: missing → 428, anything but one quoted non-negative integer
/// (a list, `*`, a weak tag) → 400.
fn if_match(headers: &HeaderMap) -> Result<i32, Problem> {
    let mut values = headers.get_all(header::IF_MATCH).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(if headers.contains_key(header::IF_MATCH) {
            Problem::bad_request("bad_if_match", Detail::Key("api-error-if-match-invalid"))
        } else {
            Problem::new(
                StatusCode::PRECONDITION_REQUIRED,
                "if_match_required",
                Detail::Key("api-error-if-match-missing"),
            )
        });
    };
    value
        .to_str()
        .ok()
        .map(str::trim)
        .and_then(|v| v.strip_prefix('"')?.strip_suffix('"'))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<i32>().ok())
        .ok_or_else(|| {
            Problem::bad_request("bad_if_match", Detail::Key("api-error-if-match-invalid"))
        })
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|mime| mime.trim().to_ascii_lowercase())
        .is_some_and(|mime| mime == "application/json" || mime.ends_with("+json"))
}

/// Syntax errors are 400; a well-formed body of the wrong shape is 422. Either says where.
fn parse_body(body: &[u8]) -> Result<AssessmentIn, Problem> {
    serde_json::from_slice(body).map_err(|e| {
        let status = match e.classify() {
            serde_json::error::Category::Data => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::BAD_REQUEST,
        };
        Problem::new(status, "bad_json", Detail::Text(e.to_string()))
    })
}

/// Checks what the save path does not: the reference's spelling and NUL characters (which
/// PostgreSQL cannot store). Returns the canonical reference.
fn precheck(input: &AssessmentIn) -> Result<String, Problem> {
    let mut errors = Vec::new();
    let reference = input.reference.parse::<CommitmentRef>().ok();
    if reference.is_none() {
        errors.push(FieldError {
            field: "ref",
            pointer: "/ref".into(),
            code: "invalid_ref",
            message_key: "api-error-ref",
        });
    }
    let texts = [
        ("status", "/status".to_owned(), &input.status),
        ("narrative", "/narrative".to_owned(), &input.narrative),
    ];
    let links = input
        .evidence
        .iter()
        .enumerate()
        .flat_map(|(i, e)| match e {
            EvidenceIn::Url(url) => vec![("evidence", format!("/evidence/{i}"), url)],
            EvidenceIn::Link(l) => vec![
                ("evidence", format!("/evidence/{i}/url"), &l.url),
                ("evidence", format!("/evidence/{i}/label"), &l.label),
            ],
        });
    for (field, pointer, text) in texts.into_iter().chain(links) {
        if text.contains('\0') {
            errors.push(FieldError {
                field,
                pointer,
                code: "nul_character",
                message_key: "api-error-nul",
            });
        }
    }
    match reference {
        Some(r) if errors.is_empty() => Ok(r.to_string()),
        _ => Err(Problem::unprocessable(errors)),
    }
}

/// Saves a new revision of your side's assessment, if `If-Match` names the version you saw. Officers
/// of that side only; the cycle must be open. Nothing is written unless the answer is 201.
#[utoipa::path(post, path = "/api/v1/cycles/{year}/assessments", tag = "assessments",
    params(
        ("year" = i32, Path, example = 2026),
        ("If-Match" = String, Header, description = "The version you saw, quoted: `\"0\"` for the first assessment", example = "\"0\""),
    ),
    request_body = AssessmentIn,
    responses(
        (status = 201, description = "Saved; `ETag` is the new version", body = AssessmentOut,
            headers(("ETag" = String, description = "The new version, quoted"),
                    ("Location" = String, description = "Where the list shows it"))),
        (status = 400, description = "Malformed JSON or If-Match, or an address that does not parse (a control character in the path, a NUL in the query string)", body = ErrorBody),
        (status = 401, description = "No token or session, or an invalid one", body = ErrorBody),
        (status = 403, description = "Another side's assessment, or a read-only account", body = ErrorBody),
        (status = 404, description = "No such cycle or commitment", body = ErrorBody),
        (status = 409, description = "The cycle is not open", body = ErrorBody),
        (status = 412, description = "Stale If-Match; `current_version` and `ETag` give the current one", body = ErrorBody,
            headers(("ETag" = String, description = "The current version, quoted"))),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Invalid status, missing narrative, non-http(s) link: `errors` lists each", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
        Unavailable,
    ))]
pub async fn post_assessment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(year): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    // A read-only account is refused before anything about the request is looked at.
    if user.role() != Role::Officer || user.side().is_none() {
        tracing::warn!(target: "security", user = user.id(), role = %user.role(),
            "forbidden: API assessment write by a read-only account");
        return Err(Problem::forbidden("read_only", "api-error-read-only").into());
    }
    let based_on = if_match(&headers)?;
    if !is_json(&headers) {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content_type",
            Detail::Key("api-error-content-type"),
        )
        .into());
    }
    let input = parse_body(&body)?;
    let reference = precheck(&input)?;
    let side = input.side;
    let request_id = request_id(&headers);
    let mut req = SaveRequest {
        year: 0,
        reference: &reference,
        side,
        based_on,
        draft: Draft {
            status: input.status,
            narrative: input.narrative,
            evidence: input.evidence.into_iter().map(Into::into).collect(),
        },
        request_id: request_id.as_deref(),
    };
    // One statement when the save goes through; any other answer than a stale version is found
    // again the general way, in the order it has always been given.
    let fast = match year.parse::<i32>() {
        Ok(year) => {
            req.year = year;
            let mut conn = state.db.acquire().await?;
            tracking::save_alone(&mut conn, None, &user, &req).await
        }
        Err(_) => Ok(None),
    };
    let saved = match fast {
        Ok(Some(saved)) => {
            state.board_cache.announce_save(&state.db);
            Ok(saved)
        }
        Ok(None) => {
            let p = default_partnership(&state).await?;
            let cycle = cycle_by_year(&state, p.id, &year).await?;
            req.year = cycle.year;
            let mut conn = state.db.acquire().await?;
            tracking::save_in(&mut conn, p.id, &user, req.clone()).await
        }
        Err(failure) => Err(failure),
    };
    let year = req.year;
    let saved = match saved {
        Ok(saved) => saved,
        Err(SaveFailure::NotFound) => {
            return Err(Problem::not_found("api-error-no-commitment").into());
        }
        Err(SaveFailure::Forbidden) => {
            tracing::warn!(target: "security", user = user.id(), side = %side.as_str(),
                "forbidden: API assessment write for another side");
            return Err(Problem::forbidden("other_side", "api-error-other-side").into());
        }
        Err(SaveFailure::CycleClosed) => {
            return Err(Problem::new(
                StatusCode::CONFLICT,
                "cycle_not_open",
                Detail::Key("api-error-cycle-closed"),
            )
            .into());
        }
        Err(SaveFailure::Invalid(errors)) => {
            return Err(Problem::unprocessable(
                errors.iter().map(FieldError::from_invalid).collect(),
            )
            .into());
        }
        Err(SaveFailure::Stale { current }) => return Err(Problem::stale(current).into()),
        Err(SaveFailure::Database(e)) => return Err(e.into()),
    };
    let version = saved.revision.version;
    let saved = AssessmentOut::with_links(saved.revision, saved.evidence);
    let location = format!(
        "/api/v1/cycles/{year}/assessments?ref={}&side={}",
        form_urlencoded::byte_serialize(reference.as_bytes()).collect::<String>(),
        side.as_str()
    );
    let mut response = (StatusCode::CREATED, Json(saved)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::ETAG,
        HeaderValue::from_str(&format!("\"{version}\"")).expect("digits are a valid header"),
    );
    if let Ok(location) = HeaderValue::from_str(&location) {
        headers.insert(header::LOCATION, location);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_wants_one_quoted_integer() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::IF_MATCH, HeaderValue::from_static(v));
            if_match(&h).map_err(|p| p.status)
        };
        assert_eq!(with("\"0\""), Ok(0));
        assert_eq!(with(" \"12\" "), Ok(12));
        for bad in [
            "0",
            "*",
            "W/\"1\"",
            "\"-1\"",
            "\"1\", \"2\"",
            "\"\"",
            "\"x\"",
            "\"99999999999\"",
        ] {
            assert_eq!(with(bad), Err(StatusCode::BAD_REQUEST), "{bad}");
        }
        assert_eq!(
            if_match(&HeaderMap::new()).map_err(|p| p.status),
            Err(StatusCode::PRECONDITION_REQUIRED)
        );
    }

    #[test]
    fn bodies_are_read_strictly() {
        let ok = parse_body(
            br#"{"ref":"25(c)","side":"eu","status":"on_track",
                 "evidence":["https://a.example/x",{"url":"https://b.example","label":"B"}]}"#,
        )
        .unwrap();
        assert_eq!(ok.evidence.len(), 2);
        assert_eq!(precheck(&ok).unwrap(), "25(c)");
        let status = |b: &[u8]| parse_body(b).unwrap_err().status;
        assert_eq!(status(b"{not json"), StatusCode::BAD_REQUEST);
        assert_eq!(
            status(br#"{"ref":"1","side":"us","status":"x"}"#),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            status(br#"{"ref":"1","side":"eu","status":"x","narative":"typo"}"#),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let nul = parse_body(
            br#"{"ref":"25(C)","side":"eu","status":"on_track","narrative":"a\u0000b"}"#,
        )
        .unwrap();
        let problem = precheck(&nul).unwrap_err();
        let codes: Vec<_> = problem.errors.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["invalid_ref", "nul_character"]);
    }
}
