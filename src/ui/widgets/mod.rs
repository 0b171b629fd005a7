//! Small components shared by every view.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::{AppCtx, SaveState};

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
            <div class="notice banner" role="status">
                <p>{text}</p>
                <a href="#/settings">"Export a backup"</a>
            </div>
        })}
    }
}
