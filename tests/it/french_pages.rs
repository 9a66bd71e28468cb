//! The partnership text in the reader's language, honestly: before its French version is imported
//! a French page shows the English text marked `lang="en"` and says once that it is in English;
//! after, the French text without any marker. The same for the app's pages, the API
//! (`?lang=`, `Accept-Language`) and search (each language with its own configuration, accents
//! ignored). The French text is the tests' own fixture (`common::french`), not the official one.

use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode, header};
use sdp_tracker::{
    db::audit::Actor,
    domain::{
        account::{Role, Side},
        cycle::CycleState,
        lang::Lang,
        text,
    },
    import,
};
use serde_json::Value;

use crate::common::{
    TestApp,
    fixtures::{Schedule, cycle_on},
    french::{self, P24_EXTRA, TITLE_FR},
    new_client, spawn_app,
};

/// The French notice, as the catalogue has it (U+00A0 before the colon).
const NOTICE_FR: &str =
    "Le texte du partenariat n’est disponible ici qu’en anglais\u{a0}: il est affiché en anglais.";

/// Imports the fixture's French text as the command line would (through the library).
pub async fn import_french(app: &TestApp) {
    let doc = text::parse_in(&french::french_text(), Lang::Fr).unwrap();
    let parties = import::SEED_PARTIES_FR.map(String::from);
    let report = import::import_french(
        &app.db.pool,
        &doc,
        import::SEED_SLUG,
        Some(&parties),
        &Actor::cli(),
    )
    .await
    .unwrap();
    assert!(report.changed);
}

async fn get(client: &Client, app: &TestApp, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.unwrap()
}

/// `path` once it contains `needle`: the public pages are kept in memory until the import's
/// notification reaches this instance, which takes a moment on a loaded machine.
async fn get_when(client: &Client, app: &TestApp, path: &str, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let page = get(client, app, path).await;
        if page.contains(needle) {
            return page;
        }
        assert!(Instant::now() < deadline, "{path} never showed {needle:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `lang="…"` attributes on the page's content: not the page's own (`<html lang>`) nor the
/// language switch's (which names the other language).
fn marks(page: &str, code: &str) -> usize {
    let attr = format!(r#" lang="{code}""#);
    let switch = format!(r#"hreflang="{code}" lang="{code}""#);
    let root = format!(r#"<html lang="{code}""#);
    page.matches(&attr).count() - page.matches(&switch).count() - page.matches(&root).count()
}

#[tokio::test]
async fn the_text_page_in_french_before_and_after_the_french_text_is_imported() {
    let app = spawn_app().await;
    let client = new_client();

    // Before: the English text, every piece marked as English, and the notice once.
    let page = get(&client, &app, "/text?lang=fr").await;
    assert!(page.contains(r#"<html lang="fr""#));
    assert_eq!(page.matches(r#"id="text-lang-notice""#).count(), 1);
    assert!(page.contains(NOTICE_FR), "{page}");
    assert!(
        page.contains(r#"<h1 class="govuk-heading-xl" lang="en">Security and Defence Partnership"#)
    );
    assert_eq!(
        page.matches(r#"<p class="govuk-body" lang="en">"#).count(),
        63,
        "every paragraph is marked"
    );
    assert_eq!(page.matches(r#"<span lang="en">"#).count(), 7, "every item");
    assert!(page.contains(r#"id="support-to-ukraine" lang="en">Support to Ukraine</h3>"#));
    // 63 paragraphs, 7 items, the title, 24 headings and their 24 entries in the contents.
    assert_eq!(marks(&page, "en"), 63 + 7 + 1 + 24 + 24);
    let english = get(&client, &app, "/text?lang=en").await;
    assert_eq!(marks(&english, "en") + marks(&english, "fr"), 0);
    assert!(!english.contains("text-lang-notice"));

    import_french(&app).await;

    // After: the French text, nothing marked, no notice.
    let page = get_when(&client, &app, "/text?lang=fr", TITLE_FR).await;
    assert!(page.contains(&format!(
        r#"<h1 class="govuk-heading-xl">{}</h1>"#,
        html(TITLE_FR)
    )));
    assert!(page.contains(&html(&french::paragraph_text(13))));
    assert!(page.contains(&html(P24_EXTRA)));
    assert!(page.contains(&html(&french::item_text(25, 'c'))));
    assert!(page.contains(&format!(
        r#"id="support-to-ukraine">{}</h3>"#,
        html(&french::area_title(3))
    )));
    assert_eq!(marks(&page, "en"), 0, "no English left on the French page");
    assert!(!page.contains("text-lang-notice"));
    // The English page is unchanged: the English text, unmarked.
    let english = get(&client, &app, "/text?lang=en").await;
    assert!(english.contains("Support to Ukraine</h3>"));
    assert_eq!(marks(&english, "en") + marks(&english, "fr"), 0);
}

/// Escaped as askama prints text (apostrophes as `&#39;`, quotes as `&quot;`).
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn the_other_public_and_app_pages_mark_the_english_until_the_french_is_imported() {
    let app = spawn_app().await;
    cycle_on(&app.db.pool, 2026, Schedule::of(2026), CycleState::Open).await;
    let (_, client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let anonymous = new_client();
    let pages = [
        "/?lang=fr",
        "/areas/support-to-ukraine?lang=fr",
        "/app/areas/support-to-ukraine?lang=fr",
        "/app/commitments/25%28c%29?lang=fr",
        "/app/areas/all?lang=fr",
    ];

    for path in pages {
        let who = if path.starts_with("/app") {
            &client
        } else {
            &anonymous
        };
        let page = get(who, &app, path).await;
        assert_eq!(
            page.matches(r#"id="text-lang-notice""#).count(),
            1,
            "{path}"
        );
        assert!(marks(&page, "en") > 0, "{path}: nothing marked as English");
    }
    let commitment = get(&client, &app, "/app/commitments/25%28c%29?lang=fr").await;
    assert!(commitment.contains(r#"<p class="govuk-body-l" lang="en">"#));
    assert!(commitment.contains(r#"<p class="govuk-body app-commitment-text__lead" lang="en">"#));
    let home = get(&anonymous, &app, "/?lang=fr").await;
    assert!(home.contains(
        r#"<dd class="govuk-summary-list__value" lang="en">European Union – Canada</dd>"#
    ));

    import_french(&app).await;
    // Not waiting for the import's notifications: an area's page would read its paragraphs
    // afresh, in French, but the partnership from the copy kept before the import (which says
    // there is no French text).
    app.forget_cached_pages().await;

    let home = get_when(&anonymous, &app, "/?lang=fr", TITLE_FR).await;
    assert!(home.contains("Union européenne – Canada"));
    for path in pages {
        let who = if path.starts_with("/app") {
            &client
        } else {
            &anonymous
        };
        let page = get_when(who, &app, path, "cœur de la coopération").await;
        assert!(!page.contains("text-lang-notice"), "{path}");
        assert_eq!(marks(&page, "en"), 0, "{path}");
    }
    let commitment = get(&client, &app, "/app/commitments/25%28c%29?lang=fr").await;
    assert!(commitment.contains(&html(&french::item_text(25, 'c'))));
    assert!(commitment.contains(&html(&french::paragraph_text(25))));
    let area = get(&client, &app, "/app/areas/support-to-ukraine?lang=fr").await;
    assert!(area.contains(&html(&french::area_title(3))));
    // English readers still get the English, unmarked.
    let english = get(&client, &app, "/app/commitments/25%28c%29?lang=en").await;
    assert!(english.contains("Maritime security"));
    assert_eq!(marks(&english, "fr"), 0);
}

async fn api(client: &Client, app: &TestApp, path: &str, accept: Option<&str>) -> Value {
    let mut request = client.get(app.url(path));
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT_LANGUAGE, accept);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let vary: Vec<&str> = response
        .headers()
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(
        vary.iter().any(|v| v.contains("Accept-Language")),
        "{vary:?}"
    );
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_api_gives_the_text_in_the_language_asked_for_and_says_which_it_is() {
    let app = spawn_app().await;
    let client = new_client();

    // Before: French callers get the English, and are told so.
    let c = api(&client, &app, "/api/v1/commitments/13?lang=fr", None).await;
    assert_eq!(c["text_lang"], "en");
    assert!(
        c["text"]
            .as_str()
            .unwrap()
            .starts_with("The EU and Canada will strengthen")
    );
    assert_eq!(
        (
            c["area"]["title"].as_str(),
            c["area"]["title_lang"].as_str()
        ),
        (Some("Support to Ukraine"), Some("en"))
    );
    let p = api(
        &client,
        &app,
        "/api/v1/partnerships/eu-canada",
        Some("fr-CA,fr;q=0.9"),
    )
    .await;
    assert_eq!(p["title_lang"], "en");
    assert_eq!(p["text_langs"], serde_json::json!(["en"]));

    import_french(&app).await;

    let by_query = api(&client, &app, "/api/v1/commitments/13?lang=fr", None).await;
    let by_header = api(
        &client,
        &app,
        "/api/v1/commitments/13",
        Some("fr-CA,fr;q=0.9,en;q=0.8"),
    )
    .await;
    for c in [&by_query, &by_header] {
        assert_eq!(c["text"], french::paragraph_text(13));
        assert_eq!(c["text_lang"], "fr");
        assert_eq!(c["area"]["title"], french::area_title(3));
        assert_eq!(c["area"]["title_lang"], "fr");
        assert_eq!(c["area"]["slug"], "support-to-ukraine");
    }
    // ?lang wins over the header; English is the default.
    for (path, accept) in [
        ("/api/v1/commitments/13?lang=en", Some("fr")),
        ("/api/v1/commitments/13", None),
        ("/api/v1/commitments/13", Some("de-DE")),
    ] {
        let c = api(&client, &app, path, accept).await;
        assert_eq!(c["text_lang"], "en", "{path} {accept:?}");
    }
    let item = api(&client, &app, "/api/v1/commitments/25%28c%29?lang=fr", None).await;
    assert_eq!(item["text"], french::item_text(25, 'c'));
    let list = api(
        &client,
        &app,
        "/api/v1/commitments?lang=fr&per_page=500",
        None,
    )
    .await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 60);
    assert!(
        items
            .iter()
            .all(|i| i["text_lang"] == "fr" && i["area"]["title_lang"] == "fr")
    );
    let p = api(&client, &app, "/api/v1/partnerships/eu-canada", Some("fr")).await;
    assert_eq!(p["title"], TITLE_FR);
    assert_eq!(
        (p["title_lang"].as_str(), p["parties_lang"].as_str()),
        (Some("fr"), Some("fr"))
    );
    assert_eq!(
        p["parties"],
        serde_json::json!(["Union européenne", "Canada"])
    );
    assert_eq!(p["text_langs"], serde_json::json!(["en", "fr"]));
    assert_eq!(p["areas"][0]["title"], "Préface");
    assert_eq!(p["areas"][3]["slug"], "support-to-ukraine");

    // A language the API does not have is a 400 that says so.
    let response = client
        .get(app.url("/api/v1/commitments/13?lang=de"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bad_query");
}

async fn search(app: &TestApp, client: &Client, query: &str, lang: &str) -> String {
    let url = format!(
        "/app/search?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("q", query)
            .append_pair("lang", lang)
            .finish()
    );
    get(client, app, &url).await
}

/// The snippet paragraph of the result that links to `href`, if any.
fn snippet_of<'a>(page: &'a str, href: &str) -> Option<&'a str> {
    let at = page.find(&format!(r#"href="{href}""#))?;
    let rest = &page[at..];
    let start = rest.find("app-search-result__snippet")?;
    let end = rest[start..].find("</p>")?;
    Some(&rest[start..start + end])
}

#[tokio::test]
async fn search_finds_french_words_without_accents_and_english_words_in_the_english() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;
    assert!(
        search(&app, &client, "piraterie", "fr")
            .await
            .contains("Aucun résultat")
    );

    import_french(&app).await;
    // Not waiting for the import's notification: the search for "piraterie" above is kept.
    app.forget_cached_pages().await;

    // A French word finds the French paragraph, highlighted, unmarked on a French page…
    let page = search(&app, &client, "piraterie", "fr").await;
    let snippet = snippet_of(&page, "/app/commitments/24").expect("paragraph 24 found");
    assert!(snippet.contains("<mark>piraterie</mark>"), "{snippet}");
    assert!(
        snippet.starts_with(r#"app-search-result__snippet">"#),
        "{snippet}"
    );
    // …and marked as French on an English page.
    let page = search(&app, &client, "piraterie", "en").await;
    let snippet = snippet_of(&page, "/app/commitments/24").expect("found from English");
    assert!(
        snippet.starts_with(r#"app-search-result__snippet" lang="fr">"#),
        "{snippet}"
    );

    // Accents are ignored: "guinee" finds "Guinée", "securite" "sécurité", "oeuvre" "œuvre".
    let page = search(&app, &client, "golfe de guinee", "fr").await;
    let snippet = snippet_of(&page, "/app/commitments/24").expect("guinee");
    assert!(snippet.contains("<mark>Guinée</mark>"), "{snippet}");
    for word in ["securite", "oeuvre"] {
        let page = search(&app, &client, word, "fr").await;
        assert!(page.contains("/app/commitments/13"), "{word}");
    }
    // French stemming: a plural finds the singular.
    let page = search(&app, &client, "pirateries", "fr").await;
    assert!(page.contains("/app/commitments/24"));

    // An English query finds the English text, stemmed, on an English page.
    let page = search(&app, &client, "Gulf of Guinea", "en").await;
    let snippet = snippet_of(&page, "/app/commitments/24").expect("English 24");
    assert!(snippet.contains("<mark>Gulf</mark>"), "{snippet}");
    assert!(!snippet.contains("lang="), "{snippet}");
    let page = search(&app, &client, "strengthening", "en").await;
    assert!(page.contains("/app/commitments/13"), "stemmed: strengthen");
}

#[tokio::test]
async fn narratives_are_searched_in_both_languages() {
    let app = spawn_app().await;
    cycle_on(
        &app.db.pool,
        2026,
        Schedule::of(2026).at("Bruxelles"),
        CycleState::Open,
    )
    .await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    for (path_ref, narrative) in [
        (
            "13",
            "Les exercices navals communs ont été réalisés à l’automne.",
        ),
        ("30", "The joint naval exercises were held in the autumn."),
    ] {
        let response = eu
            .post(app.url(&format!("/app/commitments/{path_ref}/assessments/eu")))
            .form(&[
                ("status", "on_track"),
                ("narrative", narrative),
                ("version", "0"),
                ("cycle", "2026"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    // French stemming and no accents: "exercice realise" finds the French narrative.
    let page = search(&app, &eu, "exercice realise", "fr").await;
    assert!(page.contains("/app/commitments/13"), "{page}");
    assert!(page.contains("<mark>réalisés</mark>"), "{page}");
    // English stemming: "exercise held" finds the English one.
    let page = search(&app, &eu, "exercise held", "en").await;
    assert!(page.contains("/app/commitments/30"), "{page}");
}
