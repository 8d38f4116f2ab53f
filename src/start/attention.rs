//! What needs a person's attention, role by role. Only the person's own
//! situation and counts of work waiting for them (steps, applications,
//! notices); no figure about other people.

use crate::{
    auth::domain::{CurrentUser, NetworkRole, OrgRole},
    competences::me::my_orgs,
    error::AppResult,
    ideas::queries as ideas,
    ids::NetworkId,
    networks::queries::{self as nq, NetworkRow},
    state::AppState,
    web::urls,
};

/// One thing to do, with where to do it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// Competences still to assess in the current round at `org`.
    SelfAssessment {
        org: String,
        open: usize,
        href: String,
    },
    /// Applications to join the network waiting for a decision.
    Applications {
        network: String,
        open: usize,
        href: String,
    },
    /// Unread notices (answers, comments, ideas to moderate).
    Notifications { unread: i64, href: String },
}

/// A network the person belongs to, with its main pages.
#[derive(Debug, Clone)]
pub struct NetworkLinks {
    pub name: String,
    pub home: String,
    pub catalog: String,
    pub ideas: String,
    pub coordination: Option<String>,
}

/// What an organisation the person runs offers them to do.
#[derive(Debug, Clone)]
pub struct OrgLinks {
    pub name: String,
    pub needs: String,
    pub offerings: Option<String>,
}

pub struct Start {
    pub tasks: Vec<Task>,
    pub orgs: Vec<OrgLinks>,
    pub networks: Vec<NetworkLinks>,
    /// For someone in no network yet: every network, to find theirs and
    /// join it with their organisation.
    pub to_discover: Vec<NetworkLinks>,
}

/// Everything the start page shows `user`, read in one pass over their roles.
#[tracing::instrument(skip_all, fields(user = %user.id))]
pub async fn for_person(state: &AppState, user: &CurrentUser) -> AppResult<Start> {
    let db = &state.db;
    let mut tasks = Vec::new();
    let (mine, _) = my_orgs(db, user.id).await?;
    for o in &mine {
        let open = o.to_assess();
        if open > 0 {
            tasks.push(Task::SelfAssessment {
                org: o.org.name.clone(),
                open,
                href: urls::self_assessment(&o.org.org_id),
            });
        }
    }

    let mut network_ids: Vec<NetworkId> = Vec::new();
    let mut orgs = Vec::new();
    for o in nq::orgs_of_user(db, user.id).await? {
        network_ids.extend(nq::approved_networks_of_org(db, o.org_id).await?);
        if o.role != OrgRole::Admin {
            continue;
        }
        let publishes = nq::org_by_id(db, o.org_id)
            .await?
            .is_some_and(|org| org.kind.publishes_offerings());
        orgs.push(OrgLinks {
            name: o.name.clone(),
            needs: urls::company_needs(&o.org_id),
            offerings: publishes.then(|| urls::provider_offerings(&o.org_id)),
        });
    }
    let coordinated: Vec<NetworkId> = user
        .network_roles
        .iter()
        .filter(|(_, r)| *r == NetworkRole::Coordinator)
        .map(|(n, _)| *n)
        .collect();
    network_ids.extend(user.network_roles.iter().map(|(n, _)| *n));
    network_ids.sort();
    network_ids.dedup();

    let mut networks = Vec::new();
    for id in network_ids {
        let Some(n) = nq::network_by_id(db, id).await? else {
            continue;
        };
        let coordinates = user.is_admin || coordinated.contains(&id);
        if coordinates {
            let open = nq::pending_applications(db, id).await?.len();
            if open > 0 {
                tasks.push(Task::Applications {
                    network: n.name.clone(),
                    open,
                    href: urls::coordination(&n.slug),
                });
            }
        }
        networks.push(links(&n, coordinates));
    }

    let unread = ideas::unread(db, user.id).await?;
    if unread > 0 {
        tasks.push(Task::Notifications {
            unread,
            href: urls::notifications(),
        });
    }
    let to_discover = if networks.is_empty() {
        nq::networks(db)
            .await?
            .iter()
            .map(|n| links(n, false))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Start {
        tasks,
        orgs,
        networks,
        to_discover,
    })
}

fn links(n: &NetworkRow, coordinates: bool) -> NetworkLinks {
    NetworkLinks {
        name: n.name.clone(),
        home: urls::network(&n.slug),
        catalog: urls::catalog(&n.slug),
        ideas: urls::ideas_map(&n.slug),
        coordination: coordinates.then(|| urls::coordination(&n.slug)),
    }
}
