//! Provisions: the list by term, the form to add or edit one, and a
//! provision's page with its cost breakdown and enrolled pupils.

mod delete;
mod enrolments;
mod form;
mod list;
mod page;
mod scores;
mod slots;

pub use list::ProvisionsPage;
pub use page::ProvisionPage;

use crate::domain::costing::{cost_provision, CostIssue, ProvisionCost};
use crate::domain::dataset::Dataset;
use crate::domain::provision::{Enrolment, Provision};

/// The cost of `p` over its own dates, with its enrolments, or why it
/// cannot be costed.
fn whole_cost(d: &Dataset, p: &Provision) -> Result<ProvisionCost, CostIssue> {
    let es: Vec<&Enrolment> = d
        .enrolments
        .iter()
        .filter(|e| e.provision_id == p.id)
        .collect();
    cost_provision(p, d, &es, &p.range())
}

fn staff_text(d: &Dataset, p: &Provision) -> String {
    p.staff
        .iter()
        .map(|l| {
            let role = d
                .role(l.role_id)
                .map_or("(missing role)".to_owned(), |r| r.name.clone());
            format!("{role} × {}", l.count)
        })
        .collect::<Vec<_>>()
        .join(", ")
}
