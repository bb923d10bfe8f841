// Small inline icons (no icon font: the CSP allows only our own files, and these stay crisp at any size).
const paths: Record<string, string> = {
  chat: "M4 4h16v12H7l-3 3z",
  people: "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9c0-4 3-6 7-6s7 2 7 6zm15-9a3 3 0 1 0 0-6M18 14c2.5.5 4 2.3 4 6",
  group: "M12 5v14M5 12h14",
  user: "M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zm-8 10c0-5 4-7 8-7s8 2 8 7",
  settings: "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .3-1.5-1.5.3-2-3-1-1 2h-2l-1-2-3 1 .3 2L5.6 7.3l-2-.3-1 3 2 1v2l-2 1 1 3 2-.3 1.5 1.5-.3 2 3 1 1-2h2l1 2 3-1-.3-2 1.5-1.5 2 .3 1-3-2-1z",
  devices: "M3 5h13v9H3zM1 17h17M19 8h4v11h-4z",
  key: "M8 15a4 4 0 1 1 3.9-5H22v3h-2v3h-3v-3h-5.1A4 4 0 0 1 8 15zm0-2.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z",
  shield: "M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z",
  back: "M15 5l-7 7 7 7",
  send: "M3 20l18-8L3 4v6l12 2-12 2z",
  reply: "M10 8V4l-7 7 7 7v-4c5 0 8 1.5 11 5-1-5-4-10-11-11z",
  edit: "M4 20h4L19 9l-4-4L4 16zM14 6l4 4",
  trash: "M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13",
  close: "M6 6l12 12M18 6L6 18",
  search: "M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5L21 21",
  info: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM12 10v7M12 7v.5",
  smile: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM8 14c1 1.5 2.3 2 4 2s3-.5 4-2M9 9.5v.5M15 9.5v.5",
  forward: "M14 8V4l7 7-7 7v-4c-5 0-8 1.5-11 5 1-5 4-10 11-11z",
  star: "M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z",
  signout: "M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10",
  pin: "M9 3h6l-1 7 4 4H6l4-4zM12 14v7",
  muted: "M6 16v-5a6 6 0 0 1 9.5-4.9M18 11v5l2 2H7M10 20a2 2 0 0 0 4 0M3 3l18 18",
  archive: "M3 4h18v5H3zM5 9v11h14V9M10 13h4",
  attach: "M21 11l-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7",
  mic: "M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3",
  play: "M7 4l13 8-13 8z",
  pause: "M7 4h3v16H7zM14 4h3v16h-3z",
  download: "M12 3v12M7 10l5 5 5-5M4 20h16",
  file: "M6 2h8l5 5v15H6zM14 2v5h5",
  next: "M9 5l7 7-7 7",
  external: "M14 4h6v6M20 4l-9 9M18 14v6H4V6h6",
  megaphone: "M3 10v4h3l9 5V5L6 10zM18 9a4 4 0 0 1 0 6M6 14l1.5 5h3L9 15",
  more: "M4 12a1 1 0 1 0 2 0a1 1 0 1 0-2 0M11 12a1 1 0 1 0 2 0a1 1 0 1 0-2 0M18 12a1 1 0 1 0 2 0a1 1 0 1 0-2 0",
};

export function Icon({ name, size = 20 }: { name: keyof typeof paths | string; size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={paths[name] ?? ""} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
