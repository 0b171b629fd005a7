//! Small components shared by every view.

use leptos::prelude::*;
use leptos::task::spawn_local;

pub mod problems;

pub use super::browser::download;
pub use problems::{problem_summary, FormProblems};

use super::state::{AppCtx, SaveState};

/// Today's date for the views (UTC: the school day, give or take an hour of
/// British Summer Time around midnight).
pub fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// "Saving…", "All changes saved" or the failure, announced politely to screen readers.
#[component]
pub fn SaveStatus() -> impl IntoView {
    let ctx = AppCtx::get();
    view! {
        <p class="save-status" role="status" aria-live="polite" data-state=move || match ctx.save.get() {
            SaveState::Idle => "idle",
            SaveState::Saving => "saving",
            SaveState::Saved => "saved",
            SaveState::Failed(_) => "failed",
        }>
            {move || match ctx.save.get() {
                SaveState::Idle => String::new(),
                SaveState::Saving => "Saving…".to_owned(),
                SaveState::Saved => "All changes saved".to_owned(),
                SaveState::Failed(m) => m,
            }}
        </p>
    }
}

/// Undo and redo buttons, named after the edit they reverse.
#[component]
pub fn UndoRedo() -> impl IntoView {
    let ctx = AppCtx::get();
    let undo_label = move || ctx.history.with(|h| h.next_undo().map(|e| e.label.clone()));
    let redo_label = move || ctx.history.with(|h| h.next_redo().map(|e| e.label.clone()));
    let busy = move || ctx.save.get() == SaveState::Saving;
    view! {
        <div class="undo-redo" role="group" aria-label="Undo and redo">
            <button type="button" class="secondary"
                disabled=move || undo_label().is_none() || busy()
                title=move || undo_label().map(|l| format!("Undo: {l}"))
                aria-label=move || undo_label().map_or("Undo".to_owned(), |l| format!("Undo: {l}"))
                on:click=move |_| spawn_local(async move { let _ = ctx.undo().await; })>
                "Undo"
            </button>
            <button type="button" class="secondary"
                disabled=move || redo_label().is_none() || busy()
                title=move || redo_label().map(|l| format!("Redo: {l}"))
                aria-label=move || redo_label().map_or("Redo".to_owned(), |l| format!("Redo: {l}"))
                on:click=move |_| spawn_local(async move { let _ = ctx.redo().await; })>
                "Redo"
            </button>
        </div>
    }
}

/// Notices that span views: a newer version opened elsewhere; a backup is due.
#[component]
pub fn Notices() -> impl IntoView {
    let ctx = AppCtx::get();
    view! {
        <Show when=move || ctx.outdated.get()>
            <div class="notice banner" role="alert">
                <p>"Waymark was updated in another tab. Reload this page to carry on; changes can't be saved here until you do."</p>
                <button type="button" class="primary" on:click=|_| { let _ = window().location().reload(); }>"Reload"</button>
            </div>
        </Show>
        {move || ctx.backup_reminder().map(|text| view! {
            <div class="notice banner slim" role="status" id="backup-reminder">
                <p>{text}</p>
                <super::browser::InstallAdvice id="reminder-install-advice" />
                <a href="#/settings">"Export a backup"</a>
            </div>
        })}
    }
}

/// What an input takes: its `type` and the keyboard a tablet shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Words.
    Text,
    /// A date, with the browser's date picker.
    Date,
    /// An amount or a figure with decimals (pounds, hours, weeks).
    Decimal,
    /// A whole number (sessions, minutes, a group size).
    Whole,
    /// A time of day, with the browser's time picker (24-hour in en-GB).
    Time,
}

impl InputKind {
    pub fn input_type(self) -> &'static str {
        match self {
            InputKind::Text | InputKind::Decimal => "text",
            InputKind::Date => "date",
            InputKind::Whole => "number",
            InputKind::Time => "time",
        }
    }

    pub fn mode(self) -> &'static str {
        match self {
            InputKind::Text | InputKind::Date | InputKind::Time => "text",
            InputKind::Decimal => "decimal",
            InputKind::Whole => "numeric",
        }
    }
}

/// A labelled input bound to one field of a draft, with the field's error
/// message linked for screen readers. A time input shows the draft as the
/// form opens and is then left to the typing: a time half typed (the hour
/// only) reads as blank, and writing that back would clear the input.
pub fn draft_input<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    error: Signal<Option<String>>,
    id: &'static str,
    label: &'static str,
    kind: InputKind,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
) -> impl IntoView {
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{label}</label>
            <input id=id type=kind.input_type() inputmode=kind.mode() autocomplete="off"
                prop:value=move || if kind == InputKind::Time { draft.with_untracked(get) } else { draft.with(get) }
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| set(d, v)) }
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=format!("{id}-error") />
            <p class="field-error" id=format!("{id}-error") role="alert">{move || error.get()}</p>
        </div>
    }
}

/// A labelled select over a closed list, bound by code: an option's value
/// is its choice's code, never its position.
pub fn choice_select<T: crate::domain::choice::Choice>(
    id: &'static str,
    label: &'static str,
    value: impl Fn() -> T + Send + Sync + 'static,
    set: impl Fn(T) + Send + Sync + 'static,
) -> AnyView {
    let options = T::CHOICES.iter().map(|c| (c.code(), c.text())).collect();
    code_select(
        id,
        label,
        options,
        Signal::derive(move || value().code()),
        Callback::new(move |code: String| {
            if let Some(c) = T::from_code(&code) {
                set(c)
            }
        }),
    )
}

/// [`choice_select`]'s markup, one copy whatever the list.
fn code_select(
    id: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    value: Signal<&'static str>,
    set: Callback<String>,
) -> AnyView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id prop:value=move || value.get()
                on:change=move |ev| set.run(event_target_value(&ev))>
                {options.into_iter().map(|(code, text)| view! { <option value=code>{text}</option> }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// The school's staff roles as a select offers them: id and name.
pub fn role_choices(ctx: AppCtx) -> Memo<Vec<(uuid::Uuid, String)>> {
    Memo::new(move |_| {
        ctx.read(|d| {
            d.roles
                .iter()
                .map(|r| (r.id, r.name.clone()))
                .collect::<Vec<_>>()
        })
    })
}

/// The academic year every view shows ([`AppCtx::year_in_view`]): one
/// choice, shared by every view, that stays as the user moves between them.
#[component]
pub fn YearSelect(id: &'static str) -> impl IntoView {
    let ctx = AppCtx::get();
    let years = Memo::new(move |_| {
        ctx.read(|d| {
            d.settings
                .years
                .iter()
                .map(|y| (y.start_year, y.label()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="field">
            <label for=id>"Academic year"</label>
            <select id=id on:change=move |ev| ctx.year.set(event_target_value(&ev).parse().ok())
                prop:value=move || ctx.year_in_view().map(|y| y.to_string()).unwrap_or_default()>
                {move || years.get().into_iter().map(|(y, l)| view! { <option value=y.to_string()>{l}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// Save what a delete command made, or show in `message` why it refused
/// (something still uses the record).
pub fn guarded_delete<F: crate::domain::FieldName>(
    message: RwSignal<Option<String>>,
    command: Result<crate::domain::edit::Edit, crate::domain::Problems<F>>,
) {
    match command {
        Err(p) => {
            let why: Vec<&str> = p.0.iter().map(|e| e.message.as_str()).collect();
            message.set(Some(why.join(" ")));
        }
        Ok(edit) => {
            message.set(None);
            let ctx = AppCtx::get();
            leptos::task::spawn_local(async move {
                let _ = ctx.commit(edit).await;
            });
        }
    }
}

/// A labelled text area bound to one field of a draft, like [`draft_input`].
pub fn draft_textarea<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    error: Signal<Option<String>>,
    id: &'static str,
    label: &'static str,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
) -> impl IntoView {
    view! {
        <div class="field wide" class:has-error=move || error.get().is_some()>
            <label for=id>{label}</label>
            <textarea id=id rows="3"
                prop:value=move || draft.with(get)
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| set(d, v)) }
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=format!("{id}-error")></textarea>
            <p class="field-error" id=format!("{id}-error") role="alert">{move || error.get()}</p>
        </div>
    }
}

/// `31/01/2026`.
pub fn gb(d: jiff::civil::Date) -> String {
    d.strftime("%d/%m/%Y").to_string()
}

/// A heading line that only prints: what the page is, for whom, and when.
#[component]
pub fn PrintedBy() -> impl IntoView {
    let ctx = AppCtx::get();
    let school = move || ctx.read(|d| d.settings.school_name.clone());
    view! {
        <p class="print-only printed-by">{move || format!("{}: printed from Waymark on {}", school(), gb(today()))}</p>
    }
}

/// Print the page (the print styles leave out controls and forms).
#[component]
pub fn PrintButton(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <button type="button" class="secondary" on:click=move |_| { let _ = window().print(); }>{label}</button>
    }
}
