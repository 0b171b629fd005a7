//! Every form that takes a command's problems shows the ones no input
//! shows: each `FormProblems` a view makes is rendered in a summary. And
//! views read through `AppCtx::read` and write only what commands return.
use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_form_with_problems_has_a_summary() {
    let mut files = Vec::new();
    rust_files(Path::new("src/ui"), &mut files);
    let mut forms = 0;
    for file in files {
        if file.ends_with("widgets/problems.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        let made = text.matches("FormProblems::").count();
        let shown = text.matches("problem_summary(problems)").count();
        assert!(
            shown >= made,
            "{}: {made} forms take problems but {shown} show a summary",
            file.display()
        );
        // A view reads the data through `AppCtx::read`, which depends on the
        // kinds of record it read; a tracked read of the whole dataset would
        // bypass that, and a change written here would bypass the commands.
        let squashed: String = text.split_whitespace().collect();
        assert!(
            !squashed.contains(".data().with(")
                && !squashed.contains(".data().get()")
                && !squashed.contains(".data().track()"),
            "{}: read the data with ctx.read",
            file.display()
        );
        assert!(
            !text.contains("Change::Put") && !text.contains("Change::Delete"),
            "{}: a view saves what a domain command returns",
            file.display()
        );
        // Problems held any other way would escape the summary.
        assert!(
            !text.contains("RwSignal::new(Problems::default())"),
            "{}: keep a form's problems in FormProblems",
            file.display()
        );
        forms += made;
    }
    // The register, details, plan, intervention, provision, role, member,
    // three settings panels and the what-if.
    assert!(forms >= 11, "found {forms} forms");
}
