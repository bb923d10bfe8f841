/** A voice note's loudness, as the server keeps it: base64 of up to 128 bytes, 0-255 each. */
export function decodeWaveform(base64: string | null | undefined): number[] {
  if (!base64) return [];
  try {
    return [...atob(base64)].map((ch) => ch.charCodeAt(0));
  } catch {
    return [];
  }
}

export function encodeWaveform(samples: number[]): string {
  return btoa(String.fromCharCode(...samples.map((v) => Math.max(0, Math.min(255, Math.round(v))))));
}

/** Levels evened out to `count` values (each the loudest of its stretch), so any length draws the same number of bars. */
export function resample(levels: number[], count: number): number[] {
  if (levels.length === 0) return new Array<number>(count).fill(0);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * levels.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * levels.length) / count));
    let peak = 0;
    for (let j = from; j < to && j < levels.length; j++) peak = Math.max(peak, levels[j]);
    out.push(peak);
  }
  return out;
}

/** Scaled so the loudest is 255: a quiet recording still shows its shape. */
export function normalise(levels: number[]): number[] {
  const peak = Math.max(...levels, 1e-6);
  return levels.map((v) => Math.round((v / peak) * 255));
}
