//! The page that explains, in plain language, how a network protects the
//! figures it publishes about people: for works councils, employees and
//! anyone who wonders why a total does not add up.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::{Noise, Protection};
use crate::{
    error::AppResult,
    networks::{load_network, queries::NetworkRow},
    state::AppState,
    web::{Ctx, urls},
};

#[derive(Template, WebTemplate)]
#[template(path = "disclosure/explained.html")]
pub struct ExplainedPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub k: u32,
    pub noise: u8,
    /// Mean deviation of a published count, in hundredths of a person.
    pub mean_deviation: u32,
}

pub async fn explained(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<ExplainedPage> {
    let network = load_network(&state.db, &slug).await?;
    let p = Protection::regional(network.min_group_size, network.noise_range);
    let noise: Noise = p.noise;
    Ok(ExplainedPage {
        c,
        k: p.k(),
        noise: noise.range(),
        mean_deviation: (noise.mean_absolute_deviation() * 100.0).round() as u32,
        network,
    })
}

impl ExplainedPage {
    fn mean_deviation_text(&self) -> String {
        let v = f64::from(self.mean_deviation) / 100.0;
        match self.c.lang {
            crate::web::i18n::Lang::En => format!("{v:.2}"),
            _ => format!("{v:.2}").replace('.', ","),
        }
    }
    fn demand_url(&self) -> String {
        urls::regional_demand(&self.network.slug)
    }
}

pub fn router() -> axum::Router<AppState> {
    axum::Router::new().route("/n/{slug}/zahlen-schutz", axum::routing::get(explained))
}
