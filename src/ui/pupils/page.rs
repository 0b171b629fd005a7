//! A pupil's page: details, needs and flags, one-page profile, EHC plan,
//! support plans by term, costed provision against the element-2 threshold,
//! and entry/exit gains. It prints as a summary for parents or a top-up
//! application, with a switch to pseudonymise it.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::plans::Plans;
use crate::domain::attendance::AttendanceReport;
use crate::domain::calendar::DateRange;
use crate::domain::commands::save_pupil_details;
use crate::domain::costing::{over_threshold, CostCache};
use crate::domain::details::DetailsDraft;
use crate::domain::evidence::gain_row;
use crate::domain::money::Money;
use crate::domain::{Pupil, PupilField};
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{
    draft_input, draft_textarea, gb, problem_summary, today, FormProblems, InputKind, PrintButton,
    PrintedBy, YearSelect,
};

/// The pupil page for pupil `id`.
#[component]
pub fn PupilPage(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let pupil = Memo::new(move |_| ctx.read(|d| d.pupil(id).cloned()));
    let hide = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let name = move || {
        pupil.with(|p| {
            p.as_ref().map_or_else(String::new, |p| {
                if hide.get() {
                    p.pseudonym()
                } else {
                    p.full_name()
                }
            })
        })
    };
    move || {
        match pupil.get() {
        None => view! {
            <h1>"Pupil not found"</h1>
            <p>"They may have been deleted. " <a href="#/pupils">"Back to the register"</a></p>
        }
        .into_any(),
        Some(p) => view! {
            <div class="pupil-page">
                <p class="no-print"><a href="#/pupils">"All pupils"</a></p>
                <PrintedBy />
                <h1 id="pupil-name">{name}</h1>
                <div class="page-controls no-print">
                    <label class="check" for="pseudonymise">
                        <input id="pseudonymise" type="checkbox" prop:checked=move || hide.get()
                            on:change=move |ev| hide.set(event_target_checked(&ev)) />
                        "Pseudonymise: initials and a reference instead of the name; no UPN, date of birth or class"
                    </label>
                    <PrintButton label="Print this page" />
                    <a class="button secondary" id="open-evidence" href=format!("#/pupils/{id}/evidence")>"Top-up evidence pack"</a>
                </div>
                <Details pupil=p.clone() hide=hide />
                <CostedProvision id=id />
                <super::la_costing::LaCostingPanel id=id />
                <super::week::PupilWeek id=id hide=hide />
                <Gains id=id />
                <section class="panel" aria-labelledby="profile-heading">
                    <h2 id="profile-heading">"One-page profile and plan details"</h2>
                    <Profile pupil=p.clone() />
                    <div class="actions-row no-print">
                        <button type="button" class="secondary" id="edit-details"
                            on:click=move |_| editing.update(|e| *e = !*e)>
                            {move || if editing.get() { "Close the details form" } else { "Edit profile and plan details" }}
                        </button>
                    </div>
                    <Show when=move || editing.get()>
                        <DetailsForm pupil=pupil.get_untracked().expect("shown only for a pupil") on_done=move || editing.set(false) />
                    </Show>
                </section>
                <Plans pupil_id=id />
            </div>
        }
        .into_any(),
    }
    }
}

/// Who the pupil is: register details, needs and flags.
#[component]
fn Details(pupil: Pupil, hide: RwSignal<bool>) -> impl IntoView {
    let p = pupil;
    let needs = [p.primary_need, p.secondary_need]
        .into_iter()
        .flatten()
        .map(|n| format!("{} ({})", n.label(), n.code()))
        .collect::<Vec<_>>()
        .join("; ");
    let f = p.flags;
    let flags = [
        (f.pupil_premium, "Pupil premium"),
        (f.lac, "Looked after (LAC)"),
        (f.plac, "Previously looked after (PLAC)"),
        (f.service_child, "Service child"),
        (f.eal, "EAL"),
    ]
    .into_iter()
    .filter_map(|(on, l)| on.then_some(l))
    .collect::<Vec<_>>()
    .join(", ");
    let upn = p.upn.clone().unwrap_or_else(|| "Not recorded".into());
    // Another pupil with this UPN (the census refuses it): flagged here.
    let shared = AppCtx::get().read(|d| {
        crate::domain::register::same_upn(&d.pupils, &p)
            .iter()
            .map(|o| format!("{} ({})", o.full_name(), o.year_group.label()))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let dob = p.date_of_birth.map_or("Not recorded".into(), gb);
    let class = if p.class_name.is_empty() {
        "Not recorded".to_owned()
    } else {
        p.class_name.clone()
    };
    view! {
        <section class="panel" aria-labelledby="details-heading">
            <h2 id="details-heading">"Details"</h2>
            <dl class="facts" id="pupil-details">
                <dt>"Year group"</dt><dd>{p.year_group.label()}</dd>
                <Show when=move || !hide.get()>
                    <dt>"Class"</dt><dd>{class.clone()}</dd>
                    <dt>"UPN"</dt><dd>{upn.clone()}
                        {(!shared.is_empty()).then(|| view! { <span class="badge" id="pupil-upn-shared">{format!("Also given to {shared}: check the UPN against the MIS")}</span> })}
                    </dd>
                    <dt>"Date of birth"</dt><dd>{dob.clone()}</dd>
                </Show>
                <dt>"SEN status"</dt><dd>{format!("{} ({})", p.sen_status.label(), p.sen_status.code())}</dd>
                <dt>"Needs"</dt><dd>{if needs.is_empty() { "None recorded".to_owned() } else { needs }}</dd>
                <dt>"Broad area"</dt><dd>{p.broad_area().map_or("–", |a| a.label())}</dd>
                <dt>"Flags"</dt><dd>{if flags.is_empty() { "None".to_owned() } else { flags }}</dd>
                <dt>"On the SEN register"</dt><dd>{match (p.on_register_from, p.off_register_from) {
                    (Some(a), Some(b)) => format!("{} to {}", gb(a), gb(b)),
                    (Some(a), None) => format!("Since {}", gb(a)),
                    (None, Some(b)) => format!("Until {}", gb(b)),
                    (None, None) => if p.sen_status.on_register() { "Yes".into() } else { "No".into() },
                }}</dd>
                {p.left_on.map(|d| view! { <dt>"Left the school"</dt><dd>{gb(d)}</dd> })}
            </dl>
        </section>
    }
}

/// The pupil's costed provision in one academic year, against the threshold.
/// One line of a pupil's costed provision: the provision's id and name, the
/// dates, the sessions, the pupil's attendance in the year, and their share.
type CostRow = (Uuid, String, String, String, String, Money);

#[component]
fn CostedProvision(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let cache = StoredValue::new(CostCache::default());
    let costed = Memo::new(move |_| {
        let start = ctx.year_in_view()?;
        ctx.read(|d| {
            let year = d.settings.year(start)?.range()?;
            let report = cache.try_update_value(|c| c.build(d, year))?;
            let attendance = AttendanceReport::build(d, year, today());
            let range = report.period;
            // In date order (dates compared as dates, not as their text), then by name.
            let mut dated: Vec<(jiff::civil::Date, CostRow)> = d
                .enrolments
                .iter()
                .filter(|e| e.pupil_id == id && e.range().intersect(&range).is_some())
                .filter_map(|e| {
                    let p = d.provision(e.provision_id)?;
                    let share = report
                        .provision(p.id)
                        .and_then(|c| c.shares.iter().find(|s| s.enrolment_id == e.id))
                        .map(|s| s.amount)
                        .unwrap_or_default();
                    Some((
                        e.start,
                        (
                            p.id,
                            p.name.clone(),
                            format!("{} to {}", gb(e.start), gb(e.end)),
                            format!(
                                "{} × {} min a week",
                                p.sessions_per_week, p.minutes_per_session
                            ),
                            attendance
                                .place(e.id)
                                .map_or_else(String::new, |x| x.tally.share().text()),
                            share,
                        ),
                    ))
                })
                .collect();
            crate::domain::sort::by(&mut dated, |a, b| a.0.cmp(&b.0).then(a.1 .1.cmp(&b.1 .1)));
            let rows: Vec<CostRow> = dated.into_iter().map(|(_, r)| r).collect();
            let total = report.per_pupil.get(&id).copied().unwrap_or_default();
            let threshold = d.settings.element2_threshold;
            let over = over_threshold(&report, threshold)
                .into_iter()
                .find(|o| o.pupil_id == id);
            let top_up = d.pupil(id).and_then(|p| p.ehcp.as_ref()).map(|e| e.top_up);
            let attended = attendance.pupil(id).share().text();
            Some((rows, total, threshold, over, top_up, attended))
        })
    });
    view! {
        <section class="panel" aria-labelledby="costed-heading">
            <h2 id="costed-heading">"Costed provision"</h2>
            <div class="no-print"><YearSelect id="pupil-year" /></div>
            {move || match costed.get() {
                None => view! { <p class="empty">"Set up the academic year's term dates in Settings to cost provision."</p> }.into_any(),
                Some((rows, total, threshold, over, top_up, attended)) => {
                    let share = if threshold > Money::ZERO {
                        (total.as_pence() * 100 / threshold.as_pence()).clamp(0, 100)
                    } else { 100 };
                    let status = match &over {
                        Some(o) => format!("At or over the element-2 threshold of {threshold}, by {}.", o.over),
                        None => format!("{} below the element-2 threshold of {threshold}.", threshold - total),
                    };
                    view! {
                        {if rows.is_empty() {
                            view! { <p class="empty">"No provision in this year."</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll">
                                    <table class="data-table" id="pupil-costs">
                                        <thead><tr>
                                            <th scope="col">"Provision"</th>
                                            <th scope="col">"Dates"</th>
                                            <th scope="col">"Sessions"</th>
                                            <th scope="col">"Attended"</th>
                                            <th scope="col" class="money">"Share of cost"</th>
                                        </tr></thead>
                                        <tbody>
                                            {rows.into_iter().map(|(pid, name, dates, sessions, attended, share)| view! {
                                                <tr>
                                                    <td><a href=format!("#/provisions/{pid}")>{name}</a></td>
                                                    <td>{dates}</td>
                                                    <td>{sessions}</td>
                                                    <td class="attended">{attended}</td>
                                                    <td class="money">{share.to_string()}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                        <tfoot><tr>
                                            <th scope="row" colspan="3">"Total this year"</th>
                                            <td class="attended" id="pupil-attended">{attended}</td>
                                            <td class="money" id="pupil-total">{total.to_string()}</td>
                                        </tr></tfoot>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                        <div class="threshold" class:over=over.is_some()>
                            <div class="threshold-bar" aria-hidden="true">
                                <span style:width=format!("{share}%")></span>
                            </div>
                            <p id="pupil-threshold">
                                {over.is_some().then(|| view! { <span class="badge">"At or over threshold"</span> " " })}
                                {status}
                            </p>
                            {top_up.map(|t| view! { <p>{format!("EHC plan top-up (element 3): {t} a year.")}</p> })}
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Entry and exit data and the gain in every provision, oldest first.
#[component]
fn Gains(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let rows = Memo::new(move |_| {
        ctx.read(|d| {
            let mut es: Vec<_> = d
                .enrolments
                .iter()
                .filter(|e| e.pupil_id == id && (e.entry.is_some() || e.exit.is_some()))
                .collect();
            crate::domain::sort::by_key(&mut es, |e| e.share_order());
            // Each place's attendance over its own dates, beside its gain.
            let span = es.iter().fold(None::<DateRange>, |acc, e| {
                Some(match acc {
                    None => e.range(),
                    Some(a) => DateRange::new(a.start.min(e.start), a.end.max(e.end)),
                })
            });
            let attended = span.map(|s| AttendanceReport::build(d, s, today()));
            es.into_iter()
                .map(|e| {
                    let [n, m, a, b, g, att] = gain_row(d, e, attended.as_ref());
                    (n, m, a, b, g, att)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="panel" aria-labelledby="gains-heading">
            <h2 id="gains-heading">"Entry and exit data"</h2>
            <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="empty">"No entry or exit data yet: record it on each provision's page."</p> }>
                <div class="table-scroll">
                    <table class="data-table" id="pupil-gains">
                        <thead><tr>
                            <th scope="col">"Provision"</th>
                            <th scope="col">"Measure"</th>
                            <th scope="col">"Entry"</th>
                            <th scope="col">"Exit"</th>
                            <th scope="col">"Gain"</th>
                            <th scope="col">"Attendance"</th>
                        </tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|(n, m, a, b, g, att)| view! {
                                <tr><td>{n}</td><td>{m}</td><td>{a}</td><td>{b}</td><td>{g}</td><td>{att}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// The one-page profile and EHC plan details, as text.
#[component]
fn Profile(pupil: Pupil) -> impl IntoView {
    let p = pupil;
    let text = |t: &str| {
        if t.is_empty() {
            "Not written yet".to_owned()
        } else {
            t.to_owned()
        }
    };
    view! {
        <dl class="facts profile" id="pupil-profile">
            <dt>"Strengths"</dt><dd>{text(&p.profile.strengths)}</dd>
            <dt>"What helps"</dt><dd>{text(&p.profile.what_helps)}</dd>
            <dt>"What does not help"</dt><dd>{text(&p.profile.what_does_not_help)}</dd>
            <dt>"Communication"</dt><dd>{text(&p.profile.communication)}</dd>
            {p.ehcp.map(|e| view! {
                <dt>"EHC plan issued"</dt><dd>{format!("{} by {}", gb(e.issue_date), e.local_authority)}</dd>
                <dt>"Next annual review"</dt><dd>{e.next_annual_review.map_or("Not set".into(), gb)}</dd>
                <dt>"Top-up (element 3)"</dt><dd>{format!("{} a year", e.top_up)}</dd>
            })}
        </dl>
    }
}

/// Edit the profile, the EHC plan details and the leaving dates.
#[component]
fn DetailsForm(pupil: Pupil, on_done: impl Fn() + Copy + 'static) -> impl IntoView {
    let ctx = AppCtx::get();
    let draft = RwSignal::new(DetailsDraft::of(&pupil));
    let problems = FormProblems::new();
    let original = StoredValue::new(pupil);
    let err = move |f| problems.error(f);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = original.with_value(|p| p.id);
        let result = ctx.state.data().with_untracked(|data| {
            draft.with_untracked(|d| save_pupil_details(data, id, d, Timestamp::now()))
        });
        match result {
            Err(p) => problems.set(p),
            Ok(edit) => {
                problems.clear();
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        on_done();
                    }
                });
            }
        }
    };
    let is_e = original.with_value(|p| p.sen_status == crate::domain::needs::SenStatus::Ehcp);
    view! {
        <form class="details-form" on:submit=on_submit novalidate aria-label="Profile and plan details">
            {problem_summary(problems)}
            <div class="fields">
                {draft_textarea(draft, err(PupilField::Profile), "profile-strengths", "Strengths", |d| d.profile.strengths.clone(), |d, v| d.profile.strengths = v)}
                {draft_textarea(draft, Signal::derive(|| None), "profile-helps", "What helps", |d| d.profile.what_helps.clone(), |d, v| d.profile.what_helps = v)}
                {draft_textarea(draft, Signal::derive(|| None), "profile-not-helps", "What does not help", |d| d.profile.what_does_not_help.clone(), |d, v| d.profile.what_does_not_help = v)}
                {draft_textarea(draft, Signal::derive(|| None), "profile-communication", "Communication", |d| d.profile.communication.clone(), |d, v| d.profile.communication = v)}
            </div>
            <fieldset class="checks plain">
                <legend>{if is_e { "EHC plan" } else { "EHC plan (for pupils with SEN status E)" }}</legend>
                <div class="fields">
                    {draft_input(draft, err(PupilField::EhcpIssueDate), "ehcp-issued", "Date issued", InputKind::Date, |d| d.ehcp_issue_date.clone(), |d, v| d.ehcp_issue_date = v)}
                    {draft_input(draft, err(PupilField::EhcpNextReview), "ehcp-review", "Next annual review", InputKind::Date, |d| d.ehcp_next_review.clone(), |d, v| d.ehcp_next_review = v)}
                    {draft_input(draft, err(PupilField::EhcpLocalAuthority), "ehcp-la", "Local authority", InputKind::Text, |d| d.ehcp_local_authority.clone(), |d, v| d.ehcp_local_authority = v)}
                    {draft_input(draft, err(PupilField::EhcpTopUp), "ehcp-top-up", "Top-up a year (£)", InputKind::Decimal, |d| d.ehcp_top_up.clone(), |d, v| d.ehcp_top_up = v)}
                </div>
            </fieldset>
            <div class="fields">
                {draft_input(draft, err(PupilField::OffRegisterFrom), "off-register", "Left the SEN register on", InputKind::Date, |d| d.off_register_from.clone(), |d, v| d.off_register_from = v)}
                {draft_input(draft, err(PupilField::LeftOn), "left-on", "Left the school on", InputKind::Date, |d| d.left_on.clone(), |d, v| d.left_on = v)}
            </div>
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>"Save details"</button>
                <button type="button" class="secondary" on:click=move |_| on_done()>"Cancel"</button>
            </div>
        </form>
    }
}
