// Dossier's page. Everything from the store is untrusted text: it is only ever put into the page as text nodes or
// checked attribute values, never as markup, and links are kept only when they are http(s).
"use strict";

const view = document.getElementById("view");
const storyList = document.getElementById("story-list");
const more = document.getElementById("more");
const citation = document.getElementById("citation");
const citationBody = document.getElementById("citation-body");
const articleCache = new Map();
let storiesShown = 0;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "href") {
      const safe = safeUrl(value);
      if (safe) node.setAttribute("href", safe);
    } else if (name.startsWith("on")) {
      throw new Error("event handlers are attached with addEventListener");
    } else {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Our own routes ("#/…") and http(s) addresses; anything else (javascript:, data:, …) is dropped.
function safeUrl(value) {
  const text = String(value);
  if (text.startsWith("#/")) return text;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function formatDate(value) {
  if (!value) return "undated";
  return String(value).slice(0, 10);
}

function show(...nodes) {
  hideCitation();
  view.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  window.scrollTo(0, 0);
}

function failure(error) {
  show(el("p", { class: "empty", role: "alert" }, `Could not load: ${error.message}`));
}

async function loadStories() {
  const page = await api(`/api/stories?offset=${storiesShown}&limit=30`);
  for (const s of page.items) {
    const link = el("a", { href: `#/story/${encodeURIComponent(s.id)}`, "data-story": s.id },
      el("span", { class: "title" }, s.title || s.id),
      el("div", { class: "meta" },
        `${s.articles} article${s.articles === 1 ? "" : "s"} · ${s.outlets} outlet${s.outlets === 1 ? "" : "s"} · ${s.last ? "updated " + formatDate(s.last) : "undated"}`));
    storyList.append(el("li", {}, link));
  }
  storiesShown += page.items.length;
  more.hidden = storiesShown >= page.total;
  return page;
}

function markCurrent(id) {
  for (const a of storyList.querySelectorAll("a")) a.classList.toggle("current", a.dataset.story === id);
}

async function article(id) {
  if (!articleCache.has(id)) articleCache.set(id, api(`/api/articles/${encodeURIComponent(id)}`));
  return articleCache.get(id);
}

function section(title, ...content) {
  return el("section", {}, el("h3", {}, title), ...content);
}

async function renderStory(id) {
  const story = await api(`/api/stories/${encodeURIComponent(id)}`);
  markCurrent(story.id);
  const articles = await Promise.all(story.articles.map((a) => article(a).catch(() => null)));
  const byId = new Map(articles.filter(Boolean).map((a) => [a.id, a]));
  const title = (ref) => byId.get(ref.article)?.title || ref.article;
  const outlet = (ref) => byId.get(ref.article)?.outlet;

  const summary = el("div", { class: "summary" }, story.summary.map((sentence, i) => {
    const cites = sentence.sources.map((ref, k) => {
      const button = el("button", { type: "button", class: "cite", title: `${title(ref)}: ${ref.text}`, "data-sentence": i, "data-source": k }, String(k + 1));
      button.addEventListener("click", () => showCitation(sentence, title, outlet));
      return button;
    });
    return el("p", {}, sentence.text, ...cites,
      el("span", { class: "outlets" }, `${sentence.outlets} outlet${sentence.outlets === 1 ? "" : "s"}`));
  }));

  const entities = el("ul", { class: "entities" }, story.entities.slice(0, 40).map((e) =>
    el("li", { title: e.aliases.length ? "also: " + e.aliases.join(", ") : null },
      el("span", { class: "type" }, e.type), e.name, el("span", { class: "meta" }, ` ×${e.mentions}`))));

  const bySpeaker = new Map();
  for (const q of story.quotes) {
    const key = q.speaker || "unattributed";
    if (!bySpeaker.has(key)) bySpeaker.set(key, []);
    bySpeaker.get(key).push(q);
  }
  const quotes = [...bySpeaker.entries()].map(([speaker, list]) => el("div", { class: "speaker" },
    el("strong", {}, speaker),
    list.map((q) => el("blockquote", {}, `“${q.text}”`, el("div", { class: "meta" }, el("a", { href: `#/article/${encodeURIComponent(q.article)}` }, title({ article: q.article })))))));

  const timeline = el("ol", { class: "timeline" }, story.timeline.map((t) => el("li", {},
    el("span", { class: "date" }, t.date.startsWith("XXXX") ? t.date.replace("XXXX", "(year?)") : t.date),
    el("span", {}, t.text, el("span", { class: "meta" }, ` — ${t.sources.length} source${t.sources.length === 1 ? "" : "s"}`)))));

  const flagged = articles.filter((a) => a && a.flags.length);
  const provenance = flagged.length
    ? el("ul", {}, flagged.map((a) => el("li", {},
        el("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title || a.id),
        el("ul", {}, a.flags.map((f) => el("li", {}, el("span", { class: "flag" }, f.kind), " ", el("span", { class: "evidence" }, f.evidence)))))))
    : el("p", { class: "empty" }, "No article of this story is flagged.");

  const list = el("ul", {}, articles.filter(Boolean).map((a) => el("li", {},
    el("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title || a.id),
    el("span", { class: "meta" }, ` ${a.outlet || "unknown outlet"} · ${formatDate(a.published)}`))));

  return [
    el("h2", {}, story.title || story.id),
    el("p", { class: "meta" }, `${plural(story.articles.length, "article")} · ${plural(story.outlets, "outlet")}`),
    section("Summary", summary.childNodes.length ? summary : el("p", { class: "empty" }, "No summary.")),
    section("People, organisations and places", story.entities.length ? entities : el("p", { class: "empty" }, "None found.")),
    section("Quotes", quotes.length ? quotes : el("p", { class: "empty" }, "No quotes.")),
    section("Timeline", story.timeline.length ? timeline : el("p", { class: "empty" }, "No dated events.")),
    section("Coverage", coverageChart(story.coverage)),
    section("Provenance", provenance),
    section("Articles", list)];
}

function coverageChart(days) {
  if (!days.length) return el("p", { class: "empty" }, "The articles carry no publication dates.");
  const ns = "http://www.w3.org/2000/svg";
  const width = Math.max(120, days.length * 26);
  const height = 110;
  const max = Math.max(...days.map((d) => d.articles));
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "coverage");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Articles per day");
  days.forEach((d, i) => {
    const h = Math.round((d.articles / max) * 70);
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", String(i * 26 + 4));
    rect.setAttribute("y", String(85 - h));
    rect.setAttribute("width", "18");
    rect.setAttribute("height", String(h));
    const tip = document.createElementNS(ns, "title");
    tip.textContent = `${d.date}: ${d.articles}`;
    rect.append(tip);
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", String(i * 26 + 4));
    label.setAttribute("y", "100");
    label.textContent = d.date.slice(5);
    svg.append(rect, label);
  });
  return svg;
}

function showCitation(sentence, title, outlet) {
  citationBody.replaceChildren(
    el("p", {}, el("strong", {}, sentence.text)),
    el("p", { class: "meta" }, `Said by ${sentence.sources.length} sentence${sentence.sources.length === 1 ? "" : "s"} in ${sentence.outlets} outlet${sentence.outlets === 1 ? "" : "s"}:`),
    ...sentence.sources.map((ref) => el("div", { class: "source" },
      el("a", { href: `#/article/${encodeURIComponent(ref.article)}` }, title(ref)),
      el("span", { class: "meta" }, ` ${outlet(ref) || ""} · sentence ${ref.sentence + 1}`),
      el("blockquote", {}, ref.text))));
  citation.hidden = false;
}

function hideCitation() {
  citation.hidden = true;
}

async function renderArticle(id) {
  const a = await article(id);
  markCurrent(a.story);
  const paragraphs = a.text.split(/\n\s*\n/).filter((p) => p.trim()).map((p) => el("p", {}, p.trim()));
  return [
    el("h2", {}, a.title || a.id),
    el("p", { class: "meta" }, `${a.outlet || "unknown outlet"} · ${formatDate(a.published)}${a.author ? " · " + a.author : ""} · `,
      el("a", { href: `#/story/${encodeURIComponent(a.story)}` }, `story ${a.story}`),
      a.url && safeUrl(a.url) ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null),
    a.flags.length ? section("Provenance", el("ul", {}, a.flags.map((f) => el("li", {}, el("span", { class: "flag" }, f.kind), " ", el("span", { class: "evidence" }, f.evidence))))) : null,
    el("div", { class: "article-text" }, paragraphs),
    a.removed.length ? section("Removed as boilerplate", el("ul", { class: "removed" }, a.removed.map((r) => el("li", {}, `${r.reason}: ${r.text}`)))) : null];
}

async function renderSearch(params) {
  const q = params.get("q") || "";
  const kind = params.get("kind") === "stories" ? "stories" : "articles";
  document.getElementById("q").value = q;
  document.getElementById("kind").value = kind;
  const query = new URLSearchParams({ q, kind, limit: "50" });
  for (const name of ["entity", "outlet", "from", "to"]) if (params.get(name)) query.set(name, params.get(name));
  const page = await api(`/api/search?${query}`);
  const hits = page.items.map((h) => el("div", { class: "hit" },
    el("a", { href: kind === "stories" ? `#/story/${encodeURIComponent(h.id)}` : `#/article/${encodeURIComponent(h.id)}` }, h.title || h.id),
    el("div", { class: "meta" }, kind === "stories" ? `story ${h.id}` : `${h.outlet || "unknown outlet"} · ${formatDate(h.published)} · story ${h.story}`),
    el("div", { class: "snippet" }, h.snippet.map((part) => part.match ? el("mark", {}, part.text) : part.text))));
  return [el("h2", {}, `${page.totalIsEstimate ? "about " : ""}${plural(page.total, "result")} for “${q}”`),
    hits.length ? hits : el("p", { class: "empty" }, "Nothing matches.")];
}

// Each navigation renders into nodes; only the latest navigation's nodes are shown, whichever finishes first.
let navigation = 0;

async function route() {
  const hash = location.hash || "#/";
  const mine = ++navigation;
  let nodes;
  try {
    if (hash.startsWith("#/story/")) nodes = await renderStory(decodeURIComponent(hash.slice(8)));
    else if (hash.startsWith("#/article/")) nodes = await renderArticle(decodeURIComponent(hash.slice(10)));
    else if (hash.startsWith("#/search?")) nodes = await renderSearch(new URLSearchParams(hash.slice(9)));
    else {
      const first = storyList.querySelector("a");
      nodes = first ? await renderStory(first.dataset.story)
        : [el("p", { class: "empty" }, "The store is empty. Add articles with 'dossier ingest PATH…'.")];
    }
  } catch (error) {
    nodes = [el("p", { class: "empty", role: "alert" }, `Could not load: ${error.message}`)];
  }
  if (mine === navigation) show(...nodes);
}

document.getElementById("search").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (!q) return;
  location.hash = "#/search?" + new URLSearchParams({ q, kind: document.getElementById("kind").value });
});
document.getElementById("citation-close").addEventListener("click", hideCitation);
document.addEventListener("keydown", (event) => { if (event.key === "Escape") hideCitation(); });
more.addEventListener("click", () => loadStories().catch(failure));
window.addEventListener("hashchange", route);

loadStories().then(route, failure);
