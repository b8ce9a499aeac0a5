/**
 * "Record a voice note": the microphone is asked for only when the person clicks (the desktop app arms
 * it for that recording only), and every track is stopped and the arming released the moment the
 * recording ends (or the page leaves), so the microphone is not held. The
 * recording stays in memory and is handed over as a File, to be attached like any other.
 */
import { useEffect, useRef, useState } from 'react';
import { bridge } from '../../api.js';
import { useT } from '../../i18n/index.js';
import { translate, type MessageId } from '../../i18n/translate.js';
import { formatClock } from '../../lib/format.js';
import { stamp } from './capture.js';

/** The desktop app lets the microphone through only while a recording is armed (browser mode: no-op). */
const arm = () => bridge().armMicrophone().catch(() => undefined);
const disarm = () => void bridge().releaseMicrophone().catch(() => undefined);

/** A voice note longer than this stops by itself (it is still kept). */
export const MAX_RECORDING_MS = 10 * 60_000;

const TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

function recorderType(): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return TYPES.find((t) => MediaRecorder.isTypeSupported(t));
}

/** What went wrong asking for the microphone (worded where it is shown, in the interface's language). */
export function micProblem(e: unknown): MessageId {
  const name = e instanceof DOMException ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'attachments.voiceNotAllowed';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'attachments.voiceNoMicrophone';
  if (name === 'NotReadableError') return 'attachments.voiceBusy';
  return 'attachments.voiceCannotStart';
}

export function VoiceRecorder(props: { onRecorded: (file: File) => void; disabled?: boolean }) {
  const [phase, setPhase] = useState<'idle' | 'starting' | 'recording'>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<MessageId | null>(null);
  const t = useT();
  const stream = useRef<MediaStream | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  const onRecorded = useRef(props.onRecorded);
  onRecorded.current = props.onRecorded;
  /** Set when the component goes away: what was recorded is dropped, not attached behind the person's back. */
  const gone = useRef(false);

  const release = () => {
    for (const t of stream.current?.getTracks() ?? []) t.stop();
    stream.current = null;
    disarm();
  };

  useEffect(() => {
    gone.current = false;
    return () => {
      gone.current = true;
      if (recorder.current && recorder.current.state !== 'inactive') recorder.current.stop();
      recorder.current = null;
      release();
    };
  }, []);

  useEffect(() => {
    if (phase !== 'recording') return;
    const started = Date.now();
    setElapsed(0);
    const t = setInterval(() => {
      const ms = Date.now() - started;
      setElapsed(ms);
      if (ms >= MAX_RECORDING_MS) recorder.current?.stop();
    }, 250);
    stopButton.current?.focus();
    return () => clearInterval(t);
  }, [phase]);

  async function start() {
    setError(null);
    const type = recorderType();
    if (!navigator.mediaDevices?.getUserMedia || type === undefined) {
      setError('attachments.voiceUnsupported');
      return;
    }
    setPhase('starting');
    try {
      await arm();
      const s = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
      if (gone.current) {
        for (const t of s.getTracks()) t.stop();
        disarm();
        return;
      }
      stream.current = s;
      const chunks: Blob[] = [];
      const r = new MediaRecorder(s, { mimeType: type });
      recorder.current = r;
      r.ondataavailable = (e) => {
        if (e.data.size > 0) chunks.push(e.data);
      };
      r.onstop = () => {
        release();
        recorder.current = null;
        if (gone.current) return;
        setPhase('idle');
        const mime = (r.mimeType || type).split(';')[0]!;
        const ext = mime === 'audio/mp4' ? 'm4a' : mime === 'audio/ogg' ? 'ogg' : 'webm';
        const blob = new Blob(chunks, { type: mime });
        if (blob.size === 0) {
          setError('attachments.voiceNothing');
          return;
        }
        onRecorded.current(new File([blob], `${translate('attachments.voiceFileName', { stamp: stamp(new Date()) })}.${ext}`, { type: mime }));
      };
      r.start(1000);
      setPhase('recording');
    } catch (e) {
      release();
      setPhase('idle');
      setError(micProblem(e));
    }
  }

  return (
    <div className="voice-recorder">
      {phase === 'recording' ? (
        <div className="recording" role="status">
          <span className="recording-dot" aria-hidden="true" />
          <span>{t('attachments.voiceRecording', { time: formatClock(elapsed) })}</span>
          <button ref={stopButton} type="button" className="button small" onClick={() => recorder.current?.stop()}>
            {t('attachments.voiceStop')}
          </button>
        </div>
      ) : (
        <button type="button" className="button small" onClick={() => void start()} disabled={props.disabled || phase === 'starting'}>
          {t(phase === 'starting' ? 'attachments.voiceAsking' : 'attachments.voiceRecord')}
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {t(error)}
        </p>
      )}
    </div>
  );
}
