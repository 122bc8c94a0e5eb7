// A new post: 1–10 photos, a caption and an optional place. Sharing uploads the photos (a bar per photo and one for
// all), creates the post and waits for it to publish before opening it. With one photo it can go to the story instead.
// Uploads that finished are kept, so after a failure "Share" again only sends what is missing.
import { api } from "../api.js";
import { isVideo, photoPicker } from "../components/photo-picker.js";
import { h, mount, toast } from "../dom.js";
import { sleep } from "../timing.js";
import { uploadFile } from "../upload.js";

const maxPhotos = 10;
const maxCaption = 2200;
const maxPlace = 100;
// Two at a time: enough to fill a phone's uplink without starving the page's other requests.
const parallelUploads = 2;
// GET /v1/posts/{id} until it publishes: about 15 s in all, often at first, when most posts are done.
const pollDelaysMs = [500, 750, 1000, 1500, 2000, 2500, 3000, 3500];

const units = [["megabyte", 1e6], ["kilobyte", 1e3], ["byte", 1]].map(([unit, bytes]) =>
  [bytes, new Intl.NumberFormat(undefined, { style: "unit", unit, maximumFractionDigits: 1 })]);
const size = (bytes) => {
  const [scale, format] = units.find(([unit]) => bytes >= unit) ?? units.at(-1);
  return format.format(bytes / scale);
};

export default function render(main, params, context) {
  let controller = null; // the share in flight: Cancel and leaving the page abort it
  let left = false;

  const error = h("p", { class: "error", role: "alert", hidden: true });
  const status = h("p", { class: "muted compose-status", role: "status" });
  const showError = (message) => {
    error.textContent = message;
    error.hidden = false;
  };
  const picker = photoPicker({
    max: maxPhotos,
    onChange: () => {
      error.hidden = true; // the photos it was about may be gone
      update();
    },
    onRefused: showError,
  });

  const caption = h("textarea", { id: "compose-caption", name: "caption", rows: 4, maxlength: maxCaption, "aria-describedby": "compose-caption-count", oninput: update });
  const counter = h("span", { id: "compose-caption-count", class: "muted small counter" });
  const place = h("input", { id: "compose-location", name: "location", maxlength: maxPlace, autocomplete: "off" });
  // Where the media go: a post (1–10 photos or videos), a reel (one vertical video) or the story (one item).
  const destination = (value) => h("input", { type: "radio", name: "destination", value, checked: value === "post", onchange: update });
  const destinations = [["post", "Post"], ["reel", "Reel"], ["story", "Story"]].map(([value, label]) => [destination(value), label]);
  const chosen = () => destinations.find(([input]) => input.checked)[0].value;
  const rule = h("p", { id: "compose-rule", class: "muted small" });

  const overall = h("progress", { max: 100, value: 0, "aria-label": "All photos uploaded" });
  const overallText = h("span", { class: "muted small" });
  const progressRow = h("div", { class: "overall", hidden: true }, overall, overallText);
  const share = h("button", { type: "submit", class: "primary", "aria-describedby": "compose-rule" }, "Share");
  const cancel = h("button", { type: "button", class: "secondary", hidden: true, onclick: () => controller?.abort() }, "Cancel");

  const fields = h("fieldset", { class: "compose-fields" },
    h("legend", { class: "visually-hidden" }, "Photos and details"),
    picker.element,
    // The counter sits outside the label (it describes the field; it is not its name).
    h("div", { class: "field" }, h("label", { for: "compose-caption" }, "Caption"), caption, counter),
    h("div", { class: "field" }, h("label", { for: "compose-location" }, "Location (optional)"), place),
    h("fieldset", { class: "destinations" }, h("legend", {}, "Share as"),
      destinations.map(([input, label]) => h("label", { class: "check" }, input, h("span", {}, label)))));
  const form = h("form", { class: "card compose", novalidate: true, onsubmit: submit },
    fields, rule, progressRow, status, error,
    h("div", { class: "compose-actions" }, cancel, share));
  mount(main, h("section", { class: "page compose-page" }, h("h1", {}, "New post"), form));
  update();

  function update() {
    const count = picker.photos().length;
    counter.textContent = `${caption.value.length} / ${maxCaption}`;
    const where = chosen();
    caption.disabled = where === "story";
    place.disabled = where !== "post";
    share.textContent = { post: "Share", reel: "Share reel", story: "Share to story" }[where];
    const broken = count === 0 ? "Choose at least one photo or video."
      : where === "story" && count !== 1 ? `A story takes exactly one photo or video; remove ${count - 1}.`
        : where === "reel" && (count !== 1 || !isVideo(picker.photos()[0])) ? "A reel takes exactly one video (vertical, up to 90 s)."
          : null;
    rule.textContent = broken ?? `${count} of ${maxPhotos}.`;
    share.disabled = Boolean(controller) || broken !== null;
  }

  function setSending(sending) {
    fields.disabled = sending;
    picker.setDisabled(sending);
    cancel.hidden = !sending;
    update();
  }

  async function submit(event) {
    event.preventDefault();
    if (controller || share.disabled) return;
    const photos = picker.photos();
    controller = new AbortController();
    const { signal } = controller;
    error.hidden = true;
    setSending(true);
    try {
      const mediaIds = await uploadAll(photos, signal);
      if (chosen() === "story") {
        status.textContent = "Adding to your story…";
        await api("/v1/stories", { method: "POST", body: { mediaId: mediaIds[0] } });
        toast("Added to your story.");
        context.navigate("/");
        return;
      }
      status.textContent = "Sharing…";
      const text = caption.value.trim() || undefined;
      const { postId } = chosen() === "reel"
        ? await api("/v1/reels", { method: "POST", body: { mediaId: mediaIds[0], caption: text } })
        : await api("/v1/posts", {
          method: "POST",
          body: { mediaIds, caption: text, location: place.value.trim() ? { name: place.value.trim() } : undefined },
        });
      // The photos now belong to that post: another try has to upload them afresh.
      photos.forEach((photo) => { photo.mediaId = null; });
      cancel.hidden = true; // the post exists; cancelling now would only stop the waiting
      status.replaceChildren(h("span", { class: "spinner", "aria-hidden": "true" }), "Processing…");
      const post = await waitForPost(postId, signal);
      if (post?.status === "failed") {
        throw new Error(`The post could not be published: ${post.failureReason || "its photos could not be processed."}`);
      }
      if (post?.status !== "published") toast("Your post is still processing; it appears once it is ready.");
      context.navigate(`/p/${postId}`);
    } catch (failure) {
      if (left) return;
      status.textContent = "";
      if (failure.name === "AbortError") status.textContent = "Cancelled. Photos already uploaded are kept for the next try.";
      else showError(nameMedia(failure.message, photos));
    } finally {
      controller = null;
      if (!left) setSending(false);
    }
  }

  /** Uploads every photo not yet uploaded, two at a time; resolves their mediaIds in order. */
  async function uploadAll(photos, signal) {
    const total = photos.reduce((sum, photo) => sum + photo.file.size, 0);
    const sent = new Map(photos.map((photo) => [photo, photo.mediaId ? photo.file.size : 0]));
    const report = () => {
      const bytes = [...sent.values()].reduce((sum, value) => sum + value, 0);
      const done = photos.filter((photo) => photo.mediaId).length;
      overall.value = total ? Math.round((bytes / total) * 100) : 100;
      overallText.textContent = `${done} of ${photos.length} photos · ${size(bytes)} of ${size(total)}`;
    };
    progressRow.hidden = false;
    status.textContent = `Uploading ${photos.length === 1 ? "the photo" : `${photos.length} photos`}…`;
    report();

    const queue = photos.filter((photo) => !photo.mediaId);
    let failure = null;
    const worker = async () => {
      // Once one photo fails, the others in flight finish (and are kept) but no new one starts.
      while (queue.length && !failure) {
        const photo = queue.shift();
        try {
          photo.mediaId = await uploadFile(photo.file, {
            signal,
            resume: photo.resume,
            onProgress: (bytes, of) => {
              sent.set(photo, bytes);
              picker.setProgress(photo, bytes / of);
              report();
            },
          });
          photo.resume = null;
          sent.set(photo, photo.file.size);
          picker.setProgress(photo, 1);
          report();
        } catch (error) {
          photo.resume = error.resume ?? null;
          if (error.name !== "AbortError") picker.setProgress(photo, 0, { failed: true });
          failure ??= error.name === "AbortError" ? error : new Error(`${photo.file.name}: ${error.message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: parallelUploads }, worker));
    if (failure) throw failure;
    return photos.map((photo) => photo.mediaId);
  }

  // The API names a refused photo by its media id; the person sharing knows it by its file name.
  function nameMedia(message, photos) {
    return photos.reduce((text, photo, i) =>
      (photo.mediaId ? text.replaceAll(`Media ${photo.mediaId}`, `Photo ${i + 1} (${photo.file.name})`) : text), message);
  }

  async function waitForPost(postId, signal) {
    let post = null;
    for (const delay of pollDelaysMs) {
      await sleep(delay, signal);
      try {
        post = await api(`/v1/posts/${postId}`);
      } catch {
        continue; // A failed look is no verdict on the post: look again, then open it anyway.
      }
      if (post.status !== "processing") return post;
    }
    return post;
  }

  return () => {
    left = true;
    controller?.abort();
    picker.dispose();
  };
}
