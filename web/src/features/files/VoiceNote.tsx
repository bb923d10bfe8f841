import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { dropFileLink, useFileLink } from "../../core/fileLinks";
import type { Attachment } from "../../core/types";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { clock } from "./fileFormat";
import { decodeWaveform, resample } from "./waveform";

const barCount = 40;
const stepMs = 5000;

/**
 * A voice note (or an audio file): play and pause, its loudness as bars that fill as it plays, and where it stands.
 * The bars are a slider: arrows move five seconds, Home and End to either end. The audio's link is asked for at the
 * first play, not for every note on screen.
 */
export function VoiceNote({ conversationId, seq, a }: { conversationId: string; seq: number; a: Attachment }) {
  const [wanted, setWanted] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const { url, error } = useFileLink(conversationId, seq, a.blobId, "Original", wanted, attempt);
  const audio = useRef<HTMLAudioElement>(null);
  // Play once the link is there; after a link that failed, from where it was.
  const resumeAt = useRef<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [at, setAt] = useState(0);
  const [length, setLength] = useState(a.durationMs ?? 0);
  const bars = useMemo(() => {
    const samples = decodeWaveform(a.waveform);
    return samples.length > 0 ? resample(samples, barCount) : new Array<number>(barCount).fill(64);
  }, [a.waveform]);
  const name = a.kind === "Voice" ? t("files.voiceNamed") : a.name;

  useEffect(() => {
    const el = audio.current;
    if (!url || !el || resumeAt.current === null) return;
    el.currentTime = resumeAt.current / 1000;
    resumeAt.current = null;
    void el.play().catch(() => setPlaying(false));
  }, [url]);

  const toggle = () => {
    const el = audio.current;
    if (!el || !url) {
      resumeAt.current = at;
      setWanted(true);
      return;
    }
    if (el.paused) void el.play().catch(() => setPlaying(false));
    else el.pause();
  };

  const seekTo = (ms: number) => {
    const bounded = Math.max(0, Math.min(length || ms, ms));
    setAt(bounded);
    if (audio.current && url) audio.current.currentTime = bounded / 1000;
  };

  const played = length > 0 ? at / length : 0;
  return (
    <div class="voice-note" data-testid="voice-note">
      <button type="button" class="icon-button play-button" data-testid="voice-play" aria-label={playing ? t("files.pause", { name }) : t("files.play", { name })}
        onClick={toggle}>
        <Icon name={playing ? "pause" : "play"} />
      </button>
      <span class="voice-body">
        {a.kind === "Audio" && <span class="file-name" title={a.name}>{a.name}</span>}
        <span class="waveform" role="slider" tabIndex={0} aria-label={t("files.position", { name })}
          aria-valuemin={0} aria-valuemax={Math.round(length / 1000)} aria-valuenow={Math.round(at / 1000)}
          aria-valuetext={t("files.positionText", { at: clock(at), of: clock(length) })}
          onClick={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            if (length > 0) seekTo(((e.clientX - box.left) / box.width) * length);
          }}
          onKeyDown={(e) => {
            const to = e.key === "ArrowRight" || e.key === "ArrowUp" ? at + stepMs
              : e.key === "ArrowLeft" || e.key === "ArrowDown" ? at - stepMs
                : e.key === "Home" ? 0 : e.key === "End" ? length : null;
            if (to === null) return;
            e.preventDefault();
            seekTo(to);
          }}>
          {bars.map((v, i) => (
            <span key={i} class={i / barCount < played ? "bar played" : "bar"} style={{ height: `${Math.max(12, Math.round((v / 255) * 100))}%` }} />
          ))}
        </span>
        <span class="voice-time muted">{clock(playing || at > 0 ? at : length)}</span>
      </span>
      {error && <span class="error" role="alert">{error}</span>}
      {url && (
        <audio ref={audio} src={url} preload="auto" data-testid="voice-audio"
          onPlay={() => setPlaying(true)} onPause={() => setPlaying(false)}
          onEnded={() => { setPlaying(false); setAt(0); }}
          onTimeUpdate={(e) => setAt(e.currentTarget.currentTime * 1000)}
          onLoadedMetadata={(e) => {
            // A recording's own header often has no length (MediaRecorder's WebM): the sender's count stands then.
            const d = e.currentTarget.duration;
            if (!a.durationMs && Number.isFinite(d)) setLength(d * 1000);
          }}
          onError={() => {
            // An expired or refused link: made again once, and playing goes on from where it was.
            if (attempt > 0) return;
            resumeAt.current = at;
            dropFileLink(conversationId, seq, a.blobId, "Original");
            setAttempt(1);
          }} />
      )}
    </div>
  );
}
