import { signal } from "@preact/signals";

/** What the viewer shows: a photo (with the chat's other photos as a gallery) or a PDF in the browser's own viewer. */
export interface ViewerRequest {
  conversationId: string;
  seq: number;
  blobId: string;
  mode: "image" | "pdf";
  /** Where focus goes back when the viewer closes. */
  opener: HTMLElement | null;
}

export const viewing = signal<ViewerRequest | null>(null);

export function openViewer(request: ViewerRequest) {
  viewing.value = request;
}

export function closeViewer() {
  viewing.value = null;
}

/**
 * Back to the element that opened the viewer, if the page still shows it; otherwise the chat, so focus is never lost
 * on <body>. Only once the modal dialog is closed: until then everything outside it is inert.
 */
export function returnFocus(opener: HTMLElement | null) {
  if (opener?.isConnected) opener.focus();
  else document.querySelector<HTMLElement>(".messages")?.focus();
}
