/**
 * Bounds-checked little-endian reads over one stream of a Word binary file. Every offset in a
 * .doc comes from the file itself, so every read is checked: a damaged file fails with
 * `file.corrupt` and a short reason, never with a RangeError or by reading past the end.
 */
import { KhclError } from '../../errors.js';

export function corrupt(reason: string): KhclError {
  return new KhclError('file.corrupt', `not a readable DOC (${reason})`);
}

export class Bytes {
  readonly length: number;
  private readonly view: DataView;

  readonly bytes: Uint8Array;

  constructor(
    bytes: Uint8Array,
    /** Stream name for error messages. */
    readonly name: string,
  ) {
    // A plain Uint8Array view: subarrays of a Node Buffer are Buffers, and much slower to make.
    this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.length = bytes.byteLength;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Throws `file.corrupt` unless [offset, offset + size) lies inside the stream. */
  check(offset: number, size: number, what: string): void {
    if (!Number.isInteger(offset) || !Number.isInteger(size) || offset < 0 || size < 0 || offset + size > this.length) {
      throw corrupt(`${what} lies outside the ${this.name} stream`);
    }
  }

  u8(offset: number, what = 'a field'): number {
    this.check(offset, 1, what);
    return this.bytes[offset];
  }

  u16(offset: number, what = 'a field'): number {
    this.check(offset, 2, what);
    return this.view.getUint16(offset, true);
  }

  i16(offset: number, what = 'a field'): number {
    this.check(offset, 2, what);
    return this.view.getInt16(offset, true);
  }

  u32(offset: number, what = 'a field'): number {
    this.check(offset, 4, what);
    return this.view.getUint32(offset, true);
  }

  i32(offset: number, what = 'a field'): number {
    this.check(offset, 4, what);
    return this.view.getInt32(offset, true);
  }

  slice(offset: number, size: number, what = 'a field'): Uint8Array {
    this.check(offset, size, what);
    return this.bytes.subarray(offset, offset + size);
  }
}
