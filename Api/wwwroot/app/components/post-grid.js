// A three-column grid of square thumbnails linking to posts: the profile, explore and hashtag pages use it.
import { pagedList } from "./paged-list.js";
import { h, link } from "../dom.js";
import { icon } from "../icons.js";

export function gridTile(post) {
  const first = post.media?.[0];
  const src = first?.variants?.small ?? first?.variants?.thumbnail;
  const label = `Post by ${post.author?.username ?? "unknown"}${post.caption ? `: ${post.caption.slice(0, 80)}` : ""}`;
  return link(`/p/${post.id}`, { class: "tile", "aria-label": label },
    src ? h("img", { src, alt: label, loading: "lazy", decoding: "async" }) : h("span", { class: "tile-empty" }, post.status === "processing" ? "Processing…" : ""),
    (post.media?.length ?? 0) > 1 && h("span", { class: "tile-multi", "aria-hidden": "true" }, icon("carousel")));
}

/** A paged grid of posts from `path`; returns the stop function of its list. */
export function postGrid(container, path, { params, emptyText } = {}) {
  const grid = h("div", { class: "grid" });
  container.append(grid);
  return pagedList(grid, { path, params, limit: 18, renderItem: gridTile, emptyText: emptyText ?? "No posts yet." });
}
