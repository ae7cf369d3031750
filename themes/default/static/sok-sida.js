// @ts-check
// The search page (/sok/): the search box, the filters and the results, over
// the search engine (the asset sok.js, which kb writes from
// generator/internal/search/browser), which this module imports from the URL
// its own <script> element names in data-engine: asset names carry a content
// hash, so no fixed name would do.
//
// The state lives in the URL: ?q= and one parameter per facet, repeated for
// several values. Typing replaces the current history entry (the first
// keystroke after a committed state opens a new one); a submit, a change of
// filter, a suggestion or a pause in the typing commits it, so that the back
// button returns to the state before. popstate restores the form and the
// results from the URL.
//
// Nothing that comes from the index is ever inserted as HTML: every element
// is made with createElement and filled with textContent, and every link is
// checked to stay on the site.

// The facets of the page's filter (layouts/sok.html), in its order; a
// facet left out here would filter the results but be lost from the URL.
const FACETS = ["omrade", "kommun", "lan", "status", "ar", "initiativ", "leverantor", "upphandling"];
const PAGE = 10; // results per page, and per "Visa fler träffar"
const COLLAPSED = 8; // values of a facet shown before "Visa alla"
const TYPING_MS = 120; // search as you type, after this pause
const COMMIT_MS = 1000; // a pause this long commits what was typed
const ANNOUNCE_MS = 700; // the count is announced when typing pauses this long
const SLOW_MS = 400; // "Söker …" is shown when a search takes longer

// distance is the engine's edit distance (spelling.DistanceWithSwaps in
// Go), set when the engine is loaded, which it is before any suggestion.
/** @type {(a: string[], b: string[], max: number) => number} */
let distance = (a, b, max) => max + 1;

const script = document.querySelector("script[data-engine]");
const root = document.querySelector("[data-search]");
const textsElement = document.getElementById("sok-texter");

if (script instanceof HTMLScriptElement && root instanceof HTMLElement && textsElement) {
  start(script, root, textsElement);
}

/**
 * find returns the element selector finds in parent, which must be a T.
 * @template {Element} T
 * @param {ParentNode} parent
 * @param {string} selector
 * @param {{new (): T, prototype: T}} type
 * @returns {T}
 */
function find(parent, selector, type) {
  const e = parent.querySelector(selector);
  if (!(e instanceof type)) throw new Error("sok: the page has no " + type.name + " " + selector);
  return e;
}

/**
 * start runs the search page.
 * @param {HTMLScriptElement} script this module's element
 * @param {HTMLElement} root the search's element, data-search
 * @param {HTMLElement} textsElement the interface texts, as JSON
 */
function start(script, root, textsElement) {
  const texts = JSON.parse(textsElement.textContent || "{}");
  const lang = document.documentElement.lang || "sv";
  const siteRoot = new URL(script.dataset.base || "/", location.href);
  const manifest = new URL(script.dataset.index || "", location.href).href;

  const form = find(root, "form", HTMLFormElement);
  const input = find(root, "[data-query]", HTMLInputElement);
  const status = find(root, "[data-status]", HTMLElement);
  const filter = find(root, "[data-filter]", HTMLDetailsElement);
  const chosen = find(root, "[data-chosen]", HTMLElement);
  const clear = find(root, "[data-clear]", HTMLButtonElement);
  const section = find(root, "[data-results]", HTMLElement);
  const list = find(root, "[data-result-list]", HTMLOListElement);
  const more = find(root, "[data-more]", HTMLButtonElement);
  const noScript = find(document, "[data-no-script]", HTMLElement);
  /** @type {Map<string, {fs: HTMLFieldSetElement, ul: HTMLUListElement, toggle: HTMLButtonElement, keys: string, expanded: boolean}>} */
  const fieldsets = new Map();
  for (const fs of root.querySelectorAll("fieldset[data-facet]")) {
    if (!(fs instanceof HTMLFieldSetElement)) continue;
    fieldsets.set(fs.dataset.facet || "", {
      fs,
      ul: find(fs, "ul", HTMLUListElement),
      toggle: find(fs, "[data-show-all]", HTMLButtonElement),
      keys: "", // the values shown, in order, to know when to rebuild
      expanded: false,
    });
  }

  // The page works: hide the message for browsers without script.
  noScript.hidden = true;
  root.hidden = false;
  filter.open = matchMedia("(min-width: 50rem)").matches;

  let state = fromURL();
  let seq = 0; // the number of the latest search; older answers are dropped
  let shown = 0; // results in the list
  // The pages of an approximate first page (ranked from the first parts
  // of the postings): the next pages leave them out, so that none is
  // shown twice or skipped.
  let approximate = [];
  let total = 0;
  let typing = false; // the current history entry is still being typed
  let typingTimer = 0, commitTimer = 0, announceTimer = 0;

  // The engine, imported and opened at first need. A failure is not
  // kept, so that the next search tries again.
  let engine = null;
  const index = () => {
    if (!engine) {
      engine = import(new URL(script.dataset.engine || "", location.href).href).then((m) => {
        distance = m.distance;
        return m.open(manifest);
      });
      engine.catch(() => { engine = null; });
    }
    return engine;
  };

  function fromURL() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const f of FACETS) {
      const values = [...new Set(params.getAll(f).filter(Boolean))];
      if (values.length) filters[f] = values;
    }
    return { q: params.get("q") || "", filters };
  }

  function toURL(st) {
    const params = new URLSearchParams();
    if (st.q.trim()) params.set("q", st.q.trim());
    for (const f of FACETS) {
      for (const v of [...(st.filters[f] || [])].sort()) params.append(f, v);
    }
    const s = params.toString();
    return location.pathname + (s ? "?" + s : "");
  }

  const hasFilters = (filters) => FACETS.some((f) => filters[f] && filters[f].length);
  const filterCount = (filters) => FACETS.reduce((n, f) => n + (filters[f] ? filters[f].length : 0), 0);

  // remember puts the state into the URL: while typing by replacing the
  // entry being typed (or opening one), on a commit by opening a new entry
  // unless the current one already shows the state.
  function remember(commit) {
    const url = toURL(state);
    const same = url === toURL(fromURL());
    if (!commit) {
      if (typing) {
        if (!same) history.replaceState(null, "", url);
      } else if (!same) {
        history.pushState(null, "", url);
        typing = true;
      }
      return;
    }
    typing = false;
    clearTimeout(commitTimer);
    if (!same) history.pushState(null, "", url);
  }

  function format(s, ...args) {
    return s.replace(/%[ds]/g, () => {
      const a = args.shift();
      return typeof a === "number" ? a.toLocaleString(lang) : String(a);
    });
  }

  const plural = (n, one, many) => format(n === 1 ? one : many, n);

  // run searches for the current state and shows the first page of
  // results. how.announce: 'now', or 'later' while typing.
  async function run(how = {}) {
    const my = ++seq;
    const q = state.q;
    const filters = state.filters;
    clearTimeout(announceTimer);
    if (!q.trim() && !hasFilters(filters)) {
      // Nothing asked: the engine would find nothing (and need not load).
      show(my, { query: q, total: 0, results: [], facets: {}, suggestions: [] }, how);
      return;
    }
    const slow = setTimeout(() => {
      if (my === seq) setStatus([texts.searching]);
    }, SLOW_MS);
    let res;
    try {
      const ix = await index();
      // The first results first: the engine may rank them from the first
      // parts of common words' postings, and leaves the facet counts out
      // (the facet table is the largest file a first query would load).
      res = await ix.search(q, { filters, limit: PAGE, offset: 0, facets: false, first: true });
      if (my !== seq) return; // a later search has started
      if (res.complete === false || filter.open) {
        // Show them, then count: the exact total, and the facets while
        // the filters are open (on a phone they start closed). The
        // count is announced once, when it is known.
        showResults(res);
        setStatus([]);
        res = await ix.search(q, { filters, limit: PAGE, offset: 0, facets: filter.open });
        if (my !== seq) return;
        clearTimeout(slow);
        show(my, res, how, true);
        return;
      }
    } catch (e) {
      clearTimeout(slow);
      if (my === seq) failed(e);
      return;
    }
    clearTimeout(slow);
    show(my, res, how);
  }

  // showResults puts the first results in the list; without a total yet,
  // "Visa fler träffar" is offered when the page is full.
  function showResults(res) {
    const results = Array.isArray(res.results) ? res.results : [];
    list.replaceChildren(...results.map(item));
    shown = results.length;
    approximate = res.approximate === true ? results.map((r) => r.page) : [];
    section.hidden = shown === 0;
    more.hidden = shown < PAGE;
  }

  // show shows a search's results (unless kept: the list already shows
  // them), count and facets.
  function show(my, res, how, kept = false) {
    total = Number(res.total) || 0;
    if (!kept) showResults(res);
    more.hidden = shown >= total;
    renderFacets(res.facets || {});
    const parts = statusParts(res);
    if (how.announce === "later") {
      announceTimer = setTimeout(() => { if (my === seq) setStatus(parts); }, ANNOUNCE_MS);
    } else {
      setStatus(parts, how.again);
    }
  }

  // statusParts is the count sentence, as strings and, for suggestions,
  // links.
  function statusParts(res) {
    const q = state.q.trim();
    const filtered = hasFilters(state.filters);
    if (!q && !filtered) return [];
    if (total > 0) {
      return [q ? format(total === 1 ? texts.hits_one : texts.hits_many, total, q) :
        plural(total, texts.filtered_one, texts.filtered_many)];
    }
    const parts = [q ? format(filtered ? texts.none_filtered : texts.none, q) : texts.filtered_none];
    const suggestions = (Array.isArray(res.suggestions) ? res.suggestions : []).filter((s) => typeof s === "string" && s.trim()).slice(0, 3);
    if (q && suggestions.length) {
      parts.push(" " + texts.did_you_mean + " ");
      suggestions.forEach((s, i) => {
        if (i > 0) parts.push(", ");
        parts.push(suggestionLink(s));
      });
      parts.push("?");
    }
    return parts;
  }

  function suggestionLink(word) {
    const q = replaceClosest(state.q, word);
    const a = document.createElement("a");
    a.href = toURL({ q, filters: state.filters });
    a.textContent = word;
    a.addEventListener("click", (e) => {
      e.preventDefault();
      input.value = q;
      state = { q, filters: state.filters };
      remember(true);
      input.focus();
      run({ announce: "now" });
    });
    return a;
  }

  // setStatus replaces the live region's content. again: clear it first,
  // so that the same sentence is announced once more.
  function setStatus(parts, again) {
    clearTimeout(announceTimer);
    const nodes = parts.map((p) => (typeof p === "string" ? document.createTextNode(p) : p));
    if (again && status.textContent === nodes.map((n) => n.textContent).join("")) {
      status.replaceChildren();
      setTimeout(() => status.replaceChildren(...nodes), 50);
      return;
    }
    status.replaceChildren(...nodes);
  }

  function failed(e) {
    console.error("sok: the search could not be loaded:", e);
    find(noScript, "[data-needs-script]", HTMLElement).hidden = true;
    noScript.hidden = false;
    setStatus([texts.failed]);
    list.replaceChildren();
    section.hidden = true;
  }

  // link returns the path of a page of the site (rel is relative to the
  // site's root), with a fragment, or null when rel leads off the site.
  function link(rel, fragment) {
    let u;
    try {
      u = new URL(String(rel), siteRoot);
    } catch {
      return null;
    }
    if (u.origin !== location.origin || !u.pathname.startsWith(siteRoot.pathname)) return null;
    if (fragment) u.hash = String(fragment);
    return u.pathname + u.search + u.hash;
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function item(r) {
    const li = el("li", "sok-traff");
    const h = el("h3");
    const href = link(r.url);
    if (href) {
      const a = el("a", "", r.title);
      a.href = href;
      h.append(a);
    } else {
      h.textContent = r.title;
    }
    li.append(h);
    const meta = [r.municipality, r.year, texts.typ[r.type]].filter((s) => typeof s === "string" && s).join(" · ");
    if (meta) li.append(el("p", "meta", meta));
    if (Array.isArray(r.excerpt) && r.excerpt.length) {
      const p = el("p", "sok-utdrag");
      for (const part of r.excerpt) {
        if (!part || part.text == null) continue;
        p.append(part.mark ? el("mark", "", String(part.text)) : document.createTextNode(String(part.text)));
      }
      li.append(p);
    }
    if (href && r.section && r.section.id) {
      const to = link(r.url, r.section.id);
      if (to) {
        const p = el("p", "sok-avsnitt");
        const a = el("a", "", format(texts.in_section, r.section.title || r.section.id));
        a.href = to;
        p.append(a);
        li.append(p);
      }
    }
    return li;
  }

  // Facets. A fieldset is rebuilt only when the values it shows change;
  // otherwise its counts are updated in place, so that focus stays.
  function renderFacets(facets) {
    const active = document.activeElement;
    const focused = active instanceof HTMLInputElement && active.matches("input[type=checkbox][data-facet]") ?
      { facet: active.dataset.facet || "", key: active.value } : null;
    let any = false;
    for (const [name, f] of fieldsets) {
      const chosenValues = state.filters[name] || [];
      const values = (Array.isArray(facets[name]) ? facets[name] : []).filter((v) =>
        v && v.key != null && (v.count > 0 || v.selected || chosenValues.includes(String(v.key)) ||
          (focused && focused.facet === name && focused.key === String(v.key))));
      f.fs.hidden = values.length === 0;
      if (values.length) any = true;
      const keys = values.map((v) => String(v.key)).join("\n");
      if (keys !== f.keys) {
        f.keys = keys;
        f.ul.replaceChildren(...values.map((v) => facetValue(name, v)));
      } else {
        const lis = f.ul.children;
        values.forEach((v, i) => updateValue(lis[i], v));
      }
      for (const box of f.ul.querySelectorAll("input")) box.checked = chosenValues.includes(box.value);
      collapse(f);
    }
    filter.hidden = !any && !hasFilters(state.filters);
    const n = filterCount(state.filters);
    chosen.textContent = n ? " (" + plural(n, texts.selected_one, texts.selected_many) + ")" : "";
    clear.hidden = n === 0;
    if (focused && document.activeElement !== active) {
      for (const box of fieldsets.get(focused.facet)?.ul.querySelectorAll("input") ?? []) {
        if (box.value === focused.key) box.focus();
      }
    }
  }

  let ids = 0;
  function facetValue(name, v) {
    const li = el("li");
    const box = el("input");
    box.type = "checkbox";
    box.id = "sok-" + name + "-" + (++ids);
    box.name = name;
    box.value = String(v.key);
    box.dataset.facet = name;
    const label = el("label");
    label.htmlFor = box.id;
    label.append(el("span", "sok-etikett"), " ", el("span", "count"));
    li.append(box, label);
    updateValue(li, v);
    return li;
  }

  function updateValue(li, v) {
    const label = li.querySelector("label");
    label.firstChild.textContent = v.label || String(v.key);
    const count = label.lastChild;
    const n = Number(v.count) || 0;
    count.replaceChildren(n.toLocaleString(lang), el("span", "visually-hidden", " " + (n === 1 ? texts.hit_one : texts.hit_many)));
  }

  // collapse hides the values of a long facet after the first COLLAPSED,
  // except chosen ones, unless the reader asked to see them all.
  function collapse(f) {
    const lis = [...f.ul.children];
    const long = lis.length > COLLAPSED + 1;
    f.toggle.hidden = !long;
    lis.forEach((li, i) => {
      li.hidden = long && !f.expanded && i >= COLLAPSED && !li.querySelector("input").checked;
    });
    f.toggle.setAttribute("aria-expanded", String(long && f.expanded));
    f.toggle.textContent = f.expanded ? texts.show_fewer : format(texts.show_all, lis.length);
  }

  // Events

  input.value = state.q;
  input.addEventListener("focus", () => { index().catch(() => {}); }, { once: true });
  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    clearTimeout(commitTimer);
    typingTimer = setTimeout(() => {
      state = { q: input.value, filters: state.filters };
      remember(false);
      run({ announce: "later" });
      commitTimer = setTimeout(() => { typing = false; }, COMMIT_MS);
    }, TYPING_MS);
  });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(typingTimer);
    state = { q: input.value, filters: state.filters };
    remember(true);
    run({ announce: "now", again: true });
  });

  // Opening the filters fetches their counts for the current search.
  filter.addEventListener("toggle", () => {
    if (filter.open && (state.q.trim() || hasFilters(state.filters))) run({ announce: "later" });
  });
  filter.addEventListener("change", (e) => {
    const box = e.target;
    if (!(box instanceof HTMLInputElement) || !box.matches("input[type=checkbox][data-facet]")) return;
    const name = box.dataset.facet || "";
    const values = new Set(state.filters[name] || []);
    if (box.checked) values.add(box.value); else values.delete(box.value);
    const filters = { ...state.filters };
    if (values.size) filters[name] = [...values]; else delete filters[name];
    clearTimeout(typingTimer);
    state = { q: input.value, filters };
    remember(true);
    run({ announce: "now" });
  });

  for (const f of fieldsets.values()) {
    f.toggle.addEventListener("click", () => {
      const hidden = [...f.ul.children].filter((li) => li instanceof HTMLElement && li.hidden);
      f.expanded = !f.expanded;
      collapse(f);
      // Focus the first value that came into view.
      if (f.expanded && hidden.length) hidden[0].querySelector("input")?.focus();
    });
  }

  clear.addEventListener("click", () => {
    clearTimeout(typingTimer);
    state = { q: input.value, filters: {} };
    remember(true);
    filter.querySelector("summary")?.focus();
    run({ announce: "now" });
  });

  let loadingMore = false;
  more.addEventListener("click", async () => {
    if (loadingMore) return;
    loadingMore = true;
    const my = seq;
    const offset = shown;
    let res;
    try {
      res = await (await index()).search(state.q, { filters: state.filters, limit: PAGE, offset: offset - approximate.length, exclude: approximate, facets: false });
    } catch (e) {
      if (my === seq) failed(e);
      return;
    } finally {
      loadingMore = false;
    }
    if (my !== seq || offset !== shown) return;
    const items = (Array.isArray(res.results) ? res.results : []).map(item);
    list.append(...items);
    shown += items.length;
    total = Number(res.total) || total;
    more.hidden = shown >= total || items.length === 0;
    const first = items.length && items[0].querySelector("a");
    if (first) first.focus();
  });

  addEventListener("popstate", () => {
    clearTimeout(typingTimer);
    clearTimeout(commitTimer);
    typing = false;
    state = fromURL();
    input.value = state.q;
    run({ announce: "now" });
  });

  run({ announce: "now" });
}

// replaceClosest replaces the word of q that is closest to word (by edit
// distance over lower case) with word: a suggestion is for one word. The
// quotes of a phrase around the word stay.
function replaceClosest(q, word) {
  const words = q.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1 || /\s/.test(word.trim())) return word;
  const target = Array.from(word.toLowerCase());
  const quoted = (w) => /^(["“”„«»]*)(.*?)(["“”„«»]*)$/.exec(w) || ["", "", w, ""];
  let best = 0, bestD = Infinity;
  words.forEach((w, i) => {
    const a = Array.from(quoted(w)[2].toLowerCase());
    const d = distance(a, target, a.length + target.length);
    if (d < bestD) { best = i; bestD = d; }
  });
  const [, open, , close] = quoted(words[best]);
  words[best] = open + word + close;
  return words.join(" ");
}
