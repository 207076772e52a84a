#pragma once
// Validates a JSONL file against docs/schema/mention.v1.schema.json with Debian's
// python3-jsonschema (tests/support/validate_schema.py): a real validator, not ours.

#include <filesystem>
#include <string>

namespace koubei::test {

/// The validator's exit code (0 = every line valid); its output goes to `output`.
int validate_jsonl(const std::filesystem::path& jsonl, std::string& output);

/// The same against another schema file (e.g. docs/schema/alert.v1.schema.json).
int validate_jsonl(const std::filesystem::path& schema, const std::filesystem::path& jsonl,
                   std::string& output);

}  // namespace koubei::test
