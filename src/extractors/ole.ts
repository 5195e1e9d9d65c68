/** Light checks on OLE compound files (legacy .doc/.wps), for the batch's main thread too. */

export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((b, i) => bytes[offset + i] === b);
}

/** Byte search for a string encoded as UTF-16LE (how OLE directory entries store names). */
export function containsUtf16le(bytes: Uint8Array, s: string): boolean {
  const needle = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) needle[i * 2] = s.charCodeAt(i) & 0xff;
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first as number); i !== -1 && i <= bytes.length - needle.length; i = bytes.indexOf(first as number, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** A password-protected Office file: an OLE container holding an EncryptionInfo stream. */
export function isEncryptedOle(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE_MAGIC) && containsUtf16le(bytes, 'EncryptionInfo');
}
