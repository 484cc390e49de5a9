// Which AWS partition a region belongs to, and the sign-in and console hosts
// there. Role credentials only work in their own partition's console.

import { CredentialsError } from '../credentials/credentials-error';

export interface Partition {
  readonly name: 'aws' | 'aws-us-gov' | 'aws-cn';
  /** The federation endpoint (getSigninToken and login). */
  readonly federationUrl: string;
  /** The console's home page host. */
  readonly consoleHost: string;
  /** Where the console opens when nothing names a region. */
  readonly homeRegion: string;
}

const PARTITIONS: Record<Partition['name'], Partition> = {
  aws: {
    name: 'aws',
    federationUrl: 'https://signin.aws.amazon.com/federation',
    consoleHost: 'console.aws.amazon.com',
    homeRegion: 'us-east-1',
  },
  'aws-us-gov': {
    name: 'aws-us-gov',
    federationUrl: 'https://signin.amazonaws-us-gov.com/federation',
    consoleHost: 'console.amazonaws-us-gov.com',
    homeRegion: 'us-gov-west-1',
  },
  'aws-cn': {
    name: 'aws-cn',
    federationUrl: 'https://signin.amazonaws.cn/federation',
    consoleHost: 'console.amazonaws.cn',
    homeRegion: 'cn-north-1',
  },
};

export function partitionOfRegion(region: string): Partition {
  if (/^us-gov-/.test(region)) return PARTITIONS['aws-us-gov'];
  if (/^cn-/.test(region)) return PARTITIONS['aws-cn'];
  // The isolated partitions (us-iso-*, us-isob-*, eu-isoe-*, us-isof-*) have no public console.
  if (/^[a-z]{2}-iso[a-z]?-/.test(region)) {
    throw new CredentialsError(
      'service-error',
      `Region ${region} is in an isolated AWS partition; sso-tray cannot build a console sign-in link there.`,
    );
  }
  return PARTITIONS.aws;
}

/** The partition of an ARN (`arn:aws-cn:iam::…`): where an assumed role's credentials work. */
export function partitionOfArn(arn: string): Partition {
  const name = arn.split(':')[1];
  if (name === 'aws' || name === 'aws-us-gov' || name === 'aws-cn') return PARTITIONS[name];
  throw new CredentialsError(
    'service-error',
    `The role ${arn} is not in a partition with a public console; sso-tray cannot build a console sign-in link there.`,
  );
}

/** The console home page for a region, in that region's partition. */
export function consoleHomeUrl(partition: Partition, region: string | null): string {
  const base = `https://${partition.consoleHost}/console/home`;
  return region ? `${base}?region=${encodeURIComponent(region)}` : base;
}
