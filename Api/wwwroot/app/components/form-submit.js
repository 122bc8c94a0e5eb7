// Submitting a form to the API: one request at a time, its button disabled meanwhile, a refusal shown by the form.
import { h } from "../dom.js";

/**
 * Runs `action` on each submit (also a requestSubmit from a shortcut) unless one is already running.
 * Returns the element that shows the failure's text; place it in the form.
 */
export function onSubmit(form, action) {
  const error = h("p", { class: "error form-error", role: "alert", hidden: true });
  let running = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (running) return;
    running = true;
    const button = form.querySelector('[type="submit"]');
    error.hidden = true;
    if (button) button.disabled = true;
    try {
      await action();
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    } finally {
      running = false;
      if (button) button.disabled = false;
    }
  });
  return error;
}
