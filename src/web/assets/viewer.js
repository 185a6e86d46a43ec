// parkscope's offline viewer: MapLibre over the PMTiles archive written beside this file.
// window.PARKSCOPE (meta.js) says what the tiles hold; tiles.js, when written, carries the
// archive itself so the page works from file://. Records and the search index are gzipped
// JSON in scripts loaded on demand (records/<layer>-<k>.js, search.js).
(function () {
  "use strict";
  var P = window.PARKSCOPE;
  var W = P.words;
  var state = { theme: P.themes.length ? P.themes[0].key : null, chunks: {}, waiting: {}, search: null, searchWaiting: [] };

  function bytesOf(b64) {
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function gunzipJson(b64) {
    var stream = new Blob([bytesOf(b64)]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function loadScript(src) {
    var s = document.createElement("script");
    s.src = src;
    s.onerror = function () { notice(W.missing + " " + src); };
    document.head.appendChild(s);
  }

  // ----- records, chunk by chunk
  window.parkscopeRecords = function (layer, k, b64) {
    gunzipJson(b64).then(function (rows) {
      var key = layer + "/" + k;
      state.chunks[key] = rows;
      (state.waiting[key] || []).forEach(function (f) { f(rows); });
      delete state.waiting[key];
    });
  };

  function chunk(layer, k) {
    var key = layer + "/" + k;
    if (state.chunks[key]) return Promise.resolve(state.chunks[key]);
    return new Promise(function (resolve) {
      var first = !state.waiting[key];
      (state.waiting[key] = state.waiting[key] || []).push(resolve);
      if (first) loadScript("records/" + layer + "-" + k + ".js");
    });
  }

  function record(set, id) {
    return chunk(set, Math.floor(id / P.chunk)).then(function (rows) { return rows[id % P.chunk]; });
  }

  // ----- search index
  window.parkscopeSearch = function (b64) {
    gunzipJson(b64).then(function (rows) {
      state.search = rows.map(function (r) {
        return { layer: r[0], id: r[1], keys: r[2], lower: r[2].map(function (k) { return k.toLowerCase(); }), bbox: r[3] };
      });
      state.searchWaiting.forEach(function (f) { f(); });
      state.searchWaiting = [];
    });
  };

  function searchReady() {
    if (state.search) return Promise.resolve();
    return new Promise(function (resolve) {
      if (!state.searchWaiting.length) loadScript("search.js");
      state.searchWaiting.push(resolve);
    });
  }

  // ----- the map
  function notice(text) {
    var n = document.getElementById("notice");
    n.textContent = text;
    n.hidden = false;
  }

  var protocol = new pmtiles.Protocol();
  maplibregl.addProtocol("pmtiles", protocol.tile);
  var archive;
  if (window.PARKSCOPE_TILES) {
    var buffer = bytesOf(window.PARKSCOPE_TILES).buffer;
    window.PARKSCOPE_TILES = null;
    archive = new pmtiles.PMTiles({
      getKey: function () { return "parkscope"; },
      getBytes: function (offset, length) { return Promise.resolve({ data: buffer.slice(offset, offset + length) }); }
    });
  } else {
    if (location.protocol === "file:") notice(W.serve);
    archive = new pmtiles.PMTiles(new URL("tiles.pmtiles", location.href).href);
  }
  protocol.add(archive);

  // The hatch drawn over a theme's classes (FAR below the required minimum), if any.
  function hatchOf(key) {
    var t = P.themes.filter(function (t) { return t.key === key; })[0];
    return t && t.hatch;
  }

  function themeColor(key) {
    var t = P.themes.filter(function (t) { return t.key === key; })[0];
    var expr = ["match", ["get", key]];
    t.classes.forEach(function (c, i) { expr.push(i, c.color); });
    expr.push("#e9e9e9");
    return expr;
  }

  var hidden = {};
  P.overlays.forEach(function (o) { if (!o.on) o.layerIds.forEach(function (id) { hidden[id] = true; }); });
  var layers = [{ id: "background", type: "background", paint: { "background-color": "#ffffff" } }];
  P.layers.forEach(function (l) {
    if (l.id === "parcels-fill" && state.theme) l.paint["fill-color"] = themeColor(state.theme);
    if (l.id === "parcels-hatch") l.layout = { visibility: hatchOf(state.theme) ? "visible" : "none" };
    if (hidden[l.id]) l.layout = { visibility: "none" };
    layers.push(l);
  });
  P.selectable.forEach(function (s) {
    layers.push({
      id: "selected-" + s, type: "line", source: "parkscope", "source-layer": s,
      filter: ["==", ["id"], -1], paint: { "line-color": "#00e5ff", "line-width": 3 }
    });
  });

  var map = new maplibregl.Map({
    container: "map",
    style: { version: 8, sources: { parkscope: { type: "vector", url: "pmtiles://" + archive.source.getKey() } }, layers: layers },
    bounds: [[P.bounds[0], P.bounds[1]], [P.bounds[2], P.bounds[3]]],
    fitBoundsOptions: { padding: 20 },
    minZoom: Math.max(0, P.minzoom - 1),
    maxZoom: 20,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    attributionControl: false
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
  // The data's credit (the OpenStreetMap credit its licence asks for), always shown.
  if (P.credit) {
    map.addControl(new maplibregl.AttributionControl({ compact: false, customAttribution: P.credit }), "bottom-left");
  }
  window.parkscopeMap = map;

  // Diagonal hatching, one 8-px image per colour. The images the style names are added
  // before the first tiles arrive: asked for on demand (styleimagemissing) they took
  // 0.5-0.7 s of the first draw in headless Chromium, sample and 100k city alike.
  function hatchImage(id) {
    // Pixels written directly (no canvas: reading one back is slow in software WebGL):
    // 45° lines every 8 px, each 1 px wide with a light edge either side.
    var size = 8, data = new Uint8Array(size * size * 4), hex = id.slice(6);
    if (hex.length === 4) hex = "#" + hex[1] + hex[1] + hex[2] + hex[2] + hex[3] + hex[3];
    var rgb = [1, 3, 5].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
    for (var y = 0; y < size; y++) {
      for (var x = 0; x < size; x++) {
        var d = (x + y + 1) % size, a = d === 0 ? 230 : (d === 1 || d === size - 1) ? 60 : 0;
        var o = (y * size + x) * 4;
        data[o] = rgb[0]; data[o + 1] = rgb[1]; data[o + 2] = rgb[2]; data[o + 3] = a;
      }
    }
    return { width: size, height: size, data: data };
  }
  layers.forEach(function (l) {
    var id = l.paint && l.paint["fill-pattern"];
    if (typeof id === "string" && id.indexOf("hatch:") === 0 && !map.hasImage(id)) {
      map.addImage(id, hatchImage(id));
    }
  });
  map.on("styleimagemissing", function (e) {
    if (e.id.indexOf("hatch:") === 0 && !map.hasImage(e.id)) map.addImage(e.id, hatchImage(e.id));
  });

  // data-drawn: the first complete drawing (MapLibre's "load": style, first tiles and
  // their first frame); data-ready: everything in view drawn and nothing moving ("idle").
  // Both in ms since the page was opened, for tests and benchmarks.
  map.once("load", function () {
    document.body.setAttribute("data-drawn", String(Math.round(performance.now())));
  });
  map.once("idle", function () {
    document.body.setAttribute("data-ready", String(Math.round(performance.now())));
  });

  // ----- panel: themes, overlays, legend, parks
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function swatch(s) {
    var sw = el("span", { "class": "swatch " + s.swatch });
    if (s.swatch === "line") {
      sw.style.borderTopColor = s.stroke || "#333";
      if (s.dashed) sw.style.borderTopStyle = "dashed";
    } else if (s.swatch === "point") {
      sw.style.background = s.fill || "#333";
    } else {
      sw.style.background = s.fill || "transparent";
      sw.style.opacity = s.opacity === undefined ? 1 : Math.max(s.opacity, 0.35);
      if (s.stroke) sw.style.borderColor = s.stroke;
      if (s.hatch) sw.style.backgroundImage = "repeating-linear-gradient(135deg, " + s.hatch + " 0 1px, transparent 1px 4px)";
    }
    return sw;
  }

  function legendGroup(title, entries) {
    var g = el("div", { "class": "legend-group" });
    g.appendChild(el("h3", {}, title));
    entries.forEach(function (e) {
      var row = el("div", { "class": "legend-item" });
      row.appendChild(swatch(e));
      var t = el("span", { "class": "label" }, e.label);
      row.appendChild(t);
      if (e.detail) row.appendChild(el("span", { "class": "detail" }, e.detail));
      g.appendChild(row);
    });
    return g;
  }

  function drawLegend() {
    var box = document.getElementById("legend");
    box.innerHTML = "";
    var t = P.themes.filter(function (t) { return t.key === state.theme; })[0];
    if (t) {
      var entries = t.classes.filter(function (c) { return c.detail; }).map(function (c) {
        return { label: c.label, swatch: "area", fill: c.color, stroke: "#6b6b6b", opacity: 1, detail: c.detail };
      });
      if (t.hatch) entries.push({ label: t.hatch.label, swatch: "area", stroke: t.hatch.color, hatch: t.hatch.color, opacity: 1, detail: t.hatch.detail });
      box.appendChild(legendGroup(t.title, entries));
    }
    P.overlays.forEach(function (o) {
      if (o.on && o.legend.length) box.appendChild(legendGroup(o.title, o.legend));
    });
  }

  function setTheme(key) {
    state.theme = key;
    map.setPaintProperty("parcels-fill", "fill-color", themeColor(key));
    map.setLayoutProperty("parcels-hatch", "visibility", hatchOf(key) ? "visible" : "none");
    drawLegend();
  }

  function setOverlay(o, on) {
    o.on = on;
    o.layerIds.forEach(function (id) { map.setLayoutProperty(id, "visibility", on ? "visible" : "none"); });
    drawLegend();
  }

  var themes = document.getElementById("themes");
  P.themes.forEach(function (t, i) {
    var lab = el("label", { "class": "switch" });
    var r = el("input", { type: "radio", name: "theme", value: t.key, "data-theme": t.key });
    if (i === 0) r.checked = true;
    r.addEventListener("change", function () { if (r.checked) setTheme(t.key); });
    lab.appendChild(r);
    lab.appendChild(document.createTextNode(t.title));
    themes.appendChild(lab);
  });
  var overlays = document.getElementById("overlays");
  P.overlays.forEach(function (o) {
    var lab = el("label", { "class": "switch" });
    var c = el("input", { type: "checkbox", value: o.id, "data-overlay": o.id });
    c.checked = o.on;
    c.addEventListener("change", function () { setOverlay(o, c.checked); });
    lab.appendChild(c);
    lab.appendChild(document.createTextNode(o.title));
    overlays.appendChild(lab);
  });
  drawLegend();

  var parks = document.getElementById("park");
  P.parks.forEach(function (p) { parks.appendChild(el("option", { value: p.id }, p.name + " (" + p.id + ")")); });
  parks.addEventListener("change", function () {
    var p = P.parks.filter(function (p) { return p.id === parks.value; })[0];
    var b = p ? p.bbox : P.bounds;
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 30, duration: 600 });
  });
  if (!P.parks.length) parks.parentNode.hidden = true;

  // ----- records on click and from the search
  function showRecord(set, id, tileLayer) {
    var box = document.getElementById("record");
    box.hidden = false;
    box.setAttribute("data-layer", set);
    box.setAttribute("data-id", String(id));
    box.removeAttribute("data-loaded");
    box.innerHTML = "";
    box.appendChild(el("div", { "class": "loading" }, W.loading));
    P.selectable.forEach(function (s) {
      map.setFilter("selected-" + s, ["==", ["id"], s === tileLayer ? id : -1]);
    });
    return record(set, id).then(function (row) {
      var info = P.records[set];
      box.innerHTML = "";
      var close = el("button", { "class": "close", title: W.close }, "×");
      close.addEventListener("click", function () { box.hidden = true; });
      box.appendChild(close);
      box.appendChild(el("h2", {}, info.title));
      var table = el("table", {});
      info.labels.forEach(function (label, i) {
        var v = row ? row[i] : "";
        if (v === "" || v === undefined || v === null) return;
        var tr = el("tr", {});
        tr.appendChild(el("th", {}, label));
        tr.appendChild(el("td", {}, v));
        table.appendChild(tr);
      });
      box.appendChild(table);
      box.setAttribute("data-loaded", "1");
    });
  }

  map.on("click", function (e) {
    var fs = map.queryRenderedFeatures(e.point, { layers: P.clickable.filter(function (id) { return map.getLayer(id); }) });
    var f = fs.filter(function (f) { return f.id !== undefined && P.recordOf[f.sourceLayer]; })[0];
    if (f) showRecord(P.recordOf[f.sourceLayer], f.id, f.sourceLayer);
  });
  map.on("mousemove", function (e) {
    var fs = map.queryRenderedFeatures(e.point, { layers: P.clickable.filter(function (id) { return map.getLayer(id); }) });
    map.getCanvas().style.cursor = fs.length ? "pointer" : "";
  });

  var input = document.getElementById("search");
  var hits = document.getElementById("hits");
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q || !state.search) return [];
    var exact = [], part = [];
    for (var i = 0; i < state.search.length && exact.length + part.length < 200; i++) {
      var s = state.search[i];
      if (s.lower.indexOf(q) >= 0) exact.push(s);
      else if (s.lower.some(function (k) { return k.indexOf(q) >= 0; })) part.push(s);
    }
    return exact.concat(part).slice(0, 20);
  }
  function go(s) {
    hits.innerHTML = "";
    var b = s.bbox;
    if (b[0] === b[2] && b[1] === b[3]) map.flyTo({ center: [b[0], b[1]], zoom: 17 });
    else map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 80, maxZoom: 18 });
    var tileLayer = Object.keys(P.recordOf).filter(function (l) { return P.recordOf[l] === s.layer; })[0];
    return showRecord(s.layer, s.id, tileLayer);
  }
  function listHits() {
    var found = matches(input.value);
    hits.innerHTML = "";
    if (input.value.trim() && !found.length) hits.appendChild(el("div", { "class": "none" }, W.noMatch));
    found.forEach(function (s) {
      var b = el("button", { type: "button", "class": "hit" }, s.keys.join(" · "));
      b.addEventListener("click", function () { go(s); });
      hits.appendChild(b);
    });
    return found;
  }
  input.addEventListener("focus", function () { searchReady(); });
  input.addEventListener("input", function () { searchReady().then(listHits); });
  input.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    searchReady().then(function () {
      var found = listHits();
      if (found.length) go(found[0]);
    });
  });
})();
