// Search as you type: accounts, hashtags or posts, one kind at a time (search is rate limited, so only the kind on
// screen is asked for). The query and kind live in the URL (replaceState), so a reload or a shared link keeps them.
import { api, query } from "../api.js";
import { postGrid } from "../components/post-grid.js";
import { segments } from "../components/segments.js";
import { tagRow } from "../components/tag-row.js";
import { userRow } from "../components/user-row.js";
import { empty, errorBox, h, loading, mount } from "../dom.js";

const kinds = [["accounts", "Accounts"], ["tags", "Tags"], ["posts", "Posts"]];
const debounceMs = 200;
const maxLength = 100;

// Accounts and tags are one page each (their routes have no cursor); posts are a paged grid.
const lists = {
  accounts: { path: (q) => `/v1/search/users${query({ q, limit: 30 })}`, className: "user-list", renderItem: userRow, none: "accounts" },
  tags: { path: (q) => `/v1/search/hashtags${query({ q: q.replace(/^#/, ""), limit: 30 })}`, className: "tag-list", renderItem: tagRow, none: "hashtags" },
};

// "#tag" means posts with that hashtag; anything else is caption text.
const postParams = (q) => (q.startsWith("#") ? { hashtag: q.slice(1) } : { q });

export default function render(main, _params, context) {
  let kind = kinds.some(([value]) => value === context.query.get("type")) ? context.query.get("type") : "accounts";
  let timer = null;
  let generation = 0;
  let stop = null;

  const input = h("input", {
    type: "search", id: "search-input", name: "q", autocomplete: "off", spellcheck: "false", maxlength: maxLength,
    placeholder: "Search", value: context.query.get("q") ?? "", "aria-controls": "search-results",
  });
  const results = h("div", { class: "search-results", id: "search-results" });
  const form = h("form", { class: "search-form", role: "search", onsubmit: (event) => { event.preventDefault(); run(); } },
    h("label", { class: "visually-hidden", for: "search-input" }, "Search accounts, tags and posts"), input);
  const tabs = segments("Search in", kinds, kind, (value) => {
    kind = value;
    run();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  });

  mount(main, h("section", { class: "page search" }, h("h1", { class: "visually-hidden" }, "Search"), form, tabs, results));
  run();
  // After the router focuses <main>: typing is why one comes here.
  setTimeout(() => input.focus(), 0);

  async function run() {
    clearTimeout(timer);
    const mine = ++generation;
    stop?.();
    stop = null;
    const q = input.value.trim();
    history.replaceState(null, "", `/search${query({ q, type: kind === "accounts" ? "" : kind })}`);
    if (!q.replace(/^[#@]+/, "")) {
      mount(results, empty("Search for people by name, hashtags with #, or words in captions."));
      return;
    }
    if (kind === "posts") {
      mount(results);
      stop = postGrid(results, "/v1/search/posts", { params: postParams(q), emptyText: `No posts match “${q}”.` });
      return;
    }
    const { path, className, renderItem, none } = lists[kind];
    mount(results, loading("Searching…"));
    try {
      const { items } = await api(path(q));
      // Typing on while this one was out: only the newest query may draw.
      if (mine !== generation) return;
      mount(results, items.length
        ? h("ul", { class: className, "aria-label": `${kinds.find(([value]) => value === kind)[1]} matching ${q}` }, items.map((item) => renderItem(item)))
        : empty(`No ${none} match “${q}”.`));
    } catch (error) {
      if (mine === generation) mount(results, errorBox(error));
    }
  }

  return () => {
    generation++;
    clearTimeout(timer);
    stop?.();
  };
}
