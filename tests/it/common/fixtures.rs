//! Test data written straight to the database: cycles moved through their states, assessments
//! and joint reviews. The service paths that normally write them have their own tests; these let
//! every other test start from a known state in a few lines.

use chrono::{Duration, NaiveDate};
use sdp_tracker::{
    db::{audit::Actor, board, cycles, partnership, users},
    domain::{
        account::{Role, Side},
        assessment::{Draft, Evidence},
        cycle::CycleState,
    },
    reconcile::JointInput,
    tracking::{self, SaveRequest},
};
use sqlx::PgPool;

/// When a cycle's submissions open and close, and when and where its Dialogue meets.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub opens: NaiveDate,
    pub deadline: NaiveDate,
    pub meeting: NaiveDate,
    pub place: &'static str,
}

impl Schedule {
    /// Opens 15 January, closes 1 May, meets 1 June in Ottawa.
    pub fn of(year: i32) -> Schedule {
        let d = |m, day| NaiveDate::from_ymd_opt(year, m, day).unwrap();
        Schedule {
            opens: d(1, 15),
            deadline: d(5, 1),
            meeting: d(6, 1),
            place: "Ottawa",
        }
    }

    /// Opened five days before `today`, closes `deadline_in_days` after it, meets forty days
    /// after it. `today` is the day the app's clock says it is (`spawn_app_on`).
    pub fn around(today: NaiveDate, deadline_in_days: i64) -> Schedule {
        Schedule {
            opens: today - Duration::days(5),
            deadline: today + Duration::days(deadline_in_days),
            meeting: today + Duration::days(40),
            place: "Brussels",
        }
    }

    pub fn at(self, place: &'static str) -> Schedule {
        Schedule { place, ..self }
    }
}

/// The id of the default partnership.
pub async fn partnership_id(pool: &PgPool) -> i64 {
    partnership::find_default(pool).await.unwrap().unwrap().id
}

/// The id of commitment `reference` (`25(c)`) of the default partnership.
pub async fn commitment_id(pool: &PgPool, reference: &str) -> i64 {
    board::commitments(pool, partnership_id(pool).await)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.reference == reference)
        .unwrap_or_else(|| panic!("no commitment {reference}"))
        .id
}

/// The `year` cycle of the default partnership on [`Schedule::of`], moved forward to `state`.
pub async fn cycle(pool: &PgPool, year: i32, state: CycleState) -> i64 {
    cycle_on(pool, year, Schedule::of(year), state).await
}

/// The `year` cycle of the default partnership on `schedule`, moved forward to `state` one
/// state at a time, as the cycle page would.
pub async fn cycle_on(pool: &PgPool, year: i32, schedule: Schedule, state: CycleState) -> i64 {
    let id = cycles::insert(
        pool,
        &cycles::NewCycle {
            partnership_id: partnership_id(pool).await,
            year,
            title: &format!("{year} EU–Canada Security and Defence Dialogue"),
            title_fr: &format!("Dialogue UE–Canada sur la sécurité et la défense {year}"),
            meeting_date: schedule.meeting,
            place: schedule.place,
            place_fr: Some(schedule.place),
            opens_on: schedule.opens,
            deadline: schedule.deadline,
        },
    )
    .await
    .unwrap();
    move_to(pool, id, CycleState::Planned, state).await;
    id
}

/// Moves cycle `id` forward from `at` to `to`, one state at a time.
pub async fn move_to(pool: &PgPool, id: i64, mut at: CycleState, to: CycleState) {
    while at != to {
        let next = at.next().unwrap();
        assert!(cycles::set_state(pool, id, at, next).await.unwrap());
        at = next;
    }
}

/// The next version of `side`'s assessment of `reference` in `cycle`.
pub async fn assess(
    pool: &PgPool,
    cycle: i64,
    reference: &str,
    side: &str,
    status: &str,
    narrative: &str,
) {
    sqlx::query(
        "insert into assessment (cycle_id, commitment_id, side, version, status, narrative, author)
         select $1, id, $2, coalesce((select max(version) from assessment a
                                       where a.cycle_id = $1 and a.commitment_id = c.id and a.side = $2), 0) + 1,
                $3, $4, 'test'
         from commitment c where ref = $5",
    )
    .bind(cycle)
    .bind(side)
    .bind(status)
    .bind(narrative)
    .bind(reference)
    .execute(pool)
    .await
    .unwrap();
}

/// The next version of the joint review of `reference` in `cycle`, with summaries and next steps.
pub async fn joint(pool: &PgPool, cycle: i64, reference: &str, status: &str) {
    sqlx::query(
        "insert into joint_review (cycle_id, commitment_id, version, status, summary_en, summary_fr, next_steps, author)
         select $1, id, coalesce((select max(version) from joint_review j
                                   where j.cycle_id = $1 and j.commitment_id = c.id), 0) + 1,
                $2, 'Summary in English', 'Résumé en français', 'Meet again.', 'secretariat'
         from commitment c where ref = $3",
    )
    .bind(cycle)
    .bind(status)
    .bind(reference)
    .execute(pool)
    .await
    .unwrap();
}

/// The day the snapshot world's clock says it is (see [`world`]): the 2026 cycle opened on
/// 15 January and closes on 1 May, in seven days.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 24).unwrap()
}

/// Someone in [`world`], signed in with [`crate::common::PASSWORD`].
#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub email: &'static str,
}

/// The people of [`world`].
#[derive(Debug, Clone)]
pub struct World {
    /// EU officer, leads 9(a), 13 and 24 on the EU side.
    pub eva: Person,
    /// Canadian officer, leads 13 and 24 on the Canadian side.
    pub carl: Person,
    /// The Dialogue secretariat.
    pub sam: Person,
}

/// An account with a fixed address and name, so that pages showing it read the same every run.
async fn person(
    pool: &PgPool,
    email: &'static str,
    name: &str,
    role: Role,
    side: Option<Side>,
    organisation: Option<&str>,
) -> Person {
    let hash = sdp_tracker::auth::password::hash(crate::common::PASSWORD.into())
        .await
        .unwrap();
    let id = users::insert(
        pool,
        &users::NewUser {
            email,
            display_name: name,
            role,
            side,
            organisation,
            password_hash: &hash,
            must_change_password: false,
        },
    )
    .await
    .unwrap();
    Person { id, email }
}

async fn lead(pool: &PgPool, who: &Person, side: Side, reference: &str) {
    sqlx::query(
        "insert into commitment_lead (commitment_id, user_id, side)
         select id, $1, $2 from commitment where ref = $3",
    )
    .bind(who.id)
    .bind(side.as_str())
    .bind(reference)
    .execute(pool)
    .await
    .unwrap();
}

/// `who` saves their side's next assessment of `reference` through the service the form uses.
async fn save(
    pool: &PgPool,
    who: &Person,
    year: i32,
    reference: &str,
    status: &str,
    narrative: &str,
    evidence: &[(&str, &str)],
) {
    let account = users::find(pool, who.id).await.unwrap().unwrap();
    let side = account.side.unwrap();
    let user = sdp_tracker::auth::User {
        account,
        login_id: uuid::Uuid::nil(),
    };
    let p = partnership::find_default(pool).await.unwrap().unwrap();
    let board = tracking::board(
        pool,
        cycles::find_by_year(pool, p.id, year)
            .await
            .unwrap()
            .unwrap(),
    )
    .await
    .unwrap();
    let based_on = board.row(reference).unwrap().side(side).version();
    let draft = Draft {
        status: status.into(),
        narrative: narrative.into(),
        evidence: evidence
            .iter()
            .map(|(url, label)| Evidence {
                url: (*url).into(),
                label: (*label).into(),
            })
            .collect(),
    };
    let request = SaveRequest {
        year,
        reference,
        side,
        based_on,
        draft,
        request_id: None,
    };
    tracking::save(pool, p.id, &user, request).await.unwrap();
}

/// The secretariat records the joint review of `reference` through the reconciliation service.
async fn reconcile(
    pool: &PgPool,
    sam: &Person,
    year: i32,
    reference: &str,
    status: &str,
    (summary_en, summary_fr): (&str, &str),
    next_steps: &str,
) {
    let p = partnership::find_default(pool).await.unwrap().unwrap();
    let input = JointInput {
        status: status.into(),
        summary_en: summary_en.into(),
        summary_fr: summary_fr.into(),
        next_steps: next_steps.into(),
        next_steps_fr: String::new(),
        version: "0".into(),
    };
    let actor = Actor {
        user_id: Some(sam.id),
        name: "Sam Secretariat".into(),
    };
    sdp_tracker::reconcile::save(pool, p.id, year, reference, &input, &actor, None)
        .await
        .unwrap();
}

/// Moves the `year` cycle one step to `to` as the secretariat does on the cycle page.
async fn step(pool: &PgPool, sam: &Person, year: i32, to: CycleState) {
    let p = partnership::find_default(pool).await.unwrap().unwrap();
    let actor = Actor {
        user_id: Some(sam.id),
        name: "Sam Secretariat".into(),
    };
    sdp_tracker::cycles::move_state(pool, p.id, year, to, &actor, None)
        .await
        .unwrap();
}

/// A small, fixed partnership year to photograph, written through the services the pages use:
/// three people; the 2025 Dialogue published, with both sides' assessments of 13 and 24 and a
/// joint review of every commitment; the 2026 cycle open (closing seven days after
/// [`today`]), where the sides disagree on 13, which has a history of two EU revisions, and the
/// EU has completed 9(a).
pub async fn world(pool: &PgPool) -> World {
    let eva = person(
        pool,
        "eva.union@eeas.example",
        "Eva Union",
        Role::Officer,
        Some(Side::Eu),
        Some("EEAS"),
    )
    .await;
    let carl = person(
        pool,
        "carl.canada@international.example",
        "Carl Canada",
        Role::Officer,
        Some(Side::Ca),
        Some("Global Affairs Canada"),
    )
    .await;
    let sam = person(
        pool,
        "sam.secretariat@dialogue.example",
        "Sam Secretariat",
        Role::Secretariat,
        None,
        None,
    )
    .await;
    for reference in ["9(a)", "13", "24"] {
        lead(pool, &eva, Side::Eu, reference).await;
    }
    for reference in ["13", "24"] {
        lead(pool, &carl, Side::Ca, reference).await;
    }

    // 2025: assessed, reconciled, published.
    let id_2025 = cycle(pool, 2025, CycleState::Planned).await;
    step(pool, &sam, 2025, CycleState::Open).await;
    save(
        pool,
        &eva,
        2025,
        "13",
        "on_track",
        "EU trainers delivered the first modules.",
        &[],
    )
    .await;
    save(
        pool,
        &carl,
        2025,
        "13",
        "on_track",
        "Canadian instructors deployed as planned.",
        &[],
    )
    .await;
    save(
        pool,
        &eva,
        2025,
        "24",
        "challenges",
        "The security of information agreement is still under negotiation.",
        &[],
    )
    .await;
    save(pool, &carl, 2025, "24", "not_started", "", &[]).await;
    step(pool, &sam, 2025, CycleState::Reconciliation).await;
    reconcile(
        pool,
        &sam,
        2025,
        "13",
        "on_track",
        (
            "Training of Ukrainian personnel is on track on both sides.",
            "La formation du personnel ukrainien est en bonne voie des deux côtés.",
        ),
        "Report on the second rotation.",
    )
    .await;
    reconcile(
        pool,
        &sam,
        2025,
        "24",
        "challenges",
        (
            "Negotiations on the exchange of classified information continue.",
            "Les négociations sur l’échange d’informations classifiées se poursuivent.",
        ),
        "Conclude the negotiations before the next Dialogue.",
    )
    .await;
    // Every other commitment: the same joint line, so the cycle can be frozen.
    sqlx::query(
        "insert into joint_review (cycle_id, commitment_id, version, status, summary_en, summary_fr, next_steps, author, author_id)
         select $1, c.id, 1, 'not_assessed', 'Not reported on this year.', 'Pas de rapport cette année.', '', 'Sam Secretariat', $2
         from commitment c
         where not exists (select 1 from joint_review j where j.cycle_id = $1 and j.commitment_id = c.id)",
    )
    .bind(id_2025)
    .bind(sam.id)
    .execute(pool)
    .await
    .unwrap();
    step(pool, &sam, 2025, CycleState::Frozen).await;
    step(pool, &sam, 2025, CycleState::Published).await;

    // 2026: open, a week before the deadline.
    cycle_on(
        pool,
        2026,
        Schedule::of(2026).at("Brussels"),
        CycleState::Planned,
    )
    .await;
    step(pool, &sam, 2026, CycleState::Open).await;
    save(pool, &eva, 2026, "13", "on_track", "", &[]).await;
    save(
        pool,
        &eva,
        2026,
        "13",
        "challenges",
        "Funding for the next training rotation is late.",
        &[(
            "https://www.eeas.europa.eu/eeas/eu-military-assistance-mission-support-ukraine_en",
            "EUMAM Ukraine",
        )],
    )
    .await;
    save(
        pool,
        &carl,
        2026,
        "13",
        "on_track",
        "Rotation three under way.",
        &[],
    )
    .await;
    save(pool, &eva, 2026, "9(a)", "completed", "", &[]).await;
    World { eva, carl, sam }
}

/// Moves [`world`]'s 2026 cycle on to reconciliation, and the secretariat agrees a joint status
/// for 9(a), which only the EU has assessed.
pub async fn reconciling(pool: &PgPool, world: &World) {
    step(pool, &world.sam, 2026, CycleState::Reconciliation).await;
    reconcile(
        pool,
        &world.sam,
        2026,
        "9(a)",
        "completed",
        (
            "The annual Dialogue met at the agreed level.",
            "Le dialogue annuel s’est réuni au niveau convenu.",
        ),
        "",
    )
    .await;
}
