use crate::common::{
    PASSWORD,
    browser::Browser,
    fixtures::{assess, cycle},
    spawn_app,
};
use fantoccini::key::Key;
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};

#[tokio::test]
#[ignore]
async fn shots() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let cid = cycle(pool, 2026, CycleState::Open).await;
    let eu = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let ca = app.create_user(Role::Officer, Some(Side::Ca)).await;
    let eu2 = app.create_user(Role::Officer, Some(Side::Eu)).await;
    sqlx::query("update app_user set display_name='Ana Lopes-Fernández', organisation='European External Action Service' where id=$1").bind(eu.id).execute(pool).await.unwrap();
    sqlx::query("update app_user set display_name='Carl Tremblay', organisation='Global Affairs Canada' where id=$1").bind(ca.id).execute(pool).await.unwrap();
    sqlx::query("update app_user set display_name='Eva Union', organisation='EEAS' where id=$1")
        .bind(eu2.id)
        .execute(pool)
        .await
        .unwrap();
    for r in ["9(a)", "10", "25(c)", "30"] {
        sqlx::query("insert into commitment_lead (commitment_id, user_id, side) select id, $2, 'eu' from commitment where ref = $1").bind(r).bind(eu.id).execute(pool).await.unwrap();
    }
    for r in ["11", "12", "13", "14", "15", "16", "17"] {
        sqlx::query("insert into commitment_lead (commitment_id, user_id, side) select id, $2, 'eu' from commitment where ref = $1").bind(r).bind(eu2.id).execute(pool).await.unwrap();
    }
    for r in ["10", "11", "12"] {
        sqlx::query("insert into commitment_lead (commitment_id, user_id, side) select id, $2, 'ca' from commitment where ref = $1").bind(r).bind(ca.id).execute(pool).await.unwrap();
    }
    let refs: Vec<String> = sqlx::query_scalar("select ref from commitment order by position")
        .fetch_all(pool)
        .await
        .unwrap();
    for r in refs.iter().skip(20) {
        assess(pool, cid, r, "eu", "on_track", "").await;
    }
    for r in refs.iter().skip(40) {
        assess(pool, cid, r, "ca", "on_track", "").await;
    }
    let out = std::path::Path::new("/tmp/chase-shots");
    std::fs::create_dir_all(out).unwrap();
    for lang in ["en", "fr"] {
        let b = Browser::start().await;
        b.client
            .goto(&app.url(&format!("/login?lang={lang}")))
            .await
            .unwrap();
        b.type_into("#email", &ca.email).await;
        b.type_into("#password", PASSWORD).await;
        b.press("#password", Key::Enter).await;
        b.wait_for_path("/app").await;
        for w in [1280u32, 320] {
            b.client.set_window_size(w, 1000).await.unwrap();
            b.client.goto(&app.url("/app/cycles/2026")).await.unwrap();
            b.client
                .execute(
                    "document.getElementById('missing').scrollIntoView()",
                    vec![],
                )
                .await
                .unwrap();
            std::fs::write(
                out.join(format!("cycle-{lang}-{w}.png")),
                b.client.screenshot().await.unwrap(),
            )
            .unwrap();
            b.client
                .execute(
                    "document.getElementById('missing-ca').scrollIntoView()",
                    vec![],
                )
                .await
                .unwrap();
            std::fs::write(
                out.join(format!("cycle-ca-{lang}-{w}.png")),
                b.client.screenshot().await.unwrap(),
            )
            .unwrap();
            b.press("#signoff", Key::Enter).await;
            b.wait_for_path("/app/cycles/2026/signoff").await;
            std::fs::write(
                out.join(format!("confirm-{lang}-{w}.png")),
                b.client.screenshot().await.unwrap(),
            )
            .unwrap();
        }
        b.press("#signoff-confirm", Key::Enter).await;
        b.wait_for_path("/app/cycles/2026").await;
        for w in [1280u32, 320] {
            b.client.set_window_size(w, 1000).await.unwrap();
            b.client.goto(&app.url("/app/cycles/2026")).await.unwrap();
            b.client
                .execute(
                    "document.getElementById('missing').scrollIntoView()",
                    vec![],
                )
                .await
                .unwrap();
            std::fs::write(
                out.join(format!("signed-{lang}-{w}.png")),
                b.client.screenshot().await.unwrap(),
            )
            .unwrap();
            b.client.goto(&app.url("/app")).await.unwrap();
            b.client
                .execute(
                    "document.getElementById('signoffs').scrollIntoView()",
                    vec![],
                )
                .await
                .unwrap();
            std::fs::write(
                out.join(format!("dashboard-{lang}-{w}.png")),
                b.client.screenshot().await.unwrap(),
            )
            .unwrap();
        }
        sqlx::query("delete from submission_signoff")
            .execute(pool)
            .await
            .unwrap();
        b.close().await;
    }
}
