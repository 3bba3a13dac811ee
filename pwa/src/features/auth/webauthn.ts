/**
 * Passkeys in the browser (WebAuthn Level 3).
 *
 * The server sends options as JSON (§5.1.8 of L3: base64url for every binary field). Current
 * browsers turn them into the binary form with PublicKeyCredential.parseCreationOptionsFromJSON
 * / parseRequestOptionsFromJSON and back with credential.toJSON(); for older Safari and Firefox
 * there is a small base64url fallback here.
 */

type Json = Record<string, unknown>;

export function passkeysSupported(): boolean {
  return typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
}

function fromBase64url(value: string): ArrayBuffer {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

function toBase64url(buffer: ArrayBuffer | ArrayBufferView | null | undefined): string | undefined {
  if (!buffer) return undefined;
  const bytes =
    buffer instanceof ArrayBuffer
      ? new Uint8Array(buffer)
      : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function descriptors(list: unknown): PublicKeyCredentialDescriptor[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((item: Json) => ({
    ...(item as object),
    type: 'public-key',
    id: fromBase64url(String(item.id)),
  }));
}

function creationOptions(json: Json): PublicKeyCredentialCreationOptions {
  const PKC = window.PublicKeyCredential as typeof PublicKeyCredential & {
    parseCreationOptionsFromJSON?: (o: unknown) => PublicKeyCredentialCreationOptions;
  };
  if (typeof PKC.parseCreationOptionsFromJSON === 'function') {
    return PKC.parseCreationOptionsFromJSON(json);
  }
  const user = json.user as Json;
  return {
    ...(json as object),
    challenge: fromBase64url(String(json.challenge)),
    user: { ...(user as object), id: fromBase64url(String(user.id)) },
    excludeCredentials: descriptors(json.excludeCredentials),
  } as PublicKeyCredentialCreationOptions;
}

function requestOptions(json: Json): PublicKeyCredentialRequestOptions {
  const PKC = window.PublicKeyCredential as typeof PublicKeyCredential & {
    parseRequestOptionsFromJSON?: (o: unknown) => PublicKeyCredentialRequestOptions;
  };
  if (typeof PKC.parseRequestOptionsFromJSON === 'function') {
    return PKC.parseRequestOptionsFromJSON(json);
  }
  return {
    ...(json as object),
    challenge: fromBase64url(String(json.challenge)),
    allowCredentials: descriptors(json.allowCredentials),
  };
}

/** credential.toJSON(), or the same shape built by hand (WebAuthn L3 §5.1 RegistrationResponseJSON). */
function credentialJson(credential: PublicKeyCredential): Json {
  const withJson = credential as PublicKeyCredential & { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return withJson.toJSON() as Json;
  const response = credential.response as AuthenticatorResponse & {
    attestationObject?: ArrayBuffer;
    authenticatorData?: ArrayBuffer;
    signature?: ArrayBuffer;
    userHandle?: ArrayBuffer | null;
    getTransports?: () => string[];
  };
  const out: Json = {
    clientDataJSON: toBase64url(response.clientDataJSON),
  };
  if (response.attestationObject) {
    out.attestationObject = toBase64url(response.attestationObject);
    out.transports = response.getTransports?.() ?? [];
  }
  if (response.authenticatorData) out.authenticatorData = toBase64url(response.authenticatorData);
  if (response.signature) out.signature = toBase64url(response.signature);
  if (response.userHandle) out.userHandle = toBase64url(response.userHandle);
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: out,
  };
}

/** Make a new passkey on this device from the server's creation options (JSON). */
export async function createPasskey(publicKey: Json): Promise<Json> {
  const credential = await navigator.credentials.create({ publicKey: creationOptions(publicKey) });
  if (!(credential instanceof PublicKeyCredential)) {
    throw new DOMException('No passkey was made.', 'NotAllowedError');
  }
  return credentialJson(credential);
}

/** Ask the device for a passkey (discoverable: no user name) for the server's request options. */
export async function getPasskey(publicKey: Json): Promise<Json> {
  const credential = await navigator.credentials.get({ publicKey: requestOptions(publicKey) });
  if (!(credential instanceof PublicKeyCredential)) {
    throw new DOMException('No passkey was chosen.', 'NotAllowedError');
  }
  return credentialJson(credential);
}
