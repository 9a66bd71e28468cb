//! A database that cannot be reached is an outage, not a bug: every request that needs it answers
//! 503 with `Retry-After` — pages in the reader's language, JSON under /api — whoever asks.
//! The whole cycle (PostgreSQL killed and restarted under load) is in `fault`.

use reqwest::StatusCode;
use sdp_tracker::{
    accounts,
    db::audit::Actor,
    domain::{
        account::{Role, Side},
        cycle::CycleState,
    },
    error::AppError,
};
use sqlx::{Connection, PgConnection};

use crate::common::{
    TestDb, fixtures,
    outage::{Callers, ask_everyone},
    spawn_app,
};

/// The SQLSTATE of a database error, if it is one.
fn sqlstate(err: &sqlx::Error) -> Option<String> {
    err.as_database_error()
        .and_then(|e| e.code())
        .map(|c| c.into_owned())
}

#[tokio::test]
async fn every_caller_gets_503_with_retry_after_while_the_database_is_unreachable() {
    let app = spawn_app().await;
    fixtures::cycle(&app.db.pool, 2026, CycleState::Open).await;
    let (officer, browser) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let token = accounts::add_token(&app.db.pool, &officer.email, "script", &Actor::cli())
        .await
        .unwrap();
    let area: String = sqlx::query_scalar("select slug from area where parent_id is not null")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        app.get(&format!("/areas/{area}")).await.status(),
        StatusCode::OK
    );
    let callers = Callers {
        browser,
        token,
        anonymous: crate::common::new_client(),
        area,
        year: 2026,
    };

    // Every connection of the app's pool goes, and no new one can be made.
    app.db.pool.close().await;

    let answers = ask_everyone(&format!("http://{}", app.addr), &callers).await;
    let failures: Vec<String> = answers.iter().filter_map(|a| a.check().err()).collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn connection_errors_from_the_server_are_503_and_other_database_errors_stay_500() {
    let db = TestDb::new().await;

    // A connection the server ends (an administrator, a crash shutdown): SQLSTATE 57P01.
    let mut conn = PgConnection::connect(&db.url).await.unwrap();
    let ended = sqlx::query("select pg_terminate_backend(pg_backend_pid())")
        .execute(&mut conn)
        .await
        .unwrap_err();
    assert_eq!(sqlstate(&ended).as_deref(), Some("57P01"), "{ended:?}");
    assert_eq!(
        AppError::from(ended).status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    // The same connection, used again: the socket is gone.
    let gone = sqlx::query("select 1")
        .execute(&mut conn)
        .await
        .unwrap_err();
    assert_eq!(
        AppError::from(gone).status(),
        StatusCode::SERVICE_UNAVAILABLE
    );

    // No connection slot left: SQLSTATE 53300.
    let role = format!("sdp_full_{}", uuid::Uuid::new_v4().simple());
    let mut owner = PgConnection::connect(&db.url).await.unwrap();
    sqlx::query(&format!("create role {role} login connection limit 0"))
        .execute(&mut owner)
        .await
        .unwrap();
    let mut url = url::Url::parse(&db.url).unwrap();
    url.set_username(&role).unwrap();
    let full = PgConnection::connect(url.as_str()).await.unwrap_err();
    sqlx::query(&format!("drop role {role}"))
        .execute(&mut owner)
        .await
        .unwrap();
    assert_eq!(sqlstate(&full).as_deref(), Some("53300"), "{full:?}");
    assert_eq!(
        AppError::from(full).status(),
        StatusCode::SERVICE_UNAVAILABLE
    );

    // A bug in a query, or a broken constraint, is not an outage.
    let syntax = sqlx::query("selec 1")
        .execute(&mut owner)
        .await
        .unwrap_err();
    assert_eq!(
        AppError::from(syntax).status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    let missing = sqlx::query("select * from no_such_table")
        .execute(&mut owner)
        .await
        .unwrap_err();
    assert_eq!(
        AppError::from(missing).status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    owner.close().await.ok();
}

#[tokio::test]
async fn the_openapi_document_says_every_operation_may_answer_503_with_retry_after() {
    let app = spawn_app().await;
    let doc: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let mut operations = 0;
    for (path, methods) in doc["paths"].as_object().unwrap() {
        for (method, operation) in methods.as_object().unwrap() {
            let unavailable = &operation["responses"]["503"];
            assert!(
                unavailable["content"]["application/json"]["schema"].is_object(),
                "{method} {path}: {unavailable}"
            );
            assert!(
                unavailable["headers"]["Retry-After"].is_object(),
                "{method} {path}: {unavailable}"
            );
            operations += 1;
        }
    }
    assert_eq!(operations, 7);
}
