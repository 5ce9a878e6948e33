import type { PDFFont } from 'pdf-lib';

/**
 * A synchronous stand-in for fontkit's `EncodeStream` (restructure): the write methods a TrueType subset uses,
 * into one growing buffer.
 */
class SyncEncodeStream {
  pos = 0;
  #buffer = new Uint8Array(64 * 1024);
  #view = new DataView(this.#buffer.buffer);

  #ensure(bytes: number): void {
    if (this.pos + bytes <= this.#buffer.length) return;
    const next = new Uint8Array(Math.max(this.#buffer.length * 2, this.pos + bytes));
    next.set(this.#buffer);
    this.#buffer = next;
    this.#view = new DataView(next.buffer);
  }

  #write(bytes: number, write: (view: DataView, at: number) => void): number {
    this.#ensure(bytes);
    write(this.#view, this.pos);
    this.pos += bytes;
    return this.pos;
  }

  writeUInt8(v: number) {
    return this.#write(1, (d, at) => d.setUint8(at, v));
  }
  writeInt8(v: number) {
    return this.#write(1, (d, at) => d.setInt8(at, v));
  }
  writeUInt16BE(v: number) {
    return this.#write(2, (d, at) => d.setUint16(at, v));
  }
  writeInt16BE(v: number) {
    return this.#write(2, (d, at) => d.setInt16(at, v));
  }
  writeUInt24BE(v: number) {
    return this.#write(3, (d, at) => {
      d.setUint8(at, (v >>> 16) & 0xff);
      d.setUint16(at + 1, v & 0xffff);
    });
  }
  writeInt24BE(v: number) {
    return this.writeUInt24BE(v >= 0 ? v : v + 0x1000000);
  }
  writeUInt32BE(v: number) {
    return this.#write(4, (d, at) => d.setUint32(at, v));
  }
  writeInt32BE(v: number) {
    return this.#write(4, (d, at) => d.setInt32(at, v));
  }
  writeFloatBE(v: number) {
    return this.#write(4, (d, at) => d.setFloat32(at, v));
  }
  writeDoubleBE(v: number) {
    return this.#write(8, (d, at) => d.setFloat64(at, v));
  }

  writeBuffer(buffer: Uint8Array): number {
    this.#ensure(buffer.length);
    this.#buffer.set(buffer, this.pos);
    this.pos += buffer.length;
    return this.pos;
  }

  writeString(text: string, encoding = 'ascii'): number {
    if (encoding !== 'ascii' && encoding !== 'latin1' && encoding !== 'binary') {
      throw new Error(`unsupported string encoding ${encoding}`);
    }
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    return this.writeBuffer(bytes);
  }

  fill(value: number, length: number): number {
    this.#ensure(length);
    this.#buffer.fill(value, this.pos, this.pos + length);
    this.pos += length;
    return this.pos;
  }

  end(): void {}

  bytes(): Uint8Array {
    return this.#buffer.slice(0, this.pos);
  }
}

interface SubsetEmbedder {
  subset?: { encode?: (stream: unknown) => void };
  serializeFont?: () => Promise<Uint8Array>;
}

/**
 * Makes pdf-lib serialise a TrueType subset synchronously. fontkit's `encodeStream` runs on a `process.nextTick`
 * shim built on `setTimeout(…, 0)`, so every font of every PDF waited for several timer ticks (milliseconds of
 * idle time per document). The subset's own `encode` is synchronous: run it into {@link SyncEncodeStream}.
 * Anything unexpected (another pdf-lib, a CFF font) falls back to pdf-lib's own path.
 * @internal
 */
export function serializeSubsetSynchronously(font: PDFFont): void {
  const embedder = (font as unknown as { embedder?: SubsetEmbedder }).embedder;
  const subset = embedder?.subset;
  const original = embedder?.serializeFont;
  if (!embedder || typeof subset?.encode !== 'function' || typeof original !== 'function') return;
  embedder.serializeFont = async () => {
    try {
      const stream = new SyncEncodeStream();
      subset.encode?.(stream);
      return stream.bytes();
    } catch {
      return original.call(embedder);
    }
  };
}
