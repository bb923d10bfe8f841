import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { VoiceDetails } from "../../core/uploads";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { clock } from "./fileFormat";
import { encodeWaveform, normalise, resample } from "./waveform";

/** Between 64 and 128 (Limits.MaxWaveformSamples): enough for the bars a bubble draws. */
const waveformSamples = 64;
/** A voice note is a note: past this the recording stops by itself and is kept. */
const maxRecordingMs = 15 * 60 * 1000;
const levelEveryMs = 100;

interface Props {
  onDone(file: File, details: VoiceDetails): void;
  onCancel(): void;
}

/**
 * Records from the microphone (MediaRecorder, WebM with Opus) while it shows the time and the live loudness; "send"
 * stops it, measures the recording (its real length and loudness, decoded) and hands it over as a voice note.
 */
export function VoiceRecorder({ onDone, onCancel }: Props) {
  const [elapsed, setElapsed] = useState(0);
  const [levels, setLevels] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const session = useRef<Recording | null>(null);
  const sendButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void startRecording((ms, level) => {
      if (!live) return;
      setElapsed(ms);
      setLevels((now) => [...now.slice(-47), level]);
      if (ms >= maxRecordingMs) void finish();
    }).then(
      (r) => {
        if (!live) return r.stop(false);
        session.current = r;
        setReady(true);
      },
      (e: unknown) => live && setError(e instanceof DOMException && (e.name === "NotAllowedError" || e.name === "SecurityError") ? t("files.micDenied")
        : e instanceof DOMException && e.name === "NotSupportedError" ? t("files.micUnsupported") : t("files.recordingFailed")),
    );
    return () => {
      live = false;
      void session.current?.stop(false);
    };
  }, []);

  useLayoutEffect(() => {
    if (ready) sendButton.current?.focus();
  }, [ready]);

  const finish = async () => {
    const r = session.current;
    if (!r) return;
    session.current = null;
    try {
      const result = await r.stop(true);
      if (result) onDone(result.file, result.details);
      else setError(t("files.recordingFailed"));
    } catch {
      setError(t("files.recordingFailed"));
    }
  };

  return (
    <div class="recorder" data-testid="recorder" onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); onCancel(); } }}>
      <button type="button" class="icon-button" aria-label={t("files.discardRecording")} data-testid="recording-discard" onClick={onCancel}>
        <Icon name="trash" />
      </button>
      {error
        ? <p class="error recorder-error" role="alert">{error}</p>
        : (
          <>
            <span class="recording-dot" aria-hidden="true" />
            <span class="recording-time" role="timer" data-testid="recording-time" aria-label={t("files.recording", { time: clock(elapsed) })}>{clock(elapsed)}</span>
            <span class="recording-levels" aria-hidden="true">
              {levels.map((v, i) => <span key={i} class="bar" style={{ height: `${Math.max(10, Math.round(v * 100))}%` }} />)}
            </span>
          </>
        )}
      <button type="button" ref={sendButton} class="send" aria-label={t("files.sendVoice")} data-testid="recording-send" disabled={!ready || !!error}
        onClick={() => void finish()}>
        <Icon name="send" />
      </button>
    </div>
  );
}

interface Recording {
  /** Stops the microphone; with keep, the recording as a file with its length and loudness. */
  stop(keep: boolean): Promise<{ file: File; details: VoiceDetails } | null>;
}

function preferredType(): string | undefined {
  return ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus"].find((type) => MediaRecorder.isTypeSupported(type));
}

async function startRecording(onLevel: (elapsedMs: number, level: number) => void): Promise<Recording> {
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") throw new DOMException("no recorder", "NotSupportedError");
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
  const mimeType = preferredType();
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType, audioBitsPerSecond: 32_000 } : undefined);
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  // The live loudness while recording: what the bars show, and the waveform if the recording cannot be decoded.
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const heard: number[] = [];
  const started = performance.now();
  const timer = window.setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const v of samples) sum += v * v;
    const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
    heard.push(level);
    onLevel(performance.now() - started, level);
  }, levelEveryMs);
  recorder.start(1000);

  const release = () => {
    window.clearInterval(timer);
    stream.getTracks().forEach((track) => track.stop());
    void context.close().catch(() => undefined);
  };

  return {
    stop(keep) {
      if (recorder.state === "inactive") {
        release();
        return Promise.resolve(null);
      }
      const stopped = new Promise<void>((resolve) => recorder.addEventListener("stop", () => resolve(), { once: true }));
      recorder.stop();
      const elapsed = performance.now() - started;
      release();
      if (!keep) return Promise.resolve(null);
      return stopped.then(async () => {
        const type = (recorder.mimeType || mimeType || "audio/webm").split(";")[0];
        const blob = new Blob(chunks, { type });
        if (blob.size === 0) return null;
        const measured = await measure(blob).catch(() => null);
        const details: VoiceDetails = {
          kind: "Voice",
          durationMs: Math.round(measured?.durationMs ?? elapsed),
          waveform: encodeWaveform(measured?.waveform ?? normalise(resample(heard, waveformSamples))),
          autoSend: true,
        };
        const extension = type === "audio/ogg" ? "ogg" : "webm";
        return { file: new File([blob], `nota-suara-${stamp(new Date())}.${extension}`, { type }), details };
      });
    },
  };
}

/** The recording's real length and loudness, decoded (MediaRecorder's WebM says no length of its own). */
async function measure(blob: Blob): Promise<{ durationMs: number; waveform: number[] }> {
  const decoder = new OfflineAudioContext(1, 1, 48_000);
  const audio = await decoder.decodeAudioData(await blob.arrayBuffer());
  const data = audio.getChannelData(0);
  const per = Math.max(1, Math.floor(data.length / waveformSamples));
  const levels: number[] = [];
  for (let i = 0; i < waveformSamples; i++) {
    let sum = 0;
    const from = i * per;
    const to = Math.min(data.length, from + per);
    for (let j = from; j < to; j++) sum += data[j] * data[j];
    levels.push(to > from ? Math.sqrt(sum / (to - from)) : 0);
  }
  return { durationMs: audio.duration * 1000, waveform: normalise(levels) };
}

/** 20250314-093005: when it was recorded, in the name the file keeps when downloaded. */
function stamp(d: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
}
