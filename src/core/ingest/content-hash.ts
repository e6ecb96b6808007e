import { toHex } from '../text/hex';

/** Hex SHA-256 via Web Crypto, so the same hashing runs under Node and Workers. */
export async function sha256(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
