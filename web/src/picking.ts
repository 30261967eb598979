// Picking values on the page: a drag selection keeps the words that belong together and
// drops OCR specks (a dot, a smudge read as "x", a stray "1" far from the text); shift-click
// adds one word to the value being filled. Pure geometry over word boxes, in page points.
import type { Box, Word } from './types';
import { joinWords, sortReadingOrder } from './logic';

const height = (w: Word) => w.box[3] - w.box[1];
const width = (w: Word) => w.box[2] - w.box[0];

/** The gap between two boxes (0 when they touch or overlap), in points. */
export function boxGap(a: Box, b: Box): number {
  const dx = Math.max(0, a[0] - b[2], b[0] - a[2]);
  const dy = Math.max(0, a[1] - b[3], b[1] - a[3]);
  return Math.hypot(dx, dy);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
}

/**
 * The words of a drag selection without its specks, in reading order. With H the median word
 * height of the selection, a word is a speck when it is tiny (neither as tall nor as wide as
 * `tiny`×H: a dot, a smudge) or isolated (farther than `isolated`×H from every other word that
 * is not tiny). Text that holds together, on one line or several, stays whole; a selection of
 * one or two words is kept as it is, and so is one where everything would go.
 */
export function dropSpecks(words: Word[], opts: { tiny?: number; isolated?: number } = {}): Word[] {
  const tiny = opts.tiny ?? 0.45, isolated = opts.isolated ?? 2;
  if (words.length <= 2) return sortReadingOrder(words);
  const H = median(words.map(height));
  if (H <= 0) return sortReadingOrder(words);
  const solid = words.filter((w) => Math.max(height(w), width(w)) >= tiny * H);
  const kept = solid.filter((w) => solid.some((o) => o !== w && boxGap(w.box, o.box) <= isolated * H));
  return sortReadingOrder(kept.length ? kept : words);
}

/**
 * A value with one more word (shift-click): the word goes before the value when it is above it
 * or to its left on the same line, else after; the box grows to hold both. A word already
 * inside the value's box changes nothing.
 */
export function addWord(value: { text: string; box?: Box }, word: Word): { text: string; box: Box } {
  const text = value.text.trim();
  if (!value.box || !text) return { text: word.text, box: word.box };
  const [x0, y0, x1, y1] = value.box;
  const [wx0, wy0, wx1, wy1] = word.box;
  const cx = (wx0 + wx1) / 2, cy = (wy0 + wy1) / 2;
  if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) return { text, box: value.box };
  const sameLine = Math.min(y1, wy1) - Math.max(y0, wy0) > 0.5 * Math.min(y1 - y0, wy1 - wy0);
  const before = sameLine ? cx < x0 : wy1 <= y0 + 0.5 * (y1 - y0) && cy < y0;
  const joined = joinWords([{ text: 'a', box: value.box }, word])!;
  return { text: before ? `${word.text} ${text}` : `${text} ${word.text}`, box: joined.box };
}
