//! Settings: the school, its element-2 threshold, its last year group and
//! its calendar (academic years, term dates, teaching weeks and breaks);
//! the school day and the attendance threshold; the ratio-gain bands; the
//! funding figures.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::calendar::TermName;
use crate::domain::commands::save_settings;
use crate::domain::settings::SchoolSettings;
use crate::domain::settings_draft::{BandsDraft, DayDraft, FiguresDraft, SchoolDraft};
use crate::domain::{Problems, SettingsField, YearGroup};
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{draft_input, problem_summary, FormProblems, InputKind};

/// Apply a draft part to the settings as they are now and save them.
fn save_part(
    label: &'static str,
    problems: FormProblems<SettingsField>,
    message: RwSignal<Option<String>>,
    apply: impl FnOnce(&SchoolSettings, Timestamp) -> Result<SchoolSettings, Problems<SettingsField>>,
) {
    let ctx = AppCtx::get();
    let result = ctx
        .state
        .data()
        .with_untracked(|d| save_settings(d, label, apply, Timestamp::now()));
    match result {
        Err(p) => {
            message.set(None);
            problems.set(p);
        }
        Ok(edit) => {
            problems.clear();
            spawn_local(async move {
                if ctx.commit(edit).await.is_ok() {
                    message.set(Some(format!("{label}: saved.")));
                }
            });
        }
    }
}

/// The list of problems with a field of many parts (every year's terms,
/// every band), under its inputs.
fn problem_list(
    problems: FormProblems<SettingsField>,
    field: SettingsField,
    id: &'static str,
) -> impl IntoView {
    let messages = problems.messages(field);
    view! {
        <div class="field-error problem-list" id=id role="alert">
            <ul>
                {move || messages.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
pub fn SchoolPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let draft = RwSignal::new(
        ctx.state
            .data()
            .with_untracked(|d| SchoolDraft::of(&d.settings)),
    );
    let problems = FormProblems::new();
    let message = RwSignal::new(None::<String>);
    let err = move |f| problems.error(f);
    let year_count = Memo::new(move |_| draft.with(|d| d.years.len()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        save_part("School and calendar", problems, message, move |s, now| {
            d.apply(s, now)
        });
    };
    let year_err = err(SettingsField::FinalYearGroup);
    view! {
        <section class="panel" aria-labelledby="school-heading">
            <h2 id="school-heading">"School and calendar"</h2>
            <form on:submit=on_submit novalidate aria-labelledby="school-heading">
                {problem_summary(problems)}
                <div class="fields">
                    {draft_input(draft, err(SettingsField::SchoolName), "school-name", "School name", InputKind::Text, |d| d.school_name.clone(), |d, v| d.school_name = v)}
                    {draft_input(draft, err(SettingsField::Element2Threshold), "school-threshold", "Element-2 threshold per pupil a year (£)", InputKind::Decimal, |d| d.element2_threshold.clone(), |d, v| d.element2_threshold = v)}
                    <div class="field" class:has-error=move || year_err.get().is_some()>
                        <label for="school-final-year">"Last year group taught (leavers at rollover)"</label>
                        <select id="school-final-year" prop:value=move || draft.with(|d| d.final_year_group.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.final_year_group = v) }>
                            {YearGroup::all().map(|y| view! { <option value=y.code()>{y.label()}</option> }).collect_view()}
                        </select>
                        <p class="field-error" role="alert">{move || year_err.get()}</p>
                    </div>
                </div>
                {move || (0..year_count.get()).map(|yi| {
                    let label = draft.with_untracked(|d| d.years.get(yi).map(|y| format!("{}-{:02}", y.0, (y.0 + 1) % 100)).unwrap_or_default());
                    view! {
                        <fieldset class="year-terms">
                            <legend>{format!("Academic year {label}")}</legend>
                            {TermName::ALL.iter().enumerate().map(|(ti, t)| {
                                let key = format!("{yi}-{ti}");
                                let label = label.clone();
                                let (key2, label2) = (key.clone(), label.clone());
                                let breaks = Memo::new(move |_| draft.with(|d| d.years.get(yi).and_then(|y| y.1.get(ti)).map_or(0, |t| t.breaks.len())));
                                let field = move |what: &'static str, label: String, kind: &'static str, get: fn(&crate::domain::settings_draft::TermDraft) -> String, set: fn(&mut crate::domain::settings_draft::TermDraft, String)| {
                                    let id = format!("term-{what}-{key2}");
                                    let for_id = id.clone();
                                    view! {
                                        <div class="field">
                                            <label for=for_id>{label}</label>
                                            <input id=id type=kind prop:value=move || draft.with(|d| d.years.get(yi).and_then(|y| y.1.get(ti)).map(get).unwrap_or_default())
                                                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(t) = d.years.get_mut(yi).and_then(|y| y.1.get_mut(ti)) { set(t, v) }) } />
                                        </div>
                                    }
                                };
                                let name = t.label();
                                view! {
                                    <div class="term-row">
                                        <h3>{format!("{name} term")}</h3>
                                        <div class="fields">
                                            {field("start", format!("{name} {label2} starts"), "date", |t| t.start.clone(), |t, v| t.start = v)}
                                            {field("end", format!("{name} {label2} ends"), "date", |t| t.end.clone(), |t, v| t.end = v)}
                                            {field("weeks", format!("{name} {label2} teaching weeks"), "number", |t| t.teaching_weeks.clone(), |t, v| t.teaching_weeks = v)}
                                        </div>
                                        {move || { let (key, label) = (key.clone(), label.clone()); (0..breaks.get()).map(move |bi| {
                                            let get = move |end: bool| draft.with(|d| d.years.get(yi).and_then(|y| y.1.get(ti)).and_then(|t| t.breaks.get(bi)).map(|b| if end { b.1.clone() } else { b.0.clone() }).unwrap_or_default());
                                            let set = move |end: bool, v: String| draft.update(|d| if let Some(b) = d.years.get_mut(yi).and_then(|y| y.1.get_mut(ti)).and_then(|t| t.breaks.get_mut(bi)) { if end { b.1 = v } else { b.0 = v } });
                                            let sid = format!("break-start-{key}-{bi}");
                                            let eid = format!("break-end-{key}-{bi}");
                                            let (sfor, efor) = (sid.clone(), eid.clone());
                                            view! {
                                                <div class="staff-line">
                                                    <div class="field"><label for=sfor>{format!("{name} {label} break {} from", bi + 1)}</label>
                                                        <input id=sid type="date" prop:value=move || get(false) on:input=move |ev| set(false, event_target_value(&ev)) /></div>
                                                    <div class="field"><label for=efor>{format!("{name} {label} break {} to", bi + 1)}</label>
                                                        <input id=eid type="date" prop:value=move || get(true) on:input=move |ev| set(true, event_target_value(&ev)) /></div>
                                                    <button type="button" class="secondary" on:click=move |_| draft.update(|d| if let Some(t) = d.years.get_mut(yi).and_then(|y| y.1.get_mut(ti)) { if bi < t.breaks.len() { t.breaks.remove(bi); } })>
                                                        {format!("Remove break {}", bi + 1)}
                                                    </button>
                                                </div>
                                            }
                                        }).collect_view() }}
                                        <button type="button" class="secondary" on:click=move |_| draft.update(|d| if let Some(t) = d.years.get_mut(yi).and_then(|y| y.1.get_mut(ti)) { t.breaks.push((String::new(), String::new())) })>
                                            {format!("Add a break to {name} {label2}")}
                                        </button>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                {problem_list(problems, SettingsField::Years, "school-years-errors")}
                {problem_list(problems, SettingsField::StartYear, "school-start-errors")}
                <div class="actions-row">
                    <button type="button" class="secondary" on:click=move |_| draft.update(SchoolDraft::add_year)>"Add the next academic year"</button>
                    <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>"Save school and calendar"</button>
                </div>
                <p class="message" role="status">{move || message.get()}</p>
            </form>
        </section>
    }
}

#[component]
pub fn BandsPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let draft = RwSignal::new(
        ctx.state
            .data()
            .with_untracked(|d| BandsDraft::of(&d.settings)),
    );
    let problems = FormProblems::new();
    let message = RwSignal::new(None::<String>);
    let count = Memo::new(move |_| draft.with(|d| d.bands.len()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        save_part("Judging gains", problems, message, move |s, now| {
            d.apply(s, now)
        });
    };
    view! {
        <section class="panel" aria-labelledby="bands-heading">
            <h2 id="bands-heading">"Judging gains"</h2>
            <p class="hint">"A ratio gain is months gained in reading or spelling age divided by months elapsed. Each band starts at its ratio; the first starts at 0."</p>
            <form on:submit=on_submit novalidate aria-labelledby="bands-heading">
                {problem_summary(problems)}
                {move || (0..count.get()).map(|i| {
                    let min_id = format!("band-min-{i}");
                    let name_id = format!("band-name-{i}");
                    let sig_id = format!("band-significant-{i}");
                    let (a, b, c) = (min_id.clone(), name_id.clone(), sig_id.clone());
                    view! {
                        <div class="staff-line">
                            <div class="field narrow"><label for=a>{format!("Band {} from", i + 1)}</label>
                                <input id=min_id type="text" inputmode="decimal" prop:value=move || draft.with(|d| d.bands.get(i).map(|b| b.0.clone()).unwrap_or_default())
                                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(b) = d.bands.get_mut(i) { b.0 = v }) } /></div>
                            <div class="field"><label for=b>{format!("Band {} name", i + 1)}</label>
                                <input id=name_id type="text" prop:value=move || draft.with(|d| d.bands.get(i).map(|b| b.1.clone()).unwrap_or_default())
                                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(b) = d.bands.get_mut(i) { b.1 = v }) } /></div>
                            <label class="check" for=c>
                                <input id=sig_id type="checkbox" prop:checked=move || draft.with(|d| d.bands.get(i).is_some_and(|b| b.2))
                                    on:change=move |ev| { let v = event_target_checked(&ev); draft.update(|d| if let Some(b) = d.bands.get_mut(i) { b.2 = v }) } />
                                {format!("Band {} counts as significant", i + 1)}
                            </label>
                            <button type="button" class="secondary" on:click=move |_| draft.update(|d| { if i < d.bands.len() { d.bands.remove(i); } })>{format!("Remove band {}", i + 1)}</button>
                        </div>
                    }
                }).collect_view()}
                {problem_list(problems, SettingsField::RatioBands, "bands-errors")}
                {draft_input(draft, problems.error(SettingsField::MinWeeksToJudge), "min-weeks-to-judge", "Weeks between entry and exit before a gain is judged (fewer is too soon to judge; usually 4)", InputKind::Whole, |d| d.min_weeks.clone(), |d, v| d.min_weeks = v)}
                <div class="actions-row">
                    <button type="button" class="secondary" on:click=move |_| draft.update(|d| d.bands.push((String::new(), String::new(), true)))>"Add a band"</button>
                    <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>"Save"</button>
                </div>
                <p class="message" role="status">{move || message.get()}</p>
            </form>
        </section>
    }
}

#[component]
pub fn FiguresPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let draft = RwSignal::new(
        ctx.state
            .data()
            .with_untracked(|d| FiguresDraft::of(&d.settings)),
    );
    let problems = FormProblems::new();
    let message = RwSignal::new(None::<String>);
    let count = Memo::new(move |_| draft.with(|d| d.0.len()));
    let agreed_count = Memo::new(move |_| draft.with(|d| d.1.len()));
    let latest = move || ctx.read(|d| d.settings.years.iter().map(|y| y.start_year).max());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        save_part("Funding figures", problems, message, move |s, now| {
            d.apply(s, now)
        });
    };
    view! {
        <section class="panel" aria-labelledby="figures-heading">
            <h2 id="figures-heading">"Funding figures"</h2>
            <p class="hint">"Per-pupil rates by academic year, used in the PP+ summary. Update them when the DfE publishes new figures."</p>
            <form on:submit=on_submit novalidate aria-labelledby="figures-heading">
                {problem_summary(problems)}
                <div class="fields">
                    {move || (0..count.get()).map(|i| {
                        let id = format!("figure-{i}");
                        let for_id = id.clone();
                        let label = draft.with_untracked(|d| d.0.get(i).map(|f| format!("{}, {}-{:02} (£)", f.0.label(), f.1, (f.1 + 1) % 100)).unwrap_or_default());
                        view! {
                            <div class="field"><label for=for_id>{label}</label>
                                <input id=id type="text" inputmode="decimal" prop:value=move || draft.with(|d| d.0.get(i).map(|f| f.2.clone()).unwrap_or_default())
                                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(f) = d.0.get_mut(i) { f.2 = v }) } /></div>
                        }
                    }).collect_view()}
                </div>
                {problem_list(problems, SettingsField::FundingFigures, "figures-errors")}
                <h3 id="agreed-heading">"PP+ agreed with the virtual school"</h3>
                <p class="hint">"The school receives PP+ for previously looked-after children (PLAC). The PP+ of looked-after children (LAC) is held by the virtual school head, who passes some to the school by agreement (often through the PEP). Enter the amount agreed for each year; it counts toward the PP+ budget. Leave it empty for none."</p>
                <div class="fields" role="group" aria-labelledby="agreed-heading">
                    {move || (0..agreed_count.get()).map(|i| {
                        let id = format!("pp-plus-agreed-{i}");
                        let for_id = id.clone();
                        let label = draft.with_untracked(|d| d.1.get(i).map(|a| format!("Agreed for {} (£)", crate::domain::calendar::year_label(a.0))).unwrap_or_default());
                        view! {
                            <div class="field"><label for=for_id>{label}</label>
                                <input id=id type="text" inputmode="decimal" prop:value=move || draft.with(|d| d.1.get(i).map(|a| a.1.clone()).unwrap_or_default())
                                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(a) = d.1.get_mut(i) { a.1 = v }) } /></div>
                        }
                    }).collect_view()}
                </div>
                {problem_list(problems, SettingsField::PpPlusAgreed, "agreed-errors")}
                <div class="actions-row">
                    <button type="button" class="secondary" disabled=move || latest().is_none()
                        on:click=move |_| if let Some(y) = latest() { draft.update(|d| d.add_year(y)) }>
                        {move || latest().map_or("Add figures for the latest year".to_owned(), |y| format!("Add figures for {}", crate::domain::calendar::year_label(y)))}
                    </button>
                    <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>"Save funding figures"</button>
                </div>
                <p class="message" role="status">{move || message.get()}</p>
            </form>
        </section>
    }
}

/// The school day (sessions outside it are flagged on the timetable) and
/// the attendance threshold, in one small form.
#[component]
pub fn DayPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let draft = RwSignal::new(
        ctx.state
            .data()
            .with_untracked(|d| DayDraft::of(&d.settings)),
    );
    let problems = FormProblems::new();
    let message = RwSignal::new(None::<String>);
    let err = move |f| problems.error(f);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        save_part(
            "School day and attendance",
            problems,
            message,
            move |s, now| d.apply(s, now),
        );
    };
    view! {
        <section class="panel" aria-labelledby="day-heading">
            <h2 id="day-heading">"School day and attendance"</h2>
            <p class="hint">"Sessions that start before the school day starts or end after it ends are flagged on the timetable. A pupil who attends less than the threshold of a provision's sessions is flagged."</p>
            <form on:submit=on_submit novalidate aria-labelledby="day-heading">
                {problem_summary(problems)}
                <div class="fields">
                    {draft_input(draft, err(SettingsField::DayStart), "day-start", "The school day starts", InputKind::Time, |d| d.day_start.clone(), |d, v| d.day_start = v)}
                    {draft_input(draft, err(SettingsField::DayEnd), "day-end", "The school day ends", InputKind::Time, |d| d.day_end.clone(), |d, v| d.day_end = v)}
                    {draft_input(draft, err(SettingsField::AttendanceThreshold), "attendance-threshold", "Attendance threshold (%)", InputKind::Whole, |d| d.attendance_threshold.clone(), |d, v| d.attendance_threshold = v)}
                </div>
                <div class="actions-row">
                    <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>"Save school day and attendance"</button>
                </div>
                <p class="message" role="status">{move || message.get()}</p>
            </form>
        </section>
    }
}
