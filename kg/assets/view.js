/* kg graph view: legend and filters, search, neighbourhood, details panel.
 *
 * Names and sentences come from news articles and are untrusted.  Every element
 * here is built with createElement + textContent; nothing from the data is ever
 * parsed as HTML.  The data itself arrives as JSON in #kg-data.
 *
 * window.kgView exposes a small API (select, search, filters, counts) for tests
 * and for anyone scripting the page from the console.
 */
(function () {
  "use strict";

  performance.mark("kg-start");
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var INFO = DATA.info, RELS = DATA.rels, DOCS = DATA.docs;
  var TYPE_COLOR = {}, REL_COLOR = {};
  DATA.types.forEach(function (t) { TYPE_COLOR[t.name] = t.color; });
  DATA.relTypes.forEach(function (t) { REL_COLOR[t.name] = t.color; });

  // ------------------------------------------------------------------ helpers

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /* The search form of a string; the same as kg.html._fold in Python. */
  function fold(text) {
    var s = String(text).normalize("NFKC").toLowerCase().normalize("NFD");
    s = s.replace(/u\u0308/g, "v").replace(/u:/g, "v").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
    return s.replace(/[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'’·・.\-_]+/g, "");
  }

  function nameOf(id) { return INFO[id] ? INFO[id].name : id; }

  // -------------------------------------------------------------- graph state

  var hiddenTypes = new Set(), hiddenRels = new Set();
  var READABLE_SCALE = 0.8;  // 14 px labels drawn at 11 px
  // Entities with no drawn relation are a grid of dots in a corpus graph: hidden until asked for.
  var showIsolated = false;
  var focus = null;   // {root, depth, ids: Set} while a neighbourhood is shown
  var visible = new Set(Object.keys(INFO));
  var selected = null;

  var edgesOf = {};   // node id -> drawn edge ids
  var relsOf = {};    // node id -> every relation id (drawn or not)
  Object.keys(INFO).forEach(function (id) { edgesOf[id] = []; relsOf[id] = []; });
  DATA.edges.forEach(function (e) { edgesOf[e.from].push(e.id); if (e.to !== e.from) edgesOf[e.to].push(e.id); });
  Object.keys(RELS).forEach(function (rid) {
    var r = RELS[rid];
    if (relsOf[r.s]) relsOf[r.s].push(rid);
    if (r.o && r.o !== r.s && relsOf[r.o]) relsOf[r.o].push(rid);
  });

  var nodeSet = new vis.DataSet(DATA.nodes);
  var edgeSet = new vis.DataSet(DATA.edges);
  var nodeView = new vis.DataView(nodeSet, { filter: function (n) { return visible.has(n.id); } });
  var edgeView = new vis.DataView(edgeSet, {
    filter: function (e) { return !hiddenRels.has(e.kind) && visible.has(e.from) && visible.has(e.to); }
  });
  performance.mark("kg-data");
  var network = new vis.Network($("kg-graph"), { nodes: nodeView, edges: edgeView }, DATA.options);
  performance.mark("kg-network");

  // A large graph arrives without labels (measuring thousands of them delays
  // the first frame): nodes and edges are labelled once they are in view at a
  // zoom where labels can be read, and when a node is selected.  Labels go on
  // the drawn items, not through the DataSets: with physics off, vis-network
  // redraws everything synchronously on every DataSet update.
  var labelled = new Set(), labelTimer = null;

  function labelItems(items, ids, text) {
    var changed = false;
    ids.forEach(function (id) {
      var key = (items === network.body.nodes ? "n:" : "e:") + id, item = items[id];
      if (!item || labelled.has(key)) return;  // not drawn (filtered), or done
      labelled.add(key);
      item.setOptions({ label: text(id) });
      changed = true;
    });
    return changed;
  }

  function nodeText(id) { return nodeSet.get(id).text; }
  function edgeText(id) { return edgeSet.get(id).kind; }

  function labelAround(nodeId) {
    if (!DATA.lazyLabels) return;
    var edges = edgesOf[nodeId], ends = [nodeId];
    edges.forEach(function (eid) { var e = edgeSet.get(eid); ends.push(e.from, e.to); });
    var changed = labelItems(network.body.nodes, ends, nodeText);
    if (labelItems(network.body.edges, edges, edgeText) || changed) network.redraw();
  }

  function labelInView() {
    if (!DATA.lazyLabels || network.getScale() < 0.35) return;
    var box = $("kg-graph"), a = network.DOMtoCanvas({ x: 0, y: 0 }),
      b = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    function inView(n) { return n && n.x >= a.x && n.x <= b.x && n.y >= a.y && n.y <= b.y; }
    var changed = labelItems(network.body.nodes, network.body.nodeIndices.filter(function (id) {
      return inView(network.body.nodes[id]);
    }), nodeText);
    if (network.getScale() >= 0.5) {  // edge labels are smaller: readable later
      changed = labelItems(network.body.edges, network.body.edgeIndices.filter(function (eid) {
        var e = network.body.edges[eid];
        return inView(e.from) || inView(e.to);
      }), edgeText) || changed;
    }
    if (changed) network.redraw();
  }

  function scheduleLabels() {
    clearTimeout(labelTimer);
    labelTimer = setTimeout(labelInView, 120);
  }

  ["zoom", "dragEnd", "animationFinished"].forEach(function (ev) { network.on(ev, scheduleLabels); });

  function neighbourhood(root, depth) {
    var ids = new Set([root]), frontier = [root];
    for (var d = 0; d < depth; d++) {
      var next = [];
      frontier.forEach(function (id) {
        edgesOf[id].forEach(function (eid) {
          var e = edgeSet.get(eid);
          if (hiddenRels.has(e.kind)) return;
          [e.from, e.to].forEach(function (other) {
            if (!ids.has(other) && !hiddenTypes.has(INFO[other].type)) { ids.add(other); next.push(other); }
          });
        });
      });
      frontier = next;
    }
    return ids;
  }

  function applyFilters() {
    if (focus) focus.ids = neighbourhood(focus.root, focus.depth);
    visible = new Set();
    Object.keys(INFO).forEach(function (id) {
      var shown = focus ? focus.ids.has(id)
        : !hiddenTypes.has(INFO[id].type) && (showIsolated || edgesOf[id].length > 0);
      if (shown) visible.add(id);
    });
    nodeView.refresh();
    edgeView.refresh();
    if (DATA.lazyLabels) {  // items shown again are new, unlabelled objects
      labelled.clear();
      scheduleLabels();
    }
    if (selected && !visible.has(selected)) closePanel();
    updateCounts();
    $("kg-focus").hidden = !focus;
    if (focus) {
      $("kg-focus-text").textContent = nameOf(focus.root) + " and everything within " + focus.depth +
        (focus.depth === 1 ? " step" : " steps") + " (" + focus.ids.size + " entities)";
    }
  }

  function updateCounts() {
    var c = counts();
    $("kg-counts").textContent = c.nodes + " of " + DATA.nodes.length + " entities · " +
      c.edges + " of " + DATA.edges.length + " relations shown";
  }

  /* What the network is drawing right now. */
  function counts() {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  }

  function setTypeShown(type, shown) {
    if (shown) hiddenTypes.delete(type); else hiddenTypes.add(type);
    syncLegend();
    applyFilters();
  }

  function setIsolatedShown(shown) {
    showIsolated = shown;
    var box = $("kg-isolated");
    if (box) box.checked = shown;
    applyFilters();
  }

  function setRelationShown(type, shown) {
    if (shown) hiddenRels.delete(type); else hiddenRels.add(type);
    syncLegend();
    applyFilters();
  }

  function showNeighbourhood(id, depth) {
    focus = { root: id, depth: depth || 1, ids: null };
    applyFilters();
    network.fit({ nodes: Array.from(focus.ids), animation: false });
    select(id, { move: false });
  }

  function showAll() {
    focus = null;
    applyFilters();
    network.fit({ animation: false });
  }

  /* Select a node, open its panel and (by default) bring it to the middle. */
  function select(id, opts) {
    if (!INFO[id]) return false;
    opts = opts || {};
    if (hiddenTypes.has(INFO[id].type)) setTypeShown(INFO[id].type, true);
    if (!showIsolated && !edgesOf[id].length) setIsolatedShown(true);
    if (focus && !focus.ids.has(id)) { focus = null; applyFilters(); }
    selected = id;
    labelAround(id);
    network.selectNodes([id]);
    showNodePanel(id);
    if (opts.move !== false) {
      // Centre the node in the part of the graph the panel does not cover.
      network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350 },
        offset: { x: -panel.offsetWidth / 2, y: 0 } });
    }
    return true;
  }

  // ------------------------------------------------------------------- legend

  var SVG = "http://www.w3.org/2000/svg";

  function polygon(n, r, rotate) {
    var pts = [];
    for (var i = 0; i < n; i++) {
      var a = rotate + i * 2 * Math.PI / n;
      pts.push((9 + r * Math.cos(a)).toFixed(2) + "," + (9 + r * Math.sin(a)).toFixed(2));
    }
    return pts.join(" ");
  }

  function star() {
    var pts = [];
    for (var i = 0; i < 10; i++) {
      var a = -Math.PI / 2 + i * Math.PI / 5, r = i % 2 ? 3.6 : 8.5;
      pts.push((9 + r * Math.cos(a)).toFixed(2) + "," + (9.6 + r * Math.sin(a)).toFixed(2));
    }
    return pts.join(" ");
  }

  /* A small picture of a node shape, as drawn by vis-network. */
  function swatch(shape, color) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 18 18");
    svg.setAttribute("class", "kg-swatch");
    svg.setAttribute("aria-hidden", "true");
    var s;
    if (shape === "square") {
      s = document.createElementNS(SVG, "rect");
      s.setAttribute("x", "2.5"); s.setAttribute("y", "2.5");
      s.setAttribute("width", "13"); s.setAttribute("height", "13");
    } else if (shape === "dot") {
      s = document.createElementNS(SVG, "circle");
      s.setAttribute("cx", "9"); s.setAttribute("cy", "9"); s.setAttribute("r", "7");
    } else {
      s = document.createElementNS(SVG, "polygon");
      var points = { triangle: "9,1.5 17,15.5 1,15.5", diamond: polygon(4, 8, -Math.PI / 2),
        hexagon: polygon(6, 8, 0), star: star() }[shape];
      s.setAttribute("points", points || polygon(8, 7, 0));
    }
    s.setAttribute("fill", color);
    svg.appendChild(s);
    return svg;
  }

  var legendInputs = { types: {}, rels: {} };

  function legendRow(list, name, count, picture, onChange, store) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.name = name;
    box.addEventListener("change", function () { onChange(name, box.checked); });
    label.appendChild(box);
    label.appendChild(picture);
    label.appendChild(el("span", "kg-legend-name", name));
    label.appendChild(el("span", "kg-count", count));
    li.appendChild(label);
    list.appendChild(li);
    store[name] = box;
  }

  function buildLegend() {
    DATA.types.forEach(function (t) {
      legendRow($("kg-types"), t.name, t.count, swatch(t.shape, t.color), setTypeShown, legendInputs.types);
    });
    DATA.relTypes.forEach(function (t) {
      var line = el("span", "kg-line");
      line.style.borderTopColor = t.color;
      // A relation with no object to draw (attends an unnamed event) is counted, not drawn.
      legendRow($("kg-rels"), t.name, t.unlinked ? t.count + " + " + t.unlinked : t.count, line,
                setRelationShown, legendInputs.rels);
      if (t.unlinked) {
        legendInputs.rels[t.name].closest("label").title = t.count + " drawn; " + t.unlinked +
          " with no object to draw (an event or entity not named)";
      }
    });
    if (!DATA.relTypes.length) $("kg-rels").appendChild(el("li", "kg-small", "none"));
    if (DATA.relTypes.some(function (t) { return t.unlinked; })) {
      $("kg-rels").appendChild(el("li", "kg-small", "+ n: stated with no object to draw"));
    }
    var isolated = Object.keys(INFO).filter(function (id) { return !edgesOf[id].length; }).length;
    var li = el("li", "kg-isolated-row"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.id = "kg-isolated";
    box.checked = showIsolated;
    box.addEventListener("change", function () { setIsolatedShown(box.checked); });
    label.appendChild(box);
    label.appendChild(el("span", "kg-legend-name", "with no relation"));
    label.appendChild(el("span", "kg-count", isolated));
    li.appendChild(label);
    $("kg-types").appendChild(li);
    li.hidden = !isolated;
  }

  function syncLegend() {
    Object.keys(legendInputs.types).forEach(function (t) {
      var box = legendInputs.types[t];
      box.checked = !hiddenTypes.has(t);
      box.closest("li").classList.toggle("kg-off", !box.checked);
    });
    Object.keys(legendInputs.rels).forEach(function (t) {
      var box = legendInputs.rels[t];
      box.checked = !hiddenRels.has(t);
      box.closest("li").classList.toggle("kg-off", !box.checked);
    });
  }

  // -------------------------------------------------------------------- panel

  var panel = $("kg-panel"), body = $("kg-panel-body");

  function openPanel() { clear(body); panel.hidden = false; panel.scrollTop = 0; return body; }

  function closePanel() {
    panel.hidden = true;
    clear(body);
    selected = null;
    network.unselectAll();
  }

  function nodeLink(id) {
    if (!INFO[id]) return el("span", "kg-small", id);
    var b = el("button", "kg-link", INFO[id].name);
    b.type = "button";
    b.title = INFO[id].type;
    b.addEventListener("click", function () { select(id); });
    return b;
  }

  function relChip(type) {
    var s = el("span", "kg-rel", type.replace(/_/g, " "));
    s.style.color = REL_COLOR[type] || "#555";
    return s;
  }

  function badge(type) {
    var b = el("span", "kg-badge", type);
    b.style.background = TYPE_COLOR[type] || "#888";
    return b;
  }

  function row(dl, term, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", null, term));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }

  function evidenceLink(rid, text) {
    var b = el("button", "kg-link kg-small", text || "evidence");
    b.type = "button";
    b.addEventListener("click", function () { showRelationPanel(rid); });
    return b;
  }

  /* One line describing relation rid as seen from node id. */
  function relationLine(rid, id) {
    var r = RELS[rid], li = el("li");
    if (r.s === id) {
      li.appendChild(relChip(r.type));
      li.appendChild(document.createTextNode(" → "));
      li.appendChild(r.o ? nodeLink(r.o) : el("span", "kg-small", "(no named object)"));
    } else {
      li.appendChild(nodeLink(r.s));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(relChip(r.type));
      li.appendChild(document.createTextNode(" → this"));
    }
    li.appendChild(document.createTextNode(" · "));
    var n = r.n || r.ev.length;
    li.appendChild(evidenceLink(rid, n === 1 ? "1 sentence" : n + " sentences"));
    return li;
  }

  function section(parent, title, items) {
    if (!items.length) return;
    parent.appendChild(el("h3", null, title));
    var ul = el("ul");
    items.forEach(function (i) { ul.appendChild(i); });
    parent.appendChild(ul);
  }

  function showNodePanel(id) {
    var info = INFO[id], out = openPanel();
    out.dataset.node = id;
    delete out.dataset.relation;
    out.appendChild(el("h2", "kg-name", info.name));
    out.appendChild(badge(info.type));
    var dl = el("dl");
    row(dl, "Simplified", info.hans);
    row(dl, "Traditional", info.hant);
    row(dl, "Pinyin", info.pinyin);
    if (info.aliases.length) row(dl, "Also", info.aliases.join(" · "));
    if (info.event) {
      var ev = info.event;
      row(dl, "Event type", ev.event_type);
      row(dl, "Date", ev.date);
      if (ev.place) row(dl, "Place", nodeLink(ev.place));
      row(dl, "CAMEO", ev.cameo);
    }
    row(dl, "Id", id);
    out.appendChild(dl);

    var mine = relsOf[id] || [];
    var holds = mine.filter(function (rid) { return RELS[rid].type === "holds_position"; });
    var positions = holds.filter(function (rid) { return RELS[rid].s === id && RELS[rid].o; })
      .map(function (rid) {
        var li = el("li");
        li.appendChild(nodeLink(RELS[rid].o));
        li.appendChild(document.createTextNode(" · "));
        li.appendChild(evidenceLink(rid));
        return li;
      });
    section(out, "Positions", positions);
    var holders = holds.filter(function (rid) { return RELS[rid].o === id; }).map(function (rid) {
      var li = el("li");
      li.appendChild(nodeLink(RELS[rid].s));
      li.appendChild(document.createTextNode(" · "));
      li.appendChild(evidenceLink(rid));
      return li;
    });
    section(out, "Held by", holders);
    if (info.event) {
      section(out, "Roles", info.event.roles.map(function (r) {
        var li = el("li");
        li.appendChild(el("span", "kg-rel", r.role));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(nodeLink(r.entity));
        return li;
      }));
    }
    var others = mine.filter(function (rid) { return RELS[rid].type !== "holds_position"; });
    section(out, "Relations (" + others.length + ")", others.map(function (rid) { return relationLine(rid, id); }));
    section(out, "Mentioned in", Object.keys(info.docs).map(function (doc) {
      var d = DOCS[doc] || {}, li = el("li");
      li.appendChild(el("span", "kg-doc-title", d.title || doc));
      var more = [d.date, d.source, info.docs[doc] + (info.docs[doc] === 1 ? " mention" : " mentions")];
      li.appendChild(el("span", "kg-small", " · " + more.filter(Boolean).join(" · ")));
      return li;
    }));

    var actions = el("div", "kg-actions"), go = el("button", null, "Show neighbourhood"), depth = el("select");
    go.type = "button";
    go.id = "kg-neighbourhood";
    [1, 2, 3].forEach(function (d) {
      var o = el("option", null, d + (d === 1 ? " step" : " steps"));
      o.value = String(d);
      depth.appendChild(o);
    });
    depth.setAttribute("aria-label", "Neighbourhood depth");
    go.addEventListener("click", function () { showNeighbourhood(id, parseInt(depth.value, 10)); });
    actions.appendChild(go);
    actions.appendChild(depth);
    out.appendChild(actions);
  }

  /* The sentence, with the trigger word marked (found, not assumed, in the text). */
  function sentence(ev) {
    var q = el("blockquote"), text = String(ev.text || ""), at = ev.trigger ? text.indexOf(ev.trigger) : -1;
    if (at < 0) { q.textContent = text; return q; }
    q.appendChild(document.createTextNode(text.slice(0, at)));
    q.appendChild(el("mark", null, ev.trigger));
    q.appendChild(document.createTextNode(text.slice(at + ev.trigger.length)));
    return q;
  }

  function showRelationPanel(rid) {
    var r = RELS[rid], out = openPanel();
    out.dataset.relation = rid;
    delete out.dataset.node;
    selected = null;
    if (r.drawn && edgeView.get(rid)) network.selectEdges([rid]); else network.unselectAll();
    var h = el("h2");
    h.appendChild(relChip(r.type));
    out.appendChild(h);
    var p = el("p");
    p.appendChild(nodeLink(r.s));
    p.appendChild(document.createTextNode(" → "));
    p.appendChild(r.o ? nodeLink(r.o) : el("span", "kg-small", "(no named object)"));
    out.appendChild(p);
    var dl = el("dl");
    row(dl, "Confidence", Number(r.conf).toFixed(2));
    row(dl, "Id", rid);
    out.appendChild(dl);
    var n = r.n || r.ev.length;
    out.appendChild(el("h3", null, n === 1 ? "Evidence" : "Evidence (" + n + " sentences)"));
    if (!r.ev.length) out.appendChild(el("p", "kg-small", "No sentence recorded."));
    r.ev.forEach(function (ev) {
      var box = el("div", "kg-evidence"), d = DOCS[ev.doc] || {};
      box.appendChild(sentence(ev));
      var meta = el("p", "kg-doc");
      meta.appendChild(el("span", "kg-doc-title", d.title || ev.doc));
      if (d.date) meta.appendChild(el("span", "kg-doc-date", " · " + d.date));
      if (d.source) meta.appendChild(el("span", "kg-small", " · " + d.source));
      box.appendChild(meta);
      box.appendChild(el("p", "kg-small", ev.doc + " · characters " + ev.start + "–" + ev.end +
        (ev.trigger ? " · cue “" + ev.trigger + "”" : "") + " · confidence " + Number(ev.conf).toFixed(2)));
      out.appendChild(box);
    });
    if (n > r.ev.length) {
      out.appendChild(el("p", "kg-small", "The first " + r.ev.length + " of " + n +
        " sentences; graph.json and kg query have every one."));
    }
  }

  // ------------------------------------------------------------------- search

  var NODE_IDS = Object.keys(INFO);

  /* Entities matching a query, best first: exact, then prefix, then substring. */
  function search(query, limit) {
    var q = fold(query);
    if (!q) return [];
    // Tone numbers (liu2 jia1 yi4) are dropped when the query is all pinyin.
    var toneless = /^[a-z1-5]+$/.test(q) ? q.replace(/[1-5]/g, "") : q;
    var hits = [];
    NODE_IDS.forEach(function (id) {
      var keys = INFO[id].keys, best = 3;
      for (var i = 0; i < keys.length && best > 0; i++) {
        [q, toneless].forEach(function (x) {
          if (!x) return;
          var at = keys[i].indexOf(x);
          if (at < 0) return;
          best = Math.min(best, keys[i].length === x.length ? 0 : at === 0 ? 1 : 2);
        });
      }
      if (best < 3) hits.push([best, -INFO[id].degree, INFO[id].name, id]);
    });
    hits.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) || (a[3] < b[3] ? -1 : 1);
    });
    return hits.slice(0, limit || 12).map(function (h) { return h[3]; });
  }

  var input = $("kg-search"), results = $("kg-results"), shownHits = [], active = 0;

  function renderResults() {
    clear(results);
    shownHits = search(input.value);
    active = 0;
    if (!input.value.trim()) { results.hidden = true; return; }
    if (!shownHits.length) results.appendChild(el("li", "kg-empty", "No entity matches."));
    shownHits.forEach(function (id, i) {
      var info = INFO[id], li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      li.dataset.id = id;
      li.appendChild(swatch(DATA.types.filter(function (t) { return t.name === info.type; })
        .map(function (t) { return t.shape; })[0] || "dot", TYPE_COLOR[info.type] || "#888"));
      li.appendChild(el("span", "kg-r-name", info.name));
      li.appendChild(el("span", "kg-r-more", [info.hant !== info.name ? info.hant : "", info.pinyin, info.type]
        .filter(Boolean).join(" · ")));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(id); });
      results.appendChild(li);
    });
    results.hidden = false;
  }

  function markActive() {
    Array.prototype.forEach.call(results.children, function (li, i) {
      li.setAttribute("aria-selected", i === active ? "true" : "false");
    });
  }

  function choose(id) {
    results.hidden = true;
    select(id);
  }

  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      if (!shownHits.length) renderResults();
      if (shownHits.length) choose(shownHits[active]);
      ev.preventDefault();
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (shownHits.length) {
        active = (active + (ev.key === "ArrowDown" ? 1 : shownHits.length - 1)) % shownHits.length;
        markActive();
      }
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      input.value = "";
      renderResults();
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });
  input.addEventListener("focus", function () { if (input.value.trim()) renderResults(); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== input) { ev.preventDefault(); input.focus(); }
  });

  // ------------------------------------------------------------------- wiring

  network.on("click", function (params) {
    if (params.nodes.length) {
      selected = params.nodes[0];
      labelAround(selected);
      showNodePanel(selected);
    } else if (params.edges.length) {
      showRelationPanel(params.edges[0]);
    } else {
      closePanel();
    }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) showNeighbourhood(params.nodes[0], 1);
  });
  $("kg-close").addEventListener("click", closePanel);
  $("kg-show-all").addEventListener("click", showAll);
  $("kg-fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });

  var api = {
    network: network,
    ready: false,
    counts: counts,
    search: search,
    fold: fold,
    select: select,
    selectedId: function () { return selected; },
    selectedNodes: function () { return network.getSelectedNodes(); },
    /* The label drawn on an edge or node (null when none is, yet). */
    edgeLabel: function (rid) { var e = network.body.edges[rid]; return e && e.options.label || null; },
    nodeLabel: function (id) { var n = network.body.nodes[id]; return n && n.options.label || null; },
    visibleNodeIds: function () { return nodeView.getIds(); },
    setTypeShown: setTypeShown,
    setRelationShown: setRelationShown,
    showNeighbourhood: showNeighbourhood,
    showAll: showAll,
    showRelation: showRelationPanel,
    /* Page coordinates of a point of a drawn edge (t in 0..1 from its start). */
    edgePoint: function (rid, t) {
      var e = network.body.edges[rid];
      if (!e) return null;
      var from = network.getPosition(e.fromId), to = network.getPosition(e.toId);
      var p = network.canvasToDOM({ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t });
      var box = $("kg-graph").getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }
  };
  window.kgView = api;

  buildLegend();
  applyFilters();
  network.once("afterDrawing", function () {
    api.ready = true;
    api.readyAt = performance.now();
    document.body.dataset.ready = "true";
    // Without labels drawn yet, the canvas has not loaded its CJK font; load
    // it now, while the user looks, not on their first click.
    if (DATA.lazyLabels) {
      setTimeout(function () {
        var ctx = document.createElement("canvas").getContext("2d");
        ctx.font = DATA.options.nodes.font.size + "px " + DATA.options.nodes.font.face;
        ctx.measureText("刘家义劉家義");
      }, 30);
    }
  });
  network.fit({ animation: false });
  openReadable();

  /* A large graph fitted whole is a cloud of dots whose labels nobody can read: open it on its
     busiest entity at a scale where labels are legible ("Fit to screen" still shows it all). */
  function openReadable() {
    if (!DATA.lazyLabels || network.getScale() >= READABLE_SCALE) return;
    var hub = null, most = 0;
    visible.forEach(function (id) { if (edgesOf[id].length > most) { most = edgesOf[id].length; hub = id; } });
    if (hub === null) return;
    network.moveTo({ position: network.getPosition(hub), scale: READABLE_SCALE, animation: false });
    scheduleLabels();
  }
})();
