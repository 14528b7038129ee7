"use strict";
// sigmeet's stand-in for @matrix-org/matrix-sdk-crypto-nodejs (docs/matrix.md). matrix-bot-sdk
// requires the native binding at load time even with E2EE off, and the real package fetches its
// binary from github.com, which sigmeet's build and CI machines cannot reach. The SDK only touches
// crypto classes inside functions, so an object that loads but refuses every use is enough.

function refuse(name) {
  throw new Error(`E2EE disabled in this build (crypto stub accessed: ${name})`);
}

module.exports = new Proxy(Object.create(null), {
  get(_target, name) {
    // TypeScript's interop helpers read __esModule while requiring; false makes them wrap us.
    if (name === "__esModule") return false;
    // Protocol probes, not crypto API: inspect/toStringTag (symbols) and `then` (await on a value
    // that might be a promise) must not turn logging or an async return into a crash.
    if (typeof name === "symbol" || name === "then") return undefined;
    return refuse(name);
  },
  set(_target, name) {
    return refuse(String(name));
  },
});
