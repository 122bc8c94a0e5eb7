// Uploads one picked file through an upload slot from POST /v1/media/uploads, the way the slot's protocol says:
// "content-range" is the Api's own signed URL (whole file, or chunks in any order, resumable: GET /v1/media/{id}
// lists the chunks that arrived); "azure-blob" is a Blob Storage SAS URL on another origin (Put Blob, or Put Block per
// chunk then Put Block List; no bearer token goes there). XMLHttpRequest, because fetch reports no upload progress.
import { api, ApiError } from "./api.js";
import { sleep } from "./timing.js";

const retries = 3;
const backoffMs = [500, 1500, 4000];
// Start afresh rather than resume a slot this close to expiry: its URL would lapse mid-upload.
const expiryMarginMs = 60_000;

/** A failed upload; pass `resume` back as uploadFile's `resume` option to carry on with the same slot. */
export class UploadError extends Error {
  constructor(message, { status = 0, resume = null } = {}) {
    super(message);
    this.status = status;
    this.resume = resume;
  }
}

/**
 * Uploads `file` and resolves its mediaId once storage holds every byte (processing then runs on the server).
 * onProgress(sentBytes, totalBytes) follows the bytes on the wire; aborting `signal` stops at once.
 */
export async function uploadFile(file, { onProgress = () => {}, signal, resume } = {}) {
  const slot = usable(resume) ? resume : await api("/v1/media/uploads", {
    method: "POST",
    body: { contentType: file.type, sizeBytes: file.size },
  });
  signal?.throwIfAborted();
  const progress = tracker(file.size, onProgress);
  try {
    if (slot.protocol === "azure-blob") await toBlobStorage(file, slot, progress, signal);
    else await toApi(file, slot, progress, signal, slot === resume);
  } catch (error) {
    // A refusal (4xx) is final; anything else may pass on a later try with the same slot.
    if (error.name === "AbortError" || (error.status >= 400 && error.status < 500)) throw error;
    throw new UploadError(error.message, { status: error.status, resume: slot });
  }
  return slot.mediaId;
}

const usable = (slot) => slot && Date.parse(slot.expiresAt) - Date.now() > expiryMarginMs;

/** Sums the bytes sent per piece (a retried piece starts again from 0) and reports the total. */
function tracker(total, onProgress) {
  const sent = new Map();
  return {
    set(piece, bytes) {
      sent.set(piece, bytes);
      let sum = 0;
      for (const value of sent.values()) sum += value;
      onProgress(Math.min(sum, total), total);
    },
  };
}

/** The file's pieces of `chunkSize` bytes: {index, start, end (exclusive)}; one piece when it fits. */
function pieces(size, chunkSize) {
  const step = chunkSize > 0 ? chunkSize : size;
  const list = [];
  for (let start = 0, index = 0; start < size; start += step, index++) {
    list.push({ index, start, end: Math.min(start + step, size) });
  }
  return list;
}

async function toApi(file, slot, progress, signal, resuming) {
  // The Api's own route, on this page's origin: the CSP's connect-src 'self' admits it whatever host
  // Media:UploadBaseUrl names, and the signature in the query covers the media id and expiry, not the host.
  const url = new URL(slot.uploadUrl, location.href);
  const target = url.pathname + url.search;
  const parts = pieces(file.size, slot.chunkSize);
  const whole = parts.length === 1;
  let received = new Set();
  if (resuming) {
    const status = await api(`/v1/media/${slot.mediaId}`);
    if (status.status !== "uploading") return;
    received = new Set(status.receivedChunks);
  }

  for (const part of parts) {
    if (received.has(part.index)) {
      progress.set(part.index, part.end - part.start);
      continue;
    }
    const headers = whole ? {} : { "content-range": `bytes ${part.start}-${part.end - 1}/${file.size}` };
    await withRetries(async (attempt) => {
      // A piece whose answer was lost may have arrived, and sending it after the last one would be refused (409).
      if (attempt > 0 && (await arrived(slot.mediaId, part.index))) return;
      await put(target, file.slice(part.start, part.end), headers, (bytes) => progress.set(part.index, bytes), signal, problemText);
    }, signal);
    progress.set(part.index, part.end - part.start);
  }
}

async function arrived(mediaId, index) {
  try {
    const status = await api(`/v1/media/${mediaId}`);
    return status.status !== "uploading" || status.receivedChunks.includes(index);
  } catch {
    return false; // Send it again: a replaced chunk is harmless.
  }
}

async function toBlobStorage(file, slot, progress, signal) {
  const send = (url, body, headers, piece) => withRetries(
    () => put(url, body, headers, (bytes) => piece !== undefined && progress.set(piece, bytes), signal, blobErrorText),
    signal).catch((error) => {
    // A browser hides why a cross-origin request failed; a missing CORS rule looks the same as being offline.
    if (error.status === 0 && error.name !== "AbortError") {
      error.message = "Storage could not be reached, or does not accept uploads from this site (CORS). Try again later.";
    }
    throw error;
  });

  const parts = pieces(file.size, slot.chunkSize);
  if (parts.length === 1) {
    await send(slot.uploadUrl, file, { ...slot.requiredHeaders, "content-type": file.type }, 0);
    progress.set(0, file.size);
  } else {
    const ids = parts.map((part) => blockId(part.index));
    for (const part of parts) {
      await send(`${slot.uploadUrl}&comp=block&blockid=${encodeURIComponent(ids[part.index])}`, file.slice(part.start, part.end), {}, part.index);
      progress.set(part.index, part.end - part.start);
    }
    const list = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join("")}</BlockList>`;
    await send(`${slot.uploadUrl}&comp=blocklist`, list, { "content-type": "application/xml", "x-ms-blob-content-type": file.type });
  }
  // Storage does not tell the Api; this prompts its check (it looks at the blob rather than take our word).
  const status = await api(`/v1/media/${slot.mediaId}/complete`, { method: "POST" });
  if (status?.status === "failed") throw new ApiError(422, { detail: status.failureReason || "The upload was refused." });
}

// Block ids must be Base64 and all of one length within a blob.
const blockId = (index) => btoa(`block-${String(index).padStart(6, "0")}`);

/** Runs `send(attempt)`, again after a pause on a network error, a 5xx or a 429; a 4xx and an abort are final. */
async function withRetries(send, signal) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(attempt);
    } catch (error) {
      const transient = error.name !== "AbortError" && (error.status === 0 || error.status === 429 || error.status >= 500);
      if (!transient || attempt >= retries) throw error;
      await sleep(error.retryAfterMs ?? backoffMs[attempt], signal);
    }
  }
}

/** One PUT; resolves on 2xx, rejects with an UploadError (status 0: the request never got an answer). */
function put(url, body, headers, onBytes, signal, errorText) {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onBytes(event.loaded);
    const abort = () => xhr.abort();
    signal?.addEventListener("abort", abort, { once: true });
    const done = (outcome) => {
      signal?.removeEventListener("abort", abort);
      outcome();
    };
    xhr.onload = () => done(() => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr);
      const error = new UploadError(errorText(xhr), { status: xhr.status });
      // Read from the exposed list: asking a cross-origin answer for a header it does not expose logs an error.
      const seconds = Number(/^retry-after:\s*(\d+)/im.exec(xhr.getAllResponseHeaders())?.[1]);
      if (seconds > 0) error.retryAfterMs = Math.min(seconds, 30) * 1000;
      reject(error);
    });
    xhr.onerror = () => done(() => reject(new UploadError("The upload was interrupted. Check your connection and try again.")));
    xhr.onabort = () => done(() => reject(signal?.reason ?? new DOMException("The upload was cancelled.", "AbortError")));
    xhr.send(body);
  });
}

// The Api answers with a problem detail, as everywhere.
function problemText(xhr) {
  try {
    const problem = JSON.parse(xhr.responseText);
    return problem.detail || problem.title || `The upload was refused (${xhr.status}).`;
  } catch {
    return `The upload was refused (${xhr.status} ${xhr.statusText}).`;
  }
}

// Blob Storage answers with an XML <Error><Message> whose first line is the readable part (the status text, often).
function blobErrorText(xhr) {
  const message = xhr.responseXML?.querySelector("Message")?.textContent?.split("\n")[0]?.trim() || xhr.statusText;
  return `Storage refused the upload (${xhr.status})${message ? `: ${message}` : "."}`;
}
