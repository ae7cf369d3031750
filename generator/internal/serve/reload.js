// The preview server's script: reloads the page when the site was rebuilt,
// keeping the scroll position, and shows content errors over the page
// until they are fixed. Added to every page by kb serve only; never part of
// the published site.
(() => {
  "use strict";
  const key = "kb-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const y = Number(saved);
    const restore = () => window.scrollTo(0, y);
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore, { once: true });
  }

  let build = null;
  let overlay = null;

  function showErrors(messages) {
    removeOverlay();
    overlay = document.createElement("section");
    overlay.id = "kb-fel";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "kb-fel-rubrik");
    const s = overlay.style;
    s.position = "fixed"; s.inset = "auto 0 0 0"; s.maxHeight = "60vh"; s.overflow = "auto";
    s.zIndex = "2147483647"; s.background = "#3b0d0c"; s.color = "#fff"; s.padding = "1rem 1.25rem";
    s.font = "0.95rem/1.45 ui-monospace, Menlo, Consolas, monospace"; s.borderTop = "4px solid #ff6b5e";
    const h = document.createElement("h2");
    h.id = "kb-fel-rubrik";
    h.textContent = messages.length === 1 ? "1 fel i innehållet" : messages.length + " fel i innehållet";
    h.style.margin = "0 0 .5rem"; h.style.font = "bold 1.05rem system-ui, sans-serif";
    const p = document.createElement("p");
    p.textContent = "Sidan visar den senaste versionen utan fel. Rätta felen och spara, så laddas sidan om.";
    p.style.margin = "0 0 .75rem"; p.style.fontFamily = "system-ui, sans-serif";
    const list = document.createElement("ul");
    list.style.margin = "0"; list.style.paddingLeft = "1.2rem";
    for (const m of messages) {
      const li = document.createElement("li");
      li.textContent = m; // text, never HTML: messages quote what editors wrote
      li.style.whiteSpace = "pre-wrap"; li.style.marginBottom = ".35rem";
      list.appendChild(li);
    }
    overlay.append(h, p, list);
    document.body.appendChild(overlay);
  }

  function removeOverlay() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  // The path tells the server which page is in view: it renders that page
  // first after a change.
  const events = new EventSource("/__kb/events?path=" + encodeURIComponent(location.pathname));
  events.addEventListener("ok", (e) => {
    const d = JSON.parse(e.data);
    removeOverlay();
    if (build !== null && d.build !== build) {
      sessionStorage.setItem(key, String(window.scrollY));
      location.reload();
      return;
    }
    build = d.build;
  });
  events.addEventListener("errors", (e) => {
    const d = JSON.parse(e.data);
    if (build === null) build = d.build;
    showErrors(d.messages);
  });
})();
