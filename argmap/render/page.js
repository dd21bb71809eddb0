// The interactive map's own script (argmap render FILE -o map.html).
// Everything taken from the debate is data: it is read from the JSON block and put on the page
// with textContent or as an attribute value, never as HTML; only http(s) addresses become links.
(() => {
  "use strict";

  const $ = (selector, root = document) => root.querySelector(selector);
  const part = (name) => $(`[data-am="${name}"]`);
  const data = JSON.parse(part("data").textContent);
  const claims = new Map(data.claims.map((c) => [c.id, c]));
  const speakers = new Map(data.speakers.map((s) => [s.name, s]));
  const MARK = data.marks; // each status in words with its symbol, from argmap/look.py
  const STATUSES = ["standing", "defeated", "undecided"];

  const mapBox = part("map");
  const svg = $("svg", mapBox);
  const panel = part("panel");

  // --- small builders: every string goes in as text -------------------------------------------

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function link(url, label) {
    const href = safeUrl(url);
    if (href === null) return el("span", { class: "am-url" }, label || url || "");
    const a = el("a", { class: "am-url", rel: "noopener noreferrer", target: "_blank" }, label || url);
    a.href = href;
    return a;
  }

  function chip(status) {
    return el("span", { class: `am-chip ${status}` }, MARK[status]);
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  // A button that moves to a claim: selects it, opens its panel and brings it into view.
  function goButton(id, ...prefix) {
    const c = claims.get(id);
    const button = el("button", { class: "am-go", type: "button", "data-claim": id }, ...prefix);
    if (c) button.append(chip(c.status), " ", el("b", {}, id), c.text ? `: ${preview(c.text)}` : "");
    else button.append(el("b", {}, id));
    if (!nodes.has(id)) {
      button.title = "not drawn in this map";
    }
    return button;
  }

  function preview(text, width = 90) {
    const flat = text.split(/\s+/).join(" ").trim();
    return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
  }

  // --- the diagram: claims, edges, view ------------------------------------------------------

  const nodes = new Map(); // claim id -> its <g> in the SVG
  for (const g of svg.querySelectorAll("g.node.claim")) {
    const id = g.getAttribute("id");
    const c = claims.get(id);
    if (!c) continue;
    nodes.set(id, g);
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", `${id}, ${c.status}${c.by ? `, by ${c.by}` : ""}: ${preview(c.text, 140)}`);
  }
  // Edges name their ends in their <title> as `tail->head`; ids never contain `>`. The junction
  // of an undercut (`id#reasoning`) belongs to its claim.
  const edges = [];
  for (const g of svg.querySelectorAll("g.edge")) {
    const title = $("title", g);
    if (!title) continue;
    const name = title.textContent;
    const arrow = name.indexOf(">");
    if (arrow < 1) continue;
    const owner = (end) => end.split("#")[0];
    edges.push({ g, tail: owner(name.slice(0, arrow - 1)), head: owner(name.slice(arrow + 1)) });
  }
  // Source nodes are links drawn by Graphviz: make sure they carry no referrer and no opener.
  for (const a of svg.querySelectorAll("a")) {
    a.setAttribute("rel", "noopener noreferrer");
  }

  const base = svg.viewBox.baseVal;
  const whole = { x: base.x, y: base.y, w: base.width, h: base.height };
  const view = { cx: whole.x + whole.w / 2, cy: whole.y + whole.h / 2, k: 1 }; // k: SVG units per pixel
  let fitted = true; // the whole map is shown, and stays so when the window or the panel changes

  // The map's box on screen.
  function size() {
    const r = mapBox.getBoundingClientRect();
    return { left: r.left, top: r.top, w: Math.max(r.width, 1), h: Math.max(r.height, 1) };
  }

  // The part of the map the reader sees: the open panel lies over its right side (over its
  // lower part on a phone), and is not laid out beside it, so opening it never makes the
  // browser lay the whole drawing out again.
  function visible() {
    const s = size();
    if (panel.hidden) return s;
    const p = panel.getBoundingClientRect();
    if (p.top > s.top + 1) return { ...s, h: Math.max(p.top - s.top, 1) };
    return { ...s, w: Math.max(p.left - s.left, 1) };
  }

  function fitScale() {
    const v = visible();
    return Math.max(whole.w / v.w, whole.h / v.h) * 1.04;
  }

  // The drawing keeps its own size and viewBox and is moved and scaled as one picture by a CSS
  // transform: the browser never lays its thousands of text elements out again, so panning and
  // zooming stay smooth on large maps.
  const stage = part("stage");
  svg.style.width = `${whole.w}px`;
  svg.style.height = `${whole.h}px`;
  function draw() {
    const s = size();
    const scale = 1 / view.k;
    const tx = s.w / 2 - (view.cx - whole.x) * scale;
    const ty = s.h / 2 - (view.cy - whole.y) * scale;
    stage.style.transform = `translate(${tx}px, ${ty}px) scale(${scale})`;
  }

  function clampScale(k) {
    return Math.min(Math.max(k, 0.05), fitScale() * 4);
  }

  // Puts the point (x, y) of the drawing at the middle of the visible part of the map.
  function centre(x, y) {
    const s = size();
    const v = visible();
    view.cx = x + (s.w / 2 - v.w / 2) * view.k;
    view.cy = y + (s.h / 2 - v.h / 2) * view.k;
    draw();
  }

  function fit() {
    fitted = true;
    view.k = fitScale();
    centre(whole.x + whole.w / 2, whole.y + whole.h / 2);
  }

  function toSvg(clientX, clientY) {
    const s = size();
    return {
      x: view.cx + (clientX - s.left - s.w / 2) * view.k,
      y: view.cy + (clientY - s.top - s.h / 2) * view.k,
    };
  }

  function zoom(factor, clientX, clientY) {
    const s = size();
    const v = visible();
    const x = clientX ?? v.left + v.w / 2;
    const y = clientY ?? v.top + v.h / 2;
    const p = toSvg(x, y);
    fitted = false;
    view.k = clampScale(view.k / factor);
    view.cx = p.x - (x - s.left - s.w / 2) * view.k;
    view.cy = p.y - (y - s.top - s.h / 2) * view.k;
    draw();
  }

  // The window or the panel changed the room the map has.
  function relayout() {
    if (fitted) fit();
    else draw();
  }

  // Where each claim sits in the drawing's own units, measured once: asking the browser where
  // an element is on screen after every move would make it lay the drawing out again.
  const graphMatrix = $("g.graph", svg)?.transform.baseVal.consolidate()?.matrix ?? new DOMMatrix();
  const boxes = new Map();
  function boxOf(g) {
    let b = boxes.get(g);
    if (!b) {
      const r = g.getBBox();
      const a = new DOMPoint(r.x, r.y).matrixTransform(graphMatrix);
      const z = new DOMPoint(r.x + r.width, r.y + r.height).matrixTransform(graphMatrix);
      b = { x: Math.min(a.x, z.x), y: Math.min(a.y, z.y), w: Math.abs(z.x - a.x), h: Math.abs(z.y - a.y) };
      boxes.set(g, b);
    }
    return b;
  }

  function inView(g) {
    const b = boxOf(g);
    const s = size();
    const v = visible();
    const left = s.left + s.w / 2 + (b.x - view.cx) / view.k;
    const top = s.top + s.h / 2 + (b.y - view.cy) / view.k;
    return left >= v.left && left + b.w / view.k <= v.left + v.w && top >= v.top && top + b.h / view.k <= v.top + v.h;
  }

  function centreOn(g) {
    const b = boxOf(g);
    fitted = false;
    centre(b.x + b.w / 2, b.y + b.h / 2);
  }

  // Brings a claim into the middle of the view, at a readable size (1 SVG unit per pixel).
  function reveal(id) {
    const g = nodes.get(id);
    if (!g) return;
    if (view.k > 1.25) view.k = clampScale(1);
    centreOn(g);
  }

  // Wheel zooms around the pointer; dragging pans; two fingers pinch.
  mapBox.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      zoom(Math.exp(-delta * 0.0015), event.clientX, event.clientY);
    },
    { passive: false },
  );
  const pointers = new Map();
  let moved = 0;
  let pinch = null;
  mapBox.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    moved = 0;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = Math.hypot(a.x - b.x, a.y - b.y);
    }
  });
  mapBox.addEventListener("pointermove", (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    const dx = event.clientX - last.x;
    const dy = event.clientY - last.y;
    last.x = event.clientX;
    last.y = event.clientY;
    moved += Math.abs(dx) + Math.abs(dy);
    if (moved > 4 && !mapBox.hasPointerCapture(event.pointerId)) {
      mapBox.setPointerCapture(event.pointerId);
      mapBox.classList.add("am-panning");
    }
    if (pointers.size === 2 && pinch) {
      const [a, b] = [...pointers.values()];
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      zoom(d / pinch, (a.x + b.x) / 2, (a.y + b.y) / 2);
      pinch = d;
    } else if (pointers.size === 1 && moved > 4) {
      fitted = false;
      view.cx -= dx * view.k;
      view.cy -= dy * view.k;
      draw();
    }
  });
  const release = (event) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0) mapBox.classList.remove("am-panning");
  };
  mapBox.addEventListener("pointerup", release);
  mapBox.addEventListener("pointercancel", release);
  window.addEventListener("resize", relayout);

  part("zoom-in").addEventListener("click", () => zoom(1.4));
  part("zoom-out").addEventListener("click", () => zoom(1 / 1.4));
  part("fit").addEventListener("click", fit);

  // --- the claim panel -------------------------------------------------------------------------

  let selected = null;

  function relationList(title, links, empty) {
    const out = [el("h3", {}, links.length ? `${title} (${links.length})` : `${title}: ${empty}`)];
    if (links.length) {
      out.push(
        el("ul", {}, ...links.map(([id, kind]) => el("li", {}, goButton(id, el("span", { class: "am-rel" }, `[${kind}]`), " ")))),
      );
    }
    return out;
  }

  function citations(c) {
    if (!c.cites.length) return [el("h3", {}, "Cites: nothing")];
    const items = c.cites.map((cite) => {
      const head = [el("b", {}, cite.source)];
      if (cite.title !== null) head.push(": ", cite.title);
      if (cite.author !== null) head.push(` (${cite.author})`);
      return el(
        "li",
        {},
        el("div", {}, ...head),
        cite.url !== null ? el("div", {}, link(cite.url)) : null,
        cite.quote !== null ? el("blockquote", {}, `“${cite.quote}”`) : null,
        cite.locator !== null ? el("div", { class: "am-meta" }, cite.locator) : null,
      );
    });
    return [el("h3", {}, `Cites (${c.cites.length})`), el("ul", {}, ...items)];
  }

  function speakerLine(c) {
    if (c.by === null) return el("p", { class: "am-meta" }, "speaker not recorded");
    const who = speakers.get(c.by);
    return el("p", { class: "am-meta" }, "by ", who && who.url ? link(who.url, c.by) : el("span", {}, c.by));
  }

  // When, where and with what score the claim was said, for claims imported from a thread.
  function saidLine(c) {
    const parts = [];
    if (c.at !== null) parts.push(el("time", {}, c.at));
    if (c.score !== null) parts.push(el("span", {}, `score ${c.score}`));
    if (c.url !== null) parts.push(link(c.url, "permalink"));
    if (!parts.length) return null;
    const out = el("p", { class: "am-meta", "data-am": "said" });
    parts.forEach((part, i) => out.append(...(i ? [" · ", part] : [part])));
    return out;
  }

  function showPanel(c) {
    const close = el("button", { type: "button", "data-am": "close", "aria-label": "close the panel" }, "✕");
    close.addEventListener("click", () => select(null));
    const status = el("p", { class: "am-meta", "data-am": "status" }, chip(c.status));
    if (c.unanswered) status.append(" ", el("span", { class: "am-chip" }, "unanswered"));
    if (!nodes.has(c.id)) status.append(" (not drawn in this map)");
    const why = [el("h3", {}, "Why"), el("p", { "data-am": "why" }, c.reason)];
    // The claim's strength and what moved it, worked out by argmap (data.strength says how).
    const strength = [
      el("h3", {}, `Strength (${data.strength.name})`),
      el("p", { class: "am-meta", "aria-hidden": "true" }, c.strength_mark),
      el("p", { "data-am": "strength" }, c.strength_line),
    ];
    if (c.acceptance !== null) why.push(el("p", {}, el("b", {}, "Preferred acceptance: "), c.acceptance));
    const extra = [];
    if (c.tags.length) extra.push(el("h3", {}, "Tags"), el("p", {}, c.tags.join(", ")));
    if (c.note !== null) extra.push(el("h3", {}, "Note"), el("p", { class: "am-text" }, c.note));
    panel.replaceChildren(
      el("header", {}, el("h2", { "data-am": "claim-id" }, c.id), close),
      speakerLine(c),
      ...[saidLine(c)].filter((x) => x !== null),
      status,
      el("p", { class: "am-text", "data-am": "text" }, c.text),
      ...why,
      ...strength,
      ...relationList("Answers", c.answers, "nothing (it starts a thread)"),
      ...relationList("Answered by", c.answered_by, "nothing"),
      ...citations(c),
      ...extra,
    );
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function select(id, { focus = false, move = true } = {}) {
    if (selected !== null) {
      nodes.get(selected)?.classList.remove("am-selected");
      for (const e of edges) e.g.classList.remove("am-near");
    }
    selected = id !== null && claims.has(id) ? id : null;
    if (selected === null) {
      panel.hidden = true;
      panel.replaceChildren();
      if (location.hash) history.replaceState(null, "", location.pathname + location.search);
      relayout();
      return;
    }
    const g = nodes.get(selected);
    for (const e of edges) {
      if (e.tail === selected || e.head === selected) e.g.classList.add("am-near");
    }
    showPanel(claims.get(selected));
    if (g) {
      g.classList.add("am-selected");
      relayout(); // the panel takes room from the map
      if (move) reveal(selected);
      else if (!inView(g)) centreOn(g);
      if (focus) g.focus({ preventScroll: true });
    }
    history.replaceState(null, "", `#${encodeURIComponent(selected)}`);
  }

  panel.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-claim]");
    if (button) select(button.getAttribute("data-claim"), { focus: true });
  });

  svg.addEventListener("click", (event) => {
    if (moved > 4) return; // the end of a drag, not a click
    const g = event.target.closest("g.claim");
    if (g && nodes.has(g.getAttribute("id"))) select(g.getAttribute("id"), { move: false });
  });
  svg.addEventListener("keydown", (event) => {
    const g = event.target.closest("g.claim");
    if (g && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(g.getAttribute("id"), { move: false });
    }
  });
  svg.addEventListener("focusin", (event) => {
    const g = event.target.closest("g.claim");
    if (g && !inView(g)) centreOn(g);
  });
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, select, textarea")) return;
    if (event.key === "Escape") {
      for (const d of document.querySelectorAll("details[open]")) d.open = false;
      const back = selected;
      select(null);
      if (back) nodes.get(back)?.focus({ preventScroll: true });
    } else if (event.key === "+" || event.key === "=") zoom(1.4);
    else if (event.key === "-") zoom(1 / 1.4);
    else if (event.key === "0") fit();
  });

  // --- search and filters ----------------------------------------------------------------------

  const search = part("search");
  const onlyUnanswered = part("unanswered");
  const statusBoxes = STATUSES.map((s) => part(`status-${s}`));
  const speakerSelect = part("speaker");
  const counter = part("count");
  const matches = part("matches");
  const strengthMin = part("strength-min");
  const strengthMax = part("strength-max");
  const sortSelect = part("sort");

  for (const s of data.speakers) {
    speakerSelect.append(el("option", { value: s.name }, `${s.name} (${plural(s.claims, "claim")})`));
  }
  for (const [i, s] of STATUSES.entries()) {
    statusBoxes[i].parentElement.append(` (${data.counts[s]})`);
  }
  onlyUnanswered.parentElement.append(` (${data.unanswered.length})`);

  // A bound typed in a strength box, or null when the box is empty (or holds no number).
  function bound(input) {
    const text = input.value.trim();
    const n = Number(text);
    return text === "" || !Number.isFinite(n) ? null : n;
  }

  function wanted(c) {
    const query = search.value.trim().toLocaleLowerCase();
    if (onlyUnanswered.checked && !c.unanswered) return false;
    // A claim without a settled strength is not within any bound.
    const low = bound(strengthMin);
    const high = bound(strengthMax);
    if ((low !== null || high !== null) && c.strength === null) return false;
    if (low !== null && c.strength < low) return false;
    if (high !== null && c.strength > high) return false;
    if (!statusBoxes[STATUSES.indexOf(c.status)].checked) return false;
    if (speakerSelect.value !== "" && c.by !== speakerSelect.value) return false;
    if (query === "") return true;
    return [c.id, c.text, c.by ?? ""].some((field) => field.toLocaleLowerCase().includes(query));
  }

  function applyFilters() {
    const shown = new Set(); // in the order of the file
    for (const c of data.claims) {
      const id = c.id;
      const g = nodes.get(id);
      if (!g) continue;
      const keep = wanted(c);
      if (keep) shown.add(id);
      g.classList.toggle("am-out", !keep);
      g.setAttribute("tabindex", keep ? "0" : "-1");
      if (keep) g.removeAttribute("aria-hidden");
      else g.setAttribute("aria-hidden", "true");
    }
    for (const e of edges) {
      e.g.classList.toggle("am-out", !(shown.has(e.tail) || !nodes.has(e.tail)) || !(shown.has(e.head) || !nodes.has(e.head)));
    }
    const active =
      search.value.trim() !== "" ||
      onlyUnanswered.checked ||
      speakerSelect.value !== "" ||
      statusBoxes.some((b) => !b.checked) ||
      bound(strengthMin) !== null ||
      bound(strengthMax) !== null;
    counter.textContent = active ? `${shown.size} of ${plural(nodes.size, "claim")} shown` : plural(nodes.size, "claim");
    // The list of matching claims, in file order or by strength (ties in file order, claims
    // without a settled strength last); ordering it by strength lists every claim shown.
    const order = sortSelect.value;
    const listed = active || order !== "file";
    const ids = [...shown];
    if (order !== "file") {
      const sign = order === "strongest" ? -1 : 1;
      const key = (id) => claims.get(id).strength;
      ids.sort((a, b) => (key(a) === null) - (key(b) === null) || sign * ((key(a) ?? 0) - (key(b) ?? 0)));
    }
    const list = ids.slice(0, 50);
    const item = (id) => {
      const button = goButton(id);
      if (order !== "file") button.append(" ", el("span", { class: "am-rel", "data-am": "strength-mark" }, claims.get(id).strength_mark));
      return el("li", {}, button);
    };
    matches.replaceChildren(...(listed ? list.map(item) : []));
    if (listed && shown.size > list.length) matches.append(el("li", { class: "am-meta" }, `… and ${shown.size - list.length} more`));
  }

  search.addEventListener("input", applyFilters);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      const first = data.claims.find((c) => nodes.has(c.id) && wanted(c));
      if (first) select(first.id, { focus: true });
    } else if (event.key === "Escape") {
      search.value = "";
      applyFilters();
    }
  });
  for (const box of [onlyUnanswered, ...statusBoxes, speakerSelect, sortSelect]) box.addEventListener("change", applyFilters);
  for (const box of [strengthMin, strengthMax]) box.addEventListener("input", applyFilters);
  part("reset").addEventListener("click", () => {
    search.value = "";
    onlyUnanswered.checked = false;
    for (const box of statusBoxes) box.checked = true;
    speakerSelect.value = "";
    strengthMin.value = "";
    strengthMax.value = "";
    sortSelect.value = "file";
    applyFilters();
  });
  part("filters").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-claim]");
    if (button) select(button.getAttribute("data-claim"), { focus: true });
  });

  // --- the summary -----------------------------------------------------------------------------

  function summary() {
    const n = data.counts;
    const out = [
      el("h2", {}, "Summary"),
      el("p", {}, `${plural(n.claims, "claim")}, ${plural(n.speakers, "speaker")}, ${plural(n.sources, "source")}`),
      el("p", {}, `${plural(n.relations, "relation")}: rebuts ${n.rebuts}, supports ${n.supports}, undercuts ${n.undercuts}${n.answers ? `, not yet classified ${n.answers}` : ""}`),
      ...(data.provisional !== null ? [el("p", { class: "am-provisional", "data-am": "provisional" }, data.provisional)] : []),
      el("p", {}, chip("standing"), ` ${n.standing}  `, chip("defeated"), ` ${n.defeated}  `, chip("undecided"), ` ${n.undecided}`),
      ...strengthLists(),
      el("h2", {}, `Unanswered (${data.unanswered.length})`),
    ];
    if (data.unanswered.length) out.push(el("ul", {}, ...data.unanswered.map((id) => el("li", {}, goButton(id)))));
    else out.push(el("p", {}, "every claim has an answer"));
    if (data.contested.length) {
      out.push(el("h2", {}, "Most contested"));
      out.push(
        el(
          "ul",
          {},
          ...data.contested.slice(0, 10).map((c) => el("li", {}, goButton(c.id), el("div", { class: "am-meta" }, `← ${c.attackers.join(", ")}`))),
        ),
      );
    }
    out.push(el("h2", {}, "Speakers"));
    const head = el("tr", {}, ...["speaker", "claims", "rebuttals", "standing", "defeated", "undecided", "unanswered"].map((h) => el("th", {}, h)));
    const rows = data.speakers.map((s) =>
      el(
        "tr",
        {},
        el("td", {}, s.url ? link(s.url, s.name) : s.name),
        ...[s.claims, s.rebuttals, s.standing, s.defeated, s.undecided, s.unanswered].map((v) => el("td", {}, String(v))),
      ),
    );
    out.push(el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows)));
    return out;
  }

  // The strongest and the weakest claims and those at odds with their status, a few of each,
  // as `argmap summary` lists them (the analysis picks them: data.strength).
  function strengthLists() {
    const s = data.strength;
    const row = (id) => el("li", {}, goButton(id), " ", el("span", { class: "am-rel", "data-am": "strength-mark" }, claims.get(id).strength_mark));
    const list = (name, ids) => el("ul", { "data-am": `strength-${name}` }, ...ids.map(row));
    const out = [el("h2", {}, `Strength (${s.name})`)];
    if (s.strongest.length) out.push(el("p", {}, "Strongest"), list("strongest", s.strongest));
    if (s.weakest.length) out.push(el("p", {}, "Weakest"), list("weakest", s.weakest));
    const odds = s.disagreements;
    out.push(el("p", {}, `At odds with their status (${odds.length})`));
    if (odds.length) out.push(list("at-odds", odds.slice(0, s.few)));
    else out.push(el("p", { class: "am-meta" }, "none (standing below 0.50, or defeated at 0.50 or more)"));
    if (s.unconverged.length) {
      out.push(el("p", { class: "am-meta" }, `no strength, in or after a cycle that did not settle (${s.unconverged.length}): ${s.unconverged.join(", ")}`));
    }
    return out;
  }

  const summaryBox = part("summary");
  summaryBox.replaceChildren(...summary());
  summaryBox.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-claim]");
    if (button) {
      select(button.getAttribute("data-claim"), { focus: true });
      summaryBox.closest("details").open = false;
    }
  });
  // One drop-down open at a time.
  for (const d of document.querySelectorAll(".am-tools > details")) {
    d.addEventListener("toggle", () => {
      if (d.open) for (const other of document.querySelectorAll(".am-tools > details[open]")) if (other !== d) other.open = false;
    });
  }

  // --- the timeline: the debate replayed as it was posted (argmap timeline) -----------------------
  // Step k shows the first k claims to arrive, each with the status it had then: the statuses of
  // each step and what it changed come from the analysis (`data.timeline`), nothing is worked
  // out here but applying them in turn. The last step is the map as drawn.

  const steps = data.timeline;
  const time = { at: steps === null ? 0 : steps.length, timer: null };
  const markLine = new Map(); // claim id -> [its status line in the SVG, the line as drawn]
  const attackers = new Map(); // claim id -> the claims that rebut or undercut it
  for (const c of data.claims) {
    attackers.set(c.id, c.answered_by.filter(([, kind]) => kind === "rebuts" || kind === "undercuts").map(([id]) => id));
  }
  const MARKS = Object.values(MARK);
  for (const [id, g] of nodes) {
    const line = [...g.querySelectorAll("text")].find((t) => MARKS.some((m) => t.textContent.startsWith(m)));
    if (line) {
      line.classList.add("am-mark");
      markLine.set(id, [line, line.textContent]);
    }
  }

  function statusesAt(k) {
    const status = new Map();
    for (let i = 0; i < k; i++) {
      status.set(steps[i].claim, steps[i].status);
      for (const [c, to] of steps[i].changes) status.set(c, to);
    }
    return status;
  }

  function showMoment(k) {
    time.at = k;
    const whole = k === steps.length;
    const status = statusesAt(k);
    for (const [id, g] of nodes) {
      const there = status.has(id);
      g.classList.toggle("am-later", !there);
      if (!there) g.setAttribute("aria-hidden", "true");
      else if (!g.classList.contains("am-out")) g.removeAttribute("aria-hidden");
      const [line, drawn] = markLine.get(id) ?? [null, ""];
      if (whole || !there) {
        g.removeAttribute("data-then");
        if (line) line.textContent = drawn;
        continue;
      }
      g.setAttribute("data-then", status.get(id));
      if (line) {
        // The status line as it read then: its mark, `unanswered` while nothing that had
        // arrived attacked it, and the rest (what it cites) as drawn.
        const rest = drawn.split(" · ").slice(1).filter((x) => x !== "unanswered");
        const quiet = !attackers.get(id).some((a) => status.has(a));
        line.textContent = [MARK[status.get(id)], ...(quiet ? ["unanswered"] : []), ...rest].join(" · ");
      }
    }
    for (const e of edges) {
      const later = [e.tail, e.head].some((end) => claims.has(end) && !status.has(end));
      e.g.classList.toggle("am-later", later);
    }
    for (const g of svg.querySelectorAll("g.node:not(.claim)")) {
      const owner = (g.getAttribute("id") ?? "").split("#")[0];
      g.classList.toggle("am-later", claims.has(owner) && !status.has(owner));
    }
    const range = part("moment");
    range.value = String(k);
    const words = k === 0 ? "Before the first claim." : steps[k - 1].line;
    range.setAttribute("aria-valuetext", `${k} of ${steps.length}: ${words}`);
    part("moment-count").textContent = `${k} of ${plural(steps.length, "claim")}`;
    part("moment-text").textContent = whole ? `The debate as it stands. Last to arrive: ${words}` : words;
  }

  function pause() {
    if (time.timer !== null) clearInterval(time.timer);
    time.timer = null;
    const button = part("play");
    button.textContent = "▶ Play";
    button.setAttribute("aria-pressed", "false");
  }

  function play() {
    if (time.at >= steps.length) showMoment(0);
    const button = part("play");
    button.textContent = "❚❚ Pause";
    button.setAttribute("aria-pressed", "true");
    time.timer = setInterval(() => {
      if (time.at >= steps.length) pause();
      else showMoment(time.at + 1);
    }, 900);
  }

  if (steps !== null && steps.length) {
    const range = part("moment");
    range.max = String(steps.length);
    part("time").hidden = false;
    range.addEventListener("input", () => {
      pause();
      showMoment(Number(range.value));
    });
    part("play").addEventListener("click", () => (time.timer === null ? play() : pause()));
    showMoment(steps.length);
  }

  // --- start -----------------------------------------------------------------------------------

  fit();
  applyFilters();
  document.documentElement.setAttribute("data-am-ready", "");
  let fromHash = "";
  try {
    fromHash = decodeURIComponent(location.hash.slice(1));
  } catch {
    // not an id argmap wrote
  }
  if (claims.has(fromHash)) select(fromHash);
})();
