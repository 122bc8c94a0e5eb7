// Picks up to `max` photos: a labelled file input that is also a drop zone, and a preview per photo (an object URL,
// revoked when the photo is removed or the picker disposed) with a remove button and an upload progress bar.
import { h } from "../dom.js";

export const acceptedTypes = ["image/jpeg", "image/png", "image/webp", "image/avif", "video/mp4", "video/quicktime", "video/webm"];

export const isVideo = (photo) => photo.file.type.startsWith("video/");

/**
 * Returns {element, photos, setProgress, setDisabled, dispose}. Each photo is {file, url, mediaId, resume} (the last
 * two are the caller's: an upload's outcome). onChange(photos) runs after every addition or removal; onRefused(text)
 * after it, when some dropped or picked files were left out.
 */
export function photoPicker({ max = 10, onChange = () => {}, onRefused = () => {} } = {}) {
  let photos = [];
  let disabled = false;
  const input = h("input", {
    id: "compose-photos", type: "file", class: "visually-hidden", multiple: true, accept: acceptedTypes.join(","),
    "aria-describedby": "compose-photos-hint",
    onchange: () => {
      add([...input.files]);
      input.value = ""; // so picking the same file again after removing it fires change
    },
  });
  const list = h("ul", { class: "previews", "aria-label": "Chosen photos" });
  const hint = h("span", { id: "compose-photos-hint", class: "muted small" }, `Photos (JPEG, PNG, WebP, AVIF) or videos (MP4, MOV, WebM, up to 90 s); up to ${max}. You can also drop them here.`);
  const zone = h("div", { class: "picker" },
    input,
    h("label", { for: "compose-photos", class: "button secondary" }, "Choose photos or videos"),
    hint);
  const element = h("div", { class: "photo-picker" }, zone, list);

  // Drops anywhere on the picker; dragenter/over must be cancelled for the drop to reach us.
  for (const type of ["dragenter", "dragover"]) {
    element.addEventListener(type, (event) => {
      if (disabled || !event.dataTransfer?.types.includes("Files")) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      element.classList.add("dragging");
    });
  }
  element.addEventListener("dragleave", (event) => {
    if (!element.contains(event.relatedTarget)) element.classList.remove("dragging");
  });
  element.addEventListener("drop", (event) => {
    element.classList.remove("dragging");
    if (disabled) return;
    event.preventDefault();
    add([...(event.dataTransfer?.files ?? [])]);
  });

  function add(files) {
    const refused = files.filter((file) => !acceptedTypes.includes(file.type));
    const room = Math.max(0, max - photos.length);
    const taken = files.filter((file) => acceptedTypes.includes(file.type)).slice(0, room);
    photos = [...photos, ...taken.map((file) => ({ file, url: URL.createObjectURL(file), mediaId: null, resume: null }))];
    draw();
    onChange(photos);
    if (refused.length) onRefused(`${refused.map((file) => file.name).join(", ")}: not a JPEG, PNG, WebP or AVIF image, nor an MP4, MOV or WebM video.`);
    else if (taken.length < files.length) onRefused(`A post takes at most ${max} photos; the rest were left out.`);
  }

  function remove(photo) {
    URL.revokeObjectURL(photo.url);
    const at = photos.indexOf(photo);
    photos = photos.filter((other) => other !== photo);
    draw();
    onChange(photos);
    // Keep the keyboard near where it was: the next photo's remove button, else the file input.
    (list.querySelectorAll("button.remove")[Math.min(at, photos.length - 1)] ?? input).focus();
  }

  const bars = new Map();
  function draw() {
    bars.clear();
    list.replaceChildren(...photos.map((photo, i) => {
      const name = `${isVideo(photo) ? "video" : "photo"} ${i + 1} (${photo.file.name})`;
      const bar = h("progress", { max: 100, value: photo.mediaId ? 100 : 0, "aria-label": `Upload of ${name}`, hidden: !photo.mediaId });
      bars.set(photo, bar);
      return h("li", { class: "preview" },
        isVideo(photo)
          ? h("video", { src: photo.url, muted: true, playsInline: true, preload: "metadata", "aria-label": `Preview of ${name}` })
          : h("img", { src: photo.url, alt: `Preview of ${name}` }),
        h("button", {
          type: "button", class: "remove", "aria-label": `Remove ${name}`, disabled, onclick: () => remove(photo),
        }, "×"),
        bar);
    }));
  }

  return {
    element,
    photos: () => photos,
    /** Shows a photo's upload as a fraction from 0 to 1; `failed` marks the photo as the one that stopped it. */
    setProgress(photo, fraction, { failed = false } = {}) {
      const bar = bars.get(photo);
      if (!bar) return;
      bar.hidden = false;
      bar.value = Math.round(fraction * 100);
      bar.closest("li").classList.toggle("failed", failed);
    },
    setDisabled(value) {
      disabled = value;
      input.disabled = value;
      zone.classList.toggle("disabled", value);
      for (const button of list.querySelectorAll("button")) button.disabled = value;
    },
    dispose() {
      for (const photo of photos) URL.revokeObjectURL(photo.url);
      photos = [];
    },
  };
}
