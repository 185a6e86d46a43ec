//! Map exhibits of a workspace: the context every map draws from, one map as an SVG page,
//! and an atlas of one page per park.

use rayon::prelude::*;

use super::Workspace;
use crate::analyse::site::SitingResult;
use crate::analyse::Analysis;
use crate::error::{Error, Result};
use crate::project::Lang;
use crate::render::{build_scene, compose_svg, MapContext, MapRequest};

/// One page of an atlas: the park it shows and its SVG.
#[derive(Debug, Clone)]
pub struct AtlasPage {
    /// The park's id.
    pub park_id: String,
    /// The page as SVG.
    pub svg: String,
}

impl Workspace {
    /// The data-source line of the title block: `[map] source` when given, else the layers
    /// the project names, in the project's language.
    fn source_line(&self) -> String {
        if let Some(s) = &self.project.map.source {
            return s.clone();
        }
        let lang = self.lang();
        let names: Vec<&str> = self
            .project
            .layers
            .keys()
            .map(|k| crate::words::layer_name(*k, lang))
            .collect();
        match lang {
            Lang::Zh => format!("项目数据：{}图层", names.join("、")),
            Lang::En => format!("project data: {} layers", names.join(", ")),
        }
    }

    /// The drawing date (制图日期): `[map] date`, else the day given by the
    /// `SOURCE_DATE_EPOCH` environment variable (reproducible builds), else today.
    fn drawing_date(&self) -> chrono::NaiveDate {
        if let Some(d) = self.project.map.date {
            return d;
        }
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
            .map(|t| t.date_naive())
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Everything a map draws from: the model, its index, the analyses and, for the siting
    /// map, the siting result.
    pub fn map_context<'a>(
        &'a self,
        analysis: &'a Analysis,
        siting: Option<&'a SitingResult>,
    ) -> MapContext<'a> {
        MapContext {
            model: &self.model,
            index: &self.index,
            analysis,
            project: self.project.name.clone(),
            lang: self.lang(),
            source: self.source_line(),
            credit: self.project.credit(),
            organisation: self.project.map.organisation.clone(),
            number_prefix: self.project.map.number_prefix.clone(),
            drawn_on: self.drawing_date(),
            siting,
            wind_rose: self.wind_rose(),
            unsupplied_age_years: self.policy.idle.unsupplied_age_years,
            parcel_labels: self.project.map.parcel_labels,
        }
    }

    /// The siting rules' wind rose, when they give one, captioned in the project's language.
    fn wind_rose(&self) -> Option<crate::render::WindRose> {
        let w = &self.policy.siting.wind;
        let frequencies: [f64; 16] = w.rose.as_deref()?.try_into().ok()?;
        let title = match self.lang() {
            crate::Lang::Zh => "风玫瑰图（风向频率）",
            crate::Lang::En => "Wind rose (frequency by direction)",
        };
        let caption = match &w.rose_source {
            Some(s) => format!("{title} · {s}"),
            None => title.to_owned(),
        };
        Some(crate::render::WindRose {
            frequencies,
            caption,
        })
    }

    /// Draws one map as an SVG page (save it as PNG, SVG or PDF with
    /// [`crate::render::save_map`]).
    ///
    /// # Errors
    /// An unknown park or indicator in the request ([`Error::Invalid`]); a siting map
    /// without the siting result; a project with nothing to draw.
    pub fn draw_map(
        &self,
        analysis: &Analysis,
        siting: Option<&SitingResult>,
        request: &MapRequest,
    ) -> Result<String> {
        let ctx = self.map_context(analysis, siting);
        let scene = build_scene(&ctx, request)?;
        Ok(compose_svg(&scene, &request.page, self.lang()))
    }

    /// Draws one page per park, in the order of the parks layer, each zoomed to its park.
    ///
    /// # Errors
    /// [`Error::Missing`] when the project has no parks; otherwise as [`Workspace::draw_map`].
    pub fn draw_atlas(
        &self,
        analysis: &Analysis,
        siting: Option<&SitingResult>,
        request: &MapRequest,
    ) -> Result<Vec<AtlasPage>> {
        let parks = &self.model.parks;
        if parks.is_empty() {
            return Err(Error::Missing(
                "an atlas draws one page per park, and the project has no parks layer".into(),
            ));
        }
        let ctx = self.map_context(analysis, siting);
        let mut scenes = parks
            .par_iter()
            .map(|p| {
                let mut r = request.clone();
                r.park = Some(p.id.clone());
                build_scene(&ctx, &r)
            })
            .collect::<Result<Vec<_>>>()?;
        // One class list on every page, so the pages read alike side by side.
        crate::render::unify_legends(&mut scenes, self.lang());
        Ok(parks
            .par_iter()
            .zip(&scenes)
            .map(|(p, scene)| AtlasPage {
                park_id: p.id.clone(),
                svg: compose_svg(scene, &request.page, self.lang()),
            })
            .collect())
    }
}
