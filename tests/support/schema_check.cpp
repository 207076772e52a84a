#include "tests/support/schema_check.hpp"

#include <sys/wait.h>

#include <cstdio>

namespace koubei::test {

int validate_jsonl(const std::filesystem::path& jsonl, std::string& output) {
  return validate_jsonl(KOUBEI_SCHEMA_FILE, jsonl, output);
}

int validate_jsonl(const std::filesystem::path& schema, const std::filesystem::path& jsonl,
                   std::string& output) {
  const std::string command = std::string("/usr/bin/python3 ") + KOUBEI_VALIDATOR + " '" +
                              schema.string() + "' '" + jsonl.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    output = "cannot run " + command;
    return -1;
  }
  char buf[4096];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) output += buf;
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace koubei::test
