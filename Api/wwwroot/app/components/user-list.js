// People page by page (followers, following, likes, follow requests): a <ul> of userRow, one API list each.
import { h } from "../dom.js";
import { pagedList } from "./paged-list.js";
import { openModal } from "./modal.js";
import { userRow } from "./user-row.js";

/** Appends a paged list of the users at `path` to `container`; `row` draws one (a plain userRow by default). Returns its stop function. */
export function userList(container, { path, emptyText, row = (user) => userRow(user), limit = 20 }) {
  const list = h("ul", { class: "user-list" });
  container.append(list);
  return pagedList(list, { path, emptyText, limit, renderItem: row });
}

/** The same list in a modal (who liked a post). Returns a function that closes it. */
export function userListDialog({ title, path, emptyText }) {
  const body = h("div", { class: "modal-list" });
  let stop = null;
  const close = openModal({ title, content: body, className: "modal-people", onClose: () => stop?.() });
  stop = userList(body, { path, emptyText });
  return close;
}
