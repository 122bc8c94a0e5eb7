// Trending hashtags over the last hour, day or week, ranked; the chosen window is kept in the URL.
import { api, query } from "../api.js";
import { segments } from "../components/segments.js";
import { tagRow } from "../components/tag-row.js";
import { empty, errorBox, h, loading, mount } from "../dom.js";

const windows = ["1h", "24h", "7d"].map((value) => [value, value]);
const spans = { "1h": "the last hour", "24h": "the last 24 hours", "7d": "the last 7 days" };

export default function render(main, _params, context) {
  let chosen = windows.some(([value]) => value === context.query.get("window")) ? context.query.get("window") : "24h";
  let generation = 0;
  const results = h("div", { class: "trending-results" });
  mount(main, h("section", { class: "page trending" },
    h("h1", {}, "Trending"),
    segments("Time window: last hour, 24 hours or 7 days", windows, chosen, (value) => {
      chosen = value;
      history.replaceState(null, "", `/trending${query({ window: value === "24h" ? "" : value })}`);
      show();
    }),
    results));

  async function show() {
    // A slower answer for a window no longer chosen must not replace the current one.
    const mine = ++generation;
    mount(results, loading());
    try {
      const { tags } = await api(`/v1/trending${query({ window: chosen })}`);
      if (mine !== generation) return;
      mount(results, tags.length
        ? h("ol", { class: "tag-list ranked", "aria-label": `Trending tags in ${spans[chosen]}` }, tags.map(tagRow))
        : empty(`Nothing is trending in ${spans[chosen]}.`));
    } catch (error) {
      if (mine !== generation) return;
      mount(results, errorBox(error), h("button", { type: "button", class: "secondary retry", onclick: show }, "Try again"));
    }
  }

  show();
  return () => { generation++; };
}
