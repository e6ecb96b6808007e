/**
 * HMAC-SHA-256 under a random key that lives as long as the process (or isolate) does. The key is
 * made on first use: Workers forbid randomness outside a request.
 */
export function createKeyedHash(): (text: string) => Promise<Uint8Array> {
  let key: Promise<CryptoKey> | undefined;
  const encoder = new TextEncoder();
  return async (text) => {
    key ??= crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']) as Promise<CryptoKey>;
    return new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(text)));
  };
}
