// A hashtag in a list (search results, trending): the tag linking to its page, and how many posts carry it.
import { count, h, link } from "../dom.js";

export const postCountText = (n) => `${count(n)} ${Number(n) === 1 ? "post" : "posts"}`;

export function tagRow({ tag, postCount }) {
  return h("li", { class: "tag-row" },
    link(`/tags/${encodeURIComponent(tag)}`, { class: "tag-link" },
      h("span", { class: "tag-sigil", "aria-hidden": "true" }, "#"),
      h("span", { class: "names" }, h("strong", {}, `#${tag}`), postCount !== undefined && h("span", { class: "muted small" }, postCountText(postCount)))));
}
