// word-extractor ships no types; the bench only compares its speed with khcl's .doc reader.
declare module 'word-extractor' {
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<{ getBody(): string }>;
  }
}
