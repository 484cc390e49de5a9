"""Resolves each profile named on the command line with the real botocore.

Prints {"<profile>": {"config": {...}, "credentials": {...}} | {"error": "..."}} as JSON.
Run with HOME (and AWS_ENDPOINT_URL_SSO for the fake) in the environment.
"""
import json
import sys

import botocore.session

KEYS = ["sso_session", "sso_account_id", "sso_role_name", "region", "output"]

result = {}
for name in sys.argv[1:]:
    try:
        session = botocore.session.Session(profile=name)
        config = session.get_scoped_config()
        frozen = session.get_credentials().get_frozen_credentials()
        result[name] = {
            "config": {key: config.get(key) for key in KEYS if key in config},
            "credentials": {
                "accessKeyId": frozen.access_key,
                "secretAccessKey": frozen.secret_key,
                "sessionToken": frozen.token,
            },
        }
    except Exception as error:  # report per profile; the test decides
        result[name] = {"error": f"{type(error).__name__}: {error}"}
json.dump(result, sys.stdout)
