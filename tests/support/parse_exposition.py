#!/usr/bin/env python3
"""Parses a Prometheus text exposition file with Debian's python3-prometheus-client (an
independent parser, not koubei's) and prints what it understood, one line per item:

    family <name> <type> <help as hex UTF-8>
    sample <name> <label>=<value as hex UTF-8>,... (or -) <value as Python repr(float)>

Labels are sorted by name; hex keeps escapes unambiguous. Exit 1 with the parser's error when the
text does not parse."""
import sys

from prometheus_client.parser import text_string_to_metric_families


def hexed(s):
    return s.encode("utf-8").hex()


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    try:
        for family in text_string_to_metric_families(text):
            print("family", family.name, family.type, hexed(family.documentation))
            for s in family.samples:
                labels = ",".join(k + "=" + hexed(v) for k, v in sorted(s.labels.items())) or "-"
                print("sample", s.name, labels, repr(float(s.value)))
    except Exception as e:  # the parser raises ValueError and others on bad input
        print("parse error:", repr(e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
