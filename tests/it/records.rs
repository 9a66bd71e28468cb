//! Cycle records in both languages (issue 10): a cycle's title and place, and a joint review's
//! agreed next steps, in English and French through the form, the command line and the API.
//! French pages show an untranslated value in English, marked `lang="en"`; the character count
//! speaks the page's language.

use std::process::Command;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{
    api::with_token,
    common::{
        BIN, TestApp, TestDb,
        fixtures::{cycle, joint},
        spawn_app,
    },
};
use sdp_tracker::{
    cycles::{self, CycleInput},
    db::audit::Actor,
    domain::{
        account::{Role, Side},
        cycle::CycleState,
    },
};

const TITLE_EN: &str = "2026 EU–Canada Security and Defence Dialogue";
const TITLE_FR: &str = "Dialogue UE–Canada sur la sécurité et la défense 2026";

/// (title, title_fr, place, place_fr) of the cycle of `year`.
async fn stored(pool: &sqlx::PgPool, year: i32) -> (String, String, String, Option<String>) {
    sqlx::query_as("select title, title_fr, place, place_fr from review_cycle where year = $1")
        .bind(year)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn count_cycles(pool: &sqlx::PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from review_cycle")
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.unwrap()
}

/// The start tag of the element with `id`.
fn start_tag<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!(r#"id="{id}""#))
        .unwrap_or_else(|| panic!("no #{id}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

/// A planned cycle of `year`, created as the form would, with `place_fr` possibly untranslated.
async fn create(pool: &sqlx::PgPool, year: i32, place_en: &str, place_fr: &str) {
    let partnership_id = cycles::default_partnership_id(pool).await.unwrap();
    let spec = CycleInput {
        year: year.to_string(),
        meeting_date: format!("{year}-06-01"),
        place_en: place_en.into(),
        place_fr: place_fr.into(),
        opens_on: format!("{year}-01-15"),
        deadline: format!("{year}-05-01"),
        ..CycleInput::default()
    }
    .check()
    .unwrap();
    cycles::create(pool, partnership_id, &spec, &Actor::system(), None)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_form_asks_for_both_languages_and_french_pages_mark_an_english_place() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Secretariat, None).await;

    // Each title and place has a field per language, typed in that language; the hint shows
    // the usual title in its own language.
    let form = page(&app, &client, "/app/cycles?lang=fr").await;
    for (id, lang) in [
        ("title_en", "en"),
        ("title_fr", "fr"),
        ("place_en", "en"),
        ("place_fr", "fr"),
    ] {
        let input = start_tag(&form, id);
        assert!(input.contains(&format!(r#"lang="{lang}""#)), "{input}");
    }
    assert!(form.contains(r#"<span lang="fr">Dialogue UE–Canada sur la sécurité et la défense "#));
    assert!(form.contains(r#"<span lang="en">"#));

    // Blank titles are the usual ones in each language; a blank French place is not translated.
    let response = client
        .post(app.url("/app/cycles"))
        .form(&[
            ("year", "2026"),
            ("title_en", ""),
            ("title_fr", ""),
            ("meeting_date", "2026-06-01"),
            ("place_en", "Brussels"),
            ("place_fr", "  "),
            ("opens_on", "2026-01-15"),
            ("deadline", "2026-05-01"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        stored(&app.db.pool, 2026).await,
        (TITLE_EN.into(), TITLE_FR.into(), "Brussels".into(), None)
    );
    let after: Value = sqlx::query_scalar(
        "select after from audit_event where action = 'cycle.create' order by id desc limit 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(after["title"], json!({"en": TITLE_EN, "fr": TITLE_FR}));
    assert_eq!(after["place"], json!({"en": "Brussels", "fr": null}));

    // French readers get the French title, and the English place marked as English.
    let fr = page(&app, &client, "/app/cycles/2026?lang=fr").await;
    assert!(fr.contains(&format!(r#"<h1 class="govuk-heading-l">{TITLE_FR}</h1>"#)));
    assert!(fr.contains(&format!("<title>{TITLE_FR} –")));
    assert!(fr.contains(r#"<span lang="en">Brussels</span>"#), "{fr}");
    let list = page(&app, &client, "/app/cycles?lang=fr").await;
    assert!(list.contains(TITLE_FR));
    assert!(list.contains(r#"<span lang="en">Brussels</span>"#));
    // English readers: nothing to mark.
    let en = page(&app, &client, "/app/cycles/2026?lang=en").await;
    assert!(en.contains(&format!(r#"<h1 class="govuk-heading-l">{TITLE_EN}</h1>"#)));
    assert!(en.contains("Brussels") && !en.contains(r#"lang="en">Brussels"#));
    assert!(!en.contains(TITLE_FR));

    // Both places given: each language has its own, unmarked.
    let response = client
        .post(app.url("/app/cycles"))
        .form(&[
            ("year", "2027"),
            ("title_en", "2027 Dialogue in Brussels"),
            ("title_fr", "Dialogue de 2027 à Bruxelles"),
            ("meeting_date", "2027-06-01"),
            ("place_en", "Brussels"),
            ("place_fr", "Bruxelles"),
            ("opens_on", "2027-01-15"),
            ("deadline", "2027-05-01"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let fr = page(&app, &client, "/app/cycles/2027?lang=fr").await;
    assert!(fr.contains(r#"<h1 class="govuk-heading-l">Dialogue de 2027 à Bruxelles</h1>"#));
    assert!(fr.contains(", Bruxelles</dd>"), "{fr}");
    let en = page(&app, &client, "/app/cycles/2027?lang=en").await;
    assert!(en.contains(", Brussels</dd>"), "{en}");

    // The public summary names the next Dialogue the same way.
    let home = page(&app, &reqwest::Client::new(), "/?lang=fr").await;
    assert!(home.contains(TITLE_FR), "{home}");
    assert!(home.contains(r#"<span lang="en">Brussels</span>"#));
}

#[tokio::test]
async fn the_cycle_api_gives_title_and_place_in_both_languages() {
    let app = spawn_app().await;
    create(&app.db.pool, 2026, "Brussels", "Bruxelles").await;
    create(&app.db.pool, 2027, "Ottawa", "").await;
    let (_, token) = with_token(&app, Role::Viewer, None).await;
    let client = reqwest::Client::new();
    let get = |path: &'static str| {
        let request = client.get(app.url(path)).bearer_auth(&token);
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            response.json::<Value>().await.unwrap()
        }
    };

    let cycle = get("/api/v1/cycles/2026").await;
    assert_eq!(cycle["title"], json!({"en": TITLE_EN, "fr": TITLE_FR}));
    assert_eq!(cycle["place"], json!({"en": "Brussels", "fr": "Bruxelles"}));
    // An untranslated place is null in French (readers of French are shown the English one).
    let cycle = get("/api/v1/cycles/2027").await;
    assert_eq!(
        cycle["title"]["fr"],
        "Dialogue UE–Canada sur la sécurité et la défense 2027"
    );
    assert_eq!(cycle["place"], json!({"en": "Ottawa", "fr": null}));
    // The list says the same.
    let list = get("/api/v1/cycles").await;
    let items = list["items"].as_array().expect("a page of cycles");
    let y2026 = items.iter().find(|c| c["year"] == 2026).unwrap();
    assert_eq!(y2026["place"], json!({"en": "Brussels", "fr": "Bruxelles"}));
    // The OpenAPI document describes the shape.
    let openapi = get("/api/openapi.json").await;
    let schema = &openapi["components"]["schemas"]["BilingualText"];
    assert!(schema["properties"]["en"].is_object(), "{schema}");
    assert!(schema["properties"]["fr"].is_object(), "{schema}");
}

fn cli(db: &TestDb, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

/// `cycle add` of `year` with the dates, and `more` options.
fn add<'a>(year: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "cycle",
        "add",
        "--year",
        year,
        "--meeting-date",
        // The Dialogue meets in the cycle's year.
        match year {
            "2027" => "2027-06-01",
            "2028" => "2028-06-01",
            _ => "2026-06-01",
        },
        "--opens",
        "2026-01-15",
        "--deadline",
        "2026-05-01",
    ];
    args.extend_from_slice(more);
    args
}

#[tokio::test]
async fn the_command_line_takes_title_and_place_in_both_languages() {
    let db = TestDb::seeded().await;
    let out = cli(
        &db,
        &add(
            "2026",
            &[
                "--place-en",
                "Brussels",
                "--place-fr",
                "Bruxelles",
                "--title-fr",
                "Dialogue de Bruxelles 2026",
            ],
        ),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("Dialogue de Bruxelles 2026"), "{stdout}");
    assert_eq!(
        stored(&db.pool, 2026).await,
        (
            TITLE_EN.into(),
            "Dialogue de Bruxelles 2026".into(),
            "Brussels".into(),
            Some("Bruxelles".into())
        )
    );

    // --place is the same place in both languages; --title is the English title.
    let out = cli(
        &db,
        &add(
            "2027",
            &["--place", "Ottawa", "--title", "The 2027 Dialogue"],
        ),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stored(&db.pool, 2027).await,
        (
            "The 2027 Dialogue".into(),
            "Dialogue UE–Canada sur la sécurité et la défense 2027".into(),
            "Ottawa".into(),
            Some("Ottawa".into())
        )
    );

    // Refused with one line, and nothing written.
    let before = count_cycles(&db.pool).await;
    let long_title = "t".repeat(301);
    let cases: [(&[&str], &str); 4] = [
        (
            &["--place", "Brussels", "--place-en", "Brussels"],
            "give either --place or --place-en/--place-fr, not both",
        ),
        (
            &["--place", "Brussels", "--place-fr", "Bruxelles"],
            "give either --place or --place-en/--place-fr, not both",
        ),
        (
            &["--place-fr", "Bruxelles"],
            "the English place must be given",
        ),
        (
            &["--place", "Ottawa", "--title-fr", &long_title],
            "the French title must have at most 300 characters",
        ),
    ];
    for (more, reason) in cases {
        let out = cli(&db, &add("2028", more));
        assert!(!out.status.success(), "{more:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{more:?}: {stderr}");
        assert!(stderr.contains(reason), "{more:?}: {stderr}");
    }
    assert_eq!(count_cycles(&db.pool).await, before);
}

#[tokio::test]
async fn joint_next_steps_are_written_in_both_languages_and_fall_back_marked() {
    let app = spawn_app().await;
    cycle(&app.db.pool, 2026, CycleState::Reconciliation).await;
    let (_, client) = app.client_as(Role::Secretariat, None).await;

    // The form asks for the summary and the next steps in each language.
    let form = page(&app, &client, "/app/cycles/2026/reconcile/10?lang=fr").await;
    assert!(start_tag(&form, "next_steps-10").contains(r#"lang="en""#));
    assert!(start_tag(&form, "next_steps_fr-10").contains(r#"lang="fr""#));

    let save = |version: &'static str, fr: &'static str| {
        client
            .post(app.url("/app/cycles/2026/reconcile/10"))
            .form(&[
                ("status", "on_track"),
                ("summary_en", "On track."),
                ("summary_fr", "En bonne voie."),
                ("next_steps", "Meet in autumn."),
                ("next_steps_fr", fr),
                ("version", version),
            ])
            .send()
    };
    let response = save("0", "").await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let stored: (String, String) = sqlx::query_as(
        "select next_steps, next_steps_fr from joint_review j join commitment c on c.id = j.commitment_id
         where c.ref = '10' order by version desc limit 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(stored, ("Meet in autumn.".into(), String::new()));

    // Not written in French: French readers see the English, marked as English.
    let fr = page(&app, &client, "/app/commitments/10?lang=fr").await;
    let steps = start_tag(&fr, "joint-next-steps");
    let at = fr.find(steps).unwrap();
    assert!(
        fr[at..].contains(r#"<span lang="en">Meet in autumn.</span>"#),
        "{}",
        &fr[at..at + 300]
    );

    let response = save("1", "Se réunir à l’automne.").await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let fr = page(&app, &client, "/app/commitments/10?lang=fr").await;
    assert!(fr.contains("<span>Se réunir à l’automne.</span>"), "{fr}");
    let en = page(&app, &client, "/app/commitments/10?lang=en").await;
    assert!(en.contains("<span>Meet in autumn.</span>"));
    let after: Value = sqlx::query_scalar(
        "select after from audit_event where action = 'joint_review.save' order by id desc limit 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(after["next_steps_fr"], "Se réunir à l’automne.");

    // The reconciliation page shows both, each marked with its language.
    let item = page(&app, &client, "/app/cycles/2026/reconcile/10?lang=fr").await;
    assert!(item.contains(r#"lang="en">Meet in autumn.</dd>"#));
    assert!(item.contains(r#"lang="fr">Se réunir à l’automne.</dd>"#));

    // The fixture's joint review (English next steps only) falls back the same way.
    let cycle_id: i64 = sqlx::query_scalar("select id from review_cycle where year = 2026")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    joint(&app.db.pool, cycle_id, "11", "completed").await;
    let fr = page(&app, &client, "/app/commitments/11?lang=fr").await;
    assert!(fr.contains(r#"<span lang="en">Meet again.</span>"#));
}

#[tokio::test]
async fn the_character_count_speaks_the_page_language() {
    let app = spawn_app().await;
    cycle(&app.db.pool, 2026, CycleState::Open).await;
    let (officer, client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    sqlx::query(
        "insert into commitment_lead (commitment_id, user_id, side) select id, $1, 'eu' from commitment where ref = '13'",
    )
    .bind(officer.id)
    .execute(&app.db.pool)
    .await
    .unwrap();

    let fr = page(&app, &client, "/app/commitments/13?lang=fr").await;
    let count = fr
        .split("<div ")
        .find(|tag| tag.contains(r#"data-module="govuk-character-count""#))
        .map(|tag| &tag[..tag.find('>').unwrap()])
        .expect("a character count");
    for (attribute, text) in [
        (
            "characters-under-limit.one",
            "Il vous reste %{count} caractère",
        ),
        (
            "characters-under-limit.other",
            "Il vous reste %{count} caractères",
        ),
        ("characters-at-limit", "Il ne vous reste aucun caractère"),
        (
            "characters-over-limit.one",
            "Vous avez %{count} caractère de trop",
        ),
        (
            "characters-over-limit.other",
            "Vous avez %{count} caractères de trop",
        ),
        (
            "textarea-description.other",
            "Vous pouvez saisir jusqu’à %{count} caractères",
        ),
    ] {
        assert!(
            count.contains(&format!(r#"data-i18n.{attribute}="{text}""#)),
            "{attribute} in {count}"
        );
    }
    assert!(!count.contains("You have"), "{count}");
    // The limit written under the field groups its thousands as French does.
    assert!(fr.contains("jusqu’à 20\u{202f}000 caractères"));

    let en = page(&app, &client, "/app/commitments/13?lang=en").await;
    assert!(en.contains(
        r#"data-i18n.characters-under-limit.other="You have %{count} characters remaining""#
    ));
}
