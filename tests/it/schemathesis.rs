//! Schemathesis (from PyPI) against the OpenAPI document of a seeded instance, with a token: no
//! 5xx, and every status, content type, header and body as the document says.
//!
//! `.ci/run` installs it under `target/tools/schemathesis`; elsewhere set `SCHEMATHESIS` to its
//! `st` or put `st` on PATH (`pip install schemathesis==4.32.5`).

use std::path::PathBuf;

use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};

use crate::{api::with_token, common::spawn_app, public::cycle_with_reviews};

/// The version `.ci/run` installs.
const VERSION: &str = "4.32.5";

fn schemathesis() -> PathBuf {
    if let Ok(path) = std::env::var("SCHEMATHESIS") {
        return PathBuf::from(path);
    }
    let vendored =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tools/schemathesis/bin/st");
    if vendored.exists() {
        return vendored;
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join("st"))
        .find(|st| st.is_file());
    on_path.unwrap_or_else(|| {
        panic!(
            "Schemathesis is not installed: run .ci/run, or \
             `python3 -m venv target/tools/schemathesis && \
             target/tools/schemathesis/bin/pip install schemathesis=={VERSION}`"
        )
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_conforms_to_its_openapi_document() {
    let st = schemathesis();
    let app = spawn_app().await;
    // The years the document's examples name: 2025 published, 2026 open for the token's side.
    cycle_with_reviews(
        &app,
        2025,
        CycleState::Published,
        &[("13", "completed", "Delivered.", "Fourni.")],
    )
    .await;
    let open = cycle_with_reviews(&app, 2026, CycleState::Open, &[]).await;
    let (_, token) = with_token(&app, Role::Officer, Some(Side::Eu)).await;

    let output = tokio::process::Command::new(&st)
        .arg("run")
        .arg(app.url("/api/openapi.json"))
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .args([
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,\
             response_headers_conformance,response_schema_conformance",
            "--phases",
            "examples,coverage,fuzzing",
            "--max-time",
            "60",
            "--workers",
            "2",
            "--no-color",
        ])
        .env("SCHEMATHESIS_TELEMETRY", "false")
        // Its cache (`.schemathesis/`) goes under target/, not into the source tree.
        .current_dir(env!("CARGO_TARGET_TMPDIR"))
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", st.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "Schemathesis found problems:\n{stdout}\n{stderr}"
    );
    // It really tested every operation.
    assert!(stdout.contains("7 selected / 7 total"), "{stdout}");
    assert!(stdout.contains("Tested: 7"), "{stdout}");
    // And writes got through: the API saved assessments it generated. Only the open cycle
    // takes them, and the fixture wrote none there (it fills the published one).
    let saved: i64 = sqlx::query_scalar("select count(*) from assessment where cycle_id = $1")
        .bind(open)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(
        saved > 0,
        "no generated write got through (no 201 from POST /assessments):\n{stdout}"
    );
    eprintln!("schemathesis: {saved} assessments saved\n{stdout}");
}
