// Drives parkscope's web viewer in headless Chromium as a user would: opens the page,
// checks the map is drawn, searches a parcel id and reads its record, clicks a parcel and
// reads its idle class, switches the parcel theme and a layer, shows the FAR theme's hatch,
// and saves screenshots.
// Usage: node viewer.mjs INDEX.html SHOT.png PARCEL_ID   (prints one JSON line last)
import { chromium } from "playwright-core";

const [index, shot, parcelId] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
});
const report = { errors: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("pageerror", (e) => report.errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") report.errors.push(m.text()); });
  const url = index.startsWith("http") ? index : "file://" + index;
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector("body[data-ready]", { timeout: 60000 });
  report.firstIdleMs = Date.now() - t0;
  report.drawnMs = Number(await page.getAttribute("body", "data-drawn"));
  report.readyMs = Number(await page.getAttribute("body", "data-ready"));
  const idle = () => page.evaluate(() => new Promise((r) => {
    const m = window.parkscopeMap;
    if (m.loaded() && !m.isMoving()) r(); else m.once("idle", () => r());
  }));

  // The map is drawn: share of non-white pixels and distinct colours on the canvas.
  const pixels = () => page.evaluate(() => {
    const src = window.parkscopeMap.getCanvas();
    const c = document.createElement("canvas");
    c.width = src.width; c.height = src.height;
    const g = c.getContext("2d");
    g.drawImage(src, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let coloured = 0; const colours = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) {
      if (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245) coloured++;
      colours.add((d[i] >> 3) << 10 | (d[i + 1] >> 3) << 5 | (d[i + 2] >> 3));
    }
    return { coloured: coloured / (d.length / (4 * 7)), colours: colours.size };
  });
  Object.assign(report, await pixels());
  await page.screenshot({ path: shot });

  const recordField = (label) => page.evaluate((label) => {
    const rows = [...document.querySelectorAll("#record tr")];
    const row = rows.find((r) => r.querySelector("th").textContent === label);
    return row ? row.querySelector("td").textContent : null;
  }, label);
  const waitRecord = (layer, id) => page.waitForFunction(([layer, id]) => {
    const r = document.getElementById("record");
    return !r.hidden && r.getAttribute("data-loaded") && r.getAttribute("data-layer") === layer &&
      (id === null || r.getAttribute("data-id") === String(id));
  }, [layer, id], { timeout: 30000 });

  // Search a parcel id; Enter flies to it and opens its record.
  await page.fill("#search", parcelId);
  await page.press("#search", "Enter");
  await waitRecord("parcels", null);
  report.searched = { id: await recordField("宗地编号"), idle: await recordField("低效类别") };
  await idle();
  // Zoomed in on it, the searched parcel itself is drawn (not a cell standing in for it).
  report.searchedDrawn = await page.evaluate(() => {
    const m = window.parkscopeMap;
    const id = Number(document.getElementById("record").getAttribute("data-id"));
    const hits = m.queryRenderedFeatures({ layers: ["parcels-fill"] }).filter((f) => f.id === id);
    return { zoom: m.getZoom(), drawn: hits.length };
  });

  // Click a parcel: the first point of a grid whose topmost clickable feature is a parcel,
  // another than the one searched where there is one (sparse real data may show only it).
  const target = await page.evaluate((searched) => {
    const m = window.parkscopeMap, P = window.PARKSCOPE;
    const layers = P.clickable.filter((id) => m.getLayer(id));
    const c = m.getCanvas();
    const w = c.clientWidth, h = c.clientHeight, r = c.getBoundingClientRect();
    let same = null;
    for (const [lo, hi] of [[0.3, 0.7], [0.05, 0.95]]) {
      for (let y = h * lo; y < h * hi; y += 9) {
        for (let x = w * lo; x < w * hi; x += 9) {
          const f = m.queryRenderedFeatures([x, y], { layers })[0];
          if (f && f.sourceLayer === "parcels") {
            const hit = { x: r.left + x, y: r.top + y, id: f.id };
            if (String(f.id) !== searched) return hit;
            same = same || hit;
          }
        }
      }
    }
    return same;
  }, await page.getAttribute("#record", "data-id"));
  if (!target) throw new Error("no parcel to click on the map");
  await page.click("#record .close");
  await page.mouse.click(target.x, target.y);
  await waitRecord("parcels", target.id);
  report.clicked = { id: await recordField("宗地编号"), idle: await recordField("低效类别") };
  await page.screenshot({ path: shot.replace(/\.png$/, "-record.png") });

  // Switch the parcels to idle classes and the park boundaries off (a project without
  // parks: the first layer that is on).
  await page.click("#record .close");
  await page.check('input[data-theme="idle"]');
  const overlay = await page.evaluate(() => {
    const on = window.PARKSCOPE.overlays.filter((o) => document.querySelector(`input[data-overlay="${o.id}"]`)?.checked);
    const o = on.find((o) => o.id === "parks") || on[0];
    return o ? { id: o.id, layer: o.layerIds[0] } : null;
  });
  if (overlay) await page.uncheck(`input[data-overlay="${overlay.id}"]`);
  await idle();
  report.switched = await page.evaluate((overlay) => ({
    legend: document.querySelector("#legend h3").textContent,
    overlay: overlay && overlay.id,
    visible: overlay && window.parkscopeMap.getLayoutProperty(overlay.layer, "visibility"),
    parksVisible: window.parkscopeMap.getLayer("parks-line") ? window.parkscopeMap.getLayoutProperty("parks-line", "visibility") : null,
  }), overlay);
  report.afterSwitch = await pixels();
  await page.screenshot({ path: shot.replace(/\.png$/, "-idle.png") });

  // The FAR theme over the whole project: the hatch of parcels below their minimum is on,
  // drawn, and in the legend.
  await page.check('input[data-theme="far"]');
  await page.evaluate(() => {
    const b = window.PARKSCOPE.bounds;
    window.parkscopeMap.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 20, duration: 0 });
  });
  await idle();
  report.far = await page.evaluate(() => {
    const m = window.parkscopeMap;
    const swatches = [...document.querySelectorAll("#legend .swatch")];
    return {
      legend: document.querySelector("#legend h3").textContent,
      hatchVisible: m.getLayoutProperty("parcels-hatch", "visibility"),
      hatchImage: m.hasImage("hatch:#b2182b"),
      hatched: m.queryRenderedFeatures({ layers: ["parcels-hatch"] }).length,
      legendHatch: swatches.some((s) => s.style.backgroundImage.includes("repeating")),
    };
  });
  await page.screenshot({ path: shot.replace(/\.png$/, "-far.png") });
} catch (e) {
  report.failure = String(e && e.stack || e);
}
await browser.close();
console.log(JSON.stringify(report));
process.exit(report.failure ? 1 : 0);
