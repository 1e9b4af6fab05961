/**
 * Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph, …), selected by
 * `KHCL_BLOB_URL=s3://bucket/prefix`: what lets worker machines that share no file system share
 * the original files. Credentials and region come from the usual AWS variables and files (the
 * SDK's own chain); an endpoint other than AWS's (`AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`,
 * read in src/config.ts) is addressed path-style, as MinIO and most S3-compatible servers expect.
 * A blob is `<prefix>/ab/cd/<sha256>`, as in a blob directory. Loaded only when configured.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { KhclError } from '../errors.js';
import { blobName, sha256Hex, type BlobStore } from './blobs.js';

/** `s3://bucket` or `s3://bucket/some/prefix` → bucket and key prefix (`''` or `some/prefix/`). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) throw new KhclError('config.invalid', `KHCL_BLOB_URL must look like s3://bucket/prefix (a bucket name of 3–63 lower-case letters, digits, dots and hyphens), not ${url}`);
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { bucket: m[1], prefix: prefix ? `${prefix}/` : '' };
}

export interface S3Options {
  /** An S3-compatible server's URL (MinIO: http://host:9000); AWS's own when absent. */
  endpoint?: string;
  /** A client of the caller's (tests); otherwise one from the SDK's usual configuration. */
  client?: S3Client;
}

export class S3BlobStore implements BlobStore {
  readonly location: string;
  private readonly client: S3Client;

  constructor(
    readonly bucket: string,
    readonly prefix: string,
    private readonly options: S3Options = {},
  ) {
    this.location = `s3://${bucket}/${prefix}`;
    this.client =
      options.client ??
      new S3Client({
        ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
        // The region the AWS variables name; MinIO and its kind accept any, and want one.
        region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
        // Checksums only where S3 requires them: many S3-compatible servers refuse the SDK's
        // newer default (a streamed CRC trailer). Uploads carry a Content-MD5 instead.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
  }

  static fromUrl(url: string, options: S3Options = {}): S3BlobStore {
    const { bucket, prefix } = parseS3Url(url);
    return new S3BlobStore(bucket, prefix, options);
  }

  private key(sha256: string): string {
    return `${this.prefix}${blobName(sha256)}`;
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    if (await this.has(sha256)) return sha256;
    // One object per content: two workers putting the same bytes write the same object.
    await this.call(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.key(sha256),
          Body: bytes,
          ContentType: 'application/octet-stream',
          ContentMD5: createHash('md5').update(bytes).digest('base64'),
        }),
      ),
    );
    return sha256;
  }

  async get(sha256: string): Promise<Uint8Array> {
    const key = this.key(sha256);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await out.Body!.transformToByteArray();
    } catch (e) {
      if (statusOf(e) === 404 && nameOf(e) !== 'NoSuchBucket') throw new KhclError('file.not_found', `no stored file with hash ${sha256} in ${this.location}`, { cause: e });
      throw this.failure(e);
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
      return true;
    } catch (e) {
      // A HEAD answer has no body: a missing bucket and a missing object are both a bare 404.
      if (statusOf(e) === 404) return false;
      throw this.failure(e);
    }
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (e) {
      throw this.failure(e);
    }
  }

  /** An SDK error as a KhclError a person can act on, naming the store but never a credential. */
  private failure(e: unknown): KhclError {
    if (e instanceof KhclError) return e;
    const where = `the blob store ${this.location}${this.options.endpoint ? ` at ${this.options.endpoint}` : ''}`;
    const name = nameOf(e);
    const status = statusOf(e);
    if (name === 'NoSuchBucket') return new KhclError('config.invalid', `${where}: there is no bucket named ${this.bucket} (KHCL_BLOB_URL)`, { cause: e });
    if (status === 403 || /AccessDenied|InvalidAccessKeyId|SignatureDoesNotMatch|CredentialsProviderError/.test(name)) {
      return new KhclError('config.invalid', `${where} refused access (${name}${status ? `, HTTP ${status}` : ''}): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`, { cause: e });
    }
    // Unreachable, timed out, or failing on its side: worth another try later.
    const reason = e instanceof Error ? e.message || name : String(e);
    return new KhclError('store.unavailable', `${where} is not reachable (${reason})`, { cause: e });
  }
}

function statusOf(e: unknown): number | undefined {
  return e instanceof S3ServiceException ? e.$metadata?.httpStatusCode : (e as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function nameOf(e: unknown): string {
  return (e as { name?: string; code?: string } | null)?.name ?? (e as { code?: string } | null)?.code ?? 'Error';
}
