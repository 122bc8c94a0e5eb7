// A hashtag's page: #tag, how many posts carry it, and their grid, newest first.
import { api, query } from "../api.js";
import { postGrid } from "../components/post-grid.js";
import { postCountText } from "../components/tag-row.js";
import { h, mount } from "../dom.js";

export default function render(main, { tag }) {
  const name = tag.replace(/^#/, "").toLowerCase();
  const countLine = h("p", { class: "muted small tag-count" });
  const section = h("section", { class: "page hashtag" },
    h("header", { class: "tag-header" }, h("h1", {}, `#${name}`), countLine));
  mount(main, section);
  document.title = `#${name} · Instagram.Orleans`;
  showCount(name, countLine);
  return postGrid(section, `/v1/hashtags/${encodeURIComponent(name)}/posts`, { emptyText: `No posts with #${name} yet.` });
}

// The posts route has no count; the hashtag search has one. The count only decorates the header, so when it cannot
// be had (unknown tag, rate limit) the header just goes without it: the grid below shows any real problem.
async function showCount(name, line) {
  try {
    const result = await api(`/v1/search/hashtags${query({ q: name, limit: 5 })}`);
    const exact = result?.items?.find((item) => item.tag.toLowerCase() === name);
    if (exact) line.textContent = postCountText(exact.postCount);
  } catch {
    // See above: nothing to show.
  }
}
