/* indikator serve: pan & zoom (svg-pan-zoom), element panel, collapse/expand, search.
 * No framework; every text from the definitions is put in with textContent, never innerHTML —
 * the only HTML inserted is the panel, rendered and escaped by the server's templates. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Selects that change the view submit their form at once.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });
  // Close the downloads menu when clicking elsewhere.
  document.addEventListener("click", function (ev) {
    document.querySelectorAll("details.downloads[open]").forEach(function (d) {
      if (!d.contains(ev.target) || ev.target.closest(".menu a")) d.removeAttribute("open");
    });
  });

  var box = document.getElementById("tree");
  if (!box) return;
  var svg = box.querySelector("svg");
  var panel = document.getElementById("panel");
  var model = JSON.parse(document.getElementById("tree-model").textContent);
  var byId = new Map(model.elements.map(function (e) { return [e.id, e]; }));
  var period = box.dataset.period, lang = box.dataset.lang;

  function query(extra) {
    var q = new URLSearchParams();
    if (period) q.set("period", period);
    if (lang) q.set("lang", lang);
    Object.keys(extra || {}).forEach(function (k) { if (extra[k] != null) q.set(k, extra[k]); });
    var s = q.toString();
    return s ? "?" + s : "";
  }
  function elementUrl(id, partial) {
    return box.dataset.elementUrl.replace("__ID__", encodeURIComponent(id)) + query(partial ? { partial: 1 } : {});
  }

  // ------------------------------------------------------------------ the picture
  var nodes = new Map(), edges = [], children = new Map(), pz = null;
  if (svg) {
    svg.querySelectorAll("g.node").forEach(function (g) {
      var t = g.querySelector("title");
      if (!t) return;
      var id = t.textContent.replace(/^e_/, "");
      g.dataset.id = id;
      nodes.set(id, g);
    });
    svg.querySelectorAll("g.edge").forEach(function (g) {
      var t = g.querySelector("title").textContent, i = t.indexOf("->");
      var from = t.slice(0, i).replace(/^e_/, ""), to = t.slice(i + 2).replace(/^e_/, "");
      edges.push({ g: g, from: from, to: to });
      if (!children.has(from)) children.set(from, []);
      children.get(from).push(to);
    });
    pz = svgPanZoom(svg, { zoomEnabled: true, controlIconsEnabled: true, fit: true, center: true,
                           minZoom: 0.02, maxZoom: 60, zoomScaleSensitivity: 0.25, dblClickZoomEnabled: false });
    window.addEventListener("resize", function () { pz.resize(); });
  }

  // A drag that pans must not count as a click on a box.
  var down = null;
  box.addEventListener("pointerdown", function (ev) { down = [ev.clientX, ev.clientY]; });
  box.addEventListener("click", function (ev) {
    if (down && Math.hypot(ev.clientX - down[0], ev.clientY - down[1]) > 5) return;
    var tg = ev.target.closest("g.toggle");
    if (tg) { ev.stopPropagation(); toggle(tg.dataset.id); return; }
    var g = ev.target.closest("g.node");
    if (g) select(g.dataset.id, false);
  });

  // ------------------------------------------------------------------ the panel
  function markSelected(id) {
    nodes.forEach(function (g) { g.classList.remove("selected"); });
    if (id && nodes.has(id)) nodes.get(id).classList.add("selected");
  }
  function loadPanel(url, pushUrl) {
    return fetch(url, { headers: { "Accept": "text/html" } }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (html) {
      panel.innerHTML = html;         // server-rendered, escaped by the templates
      panel.scrollTop = 0;
      if (pushUrl) history.replaceState(null, "", pushUrl);
    }).catch(function () { window.location.href = url.replace(/([?&])partial=1&?/, "$1"); });
  }
  function select(id, focus) {
    markSelected(id);
    if (focus) focusNode(id);
    var here = new URL(window.location.href);
    here.searchParams.set("sel", id);
    return loadPanel(elementUrl(id, true), here.pathname + here.search);
  }
  panel.addEventListener("click", function (ev) {
    var a = ev.target.closest("a,button");
    if (!a) return;
    if (a.hasAttribute("data-close")) {
      markSelected(null);
      var here = new URL(window.location.href);
      here.searchParams.delete("sel");
      loadPanel(panel.dataset.summaryUrl + query({ partial: 1 }), here.pathname + here.search);
      return;
    }
    if (a.dataset.focus) {
      ev.preventDefault();
      var id = a.dataset.focus;
      if (nodes.has(id)) { select(id, true); } else { window.location.href = a.href; }
      return;
    }
    if (a.hasAttribute("data-panel")) {
      ev.preventDefault();
      var u = new URL(a.href, window.location.href);
      u.searchParams.set("partial", "1");
      loadPanel(u.pathname + u.search, null);
    }
  });

  // ------------------------------------------------------------------ pan to a box
  // svg-pan-zoom redraws on the next animation frame, so positions on screen lag behind its
  // state; compute in the chart's own coordinates instead: screen = pan + realZoom × point.
  function boxOf(g) {
    // the outline in Graphviz coordinates, moved by the chart's own transform (read from the
    // attribute, so the browser need not lay anything out)
    var b = outline(g), root = svg.querySelector("g.graph");
    var m = root && root.transform.baseVal.consolidate();
    m = m ? m.matrix : new DOMMatrix();
    var p1 = new DOMPoint(b.x, b.y).matrixTransform(m), p2 = new DOMPoint(b.x + b.width, b.y + b.height).matrixTransform(m);
    return { x: p1.x, y: p1.y, w: p2.x - p1.x, h: p2.y - p1.y };
  }
  function setRealZoom(z) {
    pz.zoom(pz.getZoom() * z / pz.getSizes().realZoom);
  }
  function focusNode(id) {
    if (!pz || !nodes.has(id)) return;
    expandTo(id);
    var b = boxOf(nodes.get(id)), size = pz.getSizes(), z = size.realZoom;
    var fit = Math.min(size.width * 0.5 / Math.max(b.w, 1), size.height * 0.7 / Math.max(b.h, 1));
    if (z * b.w < 160 || z > fit) { z = Math.min(fit, 1.2); setRealZoom(z); z = pz.getSizes().realZoom; }
    pz.pan({ x: size.width / 2 - z * (b.x + b.w / 2), y: size.height / 2 - z * (b.y + b.h / 2) });
  }

  // ------------------------------------------------------------------ collapse / expand
  var collapsed = new Set();
  var NS = "http://www.w3.org/2000/svg";
  // A box's outline from its Graphviz path, without asking the browser to lay text out:
  // getBBox on thousands of boxes full of text costs seconds.
  function outline(g) {
    var shape = g.querySelector("path, polygon");
    var d = shape && (shape.getAttribute("d") || shape.getAttribute("points"));
    var re = /(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g, m, x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    while (d && (m = re.exec(d))) {
      var x = +m[1], y = +m[2];
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
    }
    return x0 === Infinity ? g.getBBox() : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }
  function addToggles() {
    // Read every box first, then add every button: interleaving the two would make the
    // browser lay the whole chart out again for each box.
    var todo = [];
    children.forEach(function (kids, id) {
      var g = nodes.get(id);
      if (g && kids.length) todo.push([id, g, outline(g)]);
    });
    var frag = document.createDocumentFragment(), parent = null;
    todo.forEach(function (item) {
      var id = item[0], bb = item[2];
      parent = parent || item[1].parentNode;
      var t = document.createElementNS(NS, "g");
      t.setAttribute("class", "toggle");
      t.dataset.id = id;
      var cx = bb.x + bb.width / 2, cy = bb.y + bb.height + 1;
      var c = document.createElementNS(NS, "circle");
      c.setAttribute("cx", cx); c.setAttribute("cy", cy); c.setAttribute("r", 9);
      var tx = document.createElementNS(NS, "text");
      tx.setAttribute("x", cx); tx.setAttribute("y", cy + 5); tx.setAttribute("text-anchor", "middle");
      tx.textContent = "−";
      var n = document.createElementNS(NS, "text");
      n.setAttribute("class", "n"); n.setAttribute("x", cx + 13); n.setAttribute("y", cy + 4);
      var title = document.createElementNS(NS, "title");
      title.textContent = box.dataset.collapse;
      t.appendChild(title); t.appendChild(c); t.appendChild(tx); t.appendChild(n);
      frag.appendChild(t);
    });
    if (parent) parent.appendChild(frag);
  }
  function visibleSet() {
    var memo = new Map();
    function vis(id) {
      if (memo.has(id)) return memo.get(id);
      memo.set(id, true);  // guards against cycles (the checker forbids them anyway)
      var e = byId.get(id), parents = (e && e.p || []).filter(function (p) { return nodes.has(p); });
      var v = parents.length === 0 || parents.some(function (p) { return vis(p) && !collapsed.has(p); });
      memo.set(id, v);
      return v;
    }
    nodes.forEach(function (_, id) { vis(id); });
    return memo;
  }
  function applyCollapse() {
    var vis = visibleSet();
    nodes.forEach(function (g, id) { g.style.display = vis.get(id) ? "" : "none"; });
    edges.forEach(function (e) {
      e.g.style.display = vis.get(e.from) && vis.get(e.to) && !collapsed.has(e.from) ? "" : "none";
    });
    svg.querySelectorAll("g.toggle").forEach(function (t) {
      var id = t.dataset.id, closed = collapsed.has(id);
      t.style.display = vis.get(id) ? "" : "none";
      t.querySelector("text").textContent = closed ? "+" : "−";
      t.querySelector("title").textContent = closed ? box.dataset.expand : box.dataset.collapse;
      t.querySelector("text.n").textContent = closed ? "+" + hiddenBelow(id, vis) : "";
    });
    var all = document.getElementById("expand-all");
    if (all) all.hidden = collapsed.size === 0;
  }
  function hiddenBelow(id, vis) {
    var seen = new Set(), stack = (children.get(id) || []).slice();
    while (stack.length) {
      var c = stack.pop();
      if (seen.has(c) || vis.get(c)) continue;
      seen.add(c);
      (children.get(c) || []).forEach(function (k) { stack.push(k); });
    }
    return seen.size;
  }
  function toggle(id) {
    if (collapsed.has(id)) collapsed.delete(id); else collapsed.add(id);
    applyCollapse();
  }
  function expandTo(id) {
    // open every collapsed ancestor so that the box can be seen
    var changed = false, stack = [id], seen = new Set();
    while (stack.length) {
      var x = stack.pop();
      if (seen.has(x)) continue;
      seen.add(x);
      var e = byId.get(x);
      (e && e.p || []).forEach(function (p) { if (collapsed.delete(p)) changed = true; stack.push(p); });
    }
    if (changed) applyCollapse();
  }
  var expandAll = document.getElementById("expand-all");
  if (expandAll) expandAll.addEventListener("click", function () { collapsed.clear(); applyCollapse(); });

  // ------------------------------------------------------------------ search
  var input = document.getElementById("search"), list = document.getElementById("search-results");
  function norm(s) { return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  var haystack = model.elements.map(function (e) { return norm(e.id + " " + e.s + " " + e.n.join(" ")); });
  var timer = null;
  function runSearch() {
    var words = norm(input.value).split(/\s+/).filter(Boolean);
    nodes.forEach(function (g) { g.classList.remove("hit"); });
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!words.length) { list.hidden = true; if (svg) svg.classList.remove("searching"); return; }
    var hits = [];
    model.elements.forEach(function (e, i) {
      if (words.every(function (w) { return haystack[i].indexOf(w) >= 0; })) hits.push(e);
    });
    hits.sort(function (a, b) { return (b.v - a.v) || (norm(a.id).indexOf(words[0]) === 0 ? -1 : 0); });
    hits.forEach(function (e) { if (nodes.has(e.id)) nodes.get(e.id).classList.add("hit"); });
    if (svg) svg.classList.toggle("searching", hits.length > 0);
    if (!hits.length) {
      var li0 = document.createElement("li"); li0.className = "none"; li0.textContent = box.dataset.none;
      list.appendChild(li0);
    }
    hits.slice(0, 40).forEach(function (e) {
      var li = document.createElement("li");
      li.dataset.id = e.id;
      if (!nodes.has(e.id)) { li.className = "out"; li.title = box.dataset.outside; }
      var a = document.createElement("span"); a.className = "rid"; a.textContent = e.id;
      var l = document.createElement("span"); l.className = "rlvl"; l.textContent = e.l + (nodes.has(e.id) ? "" : " · " + box.dataset.outside);
      var s = document.createElement("span"); s.className = "rs"; s.textContent = e.s;
      li.appendChild(a); li.appendChild(l); li.appendChild(s);
      list.appendChild(li);
    });
    list.hidden = false;
  }
  function choose(id) {
    list.hidden = true;
    if (svg) svg.classList.remove("searching");
    if (nodes.has(id)) { select(id, true); return; }
    window.location.href = box.dataset.indexUrl + query({ root: id, sel: id });
  }
  if (input) {
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, 120); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        ev.preventDefault();
        var first = list.querySelector("li[data-id]");
        if (first) choose(first.dataset.id);
      } else if (ev.key === "Escape") { input.value = ""; runSearch(); }
    });
    list.addEventListener("click", function (ev) {
      var li = ev.target.closest("li[data-id]");
      if (li) choose(li.dataset.id);
    });
  }

  // ------------------------------------------------------------------ start
  // A wide tree fitted whole is too small to read: start readable, at the top of the cascade.
  function readableStart() {
    if (pz.getSizes().realZoom >= 0.45) return;
    setRealZoom(0.75);
    var z = pz.getSizes().realZoom, size = pz.getSizes();
    var l = Infinity, r = -Infinity, t = Infinity;
    nodes.forEach(function (g, id) {
      var e = byId.get(id);
      if ((e && e.p || []).some(function (p) { return nodes.has(p); })) return;
      var b = boxOf(g);
      l = Math.min(l, b.x); r = Math.max(r, b.x + b.w); t = Math.min(t, b.y);
    });
    if (l === Infinity) return;
    var x = z * (r - l) < size.width ? size.width / 2 - z * (l + r) / 2 : 20 - z * l;
    pz.pan({ x: x, y: 30 - z * t });
  }
  if (svg) { addToggles(); readableStart(); }
  if (box.dataset.sel && nodes.has(box.dataset.sel)) {
    markSelected(box.dataset.sel);
    focusNode(box.dataset.sel);
  }
})();
