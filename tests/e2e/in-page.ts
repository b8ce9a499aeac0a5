/**
 * The few browser globals the attachment journeys use inside `page.evaluate` (the tests compile
 * without the DOM library, as Node code): `const w = globalThis as unknown as InPage` in the callback
 * (it is serialized into the page, so it cannot call a helper from here).
 */
interface FileLike {
  readonly name: string;
}
interface EventTargetLike {
  dispatchEvent(e: unknown): boolean;
  getAttribute(name: string): string | null;
}
interface StorageLike {
  readonly length: number;
  key(i: number): string | null;
  getItem(k: string): string | null;
}
export interface TrackLike {
  readonly readyState: 'live' | 'ended';
}
interface StreamLike {
  getTracks(): TrackLike[];
}
export interface InPage {
  DataTransfer: new () => { items: { add(f: FileLike): void } };
  File: new (bits: Uint8Array[], name: string, opts: { type: string }) => FileLike;
  ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
  DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
  document: {
    querySelector(selector: string): EventTargetLike | null;
    querySelectorAll(selector: string): ArrayLike<EventTargetLike>;
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d'): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
      toDataURL(type: string, quality: number): string;
    };
  };
  localStorage: StorageLike;
  sessionStorage: StorageLike;
  indexedDB: { databases(): Promise<{ name?: string }[]> };
  caches: { keys(): Promise<string[]> };
  navigator: { mediaDevices: { getUserMedia(c: unknown): Promise<StreamLike> } };
  fetch(url: string): Promise<unknown>;
  fulcrum: { attachmentBytes(id: number, variant: 'original' | 'thumbnail' | 'shared'): Promise<{ ok: boolean; value: { arrayBuffer(): Promise<ArrayBuffer> }; error: { code: string } }> };
  __tracks?: TrackLike[];
}


/** Element properties read with `locator.evaluate`. */
export interface MediaLike {
  readonly readyState: number;
  readonly duration: number;
}
export interface ImageLike {
  readonly naturalWidth: number;
}
export interface CanvasLike {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}
