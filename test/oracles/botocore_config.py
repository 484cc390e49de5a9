"""Prints how the real botocore reads each config file given on the command line.

Used by the reader tests as an oracle: {"<path>": {"accepted": bool, "error": str|null,
"profiles": {...}, "sso_sessions": {...}}}.
"""
import json
import sys

import botocore.configloader
import botocore.exceptions

result = {}
for path in sys.argv[1:]:
    try:
        config = botocore.configloader.load_config(path)
        result[path] = {
            "accepted": True,
            "error": None,
            "profiles": config.get("profiles", {}),
            "sso_sessions": config.get("sso_sessions", {}),
        }
    except botocore.exceptions.BotoCoreError as error:
        result[path] = {"accepted": False, "error": str(error), "profiles": {}, "sso_sessions": {}}
json.dump(result, sys.stdout)
