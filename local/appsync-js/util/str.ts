/** `util.str` of the APPSYNC_JS runtime. */
import type { NormalizationType, StringUtils } from '@aws-appsync/utils/lib/string-utils';

const FORMS: Record<NormalizationType, 'NFC' | 'NFD' | 'NFKC' | 'NFKD'> = {
  nfc: 'NFC',
  nfd: 'NFD',
  nfkc: 'NFKC',
  nfkd: 'NFKD',
};

export const str: StringUtils = {
  normalize(value, normalizationType) {
    if (typeof value !== 'string') throw new Error('util.str.normalize: value must be a string');
    // Case-insensitive, like Java's Normalizer.Form lookup of the upper-cased name.
    const form =
      typeof normalizationType === 'string'
        ? (FORMS as Record<string, string | undefined>)[normalizationType.toLowerCase()]
        : undefined;
    if (form === undefined) {
      throw new Error(`util.str.normalize: normalization type must be one of nfc, nfd, nfkc, nfkd (got ${String(normalizationType)})`);
    }
    return value.normalize(form);
  },
};
