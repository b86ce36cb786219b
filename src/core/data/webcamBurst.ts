/**
 * Webcam bursts in the name of a captured frame (issue 13, item 5). Consecutive frames of one hold of "Hold to
 * record" are near copies of each other; a split keeps a burst on one side (data/duplicates.ts groups examples of
 * one `burst`). The stored frame carries its hold in its source name, `webcam <hold> · <frame>` (both times of day,
 * hh:mm:ss.mmm), so no stored schema changes and a frame's name still says when it was taken.
 * A burst is BURST_SECONDS of one hold: a class recorded in a single long hold still has several bursts to split
 * (one group per class would put the whole class on one side). Frames captured before this naming
 * (`webcam <frame>`) have no burst and are grouped only when their pixels look alike.
 */

/** Seconds of a hold whose frames form one burst. */
export const BURST_SECONDS = 2;
const BURST_SOURCE = /^webcam (\d\d):(\d\d):(\d\d)\.(\d\d\d) · (\d\d):(\d\d):(\d\d)\.(\d\d\d)$/;
const DAY_MS = 86_400_000;

/** The source name of a frame captured at `frameTime` during the hold that started at `holdTime` (hh:mm:ss.mmm). */
export function webcamSource(holdTime: string, frameTime: string): string {
  return `webcam ${holdTime} · ${frameTime}`;
}

/** The burst of a frame named by webcamSource (its hold and which BURST_SECONDS of it); undefined for others. */
export function burstOfSource(source: string): string | undefined {
  const match = BURST_SOURCE.exec(source);
  if (!match) return undefined;
  const ms = (h: string, m: string, s: string, milli: string) =>
    ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(milli);
  const hold = ms(match[1], match[2], match[3], match[4]);
  const elapsed = (ms(match[5], match[6], match[7], match[8]) - hold + DAY_MS) % DAY_MS;
  return `webcam ${match.slice(1, 4).join(':')}.${match[4]} #${Math.floor(elapsed / (BURST_SECONDS * 1000))}`;
}
