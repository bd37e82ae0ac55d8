// The dashboard's script: fetches each panel's figures from the API with the viewer's token and draws
// tables with bars. Figures are written as text (never as HTML), so nothing in them can run.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("dashboard-config").textContent);
  const L = config.labels;
  const numbers = new Intl.NumberFormat(config.lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 });
  const KEY = "reportingToken";

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function takeTokenFromFragment() {
    const match = location.hash.match(/(?:^#|&)token=([^&]+)/);
    if (match) {
      sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
      history.replaceState(null, "", location.pathname + location.search); // out of the address bar
    }
  }

  function keyText(cell, key) {
    const v = cell[key];
    return L[v] || String(v);
  }

  function valueCell(cell, field) {
    const v = cell[field];
    if (v === null || v === undefined) {
      const hidden = cell.suppressed && field !== "population" && field !== "rate";
      const td = el("td", { "data-field": field, "data-value": "", class: hidden ? "suppressed" : "" });
      td.textContent = hidden ? L.suppressed : "–";
      return td;
    }
    return el("td", { "data-field": field, "data-value": String(v) }, numbers.format(v));
  }

  function barCell(cell, field, max) {
    const td = el("td", { class: "bar" });
    const v = cell[field];
    if (typeof v === "number" && max > 0) {
      const bar = el("span");
      bar.style.width = Math.round((100 * v) / max) + "%";
      td.appendChild(bar);
    }
    return td;
  }

  function denominatorNote(body) {
    const box = el("div", { class: "note", "data-note": "denominators" });
    const sources = body.population_sources || [];
    const illustrative =
      body.population_illustrative === true || sources.some((s) => /illustrative|minh h[oọ]a/i.test(s));
    if (illustrative) box.appendChild(el("p", { "data-note": "illustrative" }, L.illustrative));
    if (body.cells.every((c) => c.rate === null)) box.appendChild(el("p", { "data-note": "no-rates" }, L.no_rates));
    box.appendChild(el("p", {}, L.denominators + ": " + sources.join("; ")));
    return box;
  }

  function table(panel, body) {
    const t = el("table", { "data-indicator": panel.indicator, "data-url": panel.url });
    const head = el("tr");
    [...panel.keys, ...panel.values].forEach((f) => head.appendChild(el("th", {}, L[f] || f)));
    head.appendChild(el("th", {}, ""));
    t.appendChild(head);
    const isTotal = (c) => panel.keys.some((k) => c[k] === "all"); // totals: no bar, they would dwarf the rest
    const rows = body.cells.filter((c) => !isTotal(c));
    const max = Math.max(0, ...rows.map((c) => c[panel.bar]).filter((v) => typeof v === "number"));
    body.cells.forEach((cell) => {
      const tr = el("tr", { "data-group": panel.keys.map((k) => cell[k]).join("/") });
      panel.keys.forEach((k) => tr.appendChild(el("td", { class: "key" }, keyText(cell, k))));
      panel.values.forEach((f) => tr.appendChild(valueCell(cell, f)));
      tr.appendChild(isTotal(cell) ? el("td", { class: "bar" }) : barCell(cell, panel.bar, max));
      t.appendChild(tr);
    });
    return t;
  }

  async function showPanel(panel, token, into) {
    const section = el("section", { "data-panel": panel.url });
    section.appendChild(el("h2", {}, panel.title));
    into.appendChild(section);
    const response = await fetch(panel.url, { headers: { Authorization: "Bearer " + token } });
    if (response.status === 403) {
      section.appendChild(el("p", { class: "error" }, L.forbidden));
      return;
    }
    if (!response.ok) {
      section.appendChild(el("p", { class: "error" }, L.failed + " (" + response.status + ")"));
      return;
    }
    const body = await response.json();
    document.getElementById("period").textContent = L.period + ": " + body.since + " – " + body.until;
    if (panel.denominators) section.appendChild(denominatorNote(body));
    section.appendChild(table(panel, body));
  }

  async function load() {
    const token = sessionStorage.getItem(KEY);
    const panels = document.getElementById("panels");
    const status = document.getElementById("status");
    panels.replaceChildren();
    if (!token) {
      status.textContent = L.signin;
      document.body.dataset.state = "signin";
      return;
    }
    status.textContent = L.loading;
    document.body.dataset.state = "loading";
    try {
      for (const panel of config.panels) await showPanel(panel, token, panels);
      status.textContent = "";
      document.body.dataset.state = "loaded";
    } catch (error) {
      status.textContent = L.failed;
      document.body.dataset.state = "failed";
    }
  }

  document.getElementById("signin").addEventListener("submit", (event) => {
    event.preventDefault();
    const field = document.getElementById("token");
    if (field.value) sessionStorage.setItem(KEY, field.value.trim());
    field.value = "";
    load();
  });
  takeTokenFromFragment();
  load();
})();
