// Editing the caller's own profile: name, bio, and whether the account is private.
import { api } from "../api.js";
import { setCurrentUser } from "../session.js";
import { avatar, errorBox, h, link, loading, mount, toast } from "../dom.js";
import { onSubmit } from "../components/form-submit.js";

const bioLimit = 150;

export default async function render(main) {
  const page = h("section", { class: "page settings" }, loading());
  mount(main, page);
  let me;
  try {
    me = await api("/v1/users/me");
  } catch (error) {
    if (page.isConnected) mount(page, errorBox(error));
    return;
  }
  if (!page.isConnected) return;

  const fullName = h("input", { id: "settings-name", name: "fullName", autocomplete: "name", maxlength: 64 });
  fullName.value = me.fullName ?? "";
  const bio = h("textarea", { id: "settings-bio", name: "bio", rows: 3, maxlength: bioLimit, "aria-describedby": "settings-bio-count" });
  bio.value = me.bio ?? "";
  const bioCount = h("span", { id: "settings-bio-count", class: "muted small" });
  const showCount = () => { bioCount.textContent = `${bio.value.length} / ${bioLimit} characters`; };
  bio.addEventListener("input", showCount);
  showCount();
  const isPrivate = h("input", { type: "checkbox", id: "settings-private", name: "isPrivate", checked: me.isPrivate, "aria-describedby": "settings-private-help" });
  const requestsLink = link("/requests", {}, "See follow requests");
  const showRequestsLink = () => { requestsLink.hidden = !isPrivate.checked; };
  isPrivate.addEventListener("change", showRequestsLink);
  showRequestsLink();

  const form = h("form", { class: "card settings-form" },
    h("div", { class: "settings-who" }, avatar(me, 56),
      h("div", { class: "names" }, h("strong", {}, me.username), link(`/u/${encodeURIComponent(me.username)}`, { class: "small" }, "View profile"))),
    h("div", { class: "field" }, h("label", { for: "settings-name" }, "Name"), fullName),
    h("div", { class: "field" }, h("label", { for: "settings-bio" }, "Bio"), bio, bioCount),
    h("div", { class: "check-field" },
      h("label", { class: "check" }, isPrivate, h("span", {}, "Private account")),
      h("p", { id: "settings-private-help", class: "muted small" },
        "Only people you approve can see your photos and your followers and following lists. People who already follow you stay."),
      requestsLink),
    h("button", { type: "submit", class: "primary wide" }, "Save"));
  form.insertBefore(onSubmit(form, async () => {
    const updated = await api("/v1/users/me", {
      method: "PATCH",
      body: { fullName: fullName.value.trim(), bio: bio.value, isPrivate: isPrivate.checked },
    });
    setCurrentUser(updated);
    toast("Profile saved.");
  }), form.lastElementChild);

  mount(page, h("h1", {}, "Edit profile"), form);
  fullName.focus();
}
