// Who follows a user, or whom they follow (the path says which), with a switch between the two.
import { errorBox, h, link, loading, mount } from "../dom.js";
import { findUser, missingUser } from "../components/user-lookup.js";
import { userList } from "../components/user-list.js";

const kinds = {
  followers: { label: "Followers", empty: "No followers yet." },
  following: { label: "Following", empty: "Not following anyone yet." },
};

export default async function render(main, { username }) {
  const kind = location.pathname.replace(/\/+$/, "").endsWith("/following") ? "following" : "followers";
  const page = h("section", { class: "page people" }, loading());
  mount(main, page);
  let profile;
  try {
    profile = await findUser(username);
  } catch (error) {
    if (page.isConnected) mount(page, errorBox(error));
    return undefined;
  }
  if (!page.isConnected) return undefined;
  if (!profile) {
    mount(page, missingUser());
    return undefined;
  }

  document.title = `${kinds[kind].label} · @${profile.username} · Instagram.Orleans`;
  const base = `/u/${encodeURIComponent(profile.username)}`;
  const tab = (name) => link(`${base}/${name}`, { class: "segment", "aria-current": name === kind ? "page" : undefined }, kinds[name].label);
  mount(page,
    h("header", { class: "people-header" },
      link(base, { class: "back", "aria-label": `Back to @${profile.username}` }, "‹"),
      h("h1", {}, `@${profile.username}`)),
    h("nav", { class: "segments", "aria-label": "Followers and following" }, tab("followers"), tab("following")));
  // A private account's lists are refused to non-followers: the list shows the API's reason.
  return userList(page, { path: `/v1/users/${profile.id}/${kind}`, emptyText: kinds[kind].empty });
}
