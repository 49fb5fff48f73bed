/** Base64 for the browser server's file requests (the client encodes, the server decodes) and the word vectors. */
type NodeBuffer = { from(text: string, encoding: 'base64'): Uint8Array };

/** Base64 → bytes: Node's Buffer where there is one (several times faster), else `atob` (a Web Worker). */
export function decodeBase64(base64: string): Uint8Array {
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  if (buffer) return buffer.from(base64, 'base64');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes → base64 (what the browser server's file requests carry). */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
