// A list that loads cursor pages as it scrolls into view: `{items, nextCursor}` from the API, one page at a time,
// with loading, empty and error states and a retry button.
import { api, query } from "../api.js";
import { empty, errorBox, h, loading } from "../dom.js";

/**
 * Appends pages of `path` (a URL without cursor) into `container`, each item drawn by `renderItem`.
 * Returns a function that stops it.
 */
export function pagedList(container, { path, params = {}, renderItem, emptyText = "Nothing here yet.", limit = 12 }) {
  const sentinel = h("div", { class: "sentinel" });
  let cursor = null;
  let done = false;
  let busy = false;
  let total = 0;
  // A page still in flight when the list is stopped must not draw into it or ask for the next one (a detached
  // sentinel measures as on screen, which would otherwise fetch every remaining page).
  let stopped = false;
  container.after(sentinel);

  async function next() {
    if (busy || done || stopped) return;
    busy = true;
    const status = loading();
    sentinel.replaceChildren(status);
    try {
      const page = await api(path + query({ ...params, cursor, limit }));
      if (stopped) return;
      for (const item of page.items ?? []) {
        const element = renderItem(item);
        if (element) container.append(element);
        total++;
      }
      cursor = page.nextCursor ?? null;
      done = !cursor;
      sentinel.replaceChildren(done && total === 0 ? empty(emptyText) : "");
    } catch (error) {
      if (stopped) return;
      sentinel.replaceChildren(errorBox(error), h("button", { type: "button", class: "secondary", onclick: () => next() }, "Try again"));
      done = false;
      busy = false;
      return;
    }
    busy = false;
    // Keep filling while the sentinel is still on screen (a tall window shows more than one page).
    if (!done && sentinel.getBoundingClientRect().top < window.innerHeight + 400) next();
  }

  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) next();
  }, { rootMargin: "400px" });
  observer.observe(sentinel);
  next();
  return () => {
    stopped = true;
    observer.disconnect();
    sentinel.remove();
  };
}
