//! Stored records set aside as the app opened: each named with its
//! problems, to download, correct by hand or delete. The rest of the data
//! opened as usual (`exchange::set_aside`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::exchange::set_aside::{export, restore, SetAside};
use crate::ui::state::{AppCtx, AppStateStoreFields};
use crate::ui::widgets::{download, today};

#[component]
pub fn SetAsidePanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let count = move || ctx.set_aside.with(Vec::len);
    let message = RwSignal::new(None::<String>);
    let save_file = move |_| {
        let text = ctx.set_aside.with_untracked(|r| export(r));
        let name = format!("waymark-set-aside-{}.json", today());
        if let Err(e) = download(&name, &text, "application/json") {
            message.set(Some(format!("The file could not be made: {e}")));
        }
    };
    view! {
        <Show when=move || { count() > 0 }>
            <section class="panel" aria-labelledby="set-aside-heading" id="set-aside">
                <h2 id="set-aside-heading">{move || format!("Records set aside ({})", count())}</h2>
                <p>"These stored records could not be used: each does not read, or breaks a rule the app keeps. They are still stored, left out of every figure, until you correct or delete them. Download them first to keep a copy."</p>
                <button type="button" class="secondary" on:click=save_file>"Download the records set aside"</button>
                <p class="message" role="status">{move || message.get()}</p>
                <ul class="set-aside">
                    {move || ctx.set_aside.get().into_iter().enumerate().map(|(i, r)| view! { <SetAsideItem i=i record=r message=message /> }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn SetAsideItem(i: usize, record: SetAside, message: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = AppCtx::get();
    let text = RwSignal::new(serde_json::to_string_pretty(&record.record).unwrap_or_default());
    let problems = RwSignal::new(record.problems.clone());
    let editing = RwSignal::new(false);
    let kind = record.kind;
    let key = record.id.clone();
    let describe = record.describe.clone();
    let area_id = format!("set-aside-text-{i}");
    let remove = move || {
        let key = key.clone();
        move || {
            let key = key.clone();
            ctx.set_aside
                .update(|list| list.retain(|r| !(r.kind == kind && r.id == key)));
        }
    };
    let gone = remove();
    let on_delete = {
        let key = record.id.clone();
        let describe = describe.clone();
        move |_| {
            let (Some(key), Some(db)) = (key.clone(), ctx.db.get_value()) else {
                message.set(Some("This record has no id to delete it by.".into()));
                return;
            };
            let gone = gone.clone();
            let describe = describe.clone();
            spawn_local(async move {
                match db.delete_raw(kind, &key).await {
                    Ok(()) => {
                        gone();
                        message.set(Some(format!("{describe}: deleted.")));
                    }
                    Err(e) => message.set(Some(format!("{describe} could not be deleted: {e}"))),
                }
            });
        }
    };
    // The version stored, as this tab read it when it set the record aside:
    // what saving the correction replaces (another tab's change since is a
    // conflict, as for any edit).
    let stored_at = record.stored_version();
    let gone = remove();
    let on_save = {
        let key = record.id.clone();
        let describe = describe.clone();
        move |_| match ctx
            .state
            .data()
            .with_untracked(|d| restore(d, kind, &text.get_untracked(), &describe))
        {
            Err(p) => problems.set(p),
            Ok(edit) => {
                let new_id = edit.saved_id().map(|id| id.to_string());
                let key = key.clone();
                let gone = gone.clone();
                let describe = describe.clone();
                if let Some((id, at)) = stored_at {
                    ctx.own_writes.update_value(|own| {
                        own.insert((kind, id), Some(at));
                    });
                }
                spawn_local(async move {
                    if let Err(e) = ctx.commit(edit).await {
                        message.set(Some(format!("{describe} could not be saved: {e}")));
                        return;
                    }
                    // Saved under another id: the old stored copy goes.
                    if let (Some(old), Some(db)) = (key, ctx.db.get_value()) {
                        if new_id.as_deref() != Some(old.as_str()) {
                            let _ = db.delete_raw(kind, &old).await;
                        }
                    }
                    gone();
                    message.set(Some(format!("{describe}: corrected and back in use.")));
                });
            }
        }
    };
    view! {
        <li class="set-aside-item">
            <h3>{describe.clone()}</h3>
            <ul class="problems">{move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            <div class="actions-row">
                <button type="button" class="secondary" on:click=move |_| editing.update(|e| *e = !*e)>
                    {move || if editing.get() { "Close" } else { "Correct it" }}
                </button>
                <button type="button" class="secondary" on:click=on_delete>"Delete it"</button>
            </div>
            <Show when=move || editing.get()>
                <div class="field">
                    <label for=area_id.clone()>"The record as stored (JSON): correct it, then save"</label>
                    <textarea id=area_id.clone() rows="12" spellcheck="false" prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="button" class="primary" on:click=on_save.clone()>"Save it back"</button>
            </Show>
        </li>
    }
}
