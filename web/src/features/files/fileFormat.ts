import { locale } from "../../i18n/i18n";

/** "1,2 MB": bytes as a person reads them, in the reader's language. */
export function fileSize(bytes: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale(), { maximumFractionDigits: digits })} ${units[unit]}`;
}

/** "1:05": a voice note's or video's length. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

const labels: Record<string, string> = {
  "application/pdf": "PDF",
  "application/msword": "DOC",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.ms-excel": "XLS",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.ms-powerpoint": "PPT",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
  "application/vnd.oasis.opendocument.text": "ODT",
  "application/vnd.oasis.opendocument.spreadsheet": "ODS",
  "application/vnd.oasis.opendocument.presentation": "ODP",
  "application/zip": "ZIP",
  "text/plain": "TXT",
  "text/csv": "CSV",
};

/** The short type a file card shows ("PDF", "DOCX"): from the type the server decided, else the name's extension. */
export function typeLabel(contentType: string, name: string): string {
  const known = labels[contentType.split(";")[0].trim()];
  if (known) return known;
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1];
  return extension ? extension.toUpperCase() : contentType.split("/")[1]?.split(/[;+.-]/)[0]?.toUpperCase() || "?";
}

/** Opened in the browser's own viewer (sandboxed by the gateway); everything else is downloaded. */
export function previewable(contentType: string): boolean {
  return contentType === "application/pdf";
}
