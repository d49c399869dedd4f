// EdcKg review page: overview, graph, documents and decisions over the JSON API of `edckg serve`.
// Plain script, no library and no CDN: it is embedded in the server and works offline.
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);
const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
};
// replaceChildren that takes lists too, as el does.
const fill = (node, ...children) => node.replaceChildren(...children.flat(Infinity).map(c => c instanceof Node ? c : document.createTextNode(String(c))));
const SVG = "http://www.w3.org/2000/svg";
const svgEl = (tag, attributes = {}) => {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw new Error(body?.detail || body?.title || `${response.status} ${response.statusText}`);
  return body;
}

function say(text, isError = false) {
  const box = $("#message");
  box.textContent = text;
  box.className = isError ? "error" : "";
  box.hidden = !text;
}

async function correct(body) {
  try {
    const result = await api("/api/corrections", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    say(`Correction ${result.correction.id} (${result.correction.kind}) saved; ${result.iterationsRewritten} iteration(s) of outputs rewritten.`);
    await refreshAfterChange();
    return result;
  } catch (e) {
    say(e.message, true);
    return null;
  }
}

async function undo(id) {
  try {
    const result = await api(`/api/corrections/${id}/undo`, { method: "POST" });
    say(`Correction ${id} undone; ${result.iterationsRewritten} iteration(s) of outputs rewritten.`);
    await refreshAfterChange();
  } catch (e) {
    say(e.message, true);
  }
}

const state = { summary: null, view: null, graph: { nodes: new Map(), edges: new Map(), center: null, selected: null }, decisionOffset: 0, documentIndex: null };

async function refreshAfterChange() {
  state.summary = await api("/api/summary");
  if (state.view === "overview") renderOverview();
  if (state.view === "decisions") await loadDecisions();
  if (state.view === "documents" && state.documentIndex !== null) await showDocument(state.documentIndex);
  if (state.view === "graph") await reloadGraph();
}

// ---------- routing ----------
function route() {
  const [, view = "overview", argument] = location.hash.split("/");
  state.view = ["overview", "graph", "documents", "decisions"].includes(view) ? view : "overview";
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${state.view}`;
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.dataset.view === state.view);
  if (state.view === "overview") renderOverview();
  if (state.view === "graph") openGraph(argument ? decodeURIComponent(argument) : null);
  if (state.view === "documents") openDocuments(argument !== undefined && argument !== "" ? Number(argument) : null);
  if (state.view === "decisions") openDecisions(argument);
}

// ---------- overview ----------
function renderOverview() {
  const s = state.summary;
  const last = s.iterations[s.iterations.length - 1];
  const card = (value, label) => el("div", { class: "card" }, el("b", { text: value }), el("span", { text: label }));
  fill($("#overview-cards"), 
    card(s.documents, "documents"),
    card(last ? last.chunks : 0, "chunks"),
    card(s.triples, "triples in the graph"),
    card(s.entities, "entities"),
    card(s.schemaRelations, "schema relations"),
    card(last ? last.droppedTriples : 0, "dropped triples"),
    card(s.failures.length, "failed chunks"),
    card(s.activeCorrections, "corrections"));
  const columns = [["iteration", "Iteration"], ["documents", "Documents"], ["chunks", "Chunks"], ["openTriples", "Open triples"], ["triples", "Triples"], ["entities", "Entities"], ["relations", "Relations"], ["droppedTriples", "Dropped"], ["failedChunks", "Failed chunks"], ["correctedDecisions", "Corrected"]];
  fill($("#iteration-table"), 
    el("tr", {}, columns.map(([, label]) => el("th", { class: "num", text: label }))),
    s.iterations.map(i => el("tr", {}, columns.map(([key]) => el("td", { class: "num", text: key === "iteration" && !i.complete ? `${i.iteration} (unfinished)` : i[key] })))));
  fill($("#failures"), s.failures.length === 0
    ? el("p", { class: "hint", text: "None." })
    : el("table", { class: "grid" }, el("tr", {}, el("th", { text: "Iteration" }), el("th", { text: "Stage" }), el("th", { text: "Document" }), el("th", { text: "Error" })),
        s.failures.map(f => el("tr", {}, el("td", { text: f.iteration }), el("td", { text: f.stage }), el("td", { text: f.documentId }), el("td", { text: f.error })))));
  loadCorrections();
}

async function loadCorrections() {
  const list = await api("/api/corrections");
  fill($("#correction-table"), 
    el("tr", {}, ["#", "Kind", "What", "Who", "When", ""].map(h => el("th", { text: h }))),
    list.items.length === 0 ? el("tr", {}, el("td", { colspan: 6, class: "hint", text: "No corrections yet." })) : [],
    list.items.map(c => el("tr", { "data-correction": c.id },
      el("td", { text: c.id }),
      el("td", { text: c.kind }),
      el("td", { text: describeCorrection(c) }),
      el("td", { text: c.user }),
      el("td", { text: new Date(c.createdAt).toLocaleString() }),
      el("td", {}, c.active ? el("button", { type: "button", class: "undo", onclick: () => undo(c.id), text: "Undo" }) : el("span", { class: "muted", text: `undone by ${c.undoneBy}` })))));
}

function describeCorrection(c) {
  const triple = c.openTriple ? `[${c.openTriple.join(", ")}]` : "";
  switch (c.kind) {
    case "chooseRelation": return `${triple} → ${c.relation} (${c.documentId}, iteration ${c.iteration})`;
    case "keepOpenRelation": return `${triple} kept as extracted (${c.documentId})`;
    case "dropTriple": return `${triple} dropped (${c.documentId})`;
    case "mergeEntities": return `${c.entity} merged into ${c.newName}`;
    case "splitEntity": return `${c.entity} in ${c.documentId} → ${c.newName}`;
    default: return "";
  }
}

// ---------- graph ----------
let searchTimer = null;
function setUpGraphControls() {
  $("#entity-search").addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, 150);
  });
  $("#entity-search").addEventListener("keydown", e => {
    if (e.key === "Enter") {
      const first = $("#search-results li");
      if (first) first.click();
    }
  });
  $("#relation-filter").addEventListener("change", reloadGraph);
  $("#document-filter").addEventListener("change", reloadGraph);
  $("#graph-clear").addEventListener("click", () => { clearGraph(); renderGraph(); });
  setUpPanZoom($("#graph"));
}

let searchSequence = 0;
async function search() {
  const query = $("#entity-search").value.trim();
  const sequence = ++searchSequence;
  const results = await api(`/api/entities?limit=12&query=${encodeURIComponent(query)}`);
  if (sequence !== searchSequence) return; // a later search answered first
  fill($("#search-results"), 
    results.items.map(e => el("li", { "data-entity": e.id, onclick: () => focusEntity(e.id, true), title: `${e.triples} triples in ${e.documents} documents` }, `${e.name} (${e.triples})`)),
    results.total === 0 ? el("li", { class: "muted", text: "no entity matches" }) : []);
}

function clearGraph() {
  state.graph = { nodes: new Map(), edges: new Map(), center: null, selected: null };
}

async function openGraph(entityId) {
  if (entityId) {
    await focusEntity(entityId, true);
    return;
  }
  if (state.graph.nodes.size > 0) {
    renderGraph();
    return;
  }
  // A start that shows the run at a glance: the neighbourhoods of its best-connected entities, never the whole graph.
  const top = await api("/api/entities?limit=4");
  for (const entity of top.items) await expand(entity.id, false);
  state.graph.center = top.items[0]?.id ?? null;
  renderGraph();
  await search();
}

async function focusEntity(id, clear) {
  if (clear) clearGraph();
  state.graph.center = id;
  state.graph.selected = id;
  await expand(id, true);
  renderGraph();
  showEntityPanel(id);
}

async function reloadGraph() {
  const centers = [...new Set([state.graph.center, ...[...state.graph.nodes.values()].filter(n => n.expanded).map(n => n.id)].filter(Boolean))];
  state.graph.nodes.clear();
  state.graph.edges.clear();
  for (const id of centers) {
    try { await expand(id, id === state.graph.center); } catch { /* merged away by a correction */ }
  }
  renderGraph();
  if (state.graph.selected && state.graph.nodes.has(state.graph.selected)) showEntityPanel(state.graph.selected);
}

async function expand(id, withFilterOptions) {
  const relation = $("#relation-filter").value;
  const documentIndex = $("#document-filter").value;
  const query = new URLSearchParams({ limit: "120" });
  if (relation) query.set("relation", relation);
  if (documentIndex) query.set("document", documentIndex);
  const hood = await api(`/api/entities/${encodeURIComponent(id)}/neighbourhood?${query}`);
  const center = addNode(hood.center);
  center.expanded = true;
  for (const node of hood.nodes) addNode(node, center);
  for (const edge of hood.edges) state.graph.edges.set(edge.id, edge);
  $("#graph-status").textContent = `${state.graph.nodes.size} entities, ${state.graph.edges.size} triples shown` + (hood.truncated ? ` (first ${hood.edges.length} of ${hood.totalEdges} for ${hood.center.name})` : "");
  if (withFilterOptions) fillFilters(hood);
  return hood;
}

function fillFilters(hood) {
  const keep = (select, options) => {
    const value = select.value;
    fill(select, el("option", { value: "", text: "all" }), options.map(([v, label]) => el("option", { value: v, text: label })));
    select.value = options.some(([v]) => String(v) === value) ? value : "";
  };
  keep($("#relation-filter"), hood.relations.map(r => [r, r]));
  keep($("#document-filter"), hood.documents.map(d => [d.index, d.id]));
}

function hashOf(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

function addNode(entity, near) {
  let node = state.graph.nodes.get(entity.id);
  if (!node) {
    // Seeded start positions: the same run lays out the same way every time.
    const angle = hashOf(entity.id) * Math.PI * 2;
    const radius = near ? 80 : 40 + 200 * hashOf(entity.id + "r");
    node = { id: entity.id, name: entity.name, triples: entity.triples, x: (near?.x ?? 0) + Math.cos(angle) * radius, y: (near?.y ?? 0) + Math.sin(angle) * radius, expanded: false };
    state.graph.nodes.set(entity.id, node);
  }
  return node;
}

function layout() {
  const nodes = [...state.graph.nodes.values()];
  const edges = [...state.graph.edges.values()].filter(e => state.graph.nodes.has(e.source) && state.graph.nodes.has(e.target));
  for (let step = 0; step < 220; step++) {
    const cooling = 1 - step / 220;
    for (const n of nodes) { n.fx = -n.x * 0.01; n.fy = -n.y * 0.01; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1; dy = 0.1; d2 = 0.02; }
        const force = 2600 / d2;
        const d = Math.sqrt(d2);
        a.fx += dx / d * force; a.fy += dy / d * force;
        b.fx -= dx / d * force; b.fy -= dy / d * force;
      }
    }
    for (const e of edges) {
      if (e.source === e.target) continue;
      const a = state.graph.nodes.get(e.source), b = state.graph.nodes.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.max(1, Math.sqrt(dx * dx + dy * dy));
      const force = (d - 110) * 0.04;
      a.fx += dx / d * force; a.fy += dy / d * force;
      b.fx -= dx / d * force; b.fy -= dy / d * force;
    }
    for (const n of nodes) {
      n.x += Math.max(-20, Math.min(20, n.fx)) * cooling;
      n.y += Math.max(-20, Math.min(20, n.fy)) * cooling;
    }
  }
}

let viewBox = { x: -450, y: -300, w: 900, h: 600 };
function renderGraph() {
  layout();
  const svg = $("#graph");
  const nodes = [...state.graph.nodes.values()];
  if (nodes.length > 0) {
    const xs = nodes.map(n => n.x), ys = nodes.map(n => n.y);
    const pad = 80;
    const minX = Math.min(...xs) - pad, maxX = Math.max(...xs) + pad, minY = Math.min(...ys) - pad, maxY = Math.max(...ys) + pad;
    const ratio = (svg.clientWidth || 900) / (svg.clientHeight || 600);
    let w = maxX - minX, h = maxY - minY;
    if (w / h < ratio) w = h * ratio; else h = w / ratio;
    viewBox = { x: (minX + maxX - w) / 2, y: (minY + maxY - h) / 2, w, h };
  }
  svg.setAttribute("viewBox", `${viewBox.x} ${viewBox.y} ${viewBox.w} ${viewBox.h}`);
  fill(svg, );
  const edgeLayer = svgEl("g"), nodeLayer = svgEl("g");
  svg.append(edgeLayer, nodeLayer);
  for (const e of state.graph.edges.values()) {
    const a = state.graph.nodes.get(e.source), b = state.graph.nodes.get(e.target);
    if (!a || !b) continue;
    const group = svgEl("g", { class: "edge" + (e.corrected ? " corrected" : ""), "data-triple": e.id });
    group.append(svgEl("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "marker-end": "url(#arrow)" }));
    const hit = svgEl("line", { class: "hit", x1: a.x, y1: a.y, x2: b.x, y2: b.y });
    hit.addEventListener("click", () => showEdgePanel(e));
    group.append(hit);
    const label = svgEl("text", { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, "text-anchor": "middle" });
    label.textContent = e.relation;
    group.append(label);
    edgeLayer.append(group);
  }
  for (const n of nodes) {
    const classes = ["node", n.id === state.graph.center ? "center" : "", n.id === state.graph.selected ? "selected" : ""].filter(Boolean).join(" ");
    const group = svgEl("g", { class: classes, "data-entity": n.id, transform: `translate(${n.x},${n.y})` });
    const circle = svgEl("circle", { r: Math.min(16, 6 + Math.sqrt(n.triples) * 2) });
    const title = svgEl("title");
    title.textContent = `${n.name}: ${n.triples} triples`;
    circle.append(title);
    circle.addEventListener("click", () => { state.graph.selected = n.id; renderGraph(); showEntityPanel(n.id); });
    circle.addEventListener("dblclick", async () => { await expand(n.id, false); renderGraph(); });
    const label = svgEl("text", { x: 12, y: 4 });
    label.textContent = n.name;
    group.append(circle, label);
    nodeLayer.append(group);
  }
  const defs = svgEl("defs");
  const marker = svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "22", refY: "5", markerWidth: "6", markerHeight: "6", orient: "auto-start-reverse" });
  marker.append(svgEl("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#9aa5b5" }));
  defs.append(marker);
  svg.prepend(defs);
}

function setUpPanZoom(svg) {
  let drag = null;
  svg.addEventListener("wheel", e => {
    e.preventDefault();
    const scale = e.deltaY > 0 ? 1.15 : 1 / 1.15;
    const rect = svg.getBoundingClientRect();
    const px = viewBox.x + (e.clientX - rect.left) / rect.width * viewBox.w;
    const py = viewBox.y + (e.clientY - rect.top) / rect.height * viewBox.h;
    viewBox = { x: px - (px - viewBox.x) * scale, y: py - (py - viewBox.y) * scale, w: viewBox.w * scale, h: viewBox.h * scale };
    svg.setAttribute("viewBox", `${viewBox.x} ${viewBox.y} ${viewBox.w} ${viewBox.h}`);
  }, { passive: false });
  svg.addEventListener("mousedown", e => { if (e.target === svg) drag = { x: e.clientX, y: e.clientY, box: { ...viewBox } }; });
  window.addEventListener("mousemove", e => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    viewBox = { ...drag.box, x: drag.box.x - (e.clientX - drag.x) / rect.width * drag.box.w, y: drag.box.y - (e.clientY - drag.y) / rect.height * drag.box.h };
    svg.setAttribute("viewBox", `${viewBox.x} ${viewBox.y} ${viewBox.w} ${viewBox.h}`);
  });
  window.addEventListener("mouseup", () => { drag = null; });
}

function showEntityPanel(id) {
  const node = state.graph.nodes.get(id);
  if (!node) return;
  const edges = [...state.graph.edges.values()].filter(e => e.source === id || e.target === id);
  const documents = [...new Map(edges.map(e => [e.documentIndex, e.documentId])).entries()];
  const mergeInput = el("input", { type: "search", placeholder: "entity to merge into", list: "merge-options", id: "merge-target" });
  const options = el("datalist", { id: "merge-options" });
  mergeInput.addEventListener("input", async () => {
    const found = await api(`/api/entities?limit=10&query=${encodeURIComponent(mergeInput.value)}`);
    fill(options, found.items.filter(e => e.id !== id).map(e => el("option", { value: e.name, "data-id": e.id })));
  });
  const splitDocument = el("select", { id: "split-document" }, documents.map(([index, docId]) => el("option", { value: index, text: docId })));
  const splitName = el("input", { type: "text", id: "split-name", placeholder: "new entity name", value: `${node.name} (${documents[0]?.[1] ?? ""})` });
  fill($("#graph-panel"), 
    el("h2", { text: node.name }),
    el("p", { class: "muted", text: `${node.triples} triples` }),
    el("button", { type: "button", onclick: async () => { await expand(id, false); renderGraph(); }, text: "Expand neighbourhood" }), " ",
    el("button", { type: "button", onclick: () => focusEntity(id, true), text: "Focus" }),
    el("h2", { text: "Triples shown" }),
    el("ul", {}, edges.slice(0, 50).map(e => el("li", {},
      `${state.graph.nodes.get(e.source)?.name} — ${e.relation} → ${state.graph.nodes.get(e.target)?.name} `,
      el("a", { href: `#/documents/${e.documentIndex}`, text: e.documentId }),
      e.corrected ? el("span", { class: "badge corrected", text: "corrected" }) : []))),
    el("h2", { text: "Merge into another entity" }),
    mergeInput, options, " ",
    el("button", { type: "button", id: "merge-button", onclick: async () => {
      const found = await api(`/api/entities?limit=50&query=${encodeURIComponent(mergeInput.value)}`);
      const target = found.items.find(e => e.name.toLowerCase() === mergeInput.value.trim().toLowerCase() && e.id !== id);
      if (!target) { say(`No entity named '${mergeInput.value}'.`, true); return; }
      if (await correct({ kind: "mergeEntities", entity: id, into: target.id })) await focusEntity(target.id, true);
    }, text: "Merge" }),
    el("h2", { text: "Split off its mentions in one document" }),
    splitDocument, " ", splitName, " ",
    el("button", { type: "button", id: "split-button", onclick: () => correct({ kind: "splitEntity", entity: id, document: Number(splitDocument.value), newName: splitName.value }), text: "Split" }));
}

function showEdgePanel(e) {
  fill($("#graph-panel"), 
    el("h2", { text: `${state.graph.nodes.get(e.source)?.name} — ${e.relation} → ${state.graph.nodes.get(e.target)?.name}` }),
    el("p", {}, "Extracted as ", el("b", { text: e.openRelation }), ", outcome ", el("span", { class: `badge ${e.outcome}`, text: e.outcome }), e.corrected ? el("span", { class: "badge corrected", text: "corrected" }) : []),
    el("p", {}, el("a", { href: `#/documents/${e.documentIndex}`, text: `Document ${e.documentId}` })),
    el("p", {}, el("a", { href: `#/decisions/${e.iteration}-${e.documentIndex}-${e.position}`, text: "Its canonicalization decision" })));
}

// ---------- documents ----------
async function openDocuments(index) {
  if (!$("#document-list").childElementCount) {
    const list = await api("/api/documents?limit=5000");
    fill($("#document-list"), list.items.map(d => el("li", { "data-document": d.index, onclick: () => { location.hash = `#/documents/${d.index}`; } },
      el("div", { text: d.id }), el("small", { text: `${d.triples} triples, ${d.length} characters` }))));
  }
  const first = $("#document-list li");
  if (index === null && first) index = Number(first.dataset.document);
  if (index !== null) await showDocument(index);
}

async function showDocument(index) {
  state.documentIndex = index;
  for (const li of document.querySelectorAll("#document-list li")) li.classList.toggle("active", Number(li.dataset.document) === index);
  let doc;
  try { doc = await api(`/api/documents/${index}`); } catch (e) { say(e.message, true); return; }
  const text = el("div", { id: "document-text" }, highlight(doc.text, doc.triples));
  const rows = doc.triples.map(t => el("tr", { "data-triple": t.id, onclick: () => activate(t.id) },
    el("td", { text: t.subject }), el("td", { text: t.relation }), el("td", { text: t.object }),
    el("td", {}, el("span", { class: `badge ${t.outcome}`, text: t.outcome }), t.corrected ? el("span", { class: "badge corrected", text: "corrected" }) : []),
    el("td", { class: "muted", text: [t.subjectSpan?.source, t.objectSpan?.source].filter(Boolean)[0] ?? "no span" }),
    el("td", {}, el("a", { href: `#/decisions/${t.iteration}-${doc.index}-${t.position}`, text: "decision" }))));
  fill($("#document-detail"), 
    el("h2", { text: `${doc.id}` + (doc.iteration !== null ? ` (iteration ${doc.iteration})` : "") }),
    el("p", { class: "muted" }, el("mark", { class: "span subject", text: "subject" }), " ", el("mark", { class: "span object", text: "object" }), " spans of every triple; click a triple to see its own."),
    text,
    el("h2", { text: `${doc.triples.length} triples` }),
    el("table", { class: "grid" }, el("tr", {}, ["Subject", "Relation", "Object", "Outcome", "Spans", ""].map(h => el("th", { text: h }))), rows));
}

// Cuts the text at every span boundary and wraps each piece in the spans that cover it, so overlapping mentions show.
function highlight(text, triples) {
  const spans = [];
  for (const t of triples) {
    if (t.subjectSpan) spans.push({ ...t.subjectSpan, role: "subject", triple: t.id });
    if (t.objectSpan) spans.push({ ...t.objectSpan, role: "object", triple: t.id });
  }
  const cuts = [...new Set([0, text.length, ...spans.flatMap(s => [s.start, s.end])])].filter(c => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const covering = spans.filter(s => s.start <= from && s.end >= to);
    const piece = text.slice(from, to);
    if (covering.length === 0) { pieces.push(piece); continue; }
    const roles = [...new Set(covering.map(s => s.role))];
    pieces.push(el("mark", { class: `span ${roles.join(" ")}`, "data-triples": covering.map(s => s.triple).join(" "), title: roles.join(" and ") }, piece));
  }
  return pieces;
}

function activate(tripleId) {
  for (const row of document.querySelectorAll("#document-detail tr[data-triple]")) row.classList.toggle("active", Number(row.dataset.triple) === tripleId);
  for (const mark of document.querySelectorAll("#document-text mark")) mark.classList.toggle("active", mark.dataset.triples.split(" ").includes(String(tripleId)));
}

// ---------- decisions ----------
let decisionFocus = null;
function setUpDecisionControls() {
  for (const id of ["#decision-iteration", "#decision-outcome", "#decision-corrected"]) $(id).addEventListener("change", () => { state.decisionOffset = 0; loadDecisions(); });
  $("#decision-relation").addEventListener("input", () => { state.decisionOffset = 0; clearTimeout(searchTimer); searchTimer = setTimeout(loadDecisions, 200); });
  $("#decision-prev").addEventListener("click", () => { state.decisionOffset = Math.max(0, state.decisionOffset - 100); loadDecisions(); });
  $("#decision-next").addEventListener("click", () => { state.decisionOffset += 100; loadDecisions(); });
}

async function openDecisions(argument) {
  const iterations = state.summary.iterations.map(i => i.iteration);
  const select = $("#decision-iteration");
  if (!select.childElementCount) {
    fill(select, iterations.map(i => el("option", { value: i, text: i })));
    select.value = String(iterations[iterations.length - 1] ?? 0);
  }
  decisionFocus = null;
  if (argument) {
    const [iteration, documentIndex, position] = argument.split("-").map(Number);
    select.value = String(iteration);
    decisionFocus = { iteration, documentIndex, position };
  }
  await loadDecisions();
}

async function loadDecisions() {
  const query = new URLSearchParams({ offset: String(state.decisionOffset), limit: "100" });
  if ($("#decision-iteration").value) query.set("iteration", $("#decision-iteration").value);
  if ($("#decision-outcome").value) query.set("outcome", $("#decision-outcome").value);
  if ($("#decision-relation").value.trim()) query.set("relation", $("#decision-relation").value.trim());
  if ($("#decision-corrected").checked) query.set("corrected", "true");
  if (decisionFocus) query.set("document", String(decisionFocus.documentIndex));
  const list = await api(`/api/decisions?${query}`);
  $("#decision-status").textContent = `${list.total} decisions` + (decisionFocus ? ` of document ${decisionFocus.documentIndex}` : "") + `, showing ${list.offset + 1}–${list.offset + list.items.length}`;
  $("#decision-prev").disabled = list.offset === 0;
  $("#decision-next").disabled = list.offset + list.items.length >= list.total;
  fill($("#decision-table"), 
    el("tr", {}, ["Document", "Open triple", "Definition", "Candidates (score)", "Choice", "Outcome", "Correct it"].map(h => el("th", { text: h }))),
    list.items.map(d => decisionRow(d, list.schemaRelations)));
  const focused = decisionFocus && $(`#decision-table tr[data-decision="${decisionFocus.iteration}-${decisionFocus.documentIndex}-${decisionFocus.position}"]`);
  if (focused) { focused.classList.add("active"); focused.scrollIntoView({ block: "center" }); }
  await loadMerges();
}

function decisionRow(d, schemaRelations) {
  const ref = { iteration: d.iteration, document: d.documentIndex, position: d.position };
  const candidates = el("div", { class: "candidates" }, d.candidates.length === 0 ? el("span", { class: "muted", text: "none retrieved" }) :
    d.candidates.map(c => el("button", { type: "button", class: "choose" + (c.name === d.choice ? " chosen" : ""), "data-relation": c.name, title: "Use this relation",
      onclick: () => correct({ kind: "chooseRelation", ...ref, relation: c.name }) }, `${c.name} (${c.score.toFixed(3)})`)));
  const other = el("select", { class: "other-relation" }, el("option", { value: "", text: "other schema relation…" }), schemaRelations.map(r => el("option", { value: r, text: r })));
  other.addEventListener("change", () => other.value && correct({ kind: "chooseRelation", ...ref, relation: other.value }));
  const changed = d.correction !== null;
  return el("tr", { "data-decision": `${d.iteration}-${d.documentIndex}-${d.position}` },
    el("td", {}, el("a", { href: `#/documents/${d.documentIndex}`, text: d.documentId })),
    el("td", { text: `[${d.openTriple.join(", ")}]` }),
    el("td", { class: "muted", text: d.definition ?? "(no definition)" }),
    el("td", {}, candidates, d.answer ? el("div", { class: "muted", text: `verifier: ${d.answer.slice(0, 80)}` }) : []),
    el("td", {}, d.choice ?? el("span", { class: "muted", text: "—" }), changed ? el("div", { class: "muted", text: `pipeline: ${d.pipelineChoice ?? "dropped"}` }) : []),
    el("td", {}, el("span", { class: `badge ${d.outcome}`, text: d.outcome }), changed ? el("span", { class: "badge corrected", title: `by ${d.correction.user}`, text: "corrected" }) : []),
    el("td", {},
      el("button", { type: "button", class: "keep", onclick: () => correct({ kind: "keepOpenRelation", ...ref }), text: "Keep open relation" }), " ",
      el("button", { type: "button", class: "drop danger", onclick: () => correct({ kind: "dropTriple", ...ref }), text: "Drop" }), " ",
      other,
      changed ? el("button", { type: "button", class: "undo", onclick: () => undo(d.correction.id), text: "Undo" }) : []));
}

async function loadMerges() {
  const merges = await api(`/api/decisions?kind=merge&limit=200&iteration=${encodeURIComponent($("#decision-iteration").value)}`);
  $("#merge-section").hidden = !merges.entityResolution;
  if (!merges.entityResolution) return;
  // Entity-resolution decisions as the run recorded them (entity_decisions.jsonl): mention, candidates, answer, outcome.
  const text = value => value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  fill($("#merge-table"),
    el("tr", {}, ["#", "Mention", "Document", "Candidates (score)", "Answer", "Outcome", "Entity"].map(h => el("th", { text: h }))),
    merges.items.map(m => el("tr", { "data-merge": text(m.sequence) },
      el("td", { text: text(m.sequence) }),
      el("td", {}, el("b", { text: text(m.mention?.name ?? m.mention) }), m.mention?.context ? el("div", { class: "muted", text: m.mention.context.slice(0, 90) }) : []),
      el("td", { text: text(m.mention?.documentId) }),
      el("td", {}, (m.candidates ?? []).map(c => el("div", { text: `${c.name} (${Number(c.score).toFixed(3)})` }))),
      el("td", { class: "muted", text: text(m.answer) }),
      el("td", {}, el("span", { class: "badge", text: text(m.outcome) })),
      el("td", { class: "muted", text: text(m.entityId) }))));
}

// ---------- start ----------
(async function start() {
  try {
    state.summary = await api("/api/summary");
    $("#run-name").textContent = `${state.summary.runFolder} · ${state.summary.runId}`;
    $("#user").textContent = `corrections recorded as ${state.summary.user}`;
    setUpGraphControls();
    setUpDecisionControls();
    window.addEventListener("hashchange", route);
    route();
  } catch (e) {
    say(`The review server did not answer: ${e.message}`, true);
  }
})();
