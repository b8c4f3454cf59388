// kbtool's search box over Pagefind's static index: no library, no request beyond this site.
// Pagefind returns only pages holding every word of a query; when that finds too little, each
// word is searched alone and pages are ranked by how many of the words they hold, then by score.
(function () {
  "use strict";
  var ID = /^\s*(kb|sop)[-_ ]?0*(\d{1,9})\s*$/i;
  var enginePromise = null;

  function engine(root) {
    if (!enginePromise) {
      var base = new URL(root, window.location.href);
      enginePromise = import(new URL("pagefind/pagefind.js", base).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: base.pathname, excerptLength: 24 }).then(function () { return pagefind; });
      });
    }
    return enginePromise;
  }

  function canonicalId(query) {
    var match = ID.exec(query);
    if (!match) return null;
    var number = match[2];
    while (number.length < 4) number = "0" + number;
    return match[1].toUpperCase() + "-" + number;
  }

  async function rank(pagefind, query, limit) {
    var whole = await pagefind.search(query);
    var results = whole.results.slice(0, limit);
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 1; });
    if (results.length >= 3 || words.length < 2) return { results: results, partial: false };
    var tally = new Map();
    results.forEach(function (result, index) { tally.set(result.id, { result: result, words: words.length + 1, score: 1e6 - index }); });
    for (var word of words) {
      var alone = await pagefind.search(word);
      alone.results.slice(0, 200).forEach(function (result) {
        var entry = tally.get(result.id) || { result: result, words: 0, score: 0 };
        entry.words += 1;
        entry.score += result.score;
        tally.set(result.id, entry);
      });
    }
    var ranked = Array.from(tally.values()).filter(function (e) { return e.words >= Math.min(2, words.length); });
    if (!ranked.length) ranked = Array.from(tally.values());
    ranked.sort(function (a, b) { return b.words - a.words || b.score - a.score; });
    return { results: ranked.slice(0, limit).map(function (e) { return e.result; }), partial: whole.results.length === 0 };
  }

  function excerptNodes(excerpt) {
    // Pagefind marks matches with <mark>; rebuild the excerpt from text only, so nothing else can be markup.
    var parsed = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html").body.firstChild;
    var paragraph = document.createElement("p");
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(href, title, id, excerpt) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = href;
    a.textContent = title;
    li.appendChild(a);
    if (id) {
      var code = document.createElement("span");
      code.className = "kb-hit-id";
      code.textContent = id;
      li.appendChild(code);
    }
    if (excerpt) li.appendChild(excerptNodes(excerpt));
    return li;
  }

  async function run(box, query, generation) {
    var status = box.querySelector(".kb-search-status");
    var list = box.querySelector(".kb-search-results");
    var root = box.getAttribute("data-site-root") || "./";
    if (!query.trim()) { list.replaceChildren(); status.textContent = ""; return; }
    var started = performance.now();
    var pagefind = await engine(root);
    var found = await rank(pagefind, query, 10);
    var data = await Promise.all(found.results.map(function (result) { return result.data(); }));
    if (generation !== box.kbGeneration) return; // a newer query is on its way
    var items = [];
    var id = canonicalId(query);
    if (id) items.push(item(new URL(id + "/", new URL(root, window.location.href)).href, "Open " + id, "", ""));
    data.forEach(function (page) {
      var title = (page.meta && page.meta.title) || page.url;
      var match = /\/((?:kb|sop)-\d+)[^/]*\/?$/i.exec(page.url);
      items.push(item(page.url, title, match ? match[1].toUpperCase() : "", page.excerpt));
    });
    list.replaceChildren.apply(list, items);
    var took = Math.round(performance.now() - started);
    status.textContent = data.length
      ? data.length + (found.partial ? " results holding some of the words" : " results") + " (" + took + " ms)"
      : "Nothing found. Try fewer words, an error code or an id.";
    box.dispatchEvent(new CustomEvent("kb-search-done", { detail: { query: query, urls: data.map(function (p) { return p.url; }) } }));
  }

  function attach(box) {
    var input = box.querySelector(".kb-search-input");
    var timer = null;
    box.kbGeneration = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { box.kbGeneration += 1; run(box, input.value, box.kbGeneration); }, 120);
    });
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) { input.value = initial; box.kbGeneration += 1; run(box, initial, box.kbGeneration); }
    // For measuring: the ranked addresses for a query, as the box would show them.
    window.kbSearch = async function (query) {
      var pagefind = await engine(box.getAttribute("data-site-root") || "./");
      var found = await rank(pagefind, query, 10);
      var data = await Promise.all(found.results.map(function (r) { return r.data(); }));
      return data.map(function (page) { return page.url; });
    };
  }

  function start() { document.querySelectorAll(".kb-search").forEach(attach); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
