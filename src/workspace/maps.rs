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
    /// The data-source line of the title block: the project file and how many layer files
    /// it names.
    fn source_line(&self) -> String {
        let name_of = |p: &std::path::Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let files: usize = self.project.layers.values().map(|l| l.paths.len()).sum();
        let folder = name_of(self.project.folder());
        let file = name_of(&self.project.file);
        match self.lang() {
            Lang::Zh => format!("{folder}/{file}（{files} 个图层文件）"),
            Lang::En => format!("{folder}/{file} ({files} layer files)"),
        }
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
            siting,
        }
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
        parks
            .par_iter()
            .map(|p| {
                let mut r = request.clone();
                r.park = Some(p.id.clone());
                let scene = build_scene(&ctx, &r)?;
                Ok(AtlasPage {
                    park_id: p.id.clone(),
                    svg: compose_svg(&scene, &r.page, self.lang()),
                })
            })
            .collect()
    }
}
