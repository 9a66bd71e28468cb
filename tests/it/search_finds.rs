//! Search that finds (issue 12, item 4): references go straight to their commitment, compounds
//! and spelling variants match through the rewrite rules in PostgreSQL, in English and French,
//! snippets mark the text they leave out, and results can be limited to an area.

use crate::{
    common::{
        TestApp,
        fixtures::{Schedule, cycle_on},
        spawn_app,
    },
    french_pages::import_french,
};
use reqwest::{Client, StatusCode, header::LOCATION};
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};

fn url(query: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in query {
        s.append_pair(k, v);
    }
    format!("/app/search?{}", s.finish())
}

/// The page for `query`, which must not redirect.
async fn search_page(app: &TestApp, client: &Client, query: &[(&str, &str)]) -> String {
    let response = client.get(app.url(&url(query))).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{query:?}");
    response.text().await.unwrap()
}

/// The result links, in order.
fn hrefs(page: &str) -> Vec<String> {
    page.split("app-search-result__title\"><a class=\"govuk-link\" href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

/// The snippets, as HTML.
fn snippets(page: &str) -> Vec<String> {
    page.split("app-search-result__snippet\"")
        .skip(1)
        .map(|s| {
            let s = &s[s.find('>').unwrap() + 1..];
            s[..s.find("</p>").unwrap()].to_owned()
        })
        .collect()
}

async fn narrative(app: &TestApp, client: &Client, path_ref: &str, text: &str) {
    let response = client
        .post(app.url(&format!("/app/commitments/{path_ref}/assessments/eu")))
        .form(&[
            ("status", "challenges"),
            ("narrative", text),
            ("version", "0"),
            ("cycle", "2026"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_reference_goes_straight_to_its_commitment_or_says_it_does_not_exist() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;
    for (query, target) in [
        ("30", "/app/commitments/30"),
        (" 30 ", "/app/commitments/30"),
        ("§30", "/app/commitments/30"),
        ("para. 30", "/app/commitments/30"),
        ("25(c)", "/app/commitments/25%28c%29"),
        ("25c", "/app/commitments/25%28c%29"),
        ("25 (c)", "/app/commitments/25%28c%29"),
        ("25C", "/app/commitments/25%28c%29"),
        ("9(a)", "/app/commitments/9%28a%29"),
        // context paragraphs and the lead-in of a paragraph tracked through its items: the text
        ("5", "/text#p5"),
        ("25", "/text#p25"),
    ] {
        let response = client
            .get(app.url(&url(&[("q", query)])))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{query}");
        assert_eq!(response.headers()[LOCATION], target, "{query}");
    }

    // No such paragraph or item: a clear message, and the words are searched.
    for (query, reference) in [("99", "99"), ("25(z)", "25(z)"), ("§ 64", "64")] {
        let page = search_page(&app, &client, &[("q", query)]).await;
        assert!(
            page.contains(&format!(
                "The text has no paragraph or item {reference}: its paragraphs are numbered from 1 to 63."
            )),
            "{query}: {page}"
        );
    }
    let page = search_page(&app, &client, &[("q", "99"), ("lang", "fr")]).await;
    assert!(
        page.contains("Le texte n’a pas de paragraphe ou de point 99\u{a0}:"),
        "{page}"
    );
    // A number within words is searched as text.
    let page = search_page(&app, &client, &[("q", "30 days")]).await;
    assert!(!page.contains("search-no-reference"));
}

#[tokio::test]
async fn compounds_and_variants_find_each_other() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;

    // The text says "cyber security" (paragraphs 3 and 60).
    let page = search_page(&app, &client, &[("q", "cybersecurity")]).await;
    let links = hrefs(&page);
    assert!(
        links.contains(&"/app/commitments/60".to_owned()),
        "{links:?}"
    );
    assert!(links.contains(&"/text#p3".to_owned()), "{links:?}");
    assert!(
        page.contains("<mark>cyber</mark> <mark>security</mark>"),
        "{page}"
    );
    // "cyber security" still finds it, and "cyber-security" too.
    for query in ["cyber security", "cyber-security"] {
        let links = hrefs(&page_of(&app, &client, query).await);
        assert!(
            links.contains(&"/app/commitments/60".to_owned()),
            "{query}: {links:?}"
        );
    }

    // The text says "Counterterrorism" (paragraph 38).
    for query in ["counter-terrorism", "counter terrorism", "counterterrorism"] {
        let links = hrefs(&page_of(&app, &client, query).await);
        assert!(
            links.contains(&"/app/commitments/38".to_owned()),
            "{query}: {links:?}"
        );
    }

    // American spelling finds the British.
    let page = page_of(&app, &client, "defense industrial").await;
    assert!(!hrefs(&page).is_empty(), "{page}");
    assert!(page.contains("<mark>defence</mark>"), "{page}");

    // Rules do not make everything match.
    let page = page_of(&app, &client, "xylophonequartz").await;
    assert!(hrefs(&page).is_empty());
}

async fn page_of(app: &TestApp, client: &Client, query: &str) -> String {
    search_page(app, client, &[("q", query)]).await
}

#[tokio::test]
async fn french_words_find_french_text_and_narratives() {
    let app = spawn_app().await;
    import_french(&app).await;
    cycle_on(
        &app.db.pool,
        2026,
        Schedule::of(2026).at("Brussels"),
        CycleState::Open,
    )
    .await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    narrative(
        &app,
        &eu,
        "38",
        "Les exercices de cyber-sécurité et la lutte contre le terrorisme avancent.",
    )
    .await;

    // The French text, stemmed, accents ignored.
    let page = search_page(&app, &eu, &[("q", "piraterie"), ("lang", "fr")]).await;
    assert_eq!(
        hrefs(&page).first().map(String::as_str),
        Some("/app/commitments/24")
    );
    assert!(page.contains("<mark>piraterie</mark>"), "{page}");
    let page = search_page(&app, &eu, &[("q", "defense commune"), ("lang", "fr")]).await;
    assert!(page.contains("<mark>défense</mark>"), "{page}");

    // A French narrative, through its compounds and variants.
    for query in [
        "cybersécurité",
        "cyber sécurité",
        "terrorisme",
        "contre-terrorisme",
        "antiterrorisme",
    ] {
        let page = search_page(&app, &eu, &[("q", query), ("lang", "fr")]).await;
        assert!(
            hrefs(&page).contains(&"/app/commitments/38".to_owned()),
            "{query}: {page}"
        );
    }
}

#[tokio::test]
async fn snippets_mark_the_text_they_leave_out() {
    let app = spawn_app().await;
    cycle_on(
        &app.db.pool,
        2026,
        Schedule::of(2026).at("Brussels"),
        CycleState::Open,
    )
    .await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let filler =
        "the training plan moved forward with partners in several countries this year. ".repeat(8);
    narrative(
        &app,
        &eu,
        "13",
        &format!("{filler}Then quokkaword arrived. {filler}"),
    )
    .await;
    narrative(&app, &eu, "24", "Only wombatword <here> & now.").await;

    let page = page_of(&app, &eu, "quokkaword").await;
    let cut = snippets(&page);
    assert_eq!(cut.len(), 1, "{page}");
    assert!(cut[0].starts_with("… "), "{}", cut[0]);
    assert!(cut[0].ends_with(" …"), "{}", cut[0]);
    assert!(cut[0].contains("<mark>quokkaword</mark>"), "{}", cut[0]);

    // A whole text is shown without an ellipsis, escaped, then marked.
    let page = page_of(&app, &eu, "wombatword").await;
    assert_eq!(
        snippets(&page),
        ["Only <mark>wombatword</mark> &lt;here&gt; &amp; now."],
        "{page}"
    );
}

#[tokio::test]
async fn results_can_be_limited_to_an_area_and_the_choice_stays_in_the_url() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;
    let in_cyber: Vec<String> = sqlx::query_scalar(
        "select '/app/commitments/' || replace(replace(c.ref, '(', '%28'), ')', '%29')
         from commitment c join paragraph p on p.id = c.paragraph_id
         join area a on a.id = p.area_id where a.slug = 'cyber-issues'",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();

    let everywhere = hrefs(&page_of(&app, &client, "cooperation").await);
    let page = search_page(
        &app,
        &client,
        &[("q", "cooperation"), ("area", "cyber-issues")],
    )
    .await;
    let filtered = hrefs(&page);
    assert!(
        !filtered.is_empty() && filtered.len() < everywhere.len(),
        "{filtered:?}"
    );
    assert!(
        filtered.iter().all(|h| in_cyber.contains(h)),
        "{filtered:?} ⊄ {in_cyber:?}"
    );
    assert!(
        page.contains("<option value=\"cyber-issues\" selected"),
        "{page}"
    );

    // A heading with areas nested under it covers them.
    let page = search_page(
        &app,
        &client,
        &[("q", "cyber"), ("area", "areas-of-cooperation")],
    )
    .await;
    assert!(
        hrefs(&page).contains(&"/app/commitments/30".to_owned()),
        "{page}"
    );
    // An unknown area is no filter, never an error.
    let page = search_page(&app, &client, &[("q", "cyber"), ("area", "<nowhere>")]).await;
    assert!(!hrefs(&page).is_empty());
}
