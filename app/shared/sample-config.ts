// The lines the empty window offers to paste into ~/.aws/config. Shared, so
// main knows them: copyText copies only text main produced or knows.
export const SAMPLE_CONFIG_LINES = `[sso-session my-sso]
sso_start_url = https://my-company.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = ReadOnlyAccess
region = us-east-1
`;
