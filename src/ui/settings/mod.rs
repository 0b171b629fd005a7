//! Settings: the school and its calendar, staff roles and rates, ratio-gain
//! bands, funding figures, rollover, storage status and backups.

pub mod budget_year;
pub mod members;
pub mod pay_scales;
pub mod pupils_csv;
pub mod rate_cards;
pub mod rate_changes;
pub mod rate_fields;
pub mod roles;
pub mod rollover;
pub mod scale_versions;
pub mod school;
pub mod set_aside;
pub mod share;

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::{AppCtx, AppStateStoreFields};
use crate::exchange::Document;
use crate::store::storage;

/// "1.2 MB", for storage figures.
fn bytes(n: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut v = n;
    let mut i = 0;
    while v >= 1000.0 && i < UNITS.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    if i == 0 {
        format!("{v:.0} {}", UNITS[0])
    } else {
        format!("{v:.1} {}", UNITS[i])
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <h1>"Settings"</h1>
        <set_aside::SetAsidePanel />
        <school::SchoolPanel />
        <school::DayPanel />
        <roles::RolesPanel />
        <pay_scales::PayScalesPanel />
        <members::MembersPanel />
        <rate_cards::RateCardsPanel />
        <school::BandsPanel />
        <school::FiguresPanel />
        <budget_year::BudgetYearPanel />
        <rollover::RolloverPanel />
        <StoragePanel />
        <BackupPanel />
        <share::SharePanel />
        <pupils_csv::PupilsCsvPanel />
    }
}

/// Whether the browser keeps the data, and how much room it uses.
#[component]
fn StoragePanel() -> impl IntoView {
    let persisted = LocalResource::new(storage::persisted);
    let estimate = LocalResource::new(storage::estimate);
    view! {
        <section class="panel" aria-labelledby="storage-heading">
            <h2 id="storage-heading">"Storage on this device"</h2>
            <p>"Your data is kept in this browser on this device and is sent nowhere."</p>
            <dl class="facts">
                <dt>"Protected from automatic clearing"</dt>
                <dd id="storage-persisted">{move || match persisted.get() {
                    None => "Checking…".to_owned(),
                    Some(Some(true)) => "Yes: the browser will not clear it to free space.".to_owned(),
                    Some(Some(false)) => "Not granted: the browser may clear it if the device runs short of space. Export backups regularly.".to_owned(),
                    Some(None) => "This browser does not say.".to_owned(),
                }}</dd>
                <dt>"Space used"</dt>
                <dd id="storage-usage">{move || match estimate.get() {
                    None => "Checking…".to_owned(),
                    Some(Some((used, quota))) => format!("{} of about {} available", bytes(used), bytes(quota)),
                    Some(None) => "This browser does not say.".to_owned(),
                }}</dd>
            </dl>
            <crate::ui::browser::InstallAdvice id="install-advice" />
        </section>
    }
}

/// Export a backup of everything, and how often to be reminded.
#[component]
fn BackupPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let message = RwSignal::new(None::<String>);
    let last = move || {
        ctx.meta.with(|m| {
            m.as_ref()
                .and_then(|m| m.last_export_at)
                .map_or("Never".to_owned(), |t| {
                    t.to_zoned(jiff::tz::TimeZone::UTC)
                        .strftime("%d/%m/%Y at %H:%M UTC")
                        .to_string()
                })
        })
    };
    let export = move |_| {
        let doc = ctx
            .state
            .data()
            .with_untracked(|d| Document::new(d.clone(), Timestamp::now()));
        match crate::ui::widgets::download(&doc.file_name(), &doc.to_json(), "application/json") {
            Ok(()) => {
                let mut meta = ctx.meta.get_untracked().unwrap_or_default();
                meta.last_export_at = Some(doc.exported_at);
                spawn_local(async move {
                    let text = match ctx.save_meta(meta).await {
                        Ok(()) => "Backup exported. Keep the file somewhere safe: it holds pupils' SEN data.".to_owned(),
                        Err(e) => format!("The backup was exported, but its date could not be recorded: {e}"),
                    };
                    message.set(Some(text));
                });
            }
            Err(e) => message.set(Some(format!("The backup could not be exported: {e}"))),
        }
    };
    let days = RwSignal::new(String::new());
    Effect::new(move || {
        if let Some(m) = ctx.meta.get() {
            days.set(m.reminder_days(crate::ui::browser::current()).to_string());
        }
    });
    let days_error = RwSignal::new(None::<String>);
    let save_days = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match days.get_untracked().trim().parse::<u32>() {
            Ok(n) if n <= 365 => {
                days_error.set(None);
                let mut meta = ctx.meta.get_untracked().unwrap_or_default();
                meta.backup_reminder_days = n;
                meta.backup_reminder_days_chosen = true;
                spawn_local(async move {
                    let _ = ctx.save_meta(meta).await;
                });
            }
            _ => days_error.set(Some("Enter a whole number of days from 0 to 365.".into())),
        }
    };
    view! {
        <section class="panel" aria-labelledby="backup-heading">
            <h2 id="backup-heading">"Backups"</h2>
            <p>"The file holds everything: pupils' names and SEN details. Store it as carefully as any other record about children."</p>
            <p>"Last backup: " <span id="last-export">{last}</span></p>
            <button type="button" class="primary" on:click=export>"Export a backup"</button>
            <p class="message" role="status">{move || message.get()}</p>
            <form class="inline-form" on:submit=save_days novalidate>
                <div class="field" class:has-error=move || days_error.get().is_some()>
                    <label for="reminder-days">"Remind me to export after this many days (0 for never)"</label>
                    <input id="reminder-days" type="number" inputmode="numeric" min="0" max="365" bind:value=days
                        aria-invalid=move || days_error.get().is_some().then_some("true")
                        aria-describedby="reminder-days-error" />
                    <p class="field-error" id="reminder-days-error" role="alert">{move || days_error.get()}</p>
                </div>
                <button type="submit" class="secondary">"Save reminder"</button>
            </form>
        </section>
    }
}
