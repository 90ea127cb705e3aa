// Test images made without network or our own registry code: a tiny layer built here, an OCI
// layout on disk, pushed to the test registry by the real skopeo.
//
//   npx tsx test-env/image.ts push REPO[:TAG]        # prints the digest
//   npx tsx test-env/image.ts push-index REPO[:TAG]  # two platforms + attestation manifest
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readState, REPO_ROOT, type TestbedState } from './state.js';

const run = promisify(execFile);
const sha256 = (b: Buffer | string): string =>
  'sha256:' + createHash('sha256').update(b).digest('hex');

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { architecture: string; os: string };
  annotations?: Record<string, string>;
}

// A one-file ustar archive (the format every runtime reads).
function tar(name: string, content: Buffer): Buffer {
  const h = Buffer.alloc(512);
  const put = (s: string, off: number, len: number) => h.write(s.slice(0, len), off, 'ascii');
  put(name, 0, 100);
  put('0000644\0', 100, 8);
  put('0000000\0', 108, 8);
  put('0000000\0', 116, 8);
  put(content.length.toString(8).padStart(11, '0') + '\0', 124, 12);
  put('00000000000\0', 136, 12);
  put('        ', 148, 8); // checksum counts as spaces while summing
  put('0', 156, 1);
  put('ustar\x0000', 257, 8);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  const pad = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([h, content, pad, Buffer.alloc(1024)]);
}

class Layout {
  constructor(readonly dir: string) {
    mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
    writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  }

  blob(mediaType: string, bytes: Buffer | string, extra: Partial<Descriptor> = {}): Descriptor {
    const buf = Buffer.from(bytes);
    const digest = sha256(buf);
    writeFileSync(path.join(this.dir, 'blobs', 'sha256', digest.slice(7)), buf);
    return { mediaType, digest, size: buf.length, ...extra };
  }

  // An image: one layer with `content`, a config naming its platform.
  image(content: string, platform = { architecture: 'amd64', os: 'linux' }): Descriptor {
    const raw = tar('hello.txt', Buffer.from(content + '\n'));
    const layer = this.blob('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(raw));
    const config = this.blob(
      'application/vnd.oci.image.config.v1+json',
      JSON.stringify({
        ...platform,
        created: '2026-01-01T00:00:00Z',
        config: { Cmd: ['/hello.txt'] },
        rootfs: { type: 'layers', diff_ids: [sha256(raw)] },
      }),
    );
    const manifest = { schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] };
    return this.blob(OCI_MANIFEST, JSON.stringify(manifest), { platform });
  }

  finish(top: Descriptor, tag: string): void {
    const ref = { ...top, annotations: { 'org.opencontainers.image.ref.name': tag } };
    delete ref.platform;
    writeFileSync(
      path.join(this.dir, 'index.json'),
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [ref] }),
    );
  }
}

export interface PushOptions {
  repository: string; // e.g. "demo/app" (no registry host)
  tag?: string; // default: a fresh tag, so nothing else moves
  content?: string; // default: random, so every call gets its own digest
}

export interface Pushed {
  digest: string;
  reference: string; // HOST/REPO@sha256:…
  tag: string;
  repository: string; // HOST/REPO
}

async function push(
  state: TestbedState,
  opts: PushOptions,
  build: (l: Layout, content: string) => Descriptor,
  all: boolean,
): Promise<Pushed> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'testbed-image-'));
  try {
    const tag = opts.tag ?? `t-${randomBytes(6).toString('hex')}`;
    const layout = new Layout(path.join(dir, 'oci'));
    const top = build(layout, opts.content ?? `hello from ${randomBytes(16).toString('hex')}`);
    layout.finish(top, tag);
    const repository = `${state.registry.host}/${opts.repository}`;
    const { username, password } = state.registry;
    const digestFile = path.join(dir, 'digest');
    await run(
      state.peers.skopeo,
      [
        'copy',
        '--insecure-policy',
        '--quiet',
        ...(all ? ['--all'] : []),
        '--preserve-digests',
        '--digestfile',
        digestFile,
        '--dest-creds',
        `${username}:${password}`,
        '--dest-tls-verify=false',
        `oci:${layout.dir}:${tag}`,
        `docker://${repository}:${tag}`,
      ],
      { env: { ...process.env, TMPDIR: dir } },
    );
    const digest = readFileSync(digestFile, 'utf8').trim();
    if (digest !== top.digest) throw new Error(`skopeo pushed ${digest}, expected ${top.digest}`);
    return { digest, reference: `${repository}@${digest}`, tag, repository };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A single-platform image (linux/amd64).
export function pushTestImage(state: TestbedState, opts: PushOptions): Promise<Pushed> {
  return push(state, opts, (l, content) => l.image(content), false);
}

export interface Index extends Pushed {
  platforms: { platform: string; digest: string }[];
  attestation?: string; // digest of the BuildKit-style attestation manifest
}

// A linux/amd64 + linux/arm64 index, optionally with a BuildKit attestation manifest
// (platform unknown/unknown, `vnd.docker.reference.type: attestation-manifest`).
export async function pushTestIndex(
  state: TestbedState,
  opts: PushOptions & { attestation?: boolean },
): Promise<Index> {
  const children: Descriptor[] = [];
  const pushed = await push(
    state,
    opts,
    (l, content) => {
      children.push(
        l.image(`${content} amd64`),
        l.image(`${content} arm64`, { architecture: 'arm64', os: 'linux' }),
      );
      if (opts.attestation) {
        const att = l.image(`${content} provenance`, { architecture: 'unknown', os: 'unknown' });
        att.annotations = {
          'vnd.docker.reference.digest': children[0]!.digest,
          'vnd.docker.reference.type': 'attestation-manifest',
        };
        children.push(att);
      }
      return l.blob(
        OCI_INDEX,
        JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: children }),
      );
    },
    true,
  );
  return {
    ...pushed,
    platforms: children.slice(0, 2).map((c) => ({
      platform: `${c.platform!.os}/${c.platform!.architecture}`,
      digest: c.digest,
    })),
    attestation: opts.attestation ? children[2]!.digest : undefined,
  };
}

if (path.resolve(process.argv[1] ?? '') === path.join(REPO_ROOT, 'test-env', 'image.ts')) {
  const [cmd, ref] = process.argv.slice(2);
  const state = readState();
  if (!state) throw new Error('no test bed: run `npx tsx test-env/testbed.ts start`');
  if ((cmd !== 'push' && cmd !== 'push-index') || !ref) {
    console.error('usage: npx tsx test-env/image.ts push|push-index REPO[:TAG]');
    process.exit(2);
  }
  const [repository, tag] = ref.split(':') as [string, string | undefined];
  const out =
    cmd === 'push'
      ? await pushTestImage(state, { repository, tag })
      : await pushTestIndex(state, { repository, tag, attestation: true });
  console.log(cmd === 'push' ? out.digest : JSON.stringify(out, null, 2));
}
