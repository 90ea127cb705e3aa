// Key pairs made by the peers themselves, the best key fixtures (test-peers.md).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PEERS_BIN } from '../../test-env/state.js';
import { exec, peerEnv, scratch } from './exec.js';

export interface KeyPair {
  dir: string;
  privateKeyPath: string;
  publicKeyPath: string;
  privateKey: string; // PEM
  publicKey: string; // PEM
  password: string;
}

function read(dir: string, priv: string, pub: string, password: string): KeyPair {
  const privateKeyPath = path.join(dir, priv);
  const publicKeyPath = path.join(dir, pub);
  return {
    dir,
    privateKeyPath,
    publicKeyPath,
    privateKey: readFileSync(privateKeyPath, 'utf8'),
    publicKey: readFileSync(publicKeyPath, 'utf8'),
    password,
  };
}

// `cosign generate-key-pair` (ENCRYPTED SIGSTORE PRIVATE KEY, scrypt N=65536).
export async function generateCosignKey(password: string, version: 2 | 3 = 3): Promise<KeyPair> {
  const dir = scratch('cosign-key');
  const cosign = path.join(PEERS_BIN, version === 2 ? 'cosign2' : 'cosign3');
  const r = await exec(cosign, ['generate-key-pair'], {
    cwd: dir,
    env: peerEnv(dir, { COSIGN_PASSWORD: password }),
  });
  if (r.code !== 0) throw new Error(`cosign generate-key-pair failed: ${r.stderr}`);
  return read(dir, 'cosign.key', 'cosign.pub', password);
}

// `skopeo generate-sigstore-key` (ENCRYPTED COSIGN PRIVATE KEY).
export async function generateSkopeoKey(password: string): Promise<KeyPair> {
  const dir = scratch('skopeo-key');
  const passFile = path.join(dir, 'pass.txt');
  writeFileSync(passFile, password);
  const r = await exec(
    path.join(PEERS_BIN, 'skopeo'),
    [
      'generate-sigstore-key',
      '--output-prefix',
      path.join(dir, 'skopeo-key'),
      '--passphrase-file',
      passFile,
    ],
    { env: peerEnv(dir) },
  );
  if (r.code !== 0) throw new Error(`skopeo generate-sigstore-key failed: ${r.stderr}`);
  return read(dir, 'skopeo-key.private', 'skopeo-key.pub', password);
}
