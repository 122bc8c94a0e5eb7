// A person in a list (search, followers, following, likes, requests): picture, names, and an optional follow button.
import { api } from "../api.js";
import { currentUser } from "../session.js";
import { avatar, busy, h, link } from "../dom.js";

export function userRow(user, { action } = {}) {
  return h("li", { class: "user-row" },
    link(`/u/${encodeURIComponent(user.username)}`, { class: "author" }, avatar(user, 44),
      h("span", { class: "names" }, h("strong", {}, user.username, user.isVerified ? " ✓" : ""), user.fullName && h("span", { class: "muted small" }, user.fullName))),
    // Summaries in lists do not say whether the caller follows them: only full profiles get a button by default.
    action === undefined ? ("isFollowing" in user ? followButton(user) : null) : action);
}

/** Follow / Requested / Following, toggled through the API; nothing for the caller themself. */
export function followButton(user) {
  if (!currentUser() || user.id === currentUser().id) return null;
  const state = () => (user.isFollowing ? "following" : user.followRequested ? "requested" : "none");
  const label = { following: "Following", requested: "Requested", none: "Follow" };
  const button = h("button", { type: "button", class: "primary small-button" });
  const draw = () => {
    button.textContent = label[state()];
    button.className = state() === "none" ? "primary small-button" : "secondary small-button";
    button.setAttribute("aria-label", `${label[state()]} ${user.username}`);
  };
  button.addEventListener("click", () => busy(button, async () => {
    if (state() === "none") {
      const result = await api(`/v1/users/${user.id}/follow`, { method: "POST" });
      user.isFollowing = result.state === "following";
      user.followRequested = result.state === "requested";
    } else {
      await api(`/v1/users/${user.id}/follow`, { method: "DELETE" });
      user.isFollowing = false;
      user.followRequested = false;
    }
    draw();
    button.dispatchEvent(new CustomEvent("follow-change", { bubbles: true, detail: user }));
  }));
  draw();
  return button;
}
