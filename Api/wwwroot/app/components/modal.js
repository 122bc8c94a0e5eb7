// Overlays as native <dialog>s opened modally: the browser keeps focus inside, Escape closes, and focus goes back to
// the button that opened it. Each dialog is built when needed and removed once closed.
import { h } from "../dom.js";

let titles = 0;

/** Opens a modal with a title, content and optional footer buttons. Returns its close function. */
export function openModal({ title, content = [], actions = [], closeButton = true, className = "", onClose }) {
  const titleId = `modal-title-${++titles}`;
  const dialog = h("dialog", { class: `modal ${className}`, "aria-labelledby": titleId },
    h("header", { class: "modal-header" },
      h("h2", { id: titleId }, title),
      closeButton && h("button", { type: "button", class: "icon-button", "aria-label": "Close", onclick: () => dialog.close() }, "×")),
    h("div", { class: "modal-body" }, content),
    actions.length > 0 && h("footer", { class: "modal-actions" }, actions));
  // A click on the backdrop lands on the <dialog> itself (it has no padding of its own); a followed link changes the
  // page underneath, so the overlay goes too.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog || event.target.closest("a[href]")) dialog.close();
  });
  dialog.addEventListener("close", () => {
    dialog.remove();
    onClose?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  return () => {
    if (dialog.open) dialog.close();
  };
}

/** Asks before something that cannot simply be undone. Resolves true when confirmed. */
export function confirmDialog({ title, text, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    let confirmed = false;
    const close = openModal({
      title,
      closeButton: false,
      className: "modal-small",
      content: h("p", {}, text),
      actions: [
        h("button", { type: "button", class: "secondary", autofocus: true, onclick: () => close() }, "Cancel"),
        h("button", {
          type: "button", class: danger ? "primary danger-fill" : "primary",
          onclick: () => { confirmed = true; close(); },
        }, confirmLabel),
      ],
      onClose: () => resolve(confirmed),
    });
  });
}

/** A short menu of actions; resolves the chosen value, or null when dismissed. */
export function chooseAction({ title, choices }) {
  return new Promise((resolve) => {
    let chosen = null;
    const close = openModal({
      title,
      className: "modal-small",
      content: h("div", { class: "menu" },
        choices.map(({ value, label, danger }, i) => h("button", {
          type: "button", class: `menu-item${danger ? " danger" : ""}`, autofocus: i === 0,
          onclick: () => { chosen = value; close(); },
        }, label)),
        h("button", { type: "button", class: "menu-item", onclick: () => close() }, "Cancel")),
      onClose: () => resolve(chosen),
    });
  });
}
