// Explore: a search box (a link to the search page, where typing happens) over a grid of posts from outside the
// caller's graph.
import { postGrid } from "../components/post-grid.js";
import { h, link, mount } from "../dom.js";
import { icon } from "../icons.js";

export default function render(main) {
  const section = h("section", { class: "page explore" },
    h("h1", { class: "visually-hidden" }, "Explore"),
    link("/search", { class: "search-box-link" }, h("span", { class: "search-glyph", "aria-hidden": "true" }, icon("search")), "Search accounts, tags and posts"),
    // The top bar drops its Trending link at phone width; this one is always there.
    link("/trending", { class: "text-button trending-link" }, "Trending hashtags"));
  mount(main, section);
  return postGrid(section, "/v1/explore", { emptyText: "Nothing to explore yet. Posts from people you don't follow show up here." });
}
