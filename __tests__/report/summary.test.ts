import type { SignatureResult, SignerIdentity } from '../../src/report/result.js';
import { buildSummary } from '../../src/report/summary.js';
import {
  CALLER,
  fenced,
  KEY_PEM,
  REUSABLE,
  resultsFor,
  SECRET_TEXTS,
  signerFor,
} from '../helpers/report-results.js';

const signers: Record<'key' | 'keyless', SignerIdentity> = {} as never;
beforeAll(async () => {
  signers.key = await signerFor('key');
  signers.keyless = await signerFor('keyless');
});

describe.each([
  ['key', 'legacy'],
  ['key', 'bundle'],
  ['keyless', 'legacy'],
  ['keyless', 'bundle'],
] as const)('buildSummary for %s signing, %s format', (mode, format) => {
  describe.each([1, 100])('with %i image(s)', (count) => {
    let results: SignatureResult[];
    let md: string;
    beforeAll(() => {
      results = resultsFor(signers[mode], format, count);
      md = buildSummary(results, signers[mode]);
    });

    it('has one table row per digest with its tags, format, signature and linked log index', () => {
      expect(md.split('\n').filter((l) => l.startsWith('| `ghcr.io/'))).toHaveLength(count);
      for (const r of results) {
        // What follows the repository, hex cut to 12: `:sha256-<12>….sig` or `@sha256:<12>…`.
        const hex = /[0-9a-f]{64}/.exec(r.signatureRef)![0];
        const ref = r.signatureRef.slice(r.image.length).replace(hex, `${hex.slice(0, 12)}…`);
        expect(ref).toMatch(
          format === 'legacy' ? /^:sha256-[0-9a-f]{12}…\.sig$/ : /^@sha256:[0-9a-f]{12}…$/,
        );
        expect(md).toContain(
          `| \`${r.image}\` | \`${r.tags[0]}\` \`latest\` | \`${r.digest}\` | ${format} | [${r.rekorLogIndex}](https://search.sigstore.dev/?logIndex=${r.rekorLogIndex}) | \`${ref}\` |`,
        );
      }
    });

    it('prints one cosign verify command naming every digest and the signer', () => {
      const [sh, ...rest] = fenced(md, 'sh');
      expect(rest).toEqual([]);
      expect(sh!.match(/^cosign verify /gm)).toHaveLength(1);
      for (const r of results) expect(sh).toContain(`  ${r.image}@${r.digest}`);
      if (mode === 'key') {
        expect(sh).toContain(
          `cat > cosign.pub <<'EOF'\n${KEY_PEM}EOF\ncosign verify --key cosign.pub \\\n`,
        );
      } else {
        // The reusable workflow's own identity, exactly (cosign compares it as a whole string).
        expect(sh).toContain(`--certificate-identity 'https://github.com/${REUSABLE}' \\\n`);
        expect(sh).toContain(
          "--certificate-oidc-issuer 'https://token.actions.githubusercontent.com' \\\n",
        );
        expect(sh).not.toContain(CALLER);
      }
      expect(sh).not.toMatch(/--rekor-url|insecure/);
    });

    it('names the signer: key fingerprint, or identity, issuer and the calling workflow', () => {
      if (mode === 'key') {
        // sha256 of the key's SPKI DER, computed independently: openssl pkey -pubin -outform DER | sha256sum
        expect(md).toContain('`9c102de57ee077aef4caee4fdc386592df2ce392c637d37ab334ce6f202af143`');
      } else {
        expect(md).toContain(
          `**Signer:** keyless, certificate identity \`https://github.com/${REUSABLE}\``,
        );
        expect(md).toContain(`**Called from:** \`https://github.com/${CALLER}\``);
        expect(md).toContain('**Run:** https://github.com/acme/app/actions/runs/4000/attempts/1');
      }
    });

    it('offers the three admission policies, each with the controller versions it needs', () => {
      const summaries = md.split('\n').filter((l) => l.startsWith('<details><summary>'));
      expect(summaries).toHaveLength(3);
      expect(summaries[0]).toMatch(/Kyverno ImageValidatingPolicy.*Kyverno 1\.17 or newer/);
      expect(summaries[1]).toMatch(
        format === 'legacy'
          ? /ClusterPolicy for Kyverno before 1\.17.*type: Cosign.*Kyverno 1\.13 to 1\.19/
          : /ClusterPolicy for Kyverno before 1\.17.*SigstoreBundle.*Kyverno 1\.(13 to 1\.)?19/,
      );
      expect(summaries[2]).toMatch(
        /policy-controller ClusterImagePolicy.*(run against v0\.15\.1|no release up to v0\.15\.1)/,
      );
    });

    it('stays far below the step summary limit and shows no secret', () => {
      expect(Buffer.byteLength(md)).toBeLessThan(100 * 1024);
      for (const secret of SECRET_TEXTS) expect(md).not.toContain(secret);
    });
  });
});

describe('buildSummary edge cases', () => {
  const key = () => signers.key;

  it('records the sizes for 1 and 100 images (reported in the closing note)', () => {
    const sizes = [1, 100].map((n) =>
      Buffer.byteLength(buildSummary(resultsFor(key(), 'legacy', n), key())),
    );
    const keyless = [1, 100].map((n) =>
      Buffer.byteLength(buildSummary(resultsFor(signers.keyless, 'bundle', n), signers.keyless)),
    );
    console.log(
      `summary bytes: key/legacy 1=${sizes[0]} 100=${sizes[1]}; keyless/bundle 1=${keyless[0]} 100=${keyless[1]}`,
    );
    expect(sizes[1]!).toBeLessThan(100 * 1024);
  });

  it('lists at most 200 digests and points to the signatures output for the rest', () => {
    const md = buildSummary(resultsFor(key(), 'legacy', 230), key());
    expect(md.split('\n').filter((l) => l.startsWith('| `ghcr.io/'))).toHaveLength(200);
    expect(md).toContain('| … 30 more: see the `signatures` output |');
    expect(md).toContain('# 30 more digests are in the `signatures` output');
    expect(Buffer.byteLength(md)).toBeLessThan(200 * 1024);
  });

  it('does not link a private Rekor, names it, and tells cosign where it is', () => {
    const md = buildSummary(resultsFor(key(), 'legacy', 1), key(), {
      rekorUrl: 'http://127.0.0.1:3000',
    });
    expect(md).not.toContain('search.sigstore.dev');
    expect(md).toMatch(/\| legacy \| 150000000 \| `:sha256-/);
    expect(md).toContain('**Transparency log:** the Rekor log at `http://127.0.0.1:3000`');
    expect(md).toContain('give cosign its trust root');
    expect(fenced(md, 'sh')[0]).toContain('  --rekor-url http://127.0.0.1:3000 \\\n');
  });

  it('says when nothing was logged and the verifier must skip the log', () => {
    const results = resultsFor(key(), 'legacy', 1).map((r) => ({
      ...r,
      rekorLogIndex: undefined,
      rekorLogId: undefined,
    }));
    const md = buildSummary(results, key());
    expect(md).toContain('| not logged |');
    expect(md).toContain('`tlog-upload` was false');
    expect(fenced(md, 'sh')[0]).toContain('--insecure-ignore-tlog=true');
  });

  it('marks signatures that were not uploaded or were already there', () => {
    const [a, b] = resultsFor(key(), 'legacy', 2);
    const md = buildSummary(
      [
        { ...a!, signatureRef: '' },
        { ...b!, added: false },
      ],
      key(),
    );
    expect(md).toMatch(
      /\| legacy \| \[150000000\]\([^)]+\) \| not uploaded \(`upload: false`\) \|$/m,
    );
    expect(md).toContain(
      `| \`:${b!.digest.replace(':', '-').slice(0, 19)}….sig\` (already there) |`,
    );
  });

  it('lists a digest signed in both formats once in the command and once per format in the table', () => {
    const both = [...resultsFor(key(), 'legacy', 1), ...resultsFor(key(), 'bundle', 1)];
    const md = buildSummary(both, key());
    expect(md).toMatch(/^## Signed container image$/m);
    expect(md.split('\n').filter((l) => l.startsWith('| `ghcr.io/'))).toHaveLength(2);
    expect(fenced(md, 'sh')[0]!.match(/ghcr\.io\/acme\/app@/g)).toHaveLength(1);
    // One ImageValidatingPolicy for both formats, a ClusterPolicy per format, and one
    // policy-controller manifest (key + bundle has none).
    expect(fenced(md, 'yaml').length).toBe(4);
  });

  it('names a KMS key by its reference, and how cosign reads the key from the KMS', () => {
    const kms: SignerIdentity = { ...key(), keyRef: 'awskms:///alias/release-signing' } as never;
    const md = buildSummary(resultsFor(kms, 'legacy', 1), kms);
    expect(md).toMatch(
      /^\*\*Signer:\*\* KMS key `awskms:\/\/\/alias\/release-signing`, public key SHA-256 `[0-9a-f]{64}` \(the `public-key` output\) {2}$/m,
    );
    expect(md).toContain('`--key awskms:///alias/release-signing` instead of `--key cosign.pub`');
    // The command still writes the public key: it verifies without any KMS access.
    expect(fenced(md, 'sh')[0]).toContain('--key cosign.pub');
    expect(md).not.toContain('cosign key,');
  });
});

describe('buildSummary with values that carry Markdown and HTML', () => {
  // A SAN from a git-valid branch name: backticks to close the code span, raw HTML, a link, a
  // pipe to split the table row; the same in a tag and an image name.
  const hostile =
    'https://github.com/acme/app/.github/workflows/r.yml@refs/heads/x`</code><h2>owned</h2><a href="https://evil.example">[click](https://evil.example)</a>|`';

  it('renders every such value as text: no heading, link, or extra cell', async () => {
    const { default: MarkdownIt } = await import('markdown-it');
    const keyless = await signerFor('keyless');
    const signer = { ...keyless, subject: hostile } as SignerIdentity;
    const results = resultsFor(signer, 'legacy', 1).map((r) => ({
      ...r,
      identity: hostile,
      tags: ['v1`<h2>tag</h2>|x'],
    }));
    const md = buildSummary(results, signer);
    // GitHub renders job summaries as GFM with inline HTML: so does this renderer.
    const html = new MarkdownIt({ html: true, linkify: false }).render(md);
    expect(html).not.toMatch(/<h2>owned<\/h2>|<h2>tag<\/h2>/);
    expect(html).not.toContain('<a href="https://evil.example"');
    expect(html).toContain('&lt;h2&gt;owned&lt;/h2&gt;'); // shown, as text
    // The table still has exactly its six columns in every row.
    const rows = html.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect((row.match(/<t[dh][ >]/g) ?? []).length).toBe(6);
  });
});
