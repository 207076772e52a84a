#!/usr/bin/python3
"""Validates every line of JSONL files against a JSON Schema (draft 2020-12).

usage: validate_schema.py SCHEMA FILE...
Prints one line per invalid record ("file:line: path: message") and exits 1 if any; exits 0 and
prints "N records valid" otherwise. Uses Debian's python3-jsonschema; a real validator, not a
re-implementation, so the project's writer is checked against the schema file itself.
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    validator = validator_cls(schema, format_checker=jsonschema.FormatChecker())
    bad = 0
    total = 0
    for path in argv[2:]:
        with open(path, "rb") as f:
            for number, raw in enumerate(f, 1):
                total += 1
                try:
                    record = json.loads(raw.decode("utf-8", errors="strict"))
                except (UnicodeDecodeError, json.JSONDecodeError) as e:
                    print(f"{path}:{number}: not UTF-8 JSON: {e}")
                    bad += 1
                    continue
                for error in validator.iter_errors(record):
                    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
                    print(f"{path}:{number}: {where}: {error.message}")
                    bad += 1
    if bad:
        return 1
    print(f"{total} records valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
