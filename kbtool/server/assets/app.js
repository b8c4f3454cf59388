// The agent's page: search as you type, read a document, copy a fix into a ticket, flag a problem.
// Everything a document says arrives as text and is put on the page as text (textContent);
// the one exception, a document's sections, is HTML the server built with every character escaped.
"use strict";

(() => {
  const DEBOUNCE_MS = 120;  // a pause between keystrokes this long starts a search
  const SETTLE_MS = 2000;   // a query left this long is the one the search log records
  const LIMIT = 10;

  const $ = (id) => document.getElementById(id);
  const box = $("q");
  const resultsList = $("results");
  const articleView = $("document");

  let searchSeq = 0;        // every search sent gets the next number ...
  let documentSeq = 0;
  let hits = [];
  let selected = -1;
  let current = null;       // the document on screen
  let typingTimer = null;
  let settleTimer = null;
  let loggedQuery = "";

  // --- helpers ---------------------------------------------------------------
  const element = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  const show = (node, visible) => { node.hidden = !visible; };

  // Keys typed into a text field are text; anywhere else (a button, a list, a picker) they are shortcuts.
  const isTyping = (target) =>
    target instanceof HTMLElement &&
    (target.isContentEditable || target.tagName === "TEXTAREA" ||
      (target.tagName === "INPUT" && !["button", "checkbox", "radio", "submit"].includes(target.type)));

  async function getJson(url, options) {
    const response = await fetch(url, Object.assign({ headers: { Accept: "application/json" } }, options || {}));
    let data = null;
    try { data = await response.json(); } catch (error) { data = null; }
    return { ok: response.ok, status: response.status, data };
  }

  const errorText = (answer) =>
    answer.data && answer.data.error
      ? answer.data.error.message + (answer.data.error.hint ? " (" + answer.data.error.hint + ")" : "")
      : "The server answered " + answer.status + ".";

  // --- search ----------------------------------------------------------------
  function searchParams(query, log) {
    const params = new URLSearchParams({ q: query, limit: String(LIMIT), log: log ? "1" : "0" });
    for (const name of ["type", "tag", "owner"]) {
      const value = $(name).value;
      if (value) params.append(name, value);
    }
    return params;
  }

  async function search(log) {
    const query = box.value.trim();
    if (!query) { clearResults(); return; }
    const mine = ++searchSeq;
    let answer;
    try {
      answer = await getJson("/api/search?" + searchParams(query, log));
    } catch (error) {
      if (mine === searchSeq) setStatus("The server did not answer: is `kbtool serve` still running?");
      return;
    } finally {
      resultsList.dataset.answers = String(Number(resultsList.dataset.answers || 0) + 1);  // observable by tests
    }
    // ... and only the answer to the newest one is shown: a slow answer to an older query never replaces it.
    if (mine !== searchSeq) return;
    if (!answer.ok) { clearResults(); setStatus(errorText(answer)); return; }
    if (log) loggedQuery = query;
    renderResults(answer.data);
  }

  function scheduleSearch() {
    clearTimeout(typingTimer);
    clearTimeout(settleTimer);
    typingTimer = setTimeout(() => search(false), DEBOUNCE_MS);
    settleTimer = setTimeout(logSettled, SETTLE_MS);
  }

  // Keystrokes are not logged: only the query the agent stopped at (or opened a result from).
  function logSettled() {
    clearTimeout(settleTimer);
    const query = box.value.trim();
    if (query && query !== loggedQuery) search(true);
  }

  function setStatus(text) { $("status").textContent = text; }

  function clearResults() {
    searchSeq++;
    hits = [];
    selected = -1;
    resultsList.replaceChildren();
    document.body.classList.remove("has-results");
    setStatus("");
    show($("did-you-mean"), false);
    show($("confidence"), false);
    show($("warnings"), false);
  }

  // The same signals as `kbtool search` prints, in its words.
  function renderResults(data) {
    hits = data.hits || [];
    selected = hits.length ? 0 : -1;
    const suggestion = data.did_you_mean;
    show($("did-you-mean"), Boolean(suggestion && suggestion !== data.query));
    $("suggestion").textContent = suggestion || "";
    const weak = data.confidence === "weak" && hits.length > 0;
    show($("confidence"), weak);
    $("confidence").textContent = weak ? "No strong match for “" + data.query + "”: these are only the closest documents." : "";
    renderWarnings(data.warnings || []);
    resultsList.replaceChildren(...hits.map((hit, index) => resultItem(hit, index, index === 0 && data.confidence === "exact")));
    document.body.classList.toggle("has-results", hits.length > 0);
    if (!data.documents) {
      setStatus("No documents to search: the knowledge base is empty.");
    } else if (!hits.length) {
      const filtered = Boolean(data.filters);
      setStatus("No " + (filtered ? "documents" : "published documents") + " match “" + data.query + "”" + (filtered ? " with " + data.filters : "") + "." +
        (filtered && data.unfiltered_total ? " " + data.unfiltered_total + " document(s) match without those filters." : ""));
    } else {
      setStatus(hits.length + " of " + data.total + " result(s) · " + Math.round(data.milliseconds) + " ms");
    }
    markSelected();
  }

  function renderWarnings(warnings) {
    const area = $("warnings");
    area.replaceChildren();
    if (!warnings.length) { show(area, false); return; }
    area.append(element("p", warnings.length + " document(s) left out of search until fixed (`kbtool validate` shows how):"));
    const list = element("ul");
    for (const warning of warnings.slice(0, 10)) {
      list.append(element("li", warning.path + ":" + warning.line + ": [" + warning.rule + "] " + warning.message));
    }
    area.append(list);
    show(area, true);
  }

  function resultItem(hit, index, exact) {
    const item = element("li", null, "result");
    item.id = "result-" + index;
    item.setAttribute("role", "option");
    const link = element("a");
    link.href = "#/doc/" + encodeURIComponent(hit.id);
    link.tabIndex = -1;
    const heading = element("span", null, "result-title");
    heading.append(element("span", hit.id, "result-id"), " ", element("strong", hit.title));
    if (exact) heading.append(" ", element("span", "exact match", "pill exact"));
    if (hit.status && hit.status !== "published") heading.append(" ", element("span", hit.status, "pill danger"));
    link.append(heading);
    const facts = [hit.doc_type === "sop" ? "SOP" : "article", hit.owner].concat(hit.tags || []).filter(Boolean).join(" · ");
    link.append(element("span", facts, "result-facts"));
    link.append(snippet(hit.snippet || "", hit.highlights || []));
    item.append(link);
    item.addEventListener("mousemove", () => { if (selected !== index) { selected = index; markSelected(); } });
    return item;
  }

  // Highlight offsets count characters (code points), as Python does, not UTF-16 units.
  function snippet(text, highlights) {
    const characters = Array.from(text);
    const node = element("span", null, "snippet");
    let position = 0;
    for (const [start, end] of highlights) {
      if (start < position || end > characters.length) continue;
      node.append(characters.slice(position, start).join(""), element("mark", characters.slice(start, end).join("")));
      position = end;
    }
    node.append(characters.slice(position).join(""));
    return node;
  }

  function markSelected() {
    Array.from(resultsList.children).forEach((item, index) => item.setAttribute("aria-selected", String(index === selected)));
    if (selected >= 0) {
      box.setAttribute("aria-activedescendant", "result-" + selected);
      resultsList.children[selected].scrollIntoView({ block: "nearest" });
    } else {
      box.removeAttribute("aria-activedescendant");
    }
  }

  function move(step) {
    if (!hits.length) return;
    selected = (selected + step + hits.length) % hits.length;
    markSelected();
  }

  function openSelected() {
    if (selected < 0 || !hits[selected]) return;
    logSettled();
    location.hash = "#/doc/" + encodeURIComponent(hits[selected].id);
  }

  // --- documents -------------------------------------------------------------
  function route() {
    const match = /^#\/doc\/([A-Za-z]+-\d+)$/.exec(decodeURIComponent(location.hash));
    if (match) openDocument(match[1]); else closeDocument();
  }

  async function openDocument(id) {
    const mine = ++documentSeq;
    document.body.classList.add("reading");
    show(articleView, true);
    let answer;
    try {
      answer = await getJson("/api/documents/" + encodeURIComponent(id));
    } catch (error) {
      answer = { ok: false, status: 0, data: null };
    }
    if (mine !== documentSeq) return;
    if (!answer.ok) {
      current = null;
      renderMissing(id, answer.status ? errorText(answer) : "The server did not answer.");
      return;
    }
    current = answer.data;
    renderDocument(current);
    $("copy").focus();
  }

  function renderMissing(id, message) {
    $("doc-id").textContent = id;
    $("doc-title").textContent = "Cannot show this document";
    $("doc-summary").textContent = message;
    for (const name of ["doc-facts", "doc-review", "copy-status", "flag-status"]) $(name).textContent = "";
    $("doc-body").replaceChildren();
    show($("doc-related"), false);
    articleView.focus();
  }

  function renderDocument(data) {
    $("doc-id").textContent = data.id;
    $("doc-type").textContent = data.type === "sop" ? "SOP" : "article";
    show($("doc-version"), Boolean(data.version));
    $("doc-version").textContent = data.version ? "version " + data.version : "";
    $("doc-title").textContent = data.title;
    $("doc-summary").textContent = data.meta.summary || "";
    const owner = data.owner || {};
    $("doc-facts").textContent = ["owner " + (owner.name || owner.id || "?") + (owner.team ? " (" + owner.team + ")" : ""), "status " + data.status]
      .concat(Array.isArray(data.meta.tags) ? ["tags " + data.meta.tags.join(", ")] : []).join(" · ");
    const review = data.review || {};
    $("doc-review").textContent = "Last reviewed " + (review.reviewed || "never") + " · " + (review.text || "");
    $("doc-review").dataset.state = review.state || "";
    show($("doc-warning"), data.status !== "published");
    $("doc-warning").textContent = data.status !== "published" ? "This document is " + String(data.status).toUpperCase() + ": do not rely on it on a call." : "";
    const fix = $("fix");
    const editable = typeof data.edit_url === "string" && /^https?:\/\//.test(data.edit_url);
    show(fix, editable);
    if (editable) fix.href = data.edit_url; else fix.removeAttribute("href");
    $("copy-status").textContent = "";
    $("flag-status").textContent = "";
    show($("ticket-text"), false);
    show($("flag-form"), false);
    const body = $("doc-body");
    body.replaceChildren();
    for (const section of data.sections) {
      const part = element("section", null, "doc-section");
      if (section.title) part.append(element("h2", section.title));
      const content = element("div");
      content.innerHTML = section.html;  // built and escaped by the server (kbtool/server/document_html.py)
      part.append(content);
      body.append(part);
    }
    const related = data.related || [];
    const list = $("related-list");
    list.replaceChildren(...related.map((entry) => {
      const item = element("li");
      const link = element("a", entry.id, "ref");
      link.href = "#/doc/" + encodeURIComponent(entry.id);
      item.append(link, entry.title ? " " + entry.title : "");
      return item;
    }));
    show($("doc-related"), related.length > 0);
    articleView.scrollTop = 0;
    window.scrollTo(0, 0);
  }

  function closeDocument() {
    documentSeq++;
    current = null;
    document.body.classList.remove("reading");
    show(articleView, false);
  }

  function backToBox() {
    if (location.hash) history.pushState(null, "", location.pathname + location.search);
    closeDocument();
    box.focus();
    box.select();
  }

  async function copyForTicket() {
    if (!current) return;
    const text = current.ticket;
    const area = $("ticket-text");
    area.value = text;
    show(area, true);
    try {
      await navigator.clipboard.writeText(text);
      $("copy-status").textContent = "Copied " + current.id + ": paste it into the ticket's work notes.";
    } catch (error) {
      area.focus();
      area.select();
      $("copy-status").textContent = "The browser did not allow copying: the text is selected, press Ctrl+C.";
    }
  }

  function openFlagForm() {
    if (!current) return;
    show($("flag-form"), true);
    $("flag-agent").value = localStorage.getItem("kbtool-agent") || "";
    $("flag-status").textContent = "";
    $("flag-message").focus();
  }

  async function sendFlag(event) {
    event.preventDefault();
    if (!current) return;
    const message = $("flag-message").value.trim();
    const agent = $("flag-agent").value.trim();
    if (!message) { $("flag-status").textContent = "Say what is wrong first."; return; }
    localStorage.setItem("kbtool-agent", agent);
    let answer;
    try {
      answer = await getJson("/api/feedback", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ id: current.id, message, agent }),
      });
    } catch (error) {
      answer = { ok: false, status: 0, data: null };
    }
    if (answer.ok) {
      $("flag-message").value = "";
      show($("flag-form"), false);
      const owner = (current.owner && (current.owner.name || current.owner.id)) || "the owner";
      $("flag-status").textContent = "Flag recorded: " + owner + " will see it in `kbtool feedback`. Thank you.";
      $("flag-open").focus();
    } else {
      $("flag-status").textContent = answer.status ? errorText(answer) : "The server did not answer.";
    }
  }

  // --- filters ---------------------------------------------------------------
  async function loadFilters() {
    let answer;
    try { answer = await getJson("/api/filters"); } catch (error) { return; }
    if (!answer.ok) return;
    const fill = (id, entries) => $(id).append(...entries.map(([value, label]) => { const option = element("option", label); option.value = value; return option; }));
    fill("type", answer.data.types.map((type) => [type, type === "sop" ? "SOPs" : "Articles"]));
    fill("tag", answer.data.tags.map((tag) => [tag.id, tag.id]));
    fill("owner", answer.data.owners.map((owner) => [owner.id, owner.name]));
  }

  // --- keyboard --------------------------------------------------------------
  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (event.key === "/" && !isTyping(target)) {
      event.preventDefault();
      box.focus();
      box.select();
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      if (!$("flag-form").hidden && $("flag-form").contains(target)) { show($("flag-form"), false); $("flag-open").focus(); return; }
      backToBox();
      return;
    }
    if (target === box) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Enter") { event.preventDefault(); openSelected(); }
      return;
    }
    if (current && !isTyping(target)) {
      if (event.key === "c") { event.preventDefault(); copyForTicket(); }
      else if (event.key === "f") { event.preventDefault(); openFlagForm(); }
    }
  }

  // --- wiring ----------------------------------------------------------------
  $("search-form").addEventListener("submit", (event) => { event.preventDefault(); openSelected(); });
  box.addEventListener("input", scheduleSearch);
  for (const name of ["type", "tag", "owner"]) $(name).addEventListener("change", () => search(false));
  $("suggestion").addEventListener("click", () => { box.value = $("suggestion").textContent; search(false); box.focus(); });
  resultsList.addEventListener("click", () => logSettled());
  $("copy").addEventListener("click", copyForTicket);
  $("flag-open").addEventListener("click", openFlagForm);
  $("flag-cancel").addEventListener("click", () => { show($("flag-form"), false); $("flag-open").focus(); });
  $("flag-form").addEventListener("submit", sendFlag);
  $("back").addEventListener("click", backToBox);
  document.addEventListener("keydown", onKey);
  window.addEventListener("hashchange", route);

  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { box.value = initial; search(false); }
  loadFilters();
  route();
  if (!location.hash) box.focus();
})();
