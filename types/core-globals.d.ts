// The core runs in browsers, Web Workers and Node, which all provide the WHATWG encoding API.
// tsconfig.core.json leaves out the DOM lib so that DOM APIs cannot creep into src/core; these
// two classes are the only globals beyond ES2022 that the core may use.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
