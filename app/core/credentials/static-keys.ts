// Static keys of a source profile, read from the file when a chain needs them
// (never kept in the config model: they are secrets). Read as botocore's
// SharedCredentialProvider and ConfigProvider read them.

import { promises as fs } from 'node:fs';
import { readAsJsSdk } from '../config/js-reader';
import { parseIniAsBotocore, readAsBotocore } from '../config/python-reader';
import { plainValue, type SectionReading } from '../config/reading';
import type { AwsPaths } from '../paths';
import { errnoCode } from '../fs/errno';
import { CredentialsError } from './credentials-error';
import type { RoleCredentials } from './role-credentials';

export type StaticKeysFile = 'credentials' | 'config';

/** The static keys of `profile` in `file`, read now (throws CredentialsError). */
export type StaticKeysReader = (profile: string, file: StaticKeysFile) => Promise<RoleCredentials>;

function sectionOf(
  text: string,
  file: StaticKeysFile,
  profile: string,
): SectionReading | undefined {
  if (file === 'credentials') return parseIniAsBotocore(text).sections.get(profile);
  // The config model follows the JS SDK's reading only when botocore rejects the file; so do we.
  const botocore = readAsBotocore(text);
  return (botocore.accepted ? botocore : readAsJsSdk(text)).profiles.get(profile);
}

/** The keys in the file's text, or null when the section has no complete pair. */
export function staticKeysIn(
  text: string,
  file: StaticKeysFile,
  profile: string,
): RoleCredentials | null {
  const section = sectionOf(text, file, profile);
  if (!section) return null;
  const get = (key: string) => plainValue(section.keys.get(key));
  const accessKeyId = get('aws_access_key_id');
  const secretAccessKey = get('aws_secret_access_key');
  if (accessKeyId === undefined || secretAccessKey === undefined) return null;
  // botocore looks for the legacy aws_security_token first.
  const sessionToken = get('aws_security_token') ?? get('aws_session_token') ?? null;
  return { accessKeyId, secretAccessKey, sessionToken, expiration: null };
}

export function createStaticKeysReader(
  paths: Pick<AwsPaths, 'configFile' | 'credentialsFile'>,
): StaticKeysReader {
  return async (profile, file) => {
    const path = file === 'credentials' ? paths.credentialsFile : paths.configFile;
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (error) {
      throw new CredentialsError(
        'profile-incomplete',
        `Cannot read the AWS ${file} file for the keys of profile "${profile}" (${errnoCode(error) ?? 'read error'}).`,
      );
    }
    const keys = staticKeysIn(text, file, profile);
    if (!keys) {
      throw new CredentialsError(
        'profile-incomplete',
        `Profile "${profile}" has no aws_access_key_id and aws_secret_access_key in the AWS ${file} file.`,
      );
    }
    return keys;
  };
}
