"use client";
// next-auth's client (about 10 kB gzipped) is needed only at the moment someone signs in or out: it is
// loaded then, not with every page that shows the header's "Se déconnecter" (issue 17, mobile
// Lighthouse).
type NextAuthClient = typeof import("next-auth/react");

export async function signIn(...args: Parameters<NextAuthClient["signIn"]>) {
  return (await import("next-auth/react")).signIn(...args);
}

export async function signOut(...args: Parameters<NextAuthClient["signOut"]>) {
  return (await import("next-auth/react")).signOut(...args);
}
