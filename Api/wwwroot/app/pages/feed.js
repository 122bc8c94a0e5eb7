// The home feed: the stories tray on top, then posts page by page as the reader scrolls; chronological or ranked.
import { pagedList } from "../components/paged-list.js";
import { postCard } from "../components/post-card.js";
import { storiesTray } from "../components/stories-tray.js";
import { h, mount } from "../dom.js";

const orderKey = "instagram.feedOrder";

export default function render(main) {
  let stop = null;
  const posts = h("div", { class: "posts" });
  const order = localStorage.getItem(orderKey) === "ranked" ? "ranked" : "chronological";
  const choice = (value, label) => h("button", {
    type: "button", class: "segment", "aria-pressed": String(order === value),
    onclick: () => {
      localStorage.setItem(orderKey, value);
      render(main);
    },
  }, label);
  mount(main, h("section", { class: "page feed" },
    h("h1", { class: "visually-hidden" }, "Home"),
    storiesTray(),
    h("div", { class: "segments", role: "group", "aria-label": "Feed order" }, choice("chronological", "Latest"), choice("ranked", "For you")),
    posts));
  stop = pagedList(posts, {
    path: "/v1/feed",
    params: { order },
    limit: 10,
    renderItem: (post) => postCard(post),
    emptyText: "Your feed is empty. Follow people from Explore or Search to see their posts here.",
  });
  return () => stop?.();
}
