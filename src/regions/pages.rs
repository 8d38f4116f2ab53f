//! The data-sources page: what reference data the platform carries, with
//! its sources and licences.

use askama::Template;
use askama_web::WebTemplate;

use super::reference;
use crate::web::{Ctx, urls};

#[derive(Template, WebTemplate)]
#[template(path = "regions/data_sources.html")]
pub(super) struct DataSourcesPage {
    c: Ctx,
    district_count: usize,
    postal_count: usize,
    sector_count: usize,
}

pub(super) async fn data_sources(c: Ctx) -> DataSourcesPage {
    let r = reference();
    DataSourcesPage {
        c,
        district_count: r.districts.len(),
        postal_count: r.postal_code_count(),
        sector_count: r.sectors.len(),
    }
}
