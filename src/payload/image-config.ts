// The image config of a `.sig` image, re-marshalled as go-containerregistry's mutate.Append does
// after adding layers: decode into v1.ConfigFile, append one diff_id and one empty history entry
// per layer, json.Marshal. Anything ggcr's struct has no field for is dropped, as ggcr drops it.
// https://github.com/google/go-containerregistry/blob/main/pkg/v1/config.go
// (Lives here, not in storage/legacy, only because that folder is limited to layer.ts/manifest.ts.)
import { SignImageError } from '../errors.js';
import {
  compareGoStrings,
  GO_ZERO_TIME,
  goInt,
  goString,
  goStringMap,
  goStringSlice,
  goStruct,
  goTime,
} from './go-json.js';
import { isObject, SHA256_DIGEST } from '../util/encoding.js';

/** ggcr empty.Image's config: what cosign starts a new `.sig` image from. */
export const EMPTY_IMAGE_CONFIG: Buffer = Buffer.from(
  '{"architecture":"","os":"","rootfs":{"type":"layers"},"config":{}}',
);

/** True for the two media types ggcr re-marshals (Docker and OCI image configs). */
export function isImageConfigMediaType(mediaType: string): boolean {
  return (
    mediaType === 'application/vnd.oci.image.config.v1+json' ||
    mediaType === 'application/vnd.docker.container.image.v1+json'
  );
}

/**
 * `config` with `diffIds` appended to rootfs.diff_ids and one `{"created":"0001-01-01T00:00:00Z"}`
 * history entry per added layer (ggcr Addendum.History is empty), as Go json.Marshal writes it.
 */
export function appendToImageConfig(config: Buffer, diffIds: readonly string[]): Buffer {
  let cf: unknown;
  try {
    cf = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(config));
  } catch (cause) {
    throw invalid('it is not UTF-8 JSON', cause);
  }
  if (!isObject(cf)) throw invalid('it is not a JSON object');
  const rootfs = cf.rootfs ?? {};
  if (!isObject(rootfs)) throw invalid('rootfs is not an object');
  const existingIds = strings(rootfs.diff_ids, 'rootfs.diff_ids') ?? [];
  const allIds = [...existingIds, ...diffIds];
  for (const id of allIds)
    if (!SHA256_DIGEST.test(id)) throw invalid(`diff_id "${id}" is not a sha256 digest`);
  const history = list(cf.history, 'history').map(historyJson);
  // Not omitempty-able: ggcr's Addendum.History is the zero value, whose `created` is Go's zero time.
  for (let i = 0; i < diffIds.length; i++) history.push(`{"created":${GO_ZERO_TIME}}`);

  const json = goStruct([
    ['architecture', goString(str(cf.architecture, 'architecture'))],
    ['author', opt(cf.author, 'author')],
    ['container', opt(cf.container, 'container')],
    ['created', time(cf.created, 'created')],
    ['docker_version', opt(cf.docker_version, 'docker_version')],
    ['history', history.length > 0 ? `[${history.join(',')}]` : undefined],
    ['os', goString(str(cf.os, 'os'))],
    [
      'rootfs',
      goStruct([
        ['type', goString(str(rootfs.type, 'rootfs.type'))],
        ['diff_ids', goStringSlice(allIds.length > 0 ? allIds : undefined)],
      ]),
    ],
    ['config', containerConfigJson(cf.config ?? {})],
    ['os.version', opt(cf['os.version'], 'os.version')],
    ['variant', opt(cf.variant, 'variant')],
    ['os.features', optList(cf['os.features'], 'os.features')],
  ]);
  return Buffer.from(json, 'utf8');
}

function historyJson(entry: unknown): string {
  if (!isObject(entry)) throw invalid('a history entry is not an object');
  if (
    entry.empty_layer !== undefined &&
    entry.empty_layer !== null &&
    typeof entry.empty_layer !== 'boolean'
  ) {
    throw invalid('history.empty_layer is not a boolean');
  }
  return goStruct([
    ['author', opt(entry.author, 'history.author')],
    ['created', time(entry.created, 'history.created')],
    ['created_by', opt(entry.created_by, 'history.created_by')],
    ['comment', opt(entry.comment, 'history.comment')],
    ['empty_layer', entry.empty_layer === true ? 'true' : undefined],
  ]);
}

// ggcr v1.Config: every field omitempty, in struct order. `b` bool, `s` string, `l` []string,
// `m` map[string]string, `e` map[string]struct{}, `h` *HealthConfig.
const CONTAINER_FIELDS = [
  'AttachStderr:b AttachStdin:b AttachStdout:b Cmd:l Healthcheck:h Domainname:s ',
  'Entrypoint:l Env:l Hostname:s Image:s Labels:m OnBuild:l OpenStdin:b StdinOnce:b ',
  'Tty:b User:s Volumes:e WorkingDir:s ExposedPorts:e ArgsEscaped:b NetworkDisabled:b ',
  'MacAddress:s StopSignal:s Shell:l',
]
  .join('')
  .split(' ')
  .map((f) => f.split(':') as [string, string]);

function containerConfigJson(config: unknown): string {
  if (!isObject(config)) throw invalid('config is not an object');
  return goStruct(
    CONTAINER_FIELDS.map(
      ([name, kind]) => [name, containerField(config[name], kind, `config.${name}`)] as const,
    ),
  );
}

function containerField(v: unknown, kind: string, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (kind === 'b') {
    if (typeof v !== 'boolean') throw invalid(`${where} is not a boolean`);
    return v ? 'true' : undefined;
  }
  if (kind === 's') return opt(v, where);
  if (kind === 'l') return optList(v, where);
  if (!isObject(v)) throw invalid(`${where} is not an object`);
  if (kind === 'h') {
    const ints = ['Interval', 'Timeout', 'StartPeriod', 'Retries'].map(
      (k) => [k, int(v[k], `${where}.${k}`)] as const,
    );
    return goStruct([['Test', optList(v.Test, `${where}.Test`)], ...ints]);
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return undefined;
  if (kind === 'e')
    return `{${keys
      .sort(compareGoStrings)
      .map((k) => `${goString(k)}:{}`)
      .join(',')}}`;
  return goStringMap(Object.fromEntries(keys.map((k) => [k, str(v[k], `${where}.${k}`)])));
}

function time(v: unknown, where: string): string {
  if (v === undefined || v === null) return GO_ZERO_TIME;
  if (typeof v !== 'string') throw invalid(`${where} is not a time`);
  try {
    return goTime(v);
  } catch (cause) {
    throw invalid(`${where} "${v}" is not an RFC 3339 time`, cause);
  }
}

function int(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null || v === 0) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw invalid(`${where} is not an integer`);
  return goInt(v);
}

function str(v: unknown, where: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw invalid(`${where} is not a string`);
  return v;
}

function opt(v: unknown, where: string): string | undefined {
  const s = str(v, where);
  return s === '' ? undefined : goString(s);
}

function strings(v: unknown, where: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  return list(v, where).map((s, i) => str(s, `${where}[${i}]`));
}

function optList(v: unknown, where: string): string | undefined {
  const l = strings(v, where);
  return l && l.length > 0 ? goStringSlice(l) : undefined;
}

function list(v: unknown, where: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(`${where} is not a list`);
  return v;
}

function invalid(why: string, cause?: unknown): SignImageError {
  return new SignImageError(
    'SIGNATURE_MANIFEST_INVALID',
    `the existing .sig config cannot be extended: ${why}`,
    {
      hint: 'Something other than cosign, skopeo or this action wrote the config of the `sha256-<hex>.sig` image; delete that tag and sign again',
      cause,
    },
  );
}
