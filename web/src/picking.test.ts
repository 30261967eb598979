import { describe, expect, it } from 'vitest';
import { addWord, boxGap, dropSpecks } from './picking';
import type { Word } from './types';

// Words of one printed line at 10 pt, 3 pt apart, starting at x.
function line(texts: string[], x: number, y: number, lineNo: number): Word[] {
  const out: Word[] = [];
  for (const text of texts) {
    const w = text.length * 5;
    out.push({ text, box: [x, y, x + w, y + 10], line: lineNo });
    x += w + 3;
  }
  return out;
}
const text = (ws: Word[]) => ws.map((w) => w.text).join(' ');

describe('drag selection drops specks', () => {
  const name = line(['Solvants', 'de', "l'Isère", 'SAS'], 100, 200, 5);
  it('drops a tiny smudge and a stray mark far from the text', () => {
    const smudge: Word = { text: 'x', box: [96, 196, 98.5, 198.5], line: 4 };   // a 2.5 pt dot just above-left
    const stray: Word = { text: '1', box: [60, 170, 65, 180], line: 3 };        // normal size, 25 pt away
    expect(text(dropSpecks([smudge, stray, ...name]))).toBe("Solvants de l'Isère SAS");
  });
  it('keeps text that holds together, on one line or several', () => {
    const address = [...line(['12', 'rue', 'des', 'Acacias'], 100, 300, 8), ...line(['38000', 'Grenoble'], 100, 313, 9)];
    expect(text(dropSpecks(address))).toBe('12 rue des Acacias 38000 Grenoble');
    expect(text(dropSpecks(name))).toBe("Solvants de l'Isère SAS");
  });
  it('keeps small words that sit in the text (2 x 5 kg)', () => {
    const ws = line(['2', 'x', '5', 'kg'], 100, 400, 12);
    ws[1].box = [ws[1].box[0], 403, ws[1].box[0] + 5, 409]; // an x-height "x", 6 pt tall
    expect(text(dropSpecks(ws))).toBe('2 x 5 kg');
  });
  it('never drops a selection of one or two words, nor everything', () => {
    const dot: Word = { text: '.', box: [10, 10, 11, 11] };
    expect(dropSpecks([dot])).toEqual([dot]);
    const far = [{ text: 'A', box: [0, 0, 10, 10] }, { text: 'B', box: [200, 0, 210, 10] }, { text: 'C', box: [0, 300, 10, 310] }] as Word[];
    expect(dropSpecks(far)).toHaveLength(3); // all isolated: nothing to tell apart, keep them
  });
  it('measures gaps between box edges', () => {
    expect(boxGap([0, 0, 10, 10], [13, 0, 20, 10])).toBe(3);
    expect(boxGap([0, 0, 10, 10], [5, 5, 20, 20])).toBe(0);
    expect(boxGap([0, 0, 10, 10], [13, 14, 20, 20])).toBe(5);
  });
});

describe('shift-click adds a word', () => {
  it('appends a word to the right and grows the box', () => {
    expect(addWord({ text: 'Solvants de', box: [100, 200, 150, 210] }, { text: "l'Isère", box: [153, 200, 188, 210] }))
      .toEqual({ text: "Solvants de l'Isère", box: [100, 200, 188, 210] });
  });
  it('puts a word to the left or above first', () => {
    expect(addWord({ text: 'SAS', box: [200, 200, 215, 210] }, { text: 'Acme', box: [170, 200, 190, 210] }).text).toBe('Acme SAS');
    expect(addWord({ text: 'Grenoble', box: [100, 313, 140, 323] }, { text: 'Acacias', box: [100, 300, 135, 310] }).text).toBe('Acacias Grenoble');
  });
  it('starts the value when it is empty and ignores a word already in it', () => {
    expect(addWord({ text: '' }, { text: '4500012345', box: [1, 2, 3, 4] })).toEqual({ text: '4500012345', box: [1, 2, 3, 4] });
    expect(addWord({ text: 'Acme SAS', box: [100, 200, 150, 210] }, { text: 'SAS', box: [130, 200, 150, 210] }).text).toBe('Acme SAS');
  });
});
