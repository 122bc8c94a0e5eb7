// Pending requests to follow the caller's private account: approve or decline each; a handled row leaves the list.
import { api } from "../api.js";
import { busy, empty, h, mount, toast } from "../dom.js";
import { userList } from "../components/user-list.js";
import { userRow } from "../components/user-row.js";

export default function render(main) {
  const heading = h("h1", { tabindex: "-1" }, "Follow requests");
  const done = empty("No more requests. You're all caught up.");
  done.hidden = true;
  const page = h("section", { class: "page requests" },
    heading,
    h("p", { class: "muted small intro" }, "People who asked to follow your private account. Approving lets them see your photos."),
    done);
  mount(main, page);

  function requestRow(user) {
    done.hidden = true;
    const decide = (verb, message) => (event) => busy(event.currentTarget, async () => {
      await api(`/v1/follow-requests/${user.id}/${verb}`, { method: "POST" });
      const list = row.parentElement;
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      toast(message);
      // Keep the keyboard where it was: on the neighbouring request, or the heading once none are left.
      (next?.querySelector("button") ?? heading).focus();
      if (list && list.children.length === 0) done.hidden = false;
    });
    const row = userRow(user, {
      action: h("span", { class: "row-actions" },
        h("button", { type: "button", class: "primary small-button", "aria-label": `Approve ${user.username}`, onclick: decide("approve", `@${user.username} now follows you.`) }, "Approve"),
        h("button", { type: "button", class: "secondary small-button", "aria-label": `Decline ${user.username}`, onclick: decide("decline", `Declined @${user.username}.`) }, "Decline")),
    });
    return row;
  }

  return userList(page, { path: "/v1/follow-requests", emptyText: "No pending follow requests.", row: requestRow });
}
