"""Resolves each profile named on the command line with the real botocore.

Prints {"<profile>": {"method", "accessKeyId", "secretAccessKey", "sessionToken",
"expiration"} | {"error": "<ExceptionType>: <message>"}} as JSON; expiration is
epoch milliseconds or null. Run with HOME, AWS_ENDPOINT_URL_SSO and
AWS_ENDPOINT_URL_STS (the fakes) in the environment.
"""
import json
import sys

import botocore.session

result = {}
for name in sys.argv[1:]:
    try:
        credentials = botocore.session.Session(profile=name).get_credentials()
        if credentials is None:
            raise RuntimeError("no credentials")
        frozen = credentials.get_frozen_credentials()
        expiry = getattr(credentials, "_expiry_time", None)
        result[name] = {
            "method": credentials.method,
            "accessKeyId": frozen.access_key,
            "secretAccessKey": frozen.secret_key,
            "sessionToken": frozen.token,
            "expiration": None if expiry is None else int(expiry.timestamp() * 1000),
        }
    except Exception as error:  # report per profile; the test decides
        result[name] = {"error": f"{type(error).__name__}: {error}"}
json.dump(result, sys.stdout)
