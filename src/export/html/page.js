// kgraph's interactive page: draws the graph's central part with Cytoscape.js, filters it by
// type, predicate, date and confidence, finds entities by name, and shows the evidence of a
// clicked entity or fact with the names highlighted. Reads its data from #kgraph-data.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kgraph-data").textContent);
  const TYPES = ["PER", "ORG", "GPE", "LOC", "MISC"];
  const STYLE = {
    PER: ["ellipse", "#cfe2ff"], ORG: ["round-rectangle", "#ffe5b4"],
    GPE: ["hexagon", "#d4edda"], LOC: ["octagon", "#e2f0d9"], MISC: ["rectangle", "#eeeeee"],
  };
  const $ = (id) => document.getElementById(id);
  const state = { limit: data.limit, types: new Set(TYPES), pred: "", from: "", to: "", minConf: 0, focus: null };

  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  // The sentence with every name of the given nodes marked.
  function highlight(text, nodes) {
    const names = [];
    for (const n of nodes) { names.push(n.label); for (const a of n.aliases) names.push(a); }
    const words = names.filter((w) => w && w.length > 1).sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    if (!words.length) return esc(text);
    const re = new RegExp("(" + words.join("|") + ")", "gi");
    let out = "", last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      out += esc(text.slice(last, m.index)) + "<mark>" + esc(m[0]) + "</mark>";
      last = m.index + m[0].length;
    }
    return out + esc(text.slice(last));
  }

  // --- controls ---
  const typeBox = $("types");
  for (const t of TYPES) {
    const l = document.createElement("label");
    l.innerHTML = '<input type="checkbox" checked data-type="' + t + '"> <span class="sw" style="background:' + STYLE[t][1] + '"></span>' + t;
    typeBox.appendChild(l);
  }
  typeBox.addEventListener("change", (ev) => {
    const t = ev.target.getAttribute("data-type");
    if (ev.target.checked) state.types.add(t); else state.types.delete(t);
    draw();
  });
  let typing = null;
  $("pred").addEventListener("input", (ev) => {
    state.pred = ev.target.value.trim().toLowerCase();
    clearTimeout(typing);
    typing = setTimeout(draw, 150);
  });
  $("from").addEventListener("change", (ev) => { state.from = ev.target.value.trim(); draw(); });
  $("to").addEventListener("change", (ev) => { state.to = ev.target.value.trim(); draw(); });
  $("conf").addEventListener("input", (ev) => {
    state.minConf = parseFloat(ev.target.value);
    $("confv").textContent = state.minConf.toFixed(2);
    draw();
  });
  $("more").addEventListener("click", () => { state.limit *= 2; draw(); });
  $("search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(ev.target.value); });
  $("searchbtn").addEventListener("click", () => search($("search").value));

  function edgePasses(e) {
    const s = data.nodes[e.s], t = data.nodes[e.t];
    if (!state.types.has(s.type) || !state.types.has(t.type)) return false;
    if (state.pred && e.p.toLowerCase().indexOf(state.pred) < 0) return false;
    if (e.conf < state.minConf) return false;
    if (state.from && !(e.last && e.last >= state.from)) return false;
    if (state.to && !(e.first && e.first <= state.to + "\uffff")) return false;
    return true;
  }

  const cy = cytoscape({
    container: $("cy"),
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        label: "data(label)", "text-valign": "center", "font-size": "data(size)",
        shape: "data(shape)", "background-color": "data(fill)", "border-width": 1, "border-color": "#666",
        width: "label", height: "label", padding: "6px", "text-wrap": "wrap", "text-max-width": "160px" } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#d62728" } },
      { selector: "edge", style: {
        label: "data(label)", "font-size": 9, "curve-style": "bezier", "target-arrow-shape": "triangle",
        width: "data(width)", "line-color": "#888", "target-arrow-color": "#888",
        "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.7 } },
      { selector: "edge.neg", style: { "line-color": "#d62728", "target-arrow-color": "#d62728", "line-style": "dashed", color: "#d62728" } },
      { selector: "edge.hedged", style: { "line-style": "dotted" } },
      { selector: "edge.focus", style: { "line-color": "#1f77b4", "target-arrow-color": "#1f77b4" } },
    ],
  });

  // Draws the entities with a fact that passes the filters: the most central `limit` of them
  // (by PageRank), with the focused entity always in.
  function draw() {
    const edges = data.edges.filter(edgePasses);
    const ids = new Set();
    for (const e of edges) { ids.add(e.s); ids.add(e.t); }
    const ranked = Array.from(ids).sort((a, b) => data.nodes[b].rank - data.nodes[a].rank || a - b);
    const top = new Set(ranked.slice(0, state.limit));
    if (state.focus !== null) top.add(state.focus);
    // of those, the ones with a fact to another of them (a central entity whose facts all lead
    // outside the drawn part would stand alone)
    const keep = new Set();
    const drawnEdges = edges.filter((e) => top.has(e.s) && top.has(e.t));
    for (const e of drawnEdges) { keep.add(e.s); keep.add(e.t); }
    if (state.focus !== null && ids.has(state.focus)) keep.add(state.focus);
    const els = [];
    for (const i of keep) {
      const n = data.nodes[i];
      els.push({ group: "nodes", data: { id: "n" + i, label: n.label, shape: STYLE[n.type][0], fill: STYLE[n.type][1],
        size: Math.round(10 + 40 * Math.sqrt(n.rank / data.maxRank)) } });
    }
    let shown = 0;
    drawnEdges.forEach((e) => {
      shown++;
      els.push({ group: "edges", classes: (e.neg ? "neg " : "") + (e.hedged ? "hedged" : ""),
        data: { id: "e" + e.i, source: "n" + e.s, target: "n" + e.t, label: e.p, width: 1 + Math.log2(e.docs) } });
    });
    cy.batch(() => { cy.elements().remove(); cy.add(els); });
    if (state.focus !== null) cy.$("#n" + state.focus).addClass("focus");
    cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, numIter: keep.size > 400 ? 300 : 1000 }).run();
    $("count").textContent = "showing " + keep.size + " of " + ranked.length + " entities with facts, " + shown + " facts";
    $("more").hidden = top.size >= ranked.length;
    window.kgraph.drawn = { nodes: keep.size, edges: shown };
  }

  function factHtml(e, evidence) {
    const s = data.nodes[e.s], t = data.nodes[e.t];
    const flags = (e.neg ? ' <span class="neg">(negated)</span>' : "") + (e.hedged ? ' <span class="hedged">(hedged)</span>' : "");
    let h = '<div class="fact"><button class="linklike" data-node="' + e.s + '">' + esc(s.label) + '</button> <span class="p' + (e.neg ? " neg" : "") + '">' + esc(e.p) + '</span> <button class="linklike" data-node="' + e.t + '">' + esc(t.label) + "</button>" + flags +
      ' <span class="meta">in ' + e.docs + " article(s), confidence " + e.conf.toFixed(2) + "</span>";
    const evs = evidence ? e.ev : e.ev.slice(0, 2);
    for (const v of evs) {
      h += '<div class="ev">' + highlight(v.text, [s, t]) + '<div class="src">' + esc(v.doc) + ", sentence " + v.sentence +
        (v.attributed ? ", said by " + esc(v.attributed) : "") + ", " + esc(v.rule) + ", confidence " + v.conf.toFixed(2) + "</div></div>";
    }
    if (e.more > 0 || (!evidence && e.ev.length > evs.length)) {
      h += '<div class="ev"><button class="linklike" data-edge="' + e.i + '">all evidence (' + (e.ev.length + e.more) + " sentences)</button></div>";
    }
    return h + "</div>";
  }

  function showNode(i) {
    const n = data.nodes[i];
    const facts = data.edges.filter((e) => e.s === i || e.t === i).sort((a, b) => b.docs - a.docs || a.i - b.i);
    let h = "<h2>" + esc(n.label) + '</h2><div class="meta">' + n.type + ", " + n.mentions + " mention(s) in " + n.docs + " article(s)" +
      (n.link ? ", " + esc(n.link) : "") + "</div>";
    if (n.aliases.length) h += '<div class="meta">also: ' + n.aliases.map(esc).join(", ") + "</div>";
    for (const r of n.reasons) h += '<div class="meta">merged: ' + esc(r) + "</div>";
    h += "<p>" + facts.length + " fact(s)</p>";
    h += facts.slice(0, 200).map((e) => factHtml(e, false)).join("");
    $("panel").innerHTML = h;
  }

  function showEdge(k) {
    const e = data.edges[k];
    let h = "<h2>fact</h2>" + factHtml(e, true);
    if (e.more > 0) h += '<p class="meta">' + e.more + " more sentence(s) are in graph.json</p>";
    $("panel").innerHTML = h;
  }

  function focus(i) {
    state.focus = i;
    draw();
    const n = cy.$("#n" + i);
    if (n.length) cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1) }, { duration: 200 });
    showNode(i);
  }

  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return;
    const hits = [];
    data.nodes.forEach((n, i) => {
      if (n.label.toLowerCase().indexOf(q) >= 0 || n.aliases.some((a) => a.toLowerCase().indexOf(q) >= 0)) hits.push(i);
    });
    hits.sort((a, b) => data.nodes[b].rank - data.nodes[a].rank);
    if (hits.length === 1) { focus(hits[0]); return; }
    let h = "<h2>" + hits.length + " match(es) for " + esc(q) + "</h2>";
    h += hits.slice(0, 50).map((i) => '<div><button class="linklike" data-node="' + i + '">' + esc(data.nodes[i].label) + "</button> " + data.nodes[i].type + "</div>").join("");
    $("panel").innerHTML = h;
  }

  $("panel").addEventListener("click", (ev) => {
    const t = ev.target;
    if (t.hasAttribute("data-node")) focus(parseInt(t.getAttribute("data-node"), 10));
    else if (t.hasAttribute("data-edge")) showEdge(parseInt(t.getAttribute("data-edge"), 10));
  });
  cy.on("tap", "node", (ev) => {
    const i = parseInt(ev.target.id().slice(1), 10);
    cy.elements().removeClass("focus");
    ev.target.addClass("focus");
    state.focus = i;
    showNode(i);
  });
  cy.on("tap", "edge", (ev) => {
    cy.elements().removeClass("focus");
    ev.target.addClass("focus");
    showEdge(parseInt(ev.target.id().slice(1), 10));
  });

  window.kgraph = { cy: cy, data: data, drawn: null, ready: false };
  draw();
  window.kgraph.ready = true;
})();
