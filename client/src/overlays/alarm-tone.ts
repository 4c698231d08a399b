// The wall's alarm for critical alerts (issue 10), made with Web Audio: no sound file to ship or
// fail to load. Browsers let a page make sound only after a person's gesture, so the tone is
// muted until someone presses the wall's button, which creates (or resumes) the audio context.

/** Three falling two-tone pulses: heard over a control room, and unlike any phone's ring. */
const PULSES = 3;
const PULSE_S = 0.32;
const TONES_HZ = [880, 660] as const;
const LOUDNESS = 0.25;

export interface AlarmTone {
  /** From a click or key press only: starts the audio; false when the browser still refuses. */
  enable(): Promise<boolean>;
  disable(): void;
  readonly enabled: boolean;
  /** Sounds the alarm once, if enabled; a no-op otherwise. */
  sound(): void;
}

export function createAlarmTone(): AlarmTone {
  let context: AudioContext | null = null;
  let enabled = false;
  return {
    get enabled() {
      return enabled;
    },
    async enable() {
      context ??= new AudioContext();
      if (context.state === 'suspended') await context.resume();
      enabled = context.state === 'running';
      return enabled;
    },
    disable() {
      enabled = false;
    },
    sound() {
      if (!enabled || context === null) return;
      const start = context.currentTime + 0.02;
      const gain = context.createGain();
      gain.gain.value = 0;
      gain.connect(context.destination);
      const oscillator = context.createOscillator();
      oscillator.type = 'square';
      for (let pulse = 0; pulse < PULSES; pulse += 1) {
        for (const [half, hz] of TONES_HZ.entries()) {
          const at = start + pulse * 2 * PULSE_S + half * PULSE_S;
          oscillator.frequency.setValueAtTime(hz, at);
          gain.gain.setValueAtTime(LOUDNESS, at);
          gain.gain.setValueAtTime(0, at + PULSE_S * 0.85);
        }
      }
      oscillator.connect(gain);
      oscillator.start(start);
      oscillator.stop(start + PULSES * 2 * PULSE_S);
      oscillator.onended = () => gain.disconnect();
    },
  };
}
