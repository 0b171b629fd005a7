//! A provision's attendance on its page: sessions planned, delivered,
//! cancelled (by reason, with what they cost: money spent on nothing) and
//! attended, per pupil and for the provision, and the weeks not recorded.

use jiff::civil::{Date, Time};
use leptos::prelude::*;
use uuid::Uuid;

use super::week::week_href;
use crate::domain::attendance::{AttendanceReport, Source};
use crate::domain::dataset::Dataset;
use crate::domain::money::Money;
use crate::domain::timetable::hhmm;
use crate::domain::Pupil;
use crate::ui::state::AppCtx;
use crate::ui::widgets::{gb, today};

/// One pupil's line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PlaceRow {
    name: String,
    planned: u32,
    delivered: u32,
    cancelled: u32,
    attended: u32,
    share: String,
    under: bool,
    by_hand: bool,
}

/// What the panel shows, worked out by the domain.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Summary {
    planned: u32,
    delivered: String,
    cancelled: u32,
    by_reason: String,
    cost: Option<Money>,
    attended: String,
    not_recorded: u32,
    weeks: Vec<Date>,
    places: Vec<PlaceRow>,
    cancelled_sessions: Vec<(Date, Time, &'static str, String)>,
    threshold: u32,
}

/// Provision `id`'s attendance over its own dates, as of today.
fn summary(d: &Dataset, id: Uuid) -> Option<Summary> {
    let p = d.provision(id)?;
    let report = AttendanceReport::build(d, p.range(), today());
    let a = report.provision(id)?;
    let places = a
        .places
        .iter()
        .map(|x| {
            let share = x.tally.share();
            PlaceRow {
                name: d
                    .pupil(x.pupil_id)
                    .map_or("(pupil not found)".to_owned(), Pupil::full_name),
                planned: x.tally.planned,
                delivered: x.tally.delivered,
                cancelled: x.tally.cancelled,
                attended: x.tally.attended,
                share: share.text(),
                under: share.below(report.threshold),
                by_hand: x.source == Source::EnteredByHand,
            }
        })
        .collect();
    Some(Summary {
        planned: a.sessions.planned,
        delivered: a.sessions.delivered_share().text(),
        cancelled: a.sessions.cancelled,
        by_reason: a
            .cancelled_by_reason
            .iter()
            .map(|(r, n)| format!("{}: {n}", r.label()))
            .collect::<Vec<_>>()
            .join(", "),
        cost: a.cancelled_cost,
        attended: a.places_total.share().text(),
        not_recorded: a.sessions.not_recorded,
        weeks: a.weeks_not_recorded.clone(),
        places,
        cancelled_sessions: report
            .cancelled
            .iter()
            .filter(|c| c.provision_id == id)
            .map(|c| (c.date, c.start, c.reason.label(), c.note.clone()))
            .collect(),
        threshold: report.threshold,
    })
}

/// Links to the weeks with sessions not recorded.
fn week_links(id: Uuid, weeks: Vec<Date>) -> impl IntoView {
    view! {
        <ul class="week-links">
            {weeks.into_iter().map(|w| view! {
                <li><a href=week_href(id, w)>{format!("Week of {}", gb(w))}</a></li>
            }).collect_view()}
        </ul>
    }
}

/// The attendance panel of provision `id`'s page.
#[component]
pub fn AttendanceSummary(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let s = Memo::new(move |_| ctx.read(|d| summary(d, id)));
    let fact = move |f: fn(&Summary) -> String| move || s.with(|s| s.as_ref().map(f));
    view! {
        <section class="panel" aria-labelledby="attendance-heading" id="attendance-summary">
            <div class="page-head">
                <h2 id="attendance-heading">"Attendance"</h2>
                <a class="button primary no-print" id="record-attendance" href=format!("#/provisions/{id}/attendance")>"Record attendance"</a>
            </div>
            <Show when=move || s.with(Option::is_some) fallback=|| view! { <p class="empty">"No sessions to count: the provision has no dates in the academic years set up."</p> }>
                <dl class="facts" id="attendance-facts">
                    <dt>"Sessions planned"</dt><dd id="att-planned">{fact(|s| s.planned.to_string())}</dd>
                    <dt>"Delivered"</dt><dd id="att-delivered">{fact(|s| format!("{} of those planned", s.delivered))}</dd>
                    <dt>"Cancelled"</dt><dd id="att-cancelled">{fact(|s| if s.cancelled == 0 { "None".into() } else { format!("{} ({})", s.cancelled, s.by_reason) })}</dd>
                    <dt>"Cost of cancelled sessions"</dt><dd id="att-cancelled-cost">{fact(|s| match s.cost {
                        Some(c) if s.cancelled > 0 => format!("{c}: money spent on sessions that did not run"),
                        Some(c) => c.to_string(),
                        None => "Cannot be costed: see the cost above".into(),
                    })}</dd>
                    <dt>"Attended"</dt><dd id="att-attended">{fact(|s| format!("{} of the pupils' delivered sessions", s.attended))}</dd>
                    <dt>"Not recorded"</dt><dd id="att-not-recorded">
                        {fact(|s| match s.not_recorded {
                            0 => "Every session before today is recorded".to_owned(),
                            1 => "1 session before today, in the week below".to_owned(),
                            n => format!("{n} sessions before today, in the {} below", if s.weeks.len() == 1 { "week".to_owned() } else { format!("{} weeks", s.weeks.len()) }),
                        })}
                        {move || s.with(|s| s.as_ref().map(|s| s.weeks.clone())).filter(|w| !w.is_empty()).map(|w| week_links(id, w))}
                    </dd>
                </dl>
                <Show when=move || s.with(|s| s.as_ref().is_some_and(|s| !s.places.is_empty()))>
                    <div class="table-scroll">
                        <table class="data-table" id="attendance-pupils">
                            <caption>{move || s.with(|s| s.as_ref().map(|s| format!("Each pupil (attended of delivered; under {}% is marked beside their gain)", s.threshold)))}</caption>
                            <thead><tr>
                                <th scope="col">"Pupil"</th>
                                <th scope="col" class="num">"Planned"</th>
                                <th scope="col" class="num">"Delivered"</th>
                                <th scope="col" class="num">"Cancelled"</th>
                                <th scope="col" class="num">"Attended"</th>
                                <th scope="col">"Attendance"</th>
                            </tr></thead>
                            <tbody>
                                {move || s.with(|s| s.as_ref().map(|s| {
                                    let threshold = s.threshold;
                                    s.places.iter().cloned().map(|r| view! {
                                        <tr>
                                            <th scope="row">{r.name}</th>
                                            <td class="num">{r.planned}</td>
                                            <td class="num">{r.delivered}</td>
                                            <td class="num">{r.cancelled}</td>
                                            <td class="num">{r.attended}</td>
                                            <td>{r.share}
                                                {r.under.then(|| view! { <span class="badge">{format!("under {threshold}%")}</span> })}
                                                {r.by_hand.then(|| view! { <span class="flag">"Typed in by hand (no session recorded while they had the place)"</span> })}
                                            </td>
                                        </tr>
                                    }).collect_view()
                                }))}
                            </tbody>
                        </table>
                    </div>
                </Show>
                <Show when=move || s.with(|s| s.as_ref().is_some_and(|s| !s.cancelled_sessions.is_empty()))>
                    <div class="table-scroll">
                        <table class="data-table" id="attendance-cancelled">
                            <caption>"Cancelled sessions"</caption>
                            <thead><tr><th scope="col">"Date"</th><th scope="col">"Time"</th><th scope="col">"Reason"</th><th scope="col">"Note"</th></tr></thead>
                            <tbody>
                                {move || s.with(|s| s.as_ref().map(|s| s.cancelled_sessions.iter().cloned().map(|(d, t, r, n)| view! {
                                    <tr><td>{gb(d)}</td><td>{hhmm(t)}</td><td>{r}</td><td>{n}</td></tr>
                                }).collect_view()))}
                            </tbody>
                        </table>
                    </div>
                </Show>
                <p class="hint" id="attendance-rounding">"Planned counts every session of the provision's dates on the school days set up in Settings; not recorded, those before today with nothing recorded. Attendance is sessions attended of sessions delivered, shown as a whole per cent rounded half up (7 of 8 is 88%)."</p>
            </Show>
        </section>
    }
}

/// The weeks of provision `id` with sessions not recorded, as links to
/// their registers (nothing when every session before today is recorded).
#[component]
pub(super) fn UnrecordedWeeks(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let weeks = Memo::new(move |_| {
        ctx.read(|d| {
            let p = d.provision(id)?;
            let report = AttendanceReport::build(d, p.range(), today());
            report.provision(id).map(|a| a.weeks_not_recorded.clone())
        })
        .unwrap_or_default()
    });
    move || {
        let w = weeks.get();
        (!w.is_empty()).then(|| {
            view! {
                <section class="no-print" aria-labelledby="unrecorded-heading" id="weeks-not-recorded">
                    <h2 id="unrecorded-heading">"Weeks with sessions not recorded"</h2>
                    {week_links(id, w)}
                </section>
            }
        })
    }
}
