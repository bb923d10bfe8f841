// The signed field encoding (docs/broadcasts/signatures.md): a fixed ASCII header, then fields each as a 4-byte
// big-endian length and that many bytes; a list is a 4-byte count, then its elements as fields.

const utf8 = new TextEncoder();

export class FieldWriter {
  private readonly parts: Uint8Array[] = [];

  constructor(header: string) {
    this.parts.push(utf8.encode(header));
  }

  bytes(b: Uint8Array): this {
    this.parts.push(u32(b.length), b);
    return this;
  }

  text(s: string): this {
    return this.bytes(utf8.encode(s));
  }

  list(xs: string[]): this {
    this.parts.push(u32(xs.length));
    xs.forEach((x) => this.text(x));
    return this;
  }

  toArray(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((n, b) => n + b.length, 0));
    this.parts.reduce((at, b) => (out.set(b, at), at + b.length), 0);
    return out;
  }
}

/** Reads fields back in order; every read answers null past the end. */
export class FieldReader {
  private at: number;

  constructor(private readonly data: Uint8Array, header: string) {
    const h = utf8.encode(header);
    this.at = data.length >= h.length && h.every((b, i) => data[i] === b) ? h.length : -1;
  }

  get ok(): boolean {
    return this.at >= 0;
  }

  get offset(): number {
    return this.at;
  }

  get done(): boolean {
    return this.at === this.data.length;
  }

  bytes(): Uint8Array | null {
    if (this.at < 0 || this.at + 4 > this.data.length) return this.fail();
    const n = new DataView(this.data.buffer, this.data.byteOffset + this.at, 4).getUint32(0);
    if (this.at + 4 + n > this.data.length) return this.fail();
    const b = this.data.slice(this.at + 4, this.at + 4 + n);
    this.at += 4 + n;
    return b;
  }

  text(): string | null {
    const b = this.bytes();
    if (!b) return null;
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(b);
    } catch {
      return this.fail();
    }
  }

  private fail(): null {
    this.at = -1;
    return null;
  }
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

/** An instant as the encoder writes it: Unix milliseconds in decimal, no leading zeros, "-" before 1970. */
export function instantText(ms: number): string {
  return String(ms);
}

export function parseInstant(s: string | null): number | null {
  if (s === null || !/^(0|-?[1-9][0-9]*)$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** RFC 4648 §5 without padding; null for anything else. */
export function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = atob(b64);
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

export function toHex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}
