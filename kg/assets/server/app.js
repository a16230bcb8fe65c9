// kg serve: search suggestions, the neighbourhood graph, the SPARQL page.
// Text from the graph is only ever set with textContent, never parsed as HTML.
"use strict";

(function searchBox() {
  const input = document.getElementById("q");
  const list = document.getElementById("suggestions");
  if (!input || !list) return;
  let items = [], active = -1, timer = null, asked = "";

  function show() {
    list.replaceChildren();
    items.forEach((hit, i) => {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.className = i === active ? "active" : "";
      const a = document.createElement("a");
      a.href = "/entity/" + encodeURIComponent(hit.id);
      const name = document.createElement("span");
      name.textContent = hit.name;
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + hit.type + " · " + hit.pinyin + " · " + hit.relations + " relations";
      a.append(name, meta);
      li.append(a);
      list.append(li);
    });
    list.hidden = items.length === 0;
  }

  async function suggest() {
    const q = input.value.trim();
    if (q === asked) return;
    asked = q;
    if (!q) { items = []; show(); return; }
    const response = await fetch("/api/search?limit=8&q=" + encodeURIComponent(q));
    if (!response.ok || input.value.trim() !== q) return;
    items = (await response.json()).results;
    active = -1;
    show();
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 120); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; show(); event.preventDefault(); }
    else if (event.key === "ArrowUp" && items.length) { active = (active - 1 + items.length) % items.length; show(); event.preventDefault(); }
    else if (event.key === "Enter" && active >= 0) { window.location = "/entity/" + encodeURIComponent(items[active].id); event.preventDefault(); }
    else if (event.key === "Escape") { items = []; show(); }
  });
  document.addEventListener("click", (event) => { if (!list.contains(event.target) && event.target !== input) { list.hidden = true; } });
})();

(function neighbourhood() {
  const box = document.getElementById("graph");
  if (!box || typeof vis === "undefined") return;
  const id = box.dataset.entity;
  fetch("/api/entity/" + encodeURIComponent(id) + "/neighbourhood").then((r) => r.json()).then((data) => {
    if (data.nodes.length < 2) { box.hidden = true; return; }
    const colors = {Person: "#e4572e", Organization: "#4c8bf5", Place: "#2bb673", Position: "#f2a541",
                    Document: "#8e6c8a", Event: "#6c757d"};
    const nodes = data.nodes.map((n) => ({id: n.id, label: n.label, color: colors[n.group] || "#999",
                                          font: {size: n.id === id ? 18 : 14}, borderWidth: n.id === id ? 3 : 1}));
    const edges = data.edges.map((e) => ({id: e.id, from: e.from, to: e.to, label: e.label, arrows: "to",
                                          font: {size: 11, align: "middle"}}));
    const network = new vis.Network(box, {nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges)},
      {physics: {stabilization: {iterations: 150}}, interaction: {hover: true}});
    network.on("doubleClick", (params) => {
      if (params.nodes.length) window.location = "/entity/" + encodeURIComponent(params.nodes[0]);
      else if (params.edges.length) window.location = "/relation/" + encodeURIComponent(params.edges[0]);
    });
  });
})();

(function sparqlPage() {
  const form = document.getElementById("sparql-form");
  if (!form) return;
  const query = document.getElementById("query");
  const select = document.getElementById("examples");
  const texts = document.getElementById("example-texts");
  const out = document.getElementById("sparql-results");
  select.addEventListener("change", () => {
    query.value = texts.content.querySelectorAll("pre")[Number(select.value)].textContent;
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    out.replaceChildren();
    const body = new URLSearchParams({query: query.value});
    const response = await fetch("/sparql", {method: "POST", body,
      headers: {"Accept": "application/sparql-results+json"}});
    const text = await response.text();
    if (!response.ok) { const p = document.createElement("p"); p.className = "error"; p.textContent = text; out.append(p); return; }
    const data = JSON.parse(text);
    if ("boolean" in data) { out.textContent = String(data.boolean); return; }
    if (!data.head || !data.results) { const pre = document.createElement("pre"); pre.textContent = text; out.append(pre); return; }
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    data.head.vars.forEach((v) => { const th = document.createElement("th"); th.textContent = v; head.append(th); });
    const tbody = table.createTBody();
    data.results.bindings.forEach((b) => {
      const row = tbody.insertRow();
      data.head.vars.forEach((v) => { row.insertCell().textContent = b[v] ? b[v].value : ""; });
    });
    const note = document.createElement("p");
    note.textContent = data.results.bindings.length + " rows" +
      (response.headers.get("x-kg-truncated") === "true" ? " (cut at the row limit)" : "");
    out.append(note, table);
  });
})();
