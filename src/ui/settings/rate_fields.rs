//! The fields that set a rate: typed, from a salary (typed, or taken from
//! a pay scale point), or an LA rate per weekly hour, with a live preview.
//! One copy for the role form and the form of a role's rate from a date,
//! each with its own element ids.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::money::{round_pence, Exact};
use crate::domain::pay::{scale_point_names, scale_salary_words, ScalePoint};
use crate::domain::staff::{RateBasis, RateKind, RoleDraft, StaffRole};
use crate::domain::RoleField;
use crate::ui::state::AppCtx;
use crate::ui::widgets::{draft_input, today, FormProblems, InputKind};

/// The element ids of one form's rate fields.
pub struct RateIds {
    pub radios: &'static str,
    pub typed: &'static str,
    pub salary: &'static str,
    pub la: &'static str,
    pub hourly: &'static str,
    pub fte: &'static str,
    pub fte_hours: &'static str,
    pub hours: &'static str,
    pub contact: &'static str,
    pub paid_weeks: &'static str,
    pub working_weeks: &'static str,
    pub ni: &'static str,
    pub ni_threshold: &'static str,
    pub pension: &'static str,
    pub la_amount: &'static str,
    pub la_weeks: &'static str,
    pub use_scale: &'static str,
    pub scale: &'static str,
    pub point: &'static str,
    pub point_error: &'static str,
    pub preview: &'static str,
    pub rate_error: &'static str,
}

/// The role form's.
pub const ROLE_IDS: RateIds = RateIds {
    radios: "rate-kind",
    typed: "rate-typed",
    salary: "rate-salary",
    la: "rate-la",
    hourly: "rate-hourly",
    fte: "salary-fte",
    fte_hours: "salary-fte-hours",
    hours: "salary-hours",
    contact: "salary-contact-hours",
    paid_weeks: "salary-paid-weeks",
    working_weeks: "salary-working-weeks",
    ni: "salary-ni",
    ni_threshold: "salary-ni-threshold",
    pension: "salary-pension",
    la_amount: "la-amount",
    la_weeks: "la-weeks",
    use_scale: "salary-use-scale",
    scale: "salary-scale",
    point: "salary-point",
    point_error: "salary-point-error",
    preview: "rate-preview",
    rate_error: "role-rate-error",
};

/// The form of a role's rate from a date.
pub const CHANGE_IDS: RateIds = RateIds {
    radios: "change-rate-kind",
    typed: "change-rate-typed",
    salary: "change-rate-salary",
    la: "change-rate-la",
    hourly: "change-hourly",
    fte: "change-fte",
    fte_hours: "change-fte-hours",
    hours: "change-hours",
    contact: "change-contact-hours",
    paid_weeks: "change-paid-weeks",
    working_weeks: "change-working-weeks",
    ni: "change-ni",
    ni_threshold: "change-ni-threshold",
    pension: "change-pension",
    la_amount: "change-la-amount",
    la_weeks: "change-la-weeks",
    use_scale: "change-use-scale",
    scale: "change-scale",
    point: "change-point",
    point_error: "change-point-error",
    preview: "change-rate-preview",
    rate_error: "change-rate-error",
};

fn pounds(x: Exact) -> String {
    round_pence(x).to_string()
}

/// The rate fields of `draft`, each problem beside its input.
pub fn rate_fields(
    draft: RwSignal<RoleDraft>,
    problems: FormProblems<RoleField>,
    ids: &'static RateIds,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let scales = Memo::new(move |_| ctx.read(|d| d.settings.pay_scales.clone()));
    let err = move |f| problems.error(f);
    let input = move |id: &'static str,
                      label: &'static str,
                      field: RoleField,
                      get: fn(&RoleDraft) -> String,
                      set: fn(&mut RoleDraft, String)| {
        draft_input(draft, err(field), id, label, InputKind::Decimal, get, set)
    };
    let kind = move |k: RateKind| move || draft.with(|d| d.kind == k);
    let on_scale = move || draft.with(|d| d.scale.is_some());
    let preview = move || {
        let list = scales.get();
        draft.with(|d| {
            let d = d.with_scale_salary(&list, today()).ok()?;
            match d.rate() {
                Ok(RateBasis::Salary(s)) => s.breakdown().map(|b| {
                    let from = if s.scale.is_some() {
                        "The salary in force today gives: p"
                    } else {
                        "P"
                    };
                    format!(
                        "{from}aid salary {}, employer NI {}, pension {}: {} a year over {} hours with pupils = {} an hour.",
                        pounds(b.paid_salary),
                        pounds(b.employer_ni),
                        pounds(b.pension),
                        pounds(b.annual_cost),
                        crate::domain::quantity::Dec2::from_exact(b.hours_with_pupils),
                        pounds(b.hourly)
                    )
                }),
                Ok(rate) => StaffRole::new("x", d.category, rate, jiff::Timestamp::UNIX_EPOCH)
                    .hourly_display()
                    .map(|m| format!("{m} an hour.")),
                Err(_) => None,
            }
        })
    };
    let scale_error = err(RoleField::Scale);
    let chosen_scale = move || draft.with(|d| d.scale.as_ref().map(|s| s.scale_id));
    let points = move || {
        let id = chosen_scale();
        scales.with(|list| {
            list.iter()
                .find(|s| Some(s.id) == id)
                .map(scale_point_names)
                .unwrap_or_default()
        })
    };
    let salary_words = move || {
        let list = scales.get();
        draft.with(|d| {
            d.scale
                .as_ref()
                .and_then(|sp| scale_salary_words(sp, &list, today()))
        })
    };
    view! {
        <fieldset class="checks">
            <legend>"Work out the hourly cost from"</legend>
            {[(RateKind::Typed, ids.typed, "A rate I type"), (RateKind::Salary, ids.salary, "A salary"), (RateKind::LaWeeklyHour, ids.la, "An LA rate per weekly hour")]
                .into_iter().map(|(k, id, label)| view! {
                    <label class="check" for=id>
                        <input id=id type="radio" name=ids.radios prop:checked=kind(k)
                            on:change=move |_| draft.update(|d| d.kind = k) />
                        {label}
                    </label>
                }).collect_view()}
        </fieldset>
        <Show when=kind(RateKind::Typed)>
            <div class="fields">{input(ids.hourly, "Hourly rate (£)", RoleField::Hourly, |d| d.hourly.clone(), |d, v| d.hourly = v)}</div>
        </Show>
        <Show when=kind(RateKind::Salary)>
            <p class="hint">"Pay follows the contracted hours; the hourly rate divides the year's cost by the hours spent with pupils (not breaks, preparation or meetings)."</p>
            <div class="scale-choice">
                <label class="check" for=ids.use_scale>
                    <input id=ids.use_scale type="checkbox" prop:checked=on_scale
                        disabled=move || scales.with(Vec::is_empty) && !on_scale()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let first: Option<Uuid> = scales.with_untracked(|l| l.first().map(|s| s.id));
                            draft.update(|d| {
                                d.scale = if on { first.map(|scale_id| ScalePoint { scale_id, point: String::new() }) } else { None };
                            });
                        } />
                    "Take the full-time salary from a pay scale"
                </label>
                <Show when=move || scales.with(Vec::is_empty) && !on_scale()>
                    <p class="hint">"To take it from a pay scale, add the scale under Pay scales below first."</p>
                </Show>
            </div>
            <Show when=on_scale>
                <div class="fields">
                    <div class="field">
                        <label for=ids.scale>"Pay scale"</label>
                        <select id=ids.scale
                            prop:value=move || chosen_scale().map(|s| s.to_string()).unwrap_or_default()
                            on:change=move |ev| {
                                let v: Option<Uuid> = event_target_value(&ev).parse().ok();
                                draft.update(|d| if let Some(scale_id) = v { d.scale = Some(ScalePoint { scale_id, point: String::new() }) });
                            }>
                            {move || scales.get().into_iter().map(|s| view! { <option value=s.id.to_string()>{s.name}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field" class:has-error=move || scale_error.get().is_some()>
                        <label for=ids.point>"Point"</label>
                        <select id=ids.point aria-describedby=ids.point_error
                            aria-invalid=move || scale_error.get().is_some().then_some("true")
                            prop:value=move || draft.with(|d| d.scale.as_ref().map(|s| s.point.clone()).unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                draft.update(|d| if let Some(s) = d.scale.as_mut() { s.point = v });
                            }>
                            <option value="">"Choose…"</option>
                            {move || points().into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
                        </select>
                        <p class="field-error" id=ids.point_error role="alert">{move || scale_error.get()}</p>
                    </div>
                </div>
                <p class="note" id=format!("{}-salary", ids.scale) aria-live="polite">{salary_words}</p>
            </Show>
            <div class="fields">
                <Show when=move || !on_scale()>
                    {input(ids.fte, "Full-time salary (£ a year)", RoleField::FteSalary, |d| d.fte_salary.clone(), |d, v| d.fte_salary = v)}
                </Show>
                {input(ids.fte_hours, "Full-time hours a week", RoleField::FteHoursPerWeek, |d| d.fte_hours_per_week.clone(), |d, v| d.fte_hours_per_week = v)}
                {input(ids.hours, "Contracted hours a week", RoleField::ContractedHoursPerWeek, |d| d.contracted_hours_per_week.clone(), |d, v| d.contracted_hours_per_week = v)}
                {input(ids.contact, "Hours a week with pupils", RoleField::ContactHoursPerWeek, |d| d.contact_hours_per_week.clone(), |d, v| d.contact_hours_per_week = v)}
                {input(ids.paid_weeks, "Paid weeks a year", RoleField::PaidWeeks, |d| d.paid_weeks.clone(), |d, v| d.paid_weeks = v)}
                {input(ids.working_weeks, "Weeks a year with pupils", RoleField::WorkingWeeks, |d| d.working_weeks.clone(), |d, v| d.working_weeks = v)}
                {input(ids.ni, "Employer NI (%)", RoleField::NiRatePercent, |d| d.ni_rate_percent.clone(), |d, v| d.ni_rate_percent = v)}
                {input(ids.ni_threshold, "NI threshold (£ a year)", RoleField::NiThreshold, |d| d.ni_threshold.clone(), |d, v| d.ni_threshold = v)}
                {input(ids.pension, "Employer pension (%)", RoleField::PensionRatePercent, |d| d.pension_rate_percent.clone(), |d, v| d.pension_rate_percent = v)}
            </div>
        </Show>
        <Show when=kind(RateKind::LaWeeklyHour)>
            <div class="fields">
                {input(ids.la_amount, "LA rate per weekly hour (£ a year)", RoleField::LaPerWeeklyHour, |d| d.la_per_weekly_hour.clone(), |d, v| d.la_per_weekly_hour = v)}
                {input(ids.la_weeks, "Over this many weeks", RoleField::LaWeeks, |d| d.la_weeks.clone(), |d, v| d.la_weeks = v)}
            </div>
        </Show>
        <p class="preview" id=ids.preview aria-live="polite">{preview}</p>
        <p class="field-error" id=ids.rate_error role="alert">{move || err(RoleField::Rate).get()}</p>
    }
}
