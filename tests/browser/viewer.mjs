// Drives parkscope's web viewer in headless Chromium as a user would: opens the page,
// checks the map is drawn, searches a parcel id and reads its record, clicks a parcel and
// reads its idle class, switches the parcel theme and a layer, and saves screenshots.
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
  report.searched = { id: await recordField("宗地编号"), idle: await recordField("低效类别（中文）") };
  await idle();

  // Click a parcel: the first point of a grid whose topmost clickable feature is a parcel.
  const target = await page.evaluate((searched) => {
    const m = window.parkscopeMap, P = window.PARKSCOPE;
    const layers = P.clickable.filter((id) => m.getLayer(id));
    const c = m.getCanvas();
    const w = c.clientWidth, h = c.clientHeight;
    for (let y = h * 0.3; y < h * 0.7; y += 9) {
      for (let x = w * 0.3; x < w * 0.7; x += 9) {
        const f = m.queryRenderedFeatures([x, y], { layers })[0];
        if (f && f.sourceLayer === "parcels" && String(f.id) !== searched) {
          const r = c.getBoundingClientRect();
          return { x: r.left + x, y: r.top + y, id: f.id };
        }
      }
    }
    return null;
  }, await page.getAttribute("#record", "data-id"));
  if (!target) throw new Error("no other parcel to click in the middle of the map");
  await page.click("#record .close");
  await page.mouse.click(target.x, target.y);
  await waitRecord("parcels", target.id);
  report.clicked = { id: await recordField("宗地编号"), idle: await recordField("低效类别（中文）") };
  await page.screenshot({ path: shot.replace(/\.png$/, "-record.png") });

  // Switch the parcels to idle classes and the park boundaries off.
  await page.click("#record .close");
  await page.check('input[data-theme="idle"]');
  await page.uncheck('input[data-overlay="parks"]');
  await idle();
  report.switched = await page.evaluate(() => ({
    legend: document.querySelector("#legend h3").textContent,
    parksVisible: window.parkscopeMap.getLayoutProperty("parks-line", "visibility"),
  }));
  report.afterSwitch = await pixels();
  await page.screenshot({ path: shot.replace(/\.png$/, "-idle.png") });
} catch (e) {
  report.failure = String(e && e.stack || e);
}
await browser.close();
console.log(JSON.stringify(report));
process.exit(report.failure ? 1 : 0);
