//! Export: the whole school or a part, said in words before it is saved.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::calendar::TermName;
use crate::domain::passphrase::{self, PassphraseField};
use crate::exchange::encryption::{self};
use crate::exchange::scope::Scope;
use crate::exchange::Document;
use crate::ui::state::{AppCtx, AppStateStoreFields};
use crate::ui::widgets::{download, problem_summary, FormProblems};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Pupil,
    Provision,
    Term,
}

#[component]
pub(super) fn ExportForm() -> impl IntoView {
    let ctx = AppCtx::get();
    let part = RwSignal::new(Part::Whole);
    let pupil = RwSignal::new(None::<Uuid>);
    let provision = RwSignal::new(None::<Uuid>);
    let term = RwSignal::new(None::<(i16, TermName)>);
    let pseudonymise = RwSignal::new(false);
    let encrypt = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problems = FormProblems::<PassphraseField>::new();
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let scope = move || match part.get() {
        Part::Whole => Some(Scope::Whole),
        Part::Pupil => pupil.get().map(|id| Scope::Pupil { id }),
        Part::Provision => provision.get().map(|id| Scope::Provision { id }),
        Part::Term => term
            .get()
            .map(|(start_year, term)| Scope::Term { start_year, term }),
    };
    // The document is made when the file is exported; while the form is
    // open only what it will hold is kept (a whole school's copy was kept,
    // and compared with the last one, on every change).
    let document = move || {
        let s = scope()?;
        let p = pseudonymise.get_untracked();
        Some(
            ctx.state
                .data()
                .with_untracked(|d| Document::of(d, s, p, Timestamp::now())),
        )
    };
    let summary = Memo::new(move |_| {
        pseudonymise.track();
        ctx.track_all();
        document().map(|d| lower_first(&d.summary()))
    });
    let pupils = Memo::new(move |_| {
        ctx.read(|d| {
            let mut v: Vec<&crate::domain::Pupil> = d.pupils.iter().collect();
            crate::domain::sort::by(&mut v, |a, b| crate::domain::Pupil::register_order(a, b));
            v.into_iter()
                .map(|p| (p.id, p.full_name()))
                .collect::<Vec<_>>()
        })
    });
    let provisions = Memo::new(move |_| {
        ctx.read(|d| {
            let mut v: Vec<(Uuid, String)> = d
                .provisions
                .iter()
                .map(|p| (p.id, p.name.clone()))
                .collect();
            crate::domain::sort::by(&mut v, |a, b| a.1.cmp(&b.1));
            v
        })
    });
    let terms = Memo::new(move |_| ctx.read(|d| d.settings.terms()));
    let export = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(doc) = untrack(document) else {
            message.set(Some("Choose what to export first.".into()));
            return;
        };
        let whole = doc.scope == Scope::Whole && !doc.pseudonymised;
        problems.clear();
        if !encrypt.get_untracked() {
            // Say so first: a whole school's file takes a moment to write.
            busy.set(true);
            message.set(Some("Preparing the file…".into()));
            set_timeout(
                move || {
                    let result = download(&doc.file_name(), &doc.to_json(), "application/json");
                    busy.set(false);
                    after_export(
                        ctx,
                        result.map(|()| doc.file_name()),
                        whole,
                        doc.exported_at,
                        message,
                    );
                },
                std::time::Duration::from_millis(20),
            );
            return;
        }
        let pass = passphrase.get_untracked();
        if let Err(p) = passphrase::check_new(&pass, &again.get_untracked()) {
            problems.set(p);
            message.set(None);
            return;
        }
        busy.set(true);
        message.set(Some("Encrypting… this takes a few seconds.".into()));
        spawn_local(async move {
            let name = doc.file_name().replace(".json", "-encrypted.json");
            let result = match encryption::encrypt(&doc.to_json(), &pass).await {
                Ok(sealed) => download(&name, &sealed.to_json(), "application/json").map(|()| name),
                Err(e) => Err(e.to_string()),
            };
            // Used: not kept in the form, whether or not the file was made.
            passphrase.set(String::new());
            again.set(String::new());
            busy.set(false);
            after_export(ctx, result, whole, doc.exported_at, message);
        });
    };
    let select = move |id: &'static str,
                       label: &'static str,
                       options: Memo<Vec<(String, String)>>,
                       set: Callback<String>| {
        let for_id = id;
        view! {
            <div class="field">
                <label for=for_id>{label}</label>
                <select id=id on:change=move |ev| set.run(event_target_value(&ev))>
                    <option value="">"Choose…"</option>
                    {move || options.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let pupil_options = Memo::new(move |_| {
        pupils
            .get()
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect::<Vec<_>>()
    });
    let provision_options = Memo::new(move |_| {
        provisions
            .get()
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect::<Vec<_>>()
    });
    let term_options = Memo::new(move |_| {
        terms
            .get()
            .into_iter()
            .map(|(y, t)| {
                (
                    format!("{y}-{}", t as u8),
                    crate::domain::calendar::term_label(y, t),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <form class="export-form" on:submit=export novalidate aria-labelledby="export-heading">
            <h3 id="export-heading">"Export"</h3>
            {problem_summary(problems)}
            <div class="fields">
                <div class="field">
                    <label for="export-part">"What to export"</label>
                    <select id="export-part" on:change=move |ev| {
                        let p = match event_target_value(&ev).as_str() {
                            "pupil" => Part::Pupil,
                            "provision" => Part::Provision,
                            "term" => Part::Term,
                            _ => Part::Whole,
                        };
                        part.set(p);
                        // A part is for sharing: pseudonymised unless unticked.
                        pseudonymise.set(p != Part::Whole);
                    }>
                        <option value="whole">"The whole school (a backup)"</option>
                        <option value="pupil">"One pupil"</option>
                        <option value="provision">"One provision"</option>
                        <option value="term">"One term"</option>
                    </select>
                </div>
                <Show when=move || part.get() == Part::Pupil>
                    {select("export-pupil", "Pupil", pupil_options, Callback::new(move |v: String| pupil.set(v.parse().ok())))}
                </Show>
                <Show when=move || part.get() == Part::Provision>
                    {select("export-provision", "Provision", provision_options, Callback::new(move |v: String| provision.set(v.parse().ok())))}
                </Show>
                <Show when=move || part.get() == Part::Term>
                    {select("export-term", "Term", term_options, Callback::new(move |v: String| {
                        term.set(v.split_once('-').and_then(|(y, t)| Some((y.parse().ok()?, *TermName::ALL.get(t.parse::<usize>().ok()?)?))));
                    }))}
                </Show>
            </div>
            <div class="checks plain">
                <label class="check" for="export-pseudonymise">
                    <input id="export-pseudonymise" type="checkbox" prop:checked=move || pseudonymise.get()
                        on:change=move |ev| pseudonymise.set(event_target_checked(&ev)) />
                    "Pseudonymise pupils (initials and a reference; no names, UPNs, dates of birth or classes)"
                </label>
                <label class="check" for="export-encrypt">
                    <input id="export-encrypt" type="checkbox" prop:checked=move || encrypt.get()
                        on:change=move |ev| { problems.clear(); encrypt.set(event_target_checked(&ev)) } />
                    "Encrypt with a passphrase"
                </label>
            </div>
            <Show when=move || encrypt.get()>
                {passphrase_inputs(problems, passphrase, again)}
                <p class="hint">"Tell the person you share it with the passphrase another way (by phone, not in the same email). Without it the file cannot be opened, by them or by you."</p>
            </Show>
            <p class="file-summary" id="export-summary">{move || summary.with(|s| s.as_ref().map_or_else(
                || "Choose what to export.".to_owned(),
                |s| format!("The file will hold {s}")))}</p>
            <div class="actions-row">
                <button type="submit" class="primary" id="export-file" disabled=move || busy.get()>"Export the file"</button>
            </div>
            <p class="message" role="status" id="export-message">{move || message.get()}</p>
        </form>
    }
}

/// The passphrase and its repeat, each with its problem beside it.
fn passphrase_inputs(
    problems: FormProblems<PassphraseField>,
    passphrase: RwSignal<String>,
    again: RwSignal<String>,
) -> impl IntoView {
    let input = move |id: &'static str,
                      label: &'static str,
                      field: PassphraseField,
                      value: RwSignal<String>| {
        let error = problems.error(field);
        view! {
            <div class="field" class:has-error=move || error.get().is_some()>
                <label for=id>{label}</label>
                <input id=id type="password" autocomplete="new-password"
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=format!("{id}-error") />
                <p class="field-error" id=format!("{id}-error") role="alert">{move || error.get()}</p>
            </div>
        }
    };
    view! {
        <div class="fields">
            {input("export-passphrase", "Passphrase (10 characters or more)", PassphraseField::Passphrase, passphrase)}
            {input("export-passphrase-again", "The passphrase again", PassphraseField::Again, again)}
        </div>
        <p class="hint">"Use three or four unrelated words. Common passwords, sequences and repeated characters are refused."</p>
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// After a download: say what happened; a whole, named export counts as a backup.
fn after_export(
    ctx: AppCtx,
    result: Result<String, String>,
    backup: bool,
    at: Timestamp,
    message: RwSignal<Option<String>>,
) {
    match result {
        Err(e) => message.set(Some(format!("The file could not be saved: {e}"))),
        Ok(name) => {
            message.set(Some(format!(
                "Saved {name}. It holds children's SEN data: keep it safe."
            )));
            if backup {
                let mut meta = ctx.meta.get_untracked().unwrap_or_default();
                meta.last_export_at = Some(at);
                spawn_local(async move {
                    let _ = ctx.save_meta(meta).await;
                });
            }
        }
    }
}
