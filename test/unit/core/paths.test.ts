import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAwsPaths } from '../../../app/core/paths';

const env = (vars: Record<string, string>, platform: NodeJS.Platform = 'linux') => ({
  env: vars,
  platform,
  homedir: () => '/from/os',
});

describe('resolving AWS file locations like the AWS tools', () => {
  it('uses HOME on POSIX, falling back to the OS home directory', () => {
    expect(resolveAwsPaths(env({ HOME: '/home/u' }))).toMatchObject({
      configFile: path.join('/home/u', '.aws', 'config'),
      credentialsFile: path.join('/home/u', '.aws', 'credentials'),
      cacheDir: path.join('/home/u', '.aws', 'sso', 'cache'),
    });
    expect(resolveAwsPaths(env({})).home).toBe('/from/os');
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE (with ~), never for the cache', () => {
    const paths = resolveAwsPaths(
      env({
        HOME: '/home/u',
        AWS_CONFIG_FILE: '~/cfg/aws.ini',
        AWS_SHARED_CREDENTIALS_FILE: '/etc/creds',
      }),
    );
    expect(paths.configFile).toBe(path.join('/home/u', 'cfg', 'aws.ini'));
    expect(paths.credentialsFile).toBe('/etc/creds');
    expect(paths.cacheDir).toBe(path.join('/home/u', '.aws', 'sso', 'cache'));
  });

  it('on Windows follows the AWS CLI (USERPROFILE) and remembers where the JS SDK looks (HOME)', () => {
    const paths = resolveAwsPaths(
      env({ HOME: '/c/Users/u', USERPROFILE: 'C:\\Users\\u' }, 'win32'),
    );
    expect(paths.home).toBe('C:\\Users\\u');
    expect(paths.jsSdkHome).toBe('/c/Users/u');
    expect(resolveAwsPaths(env({ HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\v' }, 'win32')).home).toBe(
      'D:\\Users\\v',
    );
  });
});
