import { describe, expect, it } from 'vitest';
import { findCircular, schoolLevelFromCircular } from '../../src/normalize/index.js';

describe('findCircular finds the evaluation circular a document cites', () => {
  it.each([
    { text: 'Thông tư số 19/2018/TT-BGDĐT', circular: '19/2018' },
    { text: '19/2018/BGDĐT', circular: '19/2018' },
    { text: 'Thông tư 57/2026/TT-BGDĐT', circular: '57/2026' },
    { text: 'Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018', circular: '17/2018' },
    { text: 'TT 18/2018', circular: '18/2018' },
    { text: 'Thông tư số 18 / 2018 / TT - BGDĐT', circular: '18/2018' },
    { text: 'Căn cứ Thông tư 28/2020/TT-BGDĐT (Điều lệ); Thông tư 17/2018/TT-BGDĐT', circular: '17/2018' },
    { text: 'Căn cứ Thông tư 57/2026/TT-BGDĐT thay thế Thông tư 19/2018/TT-BGDĐT', circular: '57/2026' },
    { text: 'theo Thông tư 19/2018/TT-BGDĐT …\n… Thông tư 57/2026/TT-BGDĐT', circular: '19/2018' },
  ])('finds $circular in $text', ({ text, circular }) => {
    expect(findCircular(text)).toBe(circular);
  });

  it.each([null, '', 'Thông tư 28/2020/TT-BGDĐT', 'Quyết định 19/2018/QĐ-UBND', 'ngày 19/2018'])(
    'finds no evaluation circular in %j',
    (text) => {
      expect(findCircular(text)).toBeNull();
    },
  );
});

describe('schoolLevelFromCircular maps a circular to the one school level it is for', () => {
  it.each([
    { circular: '19/2018', level: 'preschool' },
    { circular: '17/2018', level: 'primary' },
    // THCS, THPT and schools of several levels alike: the circular does not say which.
    { circular: '18/2018', level: null },
    { circular: '57/2026', level: null },
    { circular: '28/2020', level: null },
    { circular: 'toString', level: null },
    { circular: null, level: null },
  ])('maps $circular to $level', ({ circular, level }) => {
    expect(schoolLevelFromCircular(circular)).toBe(level);
  });
});
