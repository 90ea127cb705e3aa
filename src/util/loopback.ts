// The loopback rule, shared by registries (plain HTTP allowed) and Sigstore services (plain HTTP
// allowed only there, so an OIDC token never crosses the network in clear).

/** True for hosts on loopback (the only ones spoken to over plain HTTP): localhost, *.localhost, 127/8, [::1]. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = hostOf(registry.trim().toLowerCase());
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}

function hostOf(registry: string): string {
  if (registry.startsWith('[')) {
    const end = registry.indexOf(']');
    return end > 0 ? registry.slice(0, end + 1) : registry;
  }
  if (registry === '::1') return registry;
  const colon = registry.lastIndexOf(':');
  return colon >= 0 ? registry.slice(0, colon) : registry;
}
